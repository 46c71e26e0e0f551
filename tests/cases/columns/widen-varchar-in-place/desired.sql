CREATE TABLE public.t (code varchar(20), name text);
