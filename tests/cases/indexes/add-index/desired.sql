CREATE TABLE public.t (id int, email text, created_at timestamptz, deleted_at timestamptz);
CREATE INDEX t_email ON public.t (email);
CREATE UNIQUE INDEX t_email_live ON public.t (lower(email)) WHERE deleted_at IS NULL;
