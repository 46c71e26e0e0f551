-- pgdrift plan: 4 statements for 4 changes

BEGIN;
SET LOCAL search_path = "public";

-- public.t.t_brin: create index t_brin brin (created_at)
--   hazard blocks-writes: Blocks writes to the table while it runs (an index build or a validation scan).
CREATE INDEX "t_brin" ON "public"."t" USING "brin" ("created_at");

-- public.t.t_hash: create index t_hash hash (email)
--   hazard blocks-writes: Blocks writes to the table while it runs (an index build or a validation scan).
CREATE INDEX "t_hash" ON "public"."t" USING "hash" ("email");

-- public.t.t_multi: create index t_multi btree (created_at DESC NULLS LAST, (COALESCE(deleted_at, created_at)))
--   hazard blocks-writes: Blocks writes to the table while it runs (an index build or a validation scan).
CREATE INDEX "t_multi" ON "public"."t" ("created_at" DESC NULLS LAST, (COALESCE(deleted_at, created_at)));

-- public.t.t_pattern: create index t_pattern btree (email text_pattern_ops)
--   hazard blocks-writes: Blocks writes to the table while it runs (an index build or a validation scan).
CREATE INDEX "t_pattern" ON "public"."t" ("email" "text_pattern_ops");

COMMIT;
