-- pgdrift plan: 1 statement for 1 change

BEGIN;
SET LOCAL search_path = "public", "ext";

-- citext: change extension citext
ALTER EXTENSION "citext" SET SCHEMA "public";

COMMIT;
