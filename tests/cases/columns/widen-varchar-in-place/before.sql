CREATE TABLE public.t (code varchar(10), name varchar(20));
