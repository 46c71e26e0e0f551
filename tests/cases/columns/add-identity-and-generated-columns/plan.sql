-- pgdrift plan: 2 statements for 2 changes

BEGIN;
SET LOCAL search_path = "public";

-- public.t.id: add column id bigint NOT NULL GENERATED ALWAYS AS IDENTITY
--   hazard rewrites-table: Rewrites the whole table while holding an ACCESS EXCLUSIVE lock; slow on large tables.
ALTER TABLE "public"."t" ADD COLUMN "id" bigint GENERATED ALWAYS AS IDENTITY;

-- public.t.double: add column double integer GENERATED ALWAYS AS (price * 2) STORED
--   hazard rewrites-table: Rewrites the whole table while holding an ACCESS EXCLUSIVE lock; slow on large tables.
ALTER TABLE "public"."t" ADD COLUMN "double" integer GENERATED ALWAYS AS (price * 2) STORED;

COMMIT;
