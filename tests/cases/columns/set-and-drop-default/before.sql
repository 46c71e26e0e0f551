CREATE TABLE public.t (a text DEFAULT 'x', b int, c int DEFAULT 1);
