CREATE TABLE public.a (id int);
CREATE TABLE public.old (id int);
