/**
 * The startup guard: one read-only query, built from the spec, that any backend can run with its
 * own driver before it serves traffic. It returns one row per thing the application needs and the
 * database lacks or has incompatibly; zero rows means the application may start.
 *
 * The query reads the catalog only (no temporary objects, no function of the spec's is called),
 * so a role that may only read can run it. The spec's names and type texts reach it as quoted
 * literals; a type is resolved by PostgreSQL's `to_regtype`, which parses a type name and never
 * evaluates anything.
 */
import { displayIdent, displayQualified, quoteLiteral } from './ident.js';
import type { Schema } from './model.js';

/** What a guard row says is wrong, as a stable code (the `problem` column). */
export const GUARD_PROBLEMS = {
  'missing-extension': 'the extension is not installed',
  'missing-schema': 'the schema does not exist',
  'missing-table': 'the table does not exist',
  'missing-column': 'the column does not exist',
  'missing-type': 'the type does not exist',
  'wrong-type': 'the column has a type of another family',
  'missing-default': 'the column has no default, and the application relies on one',
  'missing-not-null': 'the column accepts NULL where the application expects a value',
  'missing-enum-value': 'the enum lacks a value',
  'missing-primary-key': 'the table has no primary key',
  'missing-unique': 'no unique constraint or index covers these columns',
  'missing-index': 'the index does not exist',
} as const;

export type GuardProblem = keyof typeof GUARD_PROBLEMS;

type Row = Array<string | boolean | null>;

/**
 * `name(columns) AS (VALUES (…), (…))`, or an empty relation of that shape. Columns are text unless
 * named `name:boolean`.
 */
function relation(name: string, columns: string[], rows: Row[]): string {
  const names = columns.map((c) => c.replace(/:boolean$/, ''));
  const value = (v: string | boolean | null): string =>
    v === null ? 'NULL::text' : typeof v === 'boolean' ? String(v) : `${quoteLiteral(v)}::text`;
  if (rows.length === 0) {
    const typed = columns.map((c, i) => `NULL::${c.endsWith(':boolean') ? 'boolean' : 'text'} AS ${names[i] ?? c}`);
    return `${name}(${names.join(', ')}) AS (SELECT ${typed.join(', ')} WHERE false)`;
  }
  return `${name}(${names.join(', ')}) AS (VALUES\n    ${rows.map((r) => `(${r.map(value).join(', ')})`).join(',\n    ')})`;
}

/**
 * The guard query for `schema` (a parsed spec). Columns: `problem` (a GuardProblem code), `object`
 * (the display name, e.g. `public.conversations.updated_at`) and `detail` (a sentence for a log).
 * Rows come sorted by object, then problem.
 */
export function guardQuery(schema: Schema): string {
  const extensions: Row[] = Object.values(schema.extensions).map((e) => [e.name]);
  const schemas: Row[] = Object.keys(schema.schemas).map((s) => [s]);
  const tables: Row[] = [];
  const columns: Row[] = [];
  const keys: Row[] = [];
  const indexes: Row[] = [];
  for (const t of Object.values(schema.tables)) {
    tables.push([t.schema, t.name, displayQualified(t.schema, t.name)]);
    for (const c of t.columns) {
      const needsDefault = c.default !== undefined || Boolean(c.serial) || c.identity !== undefined;
      columns.push([
        t.schema,
        t.name,
        c.name,
        `${displayQualified(t.schema, t.name)}.${displayIdent(c.name)}`,
        c.type,
        c.notNull && c.generated === undefined,
        needsDefault,
      ]);
    }
    if (t.primaryKey)
      keys.push([t.schema, t.name, displayQualified(t.schema, t.name), 'primary', `{${t.primaryKey.columns.map(arrayElement).join(',')}}`]);
    for (const u of t.uniques)
      keys.push([t.schema, t.name, displayQualified(t.schema, t.name), 'unique', `{${u.columns.map(arrayElement).join(',')}}`]);
    for (const i of Object.values(t.indexes))
      indexes.push([t.schema, t.name, i.name, `${displayQualified(t.schema, t.name)}.${displayIdent(i.name)}`]);
  }
  const enumValues: Row[] = [];
  const enums: Row[] = [];
  for (const e of Object.values(schema.enums)) {
    enums.push([e.schema, e.name, displayQualified(e.schema, e.name)]);
    for (const v of e.values) enumValues.push([e.schema, e.name, v, displayQualified(e.schema, e.name)]);
  }
  return `-- pgdrift guard: zero rows means the database has what the application needs.
WITH
  ${relation('want_extensions', ['name'], extensions)},
  ${relation('want_schemas', ['name'], schemas)},
  ${relation('want_tables', ['sch', 'tbl', 'object'], tables)},
  ${relation('want_columns', ['sch', 'tbl', 'col', 'object', 'type', 'not_null:boolean', 'needs_default:boolean'], columns)},
  ${relation('want_keys', ['sch', 'tbl', 'object', 'kind', 'cols'], keys)},
  ${relation('want_indexes', ['sch', 'tbl', 'idx', 'object'], indexes)},
  ${relation('want_enums', ['sch', 'typ', 'object'], enums)},
  ${relation('want_enum_values', ['sch', 'typ', 'value', 'object'], enumValues)},
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
`;
}

/** An element of a text array literal, quoted. */
function arrayElement(name: string): string {
  return `"${name.replace(/\\/g, '\\\\').replace(/"/g, '\\"')}"`;
}
