-- pgdrift plan: 1 statement for 1 change

BEGIN;
SET LOCAL search_path = "public";

-- citext: drop extension citext
--   hazard deletes-data: Deletes data: the rows or values it removes cannot be recovered.
--   hazard dependent-objects: Objects that depend on it (views, foreign keys, defaults) may have to be dropped or changed as well.
DROP EXTENSION "citext";

COMMIT;
