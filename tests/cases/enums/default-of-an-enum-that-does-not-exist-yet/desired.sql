CREATE TYPE public.mood AS ENUM ('sad', 'ok');
CREATE TABLE public.t (m public.mood NOT NULL DEFAULT 'ok' CHECK (m <> 'sad'));
