CREATE TABLE public.p (id int PRIMARY KEY);
CREATE TABLE public.c (id int, p_id int REFERENCES public.p (id), n int CHECK (n > 0), CONSTRAINT c_n_small CHECK (n < 10));
