-- pgdrift plan: 1 statement for 1 change

BEGIN;
SET LOCAL search_path = "public";

-- public.t.t_old: drop index t_old
DROP INDEX "public"."t_old";

COMMIT;
