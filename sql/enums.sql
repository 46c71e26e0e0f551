-- Enum types with their labels in sort order. Types owned by an extension are left out.
SELECT s.nspname AS schema, t.typname AS name,
  pg_catalog.to_json(ARRAY(
    SELECT e.enumlabel FROM pg_catalog.pg_enum e WHERE e.enumtypid = t.oid ORDER BY e.enumsortorder
  )) AS values,
  d.description AS comment
FROM pg_catalog.pg_type t
JOIN scope s ON s.oid = t.typnamespace
LEFT JOIN pg_catalog.pg_description d
  ON d.objoid = t.oid AND d.classoid = 'pg_catalog.pg_type'::regclass AND d.objsubid = 0
LEFT JOIN pg_catalog.pg_depend x
  ON x.objid = t.oid AND x.classid = 'pg_catalog.pg_type'::regclass AND x.deptype = 'e'
WHERE t.typtype = 'e' AND x.objid IS NULL
ORDER BY s.nspname, t.typname
