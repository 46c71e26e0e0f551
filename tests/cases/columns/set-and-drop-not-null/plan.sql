-- pgdrift plan: 5 statements for 2 changes

BEGIN;
SET LOCAL search_path = "public";

-- public.t.b: drop NOT NULL on b
ALTER TABLE "public"."t" ALTER COLUMN "b" DROP NOT NULL;

-- public.t.a: set a NOT NULL
--   hazard may-fail-on-existing-rows: May fail if existing rows violate it; nothing is changed if it does.
ALTER TABLE "public"."t" ADD CONSTRAINT "t_a_not_null_check" CHECK ("a" IS NOT NULL) NOT VALID;
--   hazard may-fail-on-existing-rows: May fail if existing rows violate it; nothing is changed if it does.
ALTER TABLE "public"."t" VALIDATE CONSTRAINT "t_a_not_null_check";
--   hazard access-exclusive-lock: Takes an ACCESS EXCLUSIVE lock: reads and writes of the table wait until it finishes.
ALTER TABLE "public"."t" ALTER COLUMN "a" SET NOT NULL;
ALTER TABLE "public"."t" DROP CONSTRAINT "t_a_not_null_check";

COMMIT;
