CREATE TABLE public.t (price int);
