CREATE TABLE public.t (id int, email text, created_at timestamptz, deleted_at timestamptz);
CREATE INDEX t_email ON public.t (email);
