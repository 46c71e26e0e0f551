-- pgdrift plan: 3 statements for 3 changes

BEGIN;
SET LOCAL search_path = "public";

-- public.t.code: change type of code from character varying(50) to character varying(10)
--   hazard rewrites-table: Rewrites the whole table while holding an ACCESS EXCLUSIVE lock; slow on large tables.
--   hazard may-lose-precision: Narrows or converts a type: existing values that do not fit make it fail, or are changed.
ALTER TABLE "public"."t" ALTER COLUMN "code" TYPE character varying(10);

-- public.t.n: change type of n from bigint to integer
--   hazard rewrites-table: Rewrites the whole table while holding an ACCESS EXCLUSIVE lock; slow on large tables.
--   hazard may-lose-precision: Narrows or converts a type: existing values that do not fit make it fail, or are changed.
ALTER TABLE "public"."t" ALTER COLUMN "n" TYPE integer;

-- public.t.at: change type of at from timestamp with time zone to timestamp without time zone
--   hazard rewrites-table: Rewrites the whole table while holding an ACCESS EXCLUSIVE lock; slow on large tables.
--   hazard may-lose-precision: Narrows or converts a type: existing values that do not fit make it fail, or are changed.
ALTER TABLE "public"."t" ALTER COLUMN "at" TYPE timestamp without time zone;

COMMIT;
