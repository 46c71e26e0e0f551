CREATE TABLE public.t (a text, b text COLLATE "C");
