CREATE TABLE public.p (id int PRIMARY KEY, code text UNIQUE);
CREATE TABLE public.c (p_id int, p_code text REFERENCES public.p (code));
