CREATE TABLE public.t (a text UNIQUE, b text);
