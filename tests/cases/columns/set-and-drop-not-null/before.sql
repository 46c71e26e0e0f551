CREATE TABLE public.t (a text, b text NOT NULL);
