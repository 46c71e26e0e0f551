CREATE TABLE public.t (id int, code text NOT NULL);
