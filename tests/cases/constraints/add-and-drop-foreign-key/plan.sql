-- pgdrift plan: 3 statements for 2 changes

BEGIN;
SET LOCAL search_path = "public";

-- public.c.c_p_code_fkey: drop foreign key c_p_code_fkey (p_code) REFERENCES public.p (code)
ALTER TABLE "public"."c" DROP CONSTRAINT "c_p_code_fkey";

-- public.c.c_p_id_fkey: add foreign key (p_id) REFERENCES public.p (id) ON DELETE CASCADE
ALTER TABLE "public"."c" ADD CONSTRAINT "c_p_id_fkey" FOREIGN KEY ("p_id") REFERENCES "public"."p" ("id") ON DELETE CASCADE NOT VALID;
--   hazard may-fail-on-existing-rows: May fail if existing rows violate it; nothing is changed if it does.
ALTER TABLE "public"."c" VALIDATE CONSTRAINT "c_p_id_fkey";

COMMIT;
