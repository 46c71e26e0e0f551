CREATE TABLE public.t (id int, active boolean);
CREATE VIEW public.active AS SELECT id FROM public.t WHERE active;
