CREATE TABLE public.t (id int, email text, created_at timestamptz, deleted_at timestamptz);
