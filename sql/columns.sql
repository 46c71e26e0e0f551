-- Columns of the tables above, by table oid and in attribute order. The default is printed by
-- PostgreSQL. A plain default cannot name a column, so it is printed without its table: with one,
-- pg_get_expr opens the table (about 0.4 s of backend CPU at 70,000 columns, and it waits for a
-- session that holds the table exclusively). A generated column's expression needs its table, and
-- so does every default read inside apply's transaction ("open" scope), whose read then waits for
-- such a session within its lock_timeout, as its ALTER TABLE statements would.
-- serial_default tells a serial column: its default is nextval() of a sequence the column owns.
-- The literal is built as pg_get_expr prints it (quotes doubled; quote_literal would switch to
-- E'' for a name with a backslash). The owned sequences are read once and joined (a correlated
-- subquery per column cost about 0.4 s of server CPU at 70,000 columns), and the default is
-- printed a second time only for a column that owns a sequence.
-- generated is 's' (stored) or 'v' (virtual, PostgreSQL 18); identity is 'a' (always) or 'd'.
-- default_tree, in the temporary schema only, is the expression as PostgreSQL stored it.
SELECT a.attrelid AS table_oid, a.attname AS name,
  pg_catalog.format_type(a.atttypid, a.atttypmod) AS type,
  a.attnotnull AS not_null,
  pg_catalog.pg_get_expr(ad.adbin, CASE WHEN a.attgenerated <> '' OR s.open THEN ad.adrelid ELSE 0 END, true) AS "default",
  a.attidentity AS identity,
  a.attgenerated AS generated,
  CASE WHEN a.attcollation <> t.typcollation AND a.attcollation <> 0
    THEN co.collname END AS collation,
  CASE WHEN own.nextvals IS NULL OR ad.adbin IS NULL THEN false
    ELSE pg_catalog.pg_get_expr(ad.adbin, 0) = ANY (own.nextvals) END AS serial_default,
  d.description AS comment,
  CASE WHEN s.temp THEN ad.adbin::text END AS default_tree
FROM pg_catalog.pg_attribute a
JOIN pg_catalog.pg_class c ON c.oid = a.attrelid
JOIN scope s ON s.oid = c.relnamespace
JOIN pg_catalog.pg_type t ON t.oid = a.atttypid
LEFT JOIN pg_catalog.pg_collation co ON co.oid = a.attcollation
LEFT JOIN pg_catalog.pg_attrdef ad ON ad.adrelid = a.attrelid AND ad.adnum = a.attnum
LEFT JOIN (
  SELECT sd.refobjid, sd.refobjsubid,
    pg_catalog.array_agg('nextval(''' || pg_catalog.replace(sd.objid::regclass::text, '''', '''''') || '''::regclass)') AS nextvals
  FROM pg_catalog.pg_depend sd
  JOIN pg_catalog.pg_class seq ON seq.oid = sd.objid AND seq.relkind = 'S'
  JOIN pg_catalog.pg_class tc ON tc.oid = sd.refobjid
  JOIN scope ts ON ts.oid = tc.relnamespace
  WHERE sd.classid = 'pg_catalog.pg_class'::regclass AND sd.refclassid = 'pg_catalog.pg_class'::regclass
    AND sd.deptype = 'a'
  GROUP BY sd.refobjid, sd.refobjsubid
) own ON own.refobjid = a.attrelid AND own.refobjsubid = a.attnum
LEFT JOIN pg_catalog.pg_description d
  ON d.objoid = c.oid AND d.classoid = 'pg_catalog.pg_class'::regclass AND d.objsubid = a.attnum
LEFT JOIN pg_catalog.pg_depend x
  ON x.objid = c.oid AND x.classid = 'pg_catalog.pg_class'::regclass AND x.deptype = 'e'
WHERE c.relkind IN ('r', 'p') AND NOT c.relispartition AND a.attnum > 0 AND NOT a.attisdropped
  AND x.objid IS NULL
ORDER BY a.attrelid, a.attnum
