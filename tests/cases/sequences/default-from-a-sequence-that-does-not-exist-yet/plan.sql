-- pgdrift plan: 2 statements for 2 changes

BEGIN;
SET LOCAL search_path = "public";

-- public.counter: create sequence public.counter
CREATE SEQUENCE "public"."counter" AS bigint INCREMENT BY 1 MINVALUE 1 MAXVALUE 9223372036854775807 START WITH 1 CACHE 1 NO CYCLE;

-- public.t: create table public.t (1 column)
CREATE TABLE "public"."t" (
  "n" bigint DEFAULT nextval('public.counter'::regclass)
);

COMMIT;
