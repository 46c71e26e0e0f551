-- pgdrift plan: 2 statements for 2 changes

BEGIN;
SET LOCAL search_path = "public";

-- public.t.code: change type of code from character varying(10) to character varying(20)
--   hazard access-exclusive-lock: Takes an ACCESS EXCLUSIVE lock: reads and writes of the table wait until it finishes.
ALTER TABLE "public"."t" ALTER COLUMN "code" TYPE character varying(20);

-- public.t.name: change type of name from character varying(20) to text
--   hazard access-exclusive-lock: Takes an ACCESS EXCLUSIVE lock: reads and writes of the table wait until it finishes.
ALTER TABLE "public"."t" ALTER COLUMN "name" TYPE text;

COMMIT;
