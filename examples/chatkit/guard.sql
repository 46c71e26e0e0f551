-- pgdrift guard: zero rows means the database has what the application needs.
WITH
  want_extensions(name) AS (SELECT NULL::text AS name WHERE false),
  want_schemas(name) AS (VALUES
    ('public'::text)),
  want_tables(sch, tbl, object) AS (VALUES
    ('public'::text, 'conversations'::text, 'public.conversations'::text),
    ('public'::text, 'messages'::text, 'public.messages'::text)),
  want_columns(sch, tbl, col, object, type, not_null, needs_default) AS (VALUES
    ('public'::text, 'conversations'::text, 'id'::text, 'public.conversations.id'::text, 'varchar(36)'::text, true, false),
    ('public'::text, 'conversations'::text, 'created_at'::text, 'public.conversations.created_at'::text, 'timestamp'::text, false, true),
    ('public'::text, 'conversations'::text, 'updated_at'::text, 'public.conversations.updated_at'::text, 'timestamp'::text, false, true),
    ('public'::text, 'conversations'::text, 'metadata'::text, 'public.conversations.metadata'::text, 'jsonb'::text, false, true),
    ('public'::text, 'messages'::text, 'id'::text, 'public.messages.id'::text, 'varchar(36)'::text, true, false),
    ('public'::text, 'messages'::text, 'session_id'::text, 'public.messages.session_id'::text, 'varchar(36)'::text, false, false),
    ('public'::text, 'messages'::text, 'role'::text, 'public.messages.role'::text, 'varchar(20)'::text, true, false),
    ('public'::text, 'messages'::text, 'content'::text, 'public.messages.content'::text, 'text'::text, true, false),
    ('public'::text, 'messages'::text, 'timestamp'::text, 'public.messages.timestamp'::text, 'timestamp'::text, false, true),
    ('public'::text, 'messages'::text, 'citations'::text, 'public.messages.citations'::text, 'jsonb'::text, false, true),
    ('public'::text, 'messages'::text, 'selected_text'::text, 'public.messages.selected_text'::text, 'text'::text, false, true)),
  want_keys(sch, tbl, object, kind, cols) AS (VALUES
    ('public'::text, 'conversations'::text, 'public.conversations'::text, 'primary'::text, '{"id"}'::text),
    ('public'::text, 'messages'::text, 'public.messages'::text, 'primary'::text, '{"id"}'::text)),
  want_indexes(sch, tbl, idx, object) AS (VALUES
    ('public'::text, 'messages'::text, 'idx_messages_session_id'::text, 'public.messages.idx_messages_session_id'::text)),
  want_enums(sch, typ, object) AS (SELECT NULL::text AS sch, NULL::text AS typ, NULL::text AS object WHERE false),
  want_enum_values(sch, typ, value, object) AS (SELECT NULL::text AS sch, NULL::text AS typ, NULL::text AS value, NULL::text AS object WHERE false),
  live_tables AS (
    SELECT n.nspname AS sch, c.relname AS tbl, c.oid
    FROM pg_catalog.pg_class c JOIN pg_catalog.pg_namespace n ON n.oid = c.relnamespace
    WHERE c.relkind IN ('r', 'p') AND (n.nspname, c.relname) IN (SELECT sch, tbl FROM want_tables)
  ),
  live_columns AS (
    SELECT t.sch, t.tbl, a.attname AS col, a.attnotnull, a.atthasdef OR a.attidentity <> '' OR a.attgenerated <> '' AS has_default,
           ty.typcategory, pg_catalog.format_type(a.atttypid, a.atttypmod) AS type_text
    FROM live_tables t JOIN pg_catalog.pg_attribute a ON a.attrelid = t.oid AND a.attnum > 0 AND NOT a.attisdropped
    JOIN pg_catalog.pg_type ty ON ty.oid = a.atttypid
  ),
  found AS (
    SELECT 'missing-extension' AS problem, w.name AS object, 'CREATE EXTENSION ' || pg_catalog.quote_ident(w.name) || ' has not been run' AS detail
    FROM want_extensions w WHERE NOT EXISTS (SELECT 1 FROM pg_catalog.pg_extension e WHERE e.extname = w.name)
    UNION ALL
    SELECT 'missing-schema', w.name, 'schema ' || w.name || ' does not exist'
    FROM want_schemas w WHERE NOT EXISTS (SELECT 1 FROM pg_catalog.pg_namespace n WHERE n.nspname = w.name)
    UNION ALL
    SELECT 'missing-table', w.object, 'table ' || w.object || ' does not exist'
    FROM want_tables w WHERE NOT EXISTS (SELECT 1 FROM live_tables t WHERE t.sch = w.sch AND t.tbl = w.tbl)
    UNION ALL
    SELECT 'missing-column', w.object, 'column ' || w.object || ' (' || w.type || ') does not exist'
    FROM want_columns w
    WHERE EXISTS (SELECT 1 FROM live_tables t WHERE t.sch = w.sch AND t.tbl = w.tbl)
      AND NOT EXISTS (SELECT 1 FROM live_columns l WHERE l.sch = w.sch AND l.tbl = w.tbl AND l.col = w.col)
    UNION ALL
    SELECT CASE WHEN wt.oid IS NULL THEN 'missing-type' ELSE 'wrong-type' END, w.object,
           CASE WHEN wt.oid IS NULL THEN 'type ' || w.type || ' of column ' || w.object || ' does not exist'
                ELSE 'column ' || w.object || ' is ' || l.type_text || ', the application expects ' || w.type END
    FROM want_columns w
    JOIN live_columns l ON l.sch = w.sch AND l.tbl = w.tbl AND l.col = w.col
    LEFT JOIN pg_catalog.pg_type wt ON wt.oid = pg_catalog.to_regtype(w.type)
    WHERE wt.oid IS NULL OR wt.typcategory <> l.typcategory
    UNION ALL
    SELECT 'missing-default', w.object, 'column ' || w.object || ' has no default; the application leaves it out of its inserts'
    FROM want_columns w JOIN live_columns l ON l.sch = w.sch AND l.tbl = w.tbl AND l.col = w.col
    WHERE w.needs_default AND NOT l.has_default
    UNION ALL
    SELECT 'missing-not-null', w.object, 'column ' || w.object || ' is nullable; the application expects NOT NULL'
    FROM want_columns w JOIN live_columns l ON l.sch = w.sch AND l.tbl = w.tbl AND l.col = w.col
    WHERE w.not_null AND NOT l.attnotnull
    UNION ALL
    SELECT 'missing-' || w.kind || CASE w.kind WHEN 'primary' THEN '-key' ELSE '' END, w.object,
           CASE w.kind WHEN 'primary' THEN 'table ' || w.object || ' has no primary key on (' ELSE 'table ' || w.object || ' has no unique constraint or index on (' END
           || pg_catalog.array_to_string(w.cols::text[], ', ') || ')'
    FROM want_keys w JOIN live_tables t ON t.sch = w.sch AND t.tbl = w.tbl
    WHERE NOT EXISTS (
      SELECT 1 FROM pg_catalog.pg_index i
      WHERE i.indrelid = t.oid AND i.indisvalid AND (CASE w.kind WHEN 'primary' THEN i.indisprimary ELSE i.indisunique END)
        AND i.indexprs IS NULL AND i.indpred IS NULL
        AND (SELECT pg_catalog.array_agg(a.attname::text ORDER BY a.attname)
             FROM pg_catalog.unnest(i.indkey::int2[]) AS k(attnum)
             JOIN pg_catalog.pg_attribute a ON a.attrelid = t.oid AND a.attnum = k.attnum)
            = (SELECT pg_catalog.array_agg(x ORDER BY x) FROM pg_catalog.unnest(w.cols::text[]) AS x)
    )
    UNION ALL
    SELECT 'missing-index', w.object, 'index ' || w.object || ' does not exist'
    FROM want_indexes w JOIN live_tables t ON t.sch = w.sch AND t.tbl = w.tbl
    WHERE NOT EXISTS (
      SELECT 1 FROM pg_catalog.pg_index i JOIN pg_catalog.pg_class ic ON ic.oid = i.indexrelid
      WHERE i.indrelid = t.oid AND ic.relname = w.idx AND i.indisvalid
    )
    UNION ALL
    SELECT 'missing-type', w.object, 'enum ' || w.object || ' does not exist'
    FROM want_enums w WHERE NOT EXISTS (
      SELECT 1 FROM pg_catalog.pg_type ty JOIN pg_catalog.pg_namespace n ON n.oid = ty.typnamespace
      WHERE n.nspname = w.sch AND ty.typname = w.typ AND ty.typtype = 'e'
    )
    UNION ALL
    SELECT 'missing-enum-value', w.object, 'enum ' || w.object || ' has no value ' || pg_catalog.quote_literal(w.value)
    FROM want_enum_values w
    JOIN pg_catalog.pg_namespace n ON n.nspname = w.sch
    JOIN pg_catalog.pg_type ty ON ty.typnamespace = n.oid AND ty.typname = w.typ AND ty.typtype = 'e'
    WHERE NOT EXISTS (SELECT 1 FROM pg_catalog.pg_enum e WHERE e.enumtypid = ty.oid AND e.enumlabel = w.value)
  )
SELECT problem, object, detail FROM found ORDER BY object COLLATE "C", problem COLLATE "C", detail COLLATE "C";
