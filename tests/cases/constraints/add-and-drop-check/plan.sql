-- pgdrift plan: 3 statements for 2 changes

BEGIN;
SET LOCAL search_path = "public";

-- public.t.t_s_check: add check (length(s) < 10)
ALTER TABLE "public"."t" ADD CONSTRAINT "t_s_check" CHECK (length(s) < 10) NOT VALID;
--   hazard may-fail-on-existing-rows: May fail if existing rows violate it; nothing is changed if it does.
ALTER TABLE "public"."t" VALIDATE CONSTRAINT "t_s_check";

-- public.t.t_n_check: drop check t_n_check (n > 0)
ALTER TABLE "public"."t" DROP CONSTRAINT "t_n_check";

COMMIT;
