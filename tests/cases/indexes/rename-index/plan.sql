-- pgdrift plan: 1 statement for 1 change

BEGIN;
SET LOCAL search_path = "public";

-- public.t.t_email_idx: rename index t_email_idx to t_email
ALTER INDEX "public"."t_email_idx" RENAME TO "t_email";

COMMIT;
