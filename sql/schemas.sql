-- Schemas in scope, with their comments. Schemas created by an extension are left out.
SELECT s.nspname AS name, d.description AS comment
FROM scope s
LEFT JOIN pg_catalog.pg_description d
  ON d.objoid = s.oid AND d.classoid = 'pg_catalog.pg_namespace'::regclass AND d.objsubid = 0
LEFT JOIN pg_catalog.pg_depend e
  ON e.objid = s.oid AND e.classid = 'pg_catalog.pg_namespace'::regclass AND e.deptype = 'e'
WHERE e.objid IS NULL
ORDER BY s.nspname
