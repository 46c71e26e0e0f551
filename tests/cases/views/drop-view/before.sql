CREATE TABLE public.t (id int, active boolean);
CREATE VIEW public.old AS SELECT id FROM public.t;
