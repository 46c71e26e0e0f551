CREATE TABLE public.t (a text COLLATE "C", b text);
