-- pgdrift plan: 4 statements for 4 changes

BEGIN;
SET LOCAL search_path = "public";

-- public.c.small: rename constraint small to c_n_small
ALTER TABLE "public"."c" RENAME CONSTRAINT "small" TO "c_n_small";

-- public.c.c_p_id_fkey: validate foreign key c_p_id_fkey (p_id) REFERENCES public.p (id): the database has it NOT VALID
--   hazard may-fail-on-existing-rows: May fail if existing rows violate it; nothing is changed if it does.
ALTER TABLE "public"."c" VALIDATE CONSTRAINT "c_p_id_fkey";

-- public.c.c_n_check: validate check c_n_check (n > 0): the database has it NOT VALID
--   hazard may-fail-on-existing-rows: May fail if existing rows violate it; nothing is changed if it does.
ALTER TABLE "public"."c" VALIDATE CONSTRAINT "c_n_check";

-- public.c.c_n_small: validate check c_n_small (n < 10): the database has it NOT VALID
--   hazard may-fail-on-existing-rows: May fail if existing rows violate it; nothing is changed if it does.
ALTER TABLE "public"."c" VALIDATE CONSTRAINT "c_n_small";

COMMIT;
