CREATE TABLE public.t (code varchar(50), n bigint, at timestamptz);
