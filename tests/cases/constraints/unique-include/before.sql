CREATE TABLE public.t (a int, b text, c text, CONSTRAINT t_a_key UNIQUE (a));
