CREATE TYPE public."Role" AS ENUM ('user');
CREATE TABLE public.a (r public."Role");
