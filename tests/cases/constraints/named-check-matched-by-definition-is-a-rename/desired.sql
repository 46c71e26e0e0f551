CREATE TABLE public.t (n int CONSTRAINT n_positive CHECK (n > 0));
