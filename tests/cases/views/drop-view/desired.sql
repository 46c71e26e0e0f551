CREATE TABLE public.t (id int, active boolean);
