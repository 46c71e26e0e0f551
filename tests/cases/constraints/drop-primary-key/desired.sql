CREATE TABLE public.t (id int NOT NULL);
