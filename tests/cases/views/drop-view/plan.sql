-- pgdrift plan: 1 statement for 1 change

BEGIN;
SET LOCAL search_path = "public";

-- public.old: drop view public.old
--   hazard dependent-objects: Objects that depend on it (views, foreign keys, defaults) may have to be dropped or changed as well.
DROP VIEW "public"."old";

COMMIT;
