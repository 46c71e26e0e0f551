-- pgdrift plan: 1 statement for 1 change

BEGIN;
SET LOCAL search_path = "public";

-- public.b: create table public.b (2 columns)
CREATE TABLE "public"."b" (
  "id" bigserial,
  "a_id" integer,
  PRIMARY KEY ("id")
);

COMMIT;
