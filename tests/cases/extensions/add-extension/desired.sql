CREATE EXTENSION pgcrypto;
CREATE TABLE public.t (id uuid DEFAULT gen_random_uuid());
