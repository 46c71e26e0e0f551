-- pgdrift plan: 3 statements for 2 changes

BEGIN;
SET LOCAL search_path = "public";

-- public.c.c_p_fk: drop foreign key c_p_fk (p_id) REFERENCES public.p (id)
ALTER TABLE "public"."c" DROP CONSTRAINT "c_p_fk";

-- public.c.c_p_fk: add foreign key (p_id) REFERENCES public.p (id) ON DELETE SET NULL ON UPDATE RESTRICT DEFERRABLE INITIALLY DEFERRED
ALTER TABLE "public"."c" ADD CONSTRAINT "c_p_fk" FOREIGN KEY ("p_id") REFERENCES "public"."p" ("id") ON UPDATE RESTRICT ON DELETE SET NULL DEFERRABLE INITIALLY DEFERRED NOT VALID;
--   hazard may-fail-on-existing-rows: May fail if existing rows violate it; nothing is changed if it does.
ALTER TABLE "public"."c" VALIDATE CONSTRAINT "c_p_fk";

COMMIT;
