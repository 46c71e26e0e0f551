CREATE TABLE public.t (a text, CONSTRAINT t_a_key UNIQUE (a));
