-- pgdrift plan: 3 statements for 3 changes

BEGIN;
SET LOCAL search_path = "public";

-- public.t.a: set default of a to 'y'::text (was 'x'::text)
ALTER TABLE "public"."t" ALTER COLUMN "a" SET DEFAULT 'y'::text;

-- public.t.b: set default of b to 42
ALTER TABLE "public"."t" ALTER COLUMN "b" SET DEFAULT 42;

-- public.t.c: drop default of c (was 1)
ALTER TABLE "public"."t" ALTER COLUMN "c" DROP DEFAULT;

COMMIT;
