-- pgdrift plan: 2 statements for 2 changes

BEGIN;
SET LOCAL search_path = "public";

-- public.t.n: change type of n from integer to bigint
--   hazard rewrites-table: Rewrites the whole table while holding an ACCESS EXCLUSIVE lock; slow on large tables.
ALTER TABLE "public"."t" ALTER COLUMN "n" TYPE bigint;

-- public.t.s: change type of s from smallint to numeric
--   hazard rewrites-table: Rewrites the whole table while holding an ACCESS EXCLUSIVE lock; slow on large tables.
ALTER TABLE "public"."t" ALTER COLUMN "s" TYPE numeric;

COMMIT;
