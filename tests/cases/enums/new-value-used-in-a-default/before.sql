CREATE TYPE public.mood AS ENUM ('sad');
CREATE TABLE public.t (m public.mood DEFAULT 'sad');
