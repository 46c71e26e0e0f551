-- Ordinary and partitioned tables (not the partitions themselves), with their comments. The
-- queries of columns, constraints and indexes name their table by this oid.
SELECT c.oid, s.nspname AS schema, c.relname AS name, d.description AS comment
FROM pg_catalog.pg_class c
JOIN scope s ON s.oid = c.relnamespace
LEFT JOIN pg_catalog.pg_description d
  ON d.objoid = c.oid AND d.classoid = 'pg_catalog.pg_class'::regclass AND d.objsubid = 0
LEFT JOIN pg_catalog.pg_depend x
  ON x.objid = c.oid AND x.classid = 'pg_catalog.pg_class'::regclass AND x.deptype = 'e'
WHERE c.relkind IN ('r', 'p') AND NOT c.relispartition AND x.objid IS NULL
ORDER BY s.nspname, c.relname
