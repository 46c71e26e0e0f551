CREATE TYPE public.mood AS ENUM ('happy', 'ok', 'sad');
CREATE TABLE public.t (m public.mood);
