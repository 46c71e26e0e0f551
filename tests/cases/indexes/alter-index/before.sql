CREATE TABLE public.t (id int, email text, created_at timestamptz, deleted_at timestamptz);
CREATE INDEX t_created ON public.t (created_at);
CREATE INDEX t_email ON public.t (email) INCLUDE (id);
