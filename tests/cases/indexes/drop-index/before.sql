CREATE TABLE public.t (id int, email text, created_at timestamptz, deleted_at timestamptz);
CREATE INDEX t_old ON public.t (created_at);
