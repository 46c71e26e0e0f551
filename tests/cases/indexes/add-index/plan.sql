-- pgdrift plan: 2 statements for 2 changes

BEGIN;
SET LOCAL search_path = "public";

-- public.t.t_email: create index t_email btree (email)
--   hazard blocks-writes: Blocks writes to the table while it runs (an index build or a validation scan).
CREATE INDEX "t_email" ON "public"."t" ("email");

-- public.t.t_email_live: create index t_email_live UNIQUE btree ((lower(email))) WHERE deleted_at IS NULL
--   hazard blocks-writes: Blocks writes to the table while it runs (an index build or a validation scan).
--   hazard may-fail-on-existing-rows: May fail if existing rows violate it; nothing is changed if it does.
CREATE UNIQUE INDEX "t_email_live" ON "public"."t" ((lower(email))) WHERE (deleted_at IS NULL);

COMMIT;
