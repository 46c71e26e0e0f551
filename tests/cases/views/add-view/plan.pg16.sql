-- pgdrift plan: 2 statements for 2 changes

BEGIN;
SET LOCAL search_path = "public";

-- public.active: create view public.active
CREATE VIEW "public"."active" AS
SELECT id
   FROM public.t
  WHERE active;

-- public.counts: create materialized view public.counts
CREATE MATERIALIZED VIEW "public"."counts" AS
SELECT count(*) AS n
   FROM public.t;

COMMIT;
