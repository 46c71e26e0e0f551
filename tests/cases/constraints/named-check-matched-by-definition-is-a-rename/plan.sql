-- pgdrift plan: 1 statement for 1 change

BEGIN;
SET LOCAL search_path = "public";

-- public.t.t_n_check: rename constraint t_n_check to n_positive
ALTER TABLE "public"."t" RENAME CONSTRAINT "t_n_check" TO "n_positive";

COMMIT;
