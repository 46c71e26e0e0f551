CREATE TABLE public.t (n int CONSTRAINT n_ok CHECK (n >= 0));
