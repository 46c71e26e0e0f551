-- pgdrift plan: 2 statements for 2 changes

BEGIN;
SET LOCAL search_path = "public";

-- public.t.note: add column note text
ALTER TABLE "public"."t" ADD COLUMN "note" text;

-- public.t.n: add column n integer NOT NULL DEFAULT 0
ALTER TABLE "public"."t" ADD COLUMN "n" integer DEFAULT 0 NOT NULL;

COMMIT;
