CREATE EXTENSION citext;
CREATE EXTENSION pg_trgm;
CREATE TABLE public.t (email citext);
CREATE INDEX t_trgm ON public.t USING gin ((email::text) gin_trgm_ops);
