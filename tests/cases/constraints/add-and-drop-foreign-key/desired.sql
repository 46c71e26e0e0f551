CREATE TABLE public.p (id int PRIMARY KEY, code text UNIQUE);
CREATE TABLE public.c (p_id int REFERENCES public.p ON DELETE CASCADE, p_code text);
