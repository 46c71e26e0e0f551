CREATE TABLE public.p (id int PRIMARY KEY, code text UNIQUE);
CREATE TABLE public.c (p_id int CONSTRAINT c_p_fk REFERENCES public.p);
