-- pgdrift plan: 2 statements for 2 changes

BEGIN;
SET LOCAL search_path = "public";

-- public.mood: add value 'ok' to enum public.mood before 'happy'
--   hazard enum-value-usable-after-commit: A new enum value cannot be used until the transaction that adds it commits.
ALTER TYPE "public"."mood" ADD VALUE 'ok' BEFORE 'happy';

-- public.mood: add value 'ecstatic' to enum public.mood after 'happy'
--   hazard enum-value-usable-after-commit: A new enum value cannot be used until the transaction that adds it commits.
ALTER TYPE "public"."mood" ADD VALUE 'ecstatic' AFTER 'happy';

COMMIT;
