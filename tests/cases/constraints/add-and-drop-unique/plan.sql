-- pgdrift plan: 2 statements for 2 changes

BEGIN;
SET LOCAL search_path = "public";

-- public.t.t_a_key: add unique (a)
--   hazard may-fail-on-existing-rows: May fail if existing rows violate it; nothing is changed if it does.
--   hazard blocks-writes: Blocks writes to the table while it runs (an index build or a validation scan).
ALTER TABLE "public"."t" ADD CONSTRAINT "t_a_key" UNIQUE ("a");

-- public.t.t_b_uq: drop unique constraint t_b_uq (b)
ALTER TABLE "public"."t" DROP CONSTRAINT "t_b_uq";

COMMIT;
