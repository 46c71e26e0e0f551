-- pgdrift plan: 2 statements for 2 changes

BEGIN;
SET LOCAL search_path = "public";

-- public.t.a: change collation of a from default to C
--   hazard rewrites-table: Rewrites the whole table while holding an ACCESS EXCLUSIVE lock; slow on large tables.
ALTER TABLE "public"."t" ALTER COLUMN "a" TYPE text COLLATE "C";

-- public.t.b: change collation of b from C to default
--   hazard rewrites-table: Rewrites the whole table while holding an ACCESS EXCLUSIVE lock; slow on large tables.
ALTER TABLE "public"."t" ALTER COLUMN "b" TYPE text COLLATE "default";

COMMIT;
