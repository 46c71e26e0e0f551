CREATE TABLE public.t (id int);
COMMENT ON TABLE public.t IS 'kept';
COMMENT ON COLUMN public.t.id IS 'kept too';
