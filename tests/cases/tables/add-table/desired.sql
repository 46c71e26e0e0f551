CREATE TABLE public.a (id int);
CREATE TABLE public.b (id bigserial PRIMARY KEY, a_id int);
