-- pgdrift plan: 2 statements for 2 changes

BEGIN;
SET LOCAL search_path = "public";

-- pgcrypto: create extension pgcrypto
CREATE EXTENSION "pgcrypto" SCHEMA "public";

-- public.t: create table public.t (1 column)
CREATE TABLE "public"."t" (
  "id" uuid DEFAULT gen_random_uuid()
);

COMMIT;
