-- pgdrift plan: 4 statements for 2 changes

BEGIN;
SET LOCAL search_path = "public";

-- public.t.a: make a no longer serial
ALTER TABLE "public"."t" ALTER COLUMN "a" DROP DEFAULT;

-- public.t.b: make b serial
CREATE SEQUENCE "public"."t_b_seq" AS integer OWNED BY "public"."t"."b";
SELECT pg_catalog.setval('"public"."t_b_seq"', COALESCE(max("b"), 0) + 1, false) FROM "public"."t";
ALTER TABLE "public"."t" ALTER COLUMN "b" SET DEFAULT nextval('"public"."t_b_seq"'::regclass);

COMMIT;
