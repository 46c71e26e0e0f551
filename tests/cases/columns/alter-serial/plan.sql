-- pgdrift plan: 5 statements for 2 changes

BEGIN;
SET LOCAL search_path = "public";

-- public.t.a: make a no longer serial
ALTER TABLE "public"."t" ALTER COLUMN "a" DROP DEFAULT;
DO $pgdrift$ BEGIN IF pg_catalog.pg_get_serial_sequence('"public"."t"', 'a') IS NOT NULL THEN EXECUTE 'DROP SEQUENCE ' || pg_catalog.pg_get_serial_sequence('"public"."t"', 'a'); END IF; END $pgdrift$;

-- public.t.b: make b serial
CREATE SEQUENCE "public"."t_b_seq" AS integer OWNED BY "public"."t"."b";
SELECT pg_catalog.setval('"public"."t_b_seq"', COALESCE(max("b"), 0) + 1, false) FROM "public"."t";
ALTER TABLE "public"."t" ALTER COLUMN "b" SET DEFAULT nextval('"public"."t_b_seq"'::regclass);

COMMIT;
