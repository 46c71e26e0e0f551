CREATE TABLE public.t (n int, s smallint);
