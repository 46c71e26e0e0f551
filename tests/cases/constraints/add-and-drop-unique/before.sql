CREATE TABLE public.t (a text, b text, CONSTRAINT t_b_uq UNIQUE (b));
