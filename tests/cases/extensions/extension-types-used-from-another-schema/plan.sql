-- pgdrift plan: 1 statement for 1 change

BEGIN;
SET LOCAL search_path = "app", "public";

-- app.t.n: add column n public.citext DEFAULT 'x'::public.citext
ALTER TABLE "app"."t" ADD COLUMN "n" public.citext DEFAULT 'x'::public.citext;

COMMIT;
