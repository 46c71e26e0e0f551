CREATE TABLE public.t (n bigint, s numeric);
