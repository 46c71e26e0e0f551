-- pgdrift plan: 4 statements for 2 changes

BEGIN;
SET LOCAL search_path = "public";

-- public.t.t_created: rebuild index t_created as btree (created_at DESC)
--   hazard blocks-writes: Blocks writes to the table while it runs (an index build or a validation scan).
DROP INDEX "public"."t_created";
--   hazard blocks-writes: Blocks writes to the table while it runs (an index build or a validation scan).
CREATE INDEX "t_created" ON "public"."t" ("created_at" DESC);

-- public.t.t_email: rebuild index t_email as btree (email) INCLUDE (id, created_at)
--   hazard blocks-writes: Blocks writes to the table while it runs (an index build or a validation scan).
DROP INDEX "public"."t_email";
--   hazard blocks-writes: Blocks writes to the table while it runs (an index build or a validation scan).
CREATE INDEX "t_email" ON "public"."t" ("email") INCLUDE ("id", "created_at");

COMMIT;
