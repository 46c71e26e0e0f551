-- pgdrift plan: 6 statements for 2 changes

BEGIN;
SET LOCAL search_path = "public";

-- public.t.b: set b NOT NULL
--   hazard may-fail-on-existing-rows: May fail if existing rows violate it; nothing is changed if it does.
ALTER TABLE "public"."t" ADD CONSTRAINT "t_b_not_null_check" CHECK ("b" IS NOT NULL) NOT VALID;
--   hazard may-fail-on-existing-rows: May fail if existing rows violate it; nothing is changed if it does.
ALTER TABLE "public"."t" VALIDATE CONSTRAINT "t_b_not_null_check";
--   hazard access-exclusive-lock: Takes an ACCESS EXCLUSIVE lock: reads and writes of the table wait until it finishes.
ALTER TABLE "public"."t" ALTER COLUMN "b" SET NOT NULL;
ALTER TABLE "public"."t" DROP CONSTRAINT "t_b_not_null_check";

-- public.t.t_pkey: change primary key to (a, b)
--   hazard may-fail-on-existing-rows: May fail if existing rows violate it; nothing is changed if it does.
--   hazard blocks-writes: Blocks writes to the table while it runs (an index build or a validation scan).
--   hazard dependent-objects: Objects that depend on it (views, foreign keys, defaults) may have to be dropped or changed as well.
ALTER TABLE "public"."t" DROP CONSTRAINT "t_pkey";
--   hazard may-fail-on-existing-rows: May fail if existing rows violate it; nothing is changed if it does.
--   hazard blocks-writes: Blocks writes to the table while it runs (an index build or a validation scan).
--   hazard dependent-objects: Objects that depend on it (views, foreign keys, defaults) may have to be dropped or changed as well.
ALTER TABLE "public"."t" ADD CONSTRAINT "t_pkey" PRIMARY KEY ("a", "b");

COMMIT;
