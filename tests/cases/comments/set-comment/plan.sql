-- pgdrift plan: 7 statements for 7 changes

BEGIN;
SET LOCAL search_path = "app", "public";

-- app: set the comment on schema app
COMMENT ON SCHEMA "app" IS 'the app';

-- app.mood: set the comment on enum app.mood
COMMENT ON TYPE "app"."mood" IS 'moods';

-- app.s: set the comment on sequence app.s
COMMENT ON SEQUENCE "app"."s" IS 'numbers';

-- app.t: remove the comment on table app.t
COMMENT ON TABLE "app"."t" IS NULL;

-- app.t.id: set the comment on column app.t.id
COMMENT ON COLUMN "app"."t"."id" IS 'it''s the "id"';

-- app.t.note: set the comment on column app.t.note
COMMENT ON COLUMN "app"."t"."note" IS 'new';

-- app.v: set the comment on view app.v
COMMENT ON VIEW "app"."v" IS 'one';

COMMIT;
