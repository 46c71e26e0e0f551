-- pgdrift plan: 1 statement for 1 change

BEGIN;
SET LOCAL search_path = "public";

-- public.t.code: add column code text NOT NULL
--   hazard may-fail-on-existing-rows: May fail if existing rows violate it; nothing is changed if it does.
ALTER TABLE "public"."t" ADD COLUMN "code" text NOT NULL;

COMMIT;
