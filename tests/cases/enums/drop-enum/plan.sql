-- pgdrift plan: 1 statement for 1 change

BEGIN;
SET LOCAL search_path = "public";

-- public.mood: drop enum public.mood
--   hazard dependent-objects: Objects that depend on it (views, foreign keys, defaults) may have to be dropped or changed as well.
DROP TYPE "public"."mood";

COMMIT;
