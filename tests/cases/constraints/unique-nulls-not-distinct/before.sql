CREATE TABLE public.t (a text, b text, CONSTRAINT t_a_key UNIQUE (a));
