-- Views and materialized views, their query as PostgreSQL prints it, and their comments. In the
-- temporary schema only, tree is the query as PostgreSQL stored it, with the view's own oid (which
-- the rule's OLD and NEW entries name before PostgreSQL 16) written as 0.
SELECT s.nspname AS schema, c.relname AS name, c.relkind = 'm' AS materialized,
  pg_catalog.pg_get_viewdef(c.oid, true) AS definition, d.description AS comment,
  CASE WHEN s.temp THEN (
    SELECT pg_catalog.regexp_replace(r.ev_action::text, ':relid ' || c.oid || '(?![0-9])', ':relid 0', 'g')
    FROM pg_catalog.pg_rewrite r WHERE r.ev_class = c.oid AND r.rulename = '_RETURN') END AS tree
FROM pg_catalog.pg_class c
JOIN scope s ON s.oid = c.relnamespace
LEFT JOIN pg_catalog.pg_description d
  ON d.objoid = c.oid AND d.classoid = 'pg_catalog.pg_class'::regclass AND d.objsubid = 0
LEFT JOIN pg_catalog.pg_depend x
  ON x.objid = c.oid AND x.classid = 'pg_catalog.pg_class'::regclass AND x.deptype = 'e'
WHERE c.relkind IN ('v', 'm') AND x.objid IS NULL
ORDER BY s.nspname, c.relname
