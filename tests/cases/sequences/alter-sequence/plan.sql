-- pgdrift plan: 1 statement for 1 change

BEGIN;
SET LOCAL search_path = "public";

-- public.invoice_no: change sequence public.invoice_no options
ALTER SEQUENCE "public"."invoice_no" AS bigint INCREMENT BY 10 MINVALUE 1 MAXVALUE 9223372036854775807 CACHE 20 NO CYCLE;

COMMIT;
