-- pgdrift plan: 2 statements for 2 changes

BEGIN;
SET LOCAL search_path = "public";

-- public.t: create table public.t (2 columns)
CREATE TABLE "public"."t" (
  "id" integer,
  "active" boolean
);

-- public.active: create view public.active
CREATE VIEW "public"."active" AS
SELECT id FROM t WHERE active;

COMMIT;
