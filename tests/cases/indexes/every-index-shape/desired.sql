CREATE TABLE public.t (id int, email text, created_at timestamptz, deleted_at timestamptz);
CREATE INDEX t_hash ON public.t USING hash (email);
CREATE INDEX t_multi ON public.t (created_at DESC NULLS LAST, COALESCE(deleted_at, created_at));
CREATE INDEX t_pattern ON public.t (email text_pattern_ops);
CREATE INDEX t_brin ON public.t USING brin (created_at);
