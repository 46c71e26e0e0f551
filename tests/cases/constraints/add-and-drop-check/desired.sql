CREATE TABLE public.t (n int, s text CHECK (length(s) < 10));
