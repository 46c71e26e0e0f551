CREATE TABLE public.t (a text NOT NULL, b text);
