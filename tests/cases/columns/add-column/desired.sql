CREATE TABLE public.t (id int, note text, n int NOT NULL DEFAULT 0);
