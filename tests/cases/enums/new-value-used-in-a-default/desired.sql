CREATE TYPE public.mood AS ENUM ('sad', 'ok');
CREATE TABLE public.t (m public.mood DEFAULT 'ok');
