CREATE TABLE public.t (a int, b int, PRIMARY KEY (a));
