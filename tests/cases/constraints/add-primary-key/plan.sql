-- pgdrift plan: 5 statements for 2 changes

BEGIN;
SET LOCAL search_path = "public";

-- public.t.id: set id NOT NULL
--   hazard may-fail-on-existing-rows: May fail if existing rows violate it; nothing is changed if it does.
ALTER TABLE "public"."t" ADD CONSTRAINT "t_id_not_null_check" CHECK ("id" IS NOT NULL) NOT VALID;
--   hazard may-fail-on-existing-rows: May fail if existing rows violate it; nothing is changed if it does.
ALTER TABLE "public"."t" VALIDATE CONSTRAINT "t_id_not_null_check";
--   hazard access-exclusive-lock: Takes an ACCESS EXCLUSIVE lock: reads and writes of the table wait until it finishes.
ALTER TABLE "public"."t" ALTER COLUMN "id" SET NOT NULL;
ALTER TABLE "public"."t" DROP CONSTRAINT "t_id_not_null_check";

-- public.t.t_pkey: add primary key (id)
--   hazard may-fail-on-existing-rows: May fail if existing rows violate it; nothing is changed if it does.
--   hazard blocks-writes: Blocks writes to the table while it runs (an index build or a validation scan).
ALTER TABLE "public"."t" ADD CONSTRAINT "t_pkey" PRIMARY KEY ("id");

COMMIT;
