CREATE TABLE public.t (id int CONSTRAINT t_id_pk PRIMARY KEY);
