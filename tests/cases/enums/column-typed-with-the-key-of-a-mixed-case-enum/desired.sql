CREATE TYPE public."Role" AS ENUM ('user', 'admin');
CREATE TABLE public.a (r public."Role");
CREATE TABLE public.b (r public."Role" DEFAULT 'admin', rs public."Role"[]);
