-- pgdrift plan: 3 statements for 2 changes

BEGIN;
SET LOCAL search_path = "public";

-- public.active: replace the query of view public.active
CREATE OR REPLACE VIEW "public"."active" AS
SELECT t.id,
    t.active
   FROM public.t
  WHERE t.active;

-- public.counts: turn materialized view public.counts into a plain view (dropped and created again)
--   hazard access-exclusive-lock: Takes an ACCESS EXCLUSIVE lock: reads and writes of the table wait until it finishes.
DROP MATERIALIZED VIEW "public"."counts";
--   hazard access-exclusive-lock: Takes an ACCESS EXCLUSIVE lock: reads and writes of the table wait until it finishes.
CREATE VIEW "public"."counts" AS
SELECT count(*) AS n
   FROM public.t;

COMMIT;
