CREATE TABLE public.t (a serial, b int NOT NULL);
