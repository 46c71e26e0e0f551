-- pgdrift plan: 3 statements for 2 changes

BEGIN;
SET LOCAL search_path = "public";

-- public.t.n_ok: drop check n_ok (n > 0)
ALTER TABLE "public"."t" DROP CONSTRAINT "n_ok";

-- public.t.n_ok: add check (n >= 0)
ALTER TABLE "public"."t" ADD CONSTRAINT "n_ok" CHECK (n >= 0) NOT VALID;
--   hazard may-fail-on-existing-rows: May fail if existing rows violate it; nothing is changed if it does.
ALTER TABLE "public"."t" VALIDATE CONSTRAINT "n_ok";

COMMIT;
