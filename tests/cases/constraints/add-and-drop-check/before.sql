CREATE TABLE public.t (n int CHECK (n > 0), s text);
