CREATE EXTENSION btree_gist;
CREATE EXTENSION citext;
CREATE TABLE public.t (id int, email citext DEFAULT 'x', CHECK (email <> 'NOBODY'));
CREATE INDEX t_id_gist ON public.t USING gist (id);
CREATE VIEW public.emails AS SELECT email FROM public.t WHERE email = 'A';
