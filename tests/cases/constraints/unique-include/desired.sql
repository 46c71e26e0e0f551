CREATE TABLE public.t (a int, b text, c text, CONSTRAINT t_a_key UNIQUE (a) INCLUDE (b), UNIQUE (c) INCLUDE (a, b));
