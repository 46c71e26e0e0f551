-- pgdrift plan: 1 statement for 1 change

BEGIN;
SET LOCAL search_path = "public";

-- public.t.t_pkey: rename constraint t_pkey to t_id_pk
ALTER TABLE "public"."t" RENAME CONSTRAINT "t_pkey" TO "t_id_pk";

COMMIT;
