CREATE TABLE public.t (id int, legacy text);
