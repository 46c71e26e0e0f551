CREATE TABLE public.t (id int, active boolean);
CREATE VIEW public.active AS SELECT id, active FROM public.t WHERE active;
CREATE VIEW public.counts AS SELECT count(*) AS n FROM public.t;
