-- pgdrift plan: 2 statements for 2 changes

BEGIN;
SET LOCAL search_path = "public";

-- public.mood: create enum public.mood (sad, ok)
CREATE TYPE "public"."mood" AS ENUM ('sad', 'ok');

-- public.t: create table public.t (1 column, 1 check)
CREATE TABLE "public"."t" (
  "m" public.mood DEFAULT 'ok'::public.mood NOT NULL,
  CHECK (m <> 'sad'::public.mood)
);

COMMIT;
