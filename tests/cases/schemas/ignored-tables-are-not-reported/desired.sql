CREATE TABLE public.t (id int);
CREATE TABLE public.schema_migrations (version text, applied_at timestamptz);
