CREATE TABLE public.t (code varchar(10), n int, at timestamp);
