-- pgdrift plan: 3 statements for 1 change

BEGIN;
SET LOCAL search_path = "public";

-- public.mood: change enum public.mood values from (sad, meh, happy) to (sad, happy)
--   hazard deletes-data: Deletes data: the rows or values it removes cannot be recovered.
--   hazard rewrites-table: Rewrites the whole table while holding an ACCESS EXCLUSIVE lock; slow on large tables.
--   hazard dependent-objects: Objects that depend on it (views, foreign keys, defaults) may have to be dropped or changed as well.
ALTER TYPE "public"."mood" RENAME TO "mood__pgdrift_old";
--   hazard deletes-data: Deletes data: the rows or values it removes cannot be recovered.
--   hazard rewrites-table: Rewrites the whole table while holding an ACCESS EXCLUSIVE lock; slow on large tables.
--   hazard dependent-objects: Objects that depend on it (views, foreign keys, defaults) may have to be dropped or changed as well.
CREATE TYPE "public"."mood" AS ENUM ('sad', 'happy');
--   hazard deletes-data: Deletes data: the rows or values it removes cannot be recovered.
--   hazard rewrites-table: Rewrites the whole table while holding an ACCESS EXCLUSIVE lock; slow on large tables.
--   hazard dependent-objects: Objects that depend on it (views, foreign keys, defaults) may have to be dropped or changed as well.
DROP TYPE "public"."mood__pgdrift_old";

COMMIT;
