-- Primary key, unique, foreign key and check constraints. NOT NULL constraints (contype 'n',
-- PostgreSQL 18) are read from pg_attribute.attnotnull instead. Column lists keep key order (a
-- check has none: its model does not list columns); each name is one lookup on pg_attribute's
-- (attrelid, attnum) index, which costs about a quarter less server CPU than joining the table's
-- attributes per constraint (0.60 s -> 0.45 s at 15,000).
-- indnullsnotdistinct exists from PostgreSQL 15 on; before 15 it is read through to_jsonb, which
-- keeps the query valid on 14, where it is absent and so false (scripts/gen-sql.mjs makes both
-- versions from the "before 15" / "from 15" comments around it). Only a unique constraint has it
-- (converting the whole pg_index row of every primary key too cost about 40 ms at 5,000 tables).
-- tree, in the temporary schema only, is a check's expression as PostgreSQL stored it. include:
-- the INCLUDE columns of a unique constraint's index (conkey lists only its key columns).
-- Exclusion constraints are read with their indexes (indexes.sql).
SELECT k.conrelid AS table_oid, k.conname AS name, k.contype AS type,
  CASE WHEN k.contype <> 'c' THEN pg_catalog.to_json(ARRAY(
    SELECT (SELECT a.attname FROM pg_catalog.pg_attribute a WHERE a.attrelid = k.conrelid AND a.attnum = u.attnum)
    FROM pg_catalog.unnest(k.conkey) WITH ORDINALITY u(attnum, ord) ORDER BY u.ord)) END AS columns,
  rs.nspname AS ref_schema, rc.relname AS ref_table,
  pg_catalog.to_json(ARRAY(
    SELECT (SELECT a.attname FROM pg_catalog.pg_attribute a WHERE a.attrelid = k.confrelid AND a.attnum = u.attnum)
    FROM pg_catalog.unnest(k.confkey) WITH ORDINALITY u(attnum, ord) ORDER BY u.ord)) AS ref_columns,
  k.confupdtype AS on_update, k.confdeltype AS on_delete, k.confmatchtype AS match,
  k.condeferrable AS deferrable, k.condeferred AS deferred, k.connoinherit AS no_inherit, k.convalidated AS validated,
  CASE WHEN k.contype = 'c' THEN pg_catalog.pg_get_expr(k.conbin, k.conrelid, true) END AS expression,
  /* before 15: */ COALESCE((pg_catalog.to_jsonb(i) ->> 'indnullsnotdistinct')::boolean, false) /* from 15: i.indnullsnotdistinct */ AS nulls_not_distinct,
  CASE WHEN s.temp AND k.contype = 'c' THEN k.conbin::text END AS tree,
  CASE WHEN k.contype = 'u' AND i.indnatts > i.indnkeyatts THEN pg_catalog.to_json(ARRAY(
    SELECT (SELECT a.attname FROM pg_catalog.pg_attribute a WHERE a.attrelid = i.indrelid AND a.attnum = i.indkey[g.k])
    FROM pg_catalog.generate_series(i.indnkeyatts, i.indnatts - 1) g(k)
    ORDER BY g.k)) END AS include
FROM pg_catalog.pg_constraint k
JOIN pg_catalog.pg_class c ON c.oid = k.conrelid
JOIN scope s ON s.oid = c.relnamespace
LEFT JOIN pg_catalog.pg_class rc ON rc.oid = k.confrelid
LEFT JOIN pg_catalog.pg_namespace rs ON rs.oid = rc.relnamespace
LEFT JOIN pg_catalog.pg_index i ON i.indexrelid = k.conindid AND k.contype = 'u'
LEFT JOIN pg_catalog.pg_depend x
  ON x.objid = c.oid AND x.classid = 'pg_catalog.pg_class'::regclass AND x.deptype = 'e'
WHERE k.contype IN ('p', 'u', 'f', 'c') AND c.relkind IN ('r', 'p') AND NOT c.relispartition
  AND x.objid IS NULL
ORDER BY k.conrelid, k.contype, k.conname
