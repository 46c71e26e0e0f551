CREATE TABLE public.t (a text DEFAULT 'y', b int DEFAULT 42, c int);
