CREATE TABLE public.t (a int NOT NULL, b serial);
