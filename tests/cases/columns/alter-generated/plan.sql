-- pgdrift plan: 4 statements for 2 changes

BEGIN;
SET LOCAL search_path = "public";

-- public.t.total: change generated expression of total to price * 3
--   hazard deletes-data: Deletes data: the rows or values it removes cannot be recovered.
--   hazard rewrites-table: Rewrites the whole table while holding an ACCESS EXCLUSIVE lock; slow on large tables.
ALTER TABLE "public"."t" DROP COLUMN "total";
--   hazard deletes-data: Deletes data: the rows or values it removes cannot be recovered.
--   hazard rewrites-table: Rewrites the whole table while holding an ACCESS EXCLUSIVE lock; slow on large tables.
ALTER TABLE "public"."t" ADD COLUMN "total" integer GENERATED ALWAYS AS (price * 3) STORED;

-- public.t.plain: change generated expression of plain to price + 1
--   hazard deletes-data: Deletes data: the rows or values it removes cannot be recovered.
--   hazard rewrites-table: Rewrites the whole table while holding an ACCESS EXCLUSIVE lock; slow on large tables.
ALTER TABLE "public"."t" DROP COLUMN "plain";
--   hazard deletes-data: Deletes data: the rows or values it removes cannot be recovered.
--   hazard rewrites-table: Rewrites the whole table while holding an ACCESS EXCLUSIVE lock; slow on large tables.
ALTER TABLE "public"."t" ADD COLUMN "plain" integer GENERATED ALWAYS AS (price + 1) STORED;

COMMIT;
