-- pgdrift plan: 1 statement for 1 change

BEGIN;
SET LOCAL search_path = "public";

-- public.invoice_no: create sequence public.invoice_no
CREATE SEQUENCE "public"."invoice_no" AS integer INCREMENT BY 10 MINVALUE 1 MAXVALUE 2147483647 START WITH 1000 CACHE 1 NO CYCLE;

COMMIT;
