-- Free-standing sequences. Sequences behind serial columns (deptype 'a') and identity columns
-- (deptype 'i') belong to their column and are left out, as are extension-owned ones ('e').
SELECT s.nspname AS schema, c.relname AS name,
  pg_catalog.format_type(q.seqtypid, NULL) AS type,
  q.seqstart::text AS start, q.seqincrement::text AS increment,
  q.seqmin::text AS min, q.seqmax::text AS max, q.seqcache::text AS cache, q.seqcycle AS cycle,
  d.description AS comment
FROM pg_catalog.pg_sequence q
JOIN pg_catalog.pg_class c ON c.oid = q.seqrelid
JOIN scope s ON s.oid = c.relnamespace
LEFT JOIN pg_catalog.pg_description d
  ON d.objoid = c.oid AND d.classoid = 'pg_catalog.pg_class'::regclass AND d.objsubid = 0
LEFT JOIN pg_catalog.pg_depend x
  ON x.objid = c.oid AND x.classid = 'pg_catalog.pg_class'::regclass AND x.deptype IN ('a', 'i', 'e')
WHERE x.objid IS NULL
ORDER BY s.nspname, c.relname
