-- pgdrift plan: 2 statements for 2 changes

-- New enum values that later statements use: PostgreSQL lets a value be used only once
-- the transaction that adds it has committed, so these commit first.
BEGIN;

-- public.mood: add value 'ok' to enum public.mood after 'sad'
--   hazard enum-value-usable-after-commit: A new enum value cannot be used until the transaction that adds it commits.
ALTER TYPE "public"."mood" ADD VALUE 'ok' AFTER 'sad';

COMMIT;

BEGIN;
SET LOCAL search_path = "public";

-- public.t.m: set default of m to 'ok'::mood (was 'sad'::public.mood)
ALTER TABLE "public"."t" ALTER COLUMN "m" SET DEFAULT 'ok'::mood;

COMMIT;
