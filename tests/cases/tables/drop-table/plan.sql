-- pgdrift plan: 1 statement for 1 change

BEGIN;
SET LOCAL search_path = "public";

-- public.old: drop table public.old
--   hazard deletes-data: Deletes data: the rows or values it removes cannot be recovered.
--   hazard access-exclusive-lock: Takes an ACCESS EXCLUSIVE lock: reads and writes of the table wait until it finishes.
--   hazard dependent-objects: Objects that depend on it (views, foreign keys, defaults) may have to be dropped or changed as well.
DROP TABLE "public"."old";

COMMIT;
