-- pgdrift plan: 1 statement for 1 change

BEGIN;
SET LOCAL search_path = "public";

-- public.t.t_pkey: drop primary key t_pkey
--   hazard dependent-objects: Objects that depend on it (views, foreign keys, defaults) may have to be dropped or changed as well.
ALTER TABLE "public"."t" DROP CONSTRAINT "t_pkey";

COMMIT;
