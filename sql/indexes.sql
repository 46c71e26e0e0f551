-- Secondary indexes, and the indexes of exclusion constraints (exclusion names the constraint; its
-- operators, deferrable and deferred come with it): those that back a primary key or unique
-- constraint are part of the constraint. An operator outside pg_catalog is OPERATOR(schema.op). A column key is its column's name as stored (pg_get_indexdef would quote it:
-- "order", "Email"); an expression key is printed by PostgreSQL (pg_get_indexdef with a column
-- number). indoption bit 1 is DESC, bit 2 is NULLS FIRST. An operator class is named only when it
-- is not the default one for its type, a collation only when it is not the one the key has anyway
-- (the column's own, or the default of an expression's type). A key's column is looked up by its
-- number (a join read all the table's columns into a hash for every index: ~0.15 s at 10,000).
-- An invalid index (left by a failed CREATE INDEX CONCURRENTLY, or being built by one) gives its
-- oid and whether a build is under way; a valid one gives neither, so the common row stays short.
-- nulls_not_distinct is read one way before PostgreSQL 15 and another from 15 on: see constraints.sql.
-- In the temporary schema only, exprs_tree and where_tree are the expressions and the predicate
-- as PostgreSQL stored them.
SELECT i.indrelid AS table_oid, ic.relname AS name, am.amname AS method,
  i.indisunique AS "unique",
  CASE WHEN NOT i.indisvalid THEN i.indexrelid END AS invalid_oid,
  CASE WHEN NOT i.indisvalid THEN EXISTS (
    SELECT 1 FROM pg_catalog.pg_stat_progress_create_index p WHERE p.index_relid = i.indexrelid) END AS building,
  /* before 15: */ COALESCE((pg_catalog.to_jsonb(i) ->> 'indnullsnotdistinct')::boolean, false) /* from 15: i.indnullsnotdistinct */ AS nulls_not_distinct,
  pg_catalog.pg_get_expr(i.indpred, i.indrelid, true) AS "where",
  pg_catalog.to_json(ARRAY(
    SELECT pg_catalog.json_build_object(
      'expression', CASE WHEN i.indkey[g.k] = 0 THEN pg_catalog.pg_get_indexdef(i.indexrelid, g.k + 1, true)
        ELSE (SELECT a.attname::text FROM pg_catalog.pg_attribute a WHERE a.attrelid = i.indrelid AND a.attnum = i.indkey[g.k]) END,
      'column', i.indkey[g.k] <> 0,
      'descending', (i.indoption[g.k] & 1) <> 0,
      'nullsFirst', (i.indoption[g.k] & 2) <> 0,
      'opclass', CASE WHEN NOT oc.opcdefault THEN oc.opcname END,
      'collation', CASE
        WHEN i.indcollation[g.k] = 0 THEN NULL
        WHEN i.indkey[g.k] <> 0 THEN (
          SELECT kc.collname FROM pg_catalog.pg_attribute a
          JOIN pg_catalog.pg_collation kc ON kc.oid = i.indcollation[g.k]
          WHERE a.attrelid = i.indrelid AND a.attnum = i.indkey[g.k] AND a.attcollation <> i.indcollation[g.k])
        WHEN i.indcollation[g.k] <> (
          SELECT kt.typcollation FROM pg_catalog.pg_attribute ka
          JOIN pg_catalog.pg_type kt ON kt.oid = ka.atttypid
          WHERE ka.attrelid = i.indexrelid AND ka.attnum = g.k + 1)
        THEN (SELECT kc.collname FROM pg_catalog.pg_collation kc WHERE kc.oid = i.indcollation[g.k]) END)
    FROM pg_catalog.generate_series(0, i.indnkeyatts - 1) g(k)
    JOIN pg_catalog.pg_opclass oc ON oc.oid = i.indclass[g.k]
    ORDER BY g.k)) AS keys,
  pg_catalog.to_json(ARRAY(
    SELECT (SELECT a.attname FROM pg_catalog.pg_attribute a WHERE a.attrelid = i.indrelid AND a.attnum = i.indkey[g.k])
    FROM pg_catalog.generate_series(i.indnkeyatts, i.indnatts - 1) g(k)
    ORDER BY g.k)) AS include,
  x_k.conname AS exclusion,
  CASE WHEN x_k.oid IS NOT NULL THEN pg_catalog.to_json(ARRAY(
    SELECT CASE WHEN o.oprnamespace = 'pg_catalog'::pg_catalog.regnamespace THEN o.oprname::text
      ELSE pg_catalog.format('OPERATOR(%I.%s)', (SELECT n.nspname FROM pg_catalog.pg_namespace n WHERE n.oid = o.oprnamespace), o.oprname) END
    FROM pg_catalog.unnest(x_k.conexclop) WITH ORDINALITY u(op, ord)
    JOIN pg_catalog.pg_operator o ON o.oid = u.op
    ORDER BY u.ord)) END AS operators,
  x_k.condeferrable AS deferrable, x_k.condeferred AS deferred,
  CASE WHEN s.temp THEN i.indexprs::text END AS exprs_tree,
  CASE WHEN s.temp THEN i.indpred::text END AS where_tree
FROM pg_catalog.pg_index i
JOIN pg_catalog.pg_class ic ON ic.oid = i.indexrelid
JOIN pg_catalog.pg_class c ON c.oid = i.indrelid
JOIN scope s ON s.oid = c.relnamespace
JOIN pg_catalog.pg_am am ON am.oid = ic.relam
LEFT JOIN pg_catalog.pg_constraint k ON k.conindid = i.indexrelid AND k.conrelid = i.indrelid
  AND k.contype IN ('p', 'u')
LEFT JOIN pg_catalog.pg_constraint x_k ON x_k.conindid = i.indexrelid AND x_k.conrelid = i.indrelid
  AND x_k.contype = 'x'
LEFT JOIN pg_catalog.pg_depend x
  ON x.objid = c.oid AND x.classid = 'pg_catalog.pg_class'::regclass AND x.deptype = 'e'
WHERE k.oid IS NULL AND c.relkind IN ('r', 'p') AND NOT c.relispartition AND x.objid IS NULL
ORDER BY i.indrelid, ic.relname
