/**
 * Lets PostgreSQL canonicalise the spec. The spec's tables, enums, sequences and views are created
 * as temporary objects inside a transaction that is always rolled back, then read back through the
 * very catalog queries used on the live database; so `int`, `NOW()`, `IN (...)` and `USING btree`
 * come back spelled exactly as the live catalog spells them. Needs only the TEMP privilege, which
 * every role has by default, and leaves nothing behind.
 *
 * Only what differs textually from the live database is sent (a spec made by `snapshot` sends
 * nothing), and everything goes in one round trip. Each fragment runs in its own subtransaction so
 * that a bad one is reported with its JSON path instead of aborting the rest.
 */
import { serverMessage, SpecError } from '../core/errors.js';
import { displayIdent, displayQualified, parseQualifiedName, quoteIdent, quoteLiteral } from '../core/ident.js';
import {
  sameValue,
  type CheckConstraint,
  type Column,
  type ExclusionConstraint,
  type Index,
  type IndexKey,
  type Schema,
  type Table,
  type View,
} from '../core/model.js';
import { exclusionBody, indexSql, keySql, qualifiedSql, specSearchPath } from '../core/plan.js';
import { join } from '../core/spec.js';
import { CATALOG_QUERIES, catalogReader, catalogStatements, SchemaBuilder, treeKey } from './introspect.js';
import { normalizeTree } from './node-tree.js';
import type { Session } from './session.js';

interface Step {
  path: string;
  sql: string;
  /** A soft step may fail: it mentions a type or sequence the database does not have yet. */
  soft?: boolean;
  /** Run when `sql` fails, so that later steps still find the column (added without its default). */
  fallback?: string;
}
interface Item extends Step {
  /** A soft item may fail (a view over tables that do not exist yet): it keeps the spec's text. */
  soft?: boolean;
  /** Run one by one when `sql` fails, to find the fragment at fault. */
  steps?: Step[];
  /** About how many locks the item's objects hold until the transaction ends (see batches). */
  locks: number;
  /** Made in every batch: an enum's stand-in or a sequence, which tables of any batch may use. */
  shared?: boolean;
}

const RUNNER = `DO $pgdrift$
DECLARE
  item jsonb;
  step jsonb;
BEGIN
  CREATE TEMP TABLE pgdrift_errors (path text, message text, soft boolean, seq serial);
  FOR item IN SELECT value FROM pg_catalog.jsonb_array_elements(pg_catalog.current_setting('pgdrift.ddl')::jsonb) LOOP
    BEGIN
      EXECUTE item ->> 'sql';
    EXCEPTION WHEN others THEN
      IF item ? 'steps' THEN
        FOR step IN SELECT value FROM pg_catalog.jsonb_array_elements(item -> 'steps') LOOP
          BEGIN
            EXECUTE step ->> 'sql';
          EXCEPTION WHEN others THEN
            INSERT INTO pg_temp.pgdrift_errors (path, message, soft) VALUES (step ->> 'path', SQLERRM, COALESCE((step ->> 'soft')::boolean, (item ->> 'soft')::boolean, false));
            IF step ? 'fallback' THEN
              BEGIN
                EXECUTE step ->> 'fallback';
              EXCEPTION WHEN others THEN
                NULL;
              END;
            END IF;
          END;
        END LOOP;
      ELSE
        INSERT INTO pg_temp.pgdrift_errors (path, message, soft) VALUES (item ->> 'path', SQLERRM, COALESCE((item ->> 'soft')::boolean, false));
      END IF;
    END;
  END LOOP;
END
$pgdrift$`;

/**
 * Makes index `index_sql` of temporary table `tbl` on stand-in columns `<prefix>1`, `<prefix>2`…
 * of the types of `exprs` (see indexDdl), each key with its expression's collation unless it
 * names one. The expressions' types and collations are read from a view of them, which is made
 * and dropped without being queried.
 */
const INDEX_FUNCTION = `CREATE FUNCTION pg_temp.pgdrift_index(tbl text, prefix text, exprs text[], index_sql text) RETURNS void LANGUAGE plpgsql AS $pgdrift$
DECLARE
  k record;
  statement text := index_sql;
  view text := prefix || 'v';
BEGIN
  IF pg_catalog.cardinality(exprs) > 0 THEN
    EXECUTE pg_catalog.format('CREATE TEMP VIEW %I AS SELECT %s FROM pg_temp.%I', view,
      (SELECT pg_catalog.string_agg(pg_catalog.format(E'(%s\\n) AS %I', u.e, 'k' || u.i), ', ' ORDER BY u.i) FROM pg_catalog.unnest(exprs) WITH ORDINALITY u(e, i)), tbl);
    FOR k IN
      SELECT a.attnum, pg_catalog.format_type(a.atttypid, a.atttypmod) AS type,
        CASE WHEN a.attcollation <> 0 AND a.attcollation <> t.typcollation THEN pg_catalog.format('%I.%I', cn.nspname, co.collname) END AS collation
      FROM pg_catalog.pg_attribute a
      JOIN pg_catalog.pg_type t ON t.oid = a.atttypid
      LEFT JOIN pg_catalog.pg_collation co ON co.oid = a.attcollation
      LEFT JOIN pg_catalog.pg_namespace cn ON cn.oid = co.collnamespace
      WHERE a.attrelid = pg_catalog.format('pg_temp.%I', view)::pg_catalog.regclass AND a.attnum > 0
      ORDER BY a.attnum
    LOOP
      EXECUTE pg_catalog.format('ALTER TABLE pg_temp.%I ADD COLUMN %I %s', tbl, prefix || k.attnum, k.type);
      statement := pg_catalog.replace(statement, '/*pgdrift_collate_' || k.attnum || '*/', COALESCE(' COLLATE ' || k.collation, ''));
    END LOOP;
    EXECUTE pg_catalog.format('DROP VIEW pg_temp.%I', view);
  END IF;
  EXECUTE statement;
END
$pgdrift$`;

/**
 * Stores the generation expression `expr` of column `col` of temporary table `tbl` as statistics
 * object `stat` (see generatedDdl): as it is when its type is the column's, cast to the column's
 * type otherwise (then named `<stat>_c`). Its type is read from a view of it, never queried.
 */
const GENERATED_FUNCTION = `CREATE FUNCTION pg_temp.pgdrift_generated(tbl text, col text, expr text, stat text) RETURNS void LANGUAGE plpgsql AS $pgdrift$
DECLARE
  et oid;
  etm int;
  ct oid;
  ctm int;
BEGIN
  EXECUTE pg_catalog.format(E'CREATE TEMP VIEW %I AS SELECT (%s\\n) AS g FROM pg_temp.%I', stat || 'v', expr, tbl);
  SELECT a.atttypid, a.atttypmod INTO et, etm FROM pg_catalog.pg_attribute a WHERE a.attrelid = pg_catalog.format('pg_temp.%I', stat || 'v')::pg_catalog.regclass AND a.attnum = 1;
  SELECT a.atttypid, a.atttypmod INTO ct, ctm FROM pg_catalog.pg_attribute a WHERE a.attrelid = pg_catalog.format('pg_temp.%I', tbl)::pg_catalog.regclass AND a.attname = col;
  EXECUTE pg_catalog.format('DROP VIEW pg_temp.%I', stat || 'v');
  IF et = ct AND (ctm = -1 OR etm = ctm) THEN
    EXECUTE pg_catalog.format(E'CREATE STATISTICS pg_temp.%I ON (%s\\n), (0) FROM pg_temp.%I', stat, expr, tbl);
  ELSE
    EXECUTE pg_catalog.format(E'CREATE STATISTICS pg_temp.%I ON ((%s\\n)::%s), (0) FROM pg_temp.%I', stat || '_c', expr, pg_catalog.format_type(ct, ctm), tbl);
  END IF;
END
$pgdrift$`;

/** The statistics objects that stand for index expressions (see indexDdl), as PostgreSQL stored them. */
const STATISTICS_QUERY = `SELECT s.stxname, pg_catalog.pg_get_expr(s.stxexprs, s.stxrelid, true) AS printed, s.stxexprs::text AS tree,
  (SELECT a.attname FROM pg_catalog.pg_attribute a WHERE a.attrelid = s.stxrelid AND a.attnum = s.stxkeys[0]) AS column_name
FROM pg_catalog.pg_statistic_ext s WHERE s.stxnamespace = pg_catalog.pg_my_temp_schema()`;

interface StandInExpression {
  /** PostgreSQL's printing of the list `expression, 0`. */
  printed: string;
  /** The list as stored (pg_node_tree text). */
  tree: string;
  /** Set when the expression is a bare column: its name. */
  column: string | null;
}

/**
 * An index key as pg_get_indexdef prints it from a stand-in (see indexDdl): the expression as
 * pg_get_expr prints it, in parentheses unless it looks like a function call (ruleutils.c's
 * looks_like_function: a call shown as a call, COALESCE, NULLIF, GREATEST/LEAST, CURRENT_DATE
 * and the like, and XML functions).
 */
function standInKey(stat: StandInExpression): IndexKey['expression'] {
  const printed = stat.printed.replace(/, 0$/, '');
  const top = /^\(\{(\w+)/.exec(stat.tree)?.[1] ?? '';
  const format = /:funcformat (\d+)/.exec(stat.tree)?.[1];
  const call =
    (top === 'FUNCEXPR' && (format === '0' || format === '3')) ||
    // PostgreSQL 14 names COALESCE and GREATEST/LEAST nodes COALESCE and MINMAX in its trees.
    ['NULLIFEXPR', 'COALESCEEXPR', 'COALESCE', 'MINMAXEXPR', 'MINMAX', 'SQLVALUEFUNCTION', 'XMLEXPR'].includes(top);
  return call ? printed : `(${printed})`;
}

const tablePath = (key: string): string => join('$.tables', key);
const wrap = (fragment: string): string => `(${fragment}\n)`;

/** The spec's type text, or the temporary stand-in of a spec enum the database does not have yet. */
function typeForDdl(column: Column, standInOfEnum: Map<string, string>): string {
  const match = /^(.*?)((?:\s*\[\s*\d*\s*\])*)$/s.exec(column.type);
  const base = match?.[1] ?? column.type;
  const suffix = (match?.[2] ?? '').replace(/\s+/g, '');
  const parsed = parseQualifiedName(base.trim());
  if (parsed) {
    const key = displayQualified(parsed.schema ?? 'public', parsed.name);
    const temp = standInOfEnum.get(key);
    if (temp) return `${temp}${suffix}`;
  }
  return column.type;
}

function columnDdl(column: Column, standInOfEnum: Map<string, string>): string {
  let sql = `${quoteIdent(column.name)} ${typeForDdl(column, standInOfEnum)}`;
  if (column.collation !== undefined) sql += ` COLLATE ${quoteIdent(column.collation)}`;
  if (column.default !== undefined) sql += ` DEFAULT ${wrap(column.default)}`;
  // A generated column is made plain: its expression is parsed apart (see generatedDdl).
  return sql;
}

/**
 * The statement that lets PostgreSQL check and spell the expression of generated column `column`
 * of temporary table `temp` without computing it: PostgreSQL plans a generation expression (to
 * test that it is immutable), which folds every call of an immutable function on constants. The
 * column is made plain, and its expression is stored unplanned as a statistics object, as an
 * index expression is (see indexDdl), cast to the column's type when its own type differs: the
 * column would hold it so converted (pgdrift_generated; restoreStandIns takes the cast off).
 * Like the statistics objects of indexes, it comes after the table's indexes.
 */
function generatedDdl(column: Column, temp: string, n: number): string {
  return `SELECT pg_temp.pgdrift_generated(${quoteLiteral(temp)}, ${quoteLiteral(column.name)}, ${quoteLiteral(column.generated ?? '')}, ${quoteLiteral(`${temp}_g${n}`)})`;
}

function sameKeys(a: IndexKey[], b: IndexKey[]): boolean {
  return a.length === b.length && a.every((k, i) => k.expression === b[i]?.expression);
}

/** True when every expression and type of the spec table is already spelled as the live one. */
function tableIsCanonical(spec: Table, live: Table | undefined): boolean {
  if (!live) return false;
  for (const column of spec.columns) {
    const other = live.columns.find((c) => c.name === column.name);
    if (!other || other.type !== column.type || other.default !== column.default || other.generated !== column.generated) return false;
  }
  if (!spec.checks.every((c) => live.checks.some((l) => l.expression === c.expression))) return false;
  // An exclusion constraint's operators and expressions are checked whenever it is not the live one.
  const unnamed = (x: ExclusionConstraint): ExclusionConstraint => ({ ...x, name: '' });
  if (!(spec.exclusions ?? []).every((x) => (live.exclusions ?? []).some((l) => sameValue(unnamed(l), unnamed(x))))) return false;
  return Object.values(spec.indexes).every((index) => {
    const other = live.indexes[index.name];
    return other !== undefined && other.where === index.where && sameKeys(other.keys, index.keys);
  });
}

/**
 * The statements that let PostgreSQL check and spell index `j` of temporary table `temp` without
 * computing anything of it. CREATE INDEX plans its expressions and predicate to test that they
 * are immutable, and planning folds every call of an immutable function on constants: it would
 * run `repeat('x', 900000000)`, or any function the spec marks IMMUTABLE, on the server. So an
 * index with expression keys or a predicate is made in three parts that are only parsed:
 *
 * - each expression key as an extended statistics object on `(expression), (0)`: parsed as an
 *   index expression is, with the same restrictions, and stored unplanned (the `(0)` makes a
 *   second expression, since an expression that is a bare column counts as a column);
 * - the predicate as a NOT VALID check (parsed as a predicate is, and not tested on rows);
 * - the index itself on stand-in columns of the expressions' types (read from a view of the
 *   expressions, which is never queried), so that PostgreSQL still spells its method, operator
 *   classes, collations and order (see pgdrift_index in RUNNER_SETUP).
 *
 * The statistics objects come after every index of the table (`parsed`): building an index plans
 * a query on the table (to choose parallel workers), and planning loads the table's statistics
 * objects, folding their expressions. Nothing plans a query on the table after that.
 *
 * PostgreSQL's test that the expressions are immutable is thereby skipped: an index PostgreSQL
 * would refuse for that reason is refused when applied, not by check.
 */
function indexDdl(index: Index, temp: string, j: number): { index: string; parsed: string[] } {
  const table = `pg_temp.${quoteIdent(temp)}`;
  const base = `${temp}_x${j}`;
  const expressions = index.keys.filter((k) => !k.column).map((k) => k.expression);
  if (expressions.length === 0 && index.where === undefined) return { index: indexSql({ ...index, name: base }, table, false), parsed: [] };
  let position = 0;
  const keys = index.keys.map((k) => {
    if (k.column) return keySql(k);
    position += 1;
    const column = quoteIdent(`${base}_k${position}`);
    const sql = keySql({ ...k, column: true, expression: `${base}_k${position}` });
    // Without a COLLATE of its own, an expression key has the expression's collation: the
    // function puts it in place of the marker.
    return k.collation === undefined ? sql.replace(column, `${column}/*pgdrift_collate_${position}*/`) : sql;
  });
  // indexSql renders the rest of the statement around one placeholder key.
  const placeholder: IndexKey = { column: true, expression: 'pgdrift_keys', descending: false, nullsFirst: false };
  const indexStatement = indexSql({ ...index, name: base, keys: [placeholder], where: undefined }, table, false).replace(
    `(${keySql(placeholder)})`,
    `(${keys.join(', ')})`,
  );
  const parsed = expressions.map((e, n) => `CREATE STATISTICS pg_temp.${quoteIdent(`${base}_s${n + 1}`)} ON ${wrap(e)}, (0) FROM ${table}`);
  if (index.where !== undefined)
    parsed.push(`ALTER TABLE ${table} ADD CONSTRAINT ${quoteIdent(`${base}_w`)} CHECK ${wrap(index.where)} NOT VALID`);
  const create = `SELECT pg_temp.pgdrift_index(${quoteLiteral(temp)}, ${quoteLiteral(`${base}_k`)}, ARRAY[${expressions.map(quoteLiteral).join(', ')}]::text[], ${quoteLiteral(indexStatement)})`;
  return { index: create, parsed };
}

interface Plan {
  items: Item[];
  tables: Map<string, string>;
  views: Map<string, string>;
  /** Spec enum key → its stand-in's qualified name. */
  standInOfEnum: Map<string, string>;
  /**
   * Stand-in name → the real enum's schema and name. The casts PostgreSQL prints name the
   * stand-in; they get the real name back as PostgreSQL spells it (`public.mood`, `"My".mood`),
   * which the same round trip asks of it.
   */
  enumOfStandIn: Map<string, { schema: string; name: string }>;
}

/** The prefix of the temporary stand-ins of enums (see buildItems). */
const STAND_IN = 'pgdrift_e';

/**
 * `expression` with each cast to a stand-in enum (`'meh'::pgdrift_e0`, as PostgreSQL prints a
 * visible temporary type) cast to the real enum instead, as PostgreSQL spells it (`spelled`:
 * stand-in name → `public.mood`), so that it compares with live text and is valid where the plan
 * runs it.
 */
function realCasts(expression: string, spelled: Map<string, string>): string {
  if (spelled.size === 0 || !expression.includes(STAND_IN)) return expression;
  return expression.replace(/::(?:pg_temp(?:_\d+)?\.)?"?(pgdrift_e\d+)"?(?![\w$])/g, (match, name: string) => {
    const real = spelled.get(name);
    return real ? `::${real}` : match;
  });
}

/**
 * Names of the spec's enums and sequences that the database does not have as the spec wants them
 * (missing, or an enum with other values). An expression that names one (`'new'::public.mood`,
 * `nextval('public.counter')`) cannot be checked by PostgreSQL yet: it is compared as written.
 */
const sameValues = (a: string[], b: string[]): boolean => a.length === b.length && a.every((v, i) => v === b[i]);

function pendingNames(spec: Schema, live: Schema): string[] {
  const names: string[] = [];
  for (const [key, e] of Object.entries(spec.enums)) {
    const other = live.enums[key];
    if (!other || !sameValues(other.values, e.values)) names.push(e.name);
  }
  for (const [key, s] of Object.entries(spec.sequences)) if (!live.sequences[key]) names.push(s.name);
  return names;
}

const escapeRegExp = (text: string): string => text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');

/**
 * True when `text` names `name` as an identifier: quoted (`"My Seq"`), or unquoted and not part of
 * a longer identifier (`s` in `nextval('s')` or `s.x`, but not in `nosuchfn()` or `'yes'`'s
 * letters inside a word). PostgreSQL folds an unquoted name to lower case, so an unquoted mention
 * is compared without regard to case; a quoted one exactly.
 */
export function mentionsName(text: string, name: string): boolean {
  if (text.includes(quoteIdent(name))) return true;
  // A name that must be quoted is only ever named quoted.
  if (displayIdent(name) !== name) return false;
  return new RegExp(`(?<![\\p{L}\\p{N}_$"])${escapeRegExp(name)}(?![\\p{L}\\p{N}_$"])`, 'iu').test(text);
}

/**
 * Names of relations the spec adds or changes (tables it creates or whose column names differ,
 * views it creates or changes): a view over one of them cannot be checked against the live database yet.
 */
function pendingRelations(spec: Schema, live: Schema): string[] {
  const names: string[] = [];
  // Names only: the spec's types are not in PostgreSQL's spelling yet.
  const columnsOf = (t: Table): string => t.columns.map((c) => c.name).join('\u0000');
  for (const [key, t] of Object.entries(spec.tables)) {
    const other = live.tables[key];
    if (!other || columnsOf(other) !== columnsOf(t)) names.push(t.name);
  }
  for (const [key, v] of Object.entries(spec.views))
    if (live.views[key]?.definition !== v.definition || live.views[key]?.materialized !== v.materialized) names.push(v.name);
  return names;
}

/**
 * Whether `text` (SQL) names `name`: as a quoted identifier, or unquoted as a word (which SQL folds
 * to lower case, so only a lower-case name can be written that way).
 */
function mentions(text: string, name: string): boolean {
  if (text.includes(quoteIdent(name)) || text.includes(`"${name.replaceAll('"', '""')}"`)) return true;
  if (name !== name.toLowerCase()) return false;
  const escaped = name.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
  return new RegExp(`(^|[^\\w$"])${escaped}($|[^\\w$"])`, 'i').test(text);
}

function buildItems(spec: Schema, live: Schema, strict: boolean): Plan {
  const items: Item[] = [];
  const standInOfEnum = new Map<string, string>();
  const enumOfStandIn = new Map<string, { schema: string; name: string }>();
  const pending = pendingNames(spec, live);
  const mentionsPending = (text: string): boolean => pending.some((name) => mentionsName(text, name));
  // Extensions the database lacks are created first (and rolled back with the rest), so that the
  // types, functions and operator classes they bring resolve (see canonicalize).
  for (const [name, e] of Object.entries(spec.extensions)) {
    if (live.extensions[name]) continue;
    const schema =
      spec.schemas[e.schema] !== undefined && !live.schemas[e.schema] ? `CREATE SCHEMA IF NOT EXISTS ${quoteIdent(e.schema)};\n` : '';
    items.push({
      path: join('$.extensions', name),
      sql: `${schema}CREATE EXTENSION IF NOT EXISTS ${quoteIdent(name)} SCHEMA ${quoteIdent(e.schema)}${e.version !== undefined ? ` VERSION ${quoteLiteral(e.version)}` : ''}`,
      soft: true,
      locks: 20,
      shared: true,
    });
  }
  Object.entries(spec.enums).forEach(([key, e], i) => {
    // An enum the database has with other values gets a stand-in too, so that a default or check
    // may use a value the spec adds ('archived' of an enum that has only 'open' and 'closed').
    const other = live.enums[key];
    if (other && sameValues(other.values, e.values)) return;
    // Named apart from every real type, so that expressions can be given the real name back.
    const name = `pg_temp.${quoteIdent(`${STAND_IN}${i}`)}`;
    standInOfEnum.set(key, name);
    enumOfStandIn.set(`${STAND_IN}${i}`, { schema: e.schema, name: e.name });
    items.push({
      path: join('$.enums', key),
      sql: `CREATE TYPE ${name} AS ENUM (${e.values.map(quoteLiteral).join(', ')})`,
      soft: true,
      locks: 2,
      shared: true,
    });
  });
  for (const [key, s] of Object.entries(spec.sequences)) {
    if (live.sequences[key]) continue;
    items.push({ path: join('$.sequences', key), sql: `CREATE TEMP SEQUENCE ${quoteIdent(s.name)}`, soft: true, locks: 2, shared: true });
  }
  const tables = new Map<string, string>();
  Object.entries(spec.tables).forEach(([key, table], i) => {
    if (tableIsCanonical(table, live.tables[key])) return;
    const temp = `pgdrift_t${i}`;
    tables.set(temp, key);
    const path = tablePath(key);
    const checks = table.checks.map((c, j) => `CONSTRAINT ${quoteIdent(`${temp}_c${j}`)} CHECK ${wrap(c.expression)}`);
    const create = `CREATE TEMP TABLE ${quoteIdent(temp)} (${[...table.columns.map((c) => columnDdl(c, standInOfEnum)), ...checks].join(',\n')})`;
    const ddl = Object.values(table.indexes).map((index, j) => {
      const step = (sql: string): Step => ({
        path: join(join(path, 'indexes'), index.name),
        sql,
        ...(mentionsPending([...index.keys.map((k) => k.expression), index.where ?? ''].join(' ')) ? { soft: true } : {}),
      });
      const { index: create, parsed } = indexDdl(index, temp, j);
      return { create: step(create), parsed: parsed.map(step) };
    });
    // The indexes, then what stands for their expressions and predicates (see indexDdl).
    const indexes: Step[] = [...ddl.map((x) => x.create), ...ddl.flatMap((x) => x.parsed)];
    const indexCount = ddl.length;
    const generated: Step[] = table.columns.flatMap((c, n) =>
      c.generated === undefined
        ? []
        : [
            {
              path: join(join(path, 'columns'), c.name),
              sql: generatedDdl(c, temp, n),
              ...(mentionsPending(c.generated) ? { soft: true } : {}),
            },
          ],
    );
    const exclusions: Step[] = (table.exclusions ?? []).map((x, j) => ({
      path: join(join(path, 'exclusions'), j),
      sql: `ALTER TABLE pg_temp.${quoteIdent(temp)} ADD CONSTRAINT ${quoteIdent(`${temp}_e${j}`)} ${exclusionBody(x)}`,
      ...(mentionsPending([...x.elements.map((e) => e.expression), x.where ?? ''].join(' ')) ? { soft: true } : {}),
    }));
    const steps: Step[] = [
      { path, sql: `CREATE TEMP TABLE ${quoteIdent(temp)} ()` },
      ...table.columns.flatMap((c) => {
        const columnPath = join(join(path, 'columns'), c.name);
        const plain: Column = {
          name: c.name,
          type: c.type,
          notNull: false,
          ...(c.collation !== undefined ? { collation: c.collation } : {}),
        };
        const { default: _, generated: __, ...withoutDefault } = c;
        const add: Step = {
          path: columnPath,
          sql: `ALTER TABLE pg_temp.${quoteIdent(temp)} ADD COLUMN ${columnDdl(withoutDefault, standInOfEnum)}`,
          fallback: `ALTER TABLE pg_temp.${quoteIdent(temp)} ADD COLUMN ${columnDdl(plain, standInOfEnum)}`,
        };
        if (c.default === undefined) return [add];
        // ADD COLUMN ... DEFAULT evaluates a default that is not volatile (to fill the rows the
        // table has); SET DEFAULT only stores it.
        const setDefault: Step = {
          path: columnPath,
          sql: `ALTER TABLE pg_temp.${quoteIdent(temp)} ALTER COLUMN ${quoteIdent(c.name)} SET DEFAULT ${wrap(c.default)}`,
        };
        if (mentionsPending(c.default)) setDefault.soft = true;
        return [add, setDefault];
      }),
      // NOT VALID: ADD CONSTRAINT ... CHECK would plan the expression to test the table's rows,
      // folding its constant parts (evaluating them); the stored expression is the same.
      ...table.checks.map((c, j) => ({
        path: `${join(path, 'checks')}[${j}]`,
        sql: `ALTER TABLE pg_temp.${quoteIdent(temp)} ADD CONSTRAINT ${quoteIdent(`${temp}_c${j}`)} CHECK ${wrap(c.expression)} NOT VALID`,
        ...(mentionsPending(c.expression) ? { soft: true } : {}),
      })),
      ...indexes,
      ...generated,
      ...exclusions,
    ];
    // The table, its row type, a TOAST table and its index, and two per index (the index and the
    // share lock its build takes on the table), plus the objects its expressions name.
    const locks =
      6 + 2 * (indexCount + exclusions.length) + indexes.length - indexCount + table.checks.length + Math.ceil(table.columns.length / 4);
    items.push({
      path,
      sql: [create, ...indexes.map((x) => x.sql), ...generated.map((x) => x.sql), ...exclusions.map((x) => x.sql)].join(';\n'),
      steps,
      locks,
    });
    // A foreign key's table must exist somewhere: in the spec, or in the database (perhaps in a
    // schema the spec does not manage, which was not read).
    if (strict) {
      table.foreignKeys.forEach((f, j) => {
        if (spec.tables[f.refTable] || live.tables[f.refTable]) return;
        items.push({
          path: join(join(join(join(path, 'foreignKeys'), j), 'references'), 'table'),
          sql: `SELECT ${quoteLiteral(qualifiedSql(f.refTable))}::pg_catalog.regclass`,
          locks: 1,
        });
      });
    }
  });
  const views = new Map<string, string>();
  const relations = pendingRelations(spec, live);
  Object.entries(spec.views).forEach(([key, view], i) => {
    if (live.views[key]?.definition === view.definition) return;
    const temp = `pgdrift_v${i}`;
    views.set(temp, key);
    // A view over what the spec adds or changes is compared as written when PostgreSQL cannot
    // create it yet; any other query PostgreSQL rejects is a mistake of the spec.
    const soft =
      !strict || mentionsPending(view.definition) || relations.some((name) => name !== view.name && mentions(view.definition, name));
    items.push({
      path: join(join('$.views', key), 'query'),
      sql: `CREATE TEMP VIEW ${quoteIdent(temp)} AS ${wrap(view.definition)}`,
      ...(soft ? { soft } : {}),
      locks: 8,
    });
  });
  return { items, tables, views, standInOfEnum, enumOfStandIn };
}

/**
 * How many times max_locks_per_transaction one batch may hold. The shared lock table has room for
 * max_locks_per_transaction × (max_connections + background and prepared slots) locks, 122 times
 * it with the defaults: four times is a small share of it, while batches of one time it made a
 * check of 700 new tables three times slower (each batch reads the temporary schema again).
 */
const LOCK_SHARE = 4;

/**
 * The items in batches whose objects hold no more than about `budget` locks (at least one item
 * each); the shared items (enum stand-ins, sequences) lead every batch.
 */
function batches(items: Item[], budget: number): Item[][] {
  const shared = items.filter((i) => i.shared);
  const base = shared.reduce((n, i) => n + i.locks, 0);
  const out: Item[][] = [];
  let current: Item[] = [];
  let used = base;
  for (const item of items) {
    if (item.shared) continue;
    if (current.length && used + item.locks > budget) {
      out.push([...shared, ...current]);
      current = [];
      used = base;
    }
    current.push(item);
    used += item.locks;
  }
  if (current.length || out.length === 0) out.push([...shared, ...current]);
  return out;
}

export interface Canonicalized {
  schema: Schema;
  /** Spec objects PostgreSQL could not check yet (a view over a table that does not exist). */
  unverified: string[];
  /**
   * The normalised expression trees PostgreSQL stored for the spec's expressions (see
   * node-tree.ts), by `treeKey` of the spec's table or view key: `default, column`,
   * `check, position in the spec's list`, `index, name, exprs | where`, `view`.
   */
  trees: Map<string, string>;
}

/**
 * Returns the spec with every type and expression in PostgreSQL's spelling. Throws SpecError for
 * the first fragment PostgreSQL rejects (unknown type, bad expression), naming its JSON path.
 * `strict` (the default) also refuses a view query PostgreSQL rejects over what the database
 * has, and a foreign key to a table that exists nowhere; a reprint (see reprint.ts), which sees
 * only part of the spec, is not strict.
 */
export async function canonicalize(
  session: Session,
  spec: Schema,
  live: Schema,
  file?: string,
  options: { inTransaction?: boolean; probes?: Array<{ path: string; sql: string }>; strict?: boolean } = {},
): Promise<Canonicalized> {
  const plan = buildItems(spec, live, options.strict ?? true);
  // Further statements run in the same transaction; one that fails is listed in `unverified`.
  for (const probe of options.probes ?? []) plan.items.push({ ...probe, soft: true, locks: 4 });
  if (plan.items.length === 0) return { schema: spec, unverified: [], trees: new Map() };
  // Names resolve as they would for someone writing SQL in the spec's schemas (see specSearchPath).
  const searchPath = specSearchPath(spec, live);
  // Inside a caller's transaction (apply) a savepoint plays the part of the transaction; the
  // search_path is restored by rolling back to it.
  const begin = options.inTransaction ? 'SAVEPOINT pgdrift_canonicalize' : 'BEGIN';
  const end = options.inTransaction
    ? ['ROLLBACK TO SAVEPOINT pgdrift_canonicalize', 'RELEASE SAVEPOINT pgdrift_canonicalize']
    : ['ROLLBACK'];
  const catalog = catalogStatements({ temp: true });
  // How PostgreSQL spells the enums the stand-ins stand for, as it prints them in expressions.
  const namesSql = `SELECT x.key, pg_catalog.format('%I.%I', x.schema, x.name) FROM pg_catalog.jsonb_to_recordset(${quoteLiteral(JSON.stringify([...plan.enumOfStandIn].map(([key, q]) => ({ key, ...q }))))}::jsonb) AS x(key text, schema text, name text)`;
  const builder = new SchemaBuilder();
  const errors: Array<{ path: string; message: string; soft: boolean }> = [];
  const spelled = new Map<string, string>();
  const stats = new Map<string, StandInExpression>();
  // Each batch is one transaction (or savepoint), rolled back before the next begins, so that the
  // locks its temporary objects hold are released: all at once, thousands of tables would fill
  // the server's shared lock table ("out of shared memory"). All batches go in one round trip.
  const statements: string[] = [];
  const handlers: Array<(fields: readonly string[], values: ReadonlyArray<string | null>) => void> = [];
  const on = (sql: string, handler: (fields: readonly string[], values: ReadonlyArray<string | null>) => void = () => undefined): void => {
    statements.push(sql);
    handlers.push(handler);
  };
  batches(plan.items, LOCK_SHARE * Math.max(10, session.maxLocksPerTransaction ?? 64)).forEach((items, n) => {
    on(begin);
    on(`SET LOCAL search_path = ${searchPath}`);
    // The fragments run through EXECUTE, lexed after this: as the fragment guard read them.
    on('SET LOCAL standard_conforming_strings = on');
    on(
      `SELECT pg_catalog.set_config('pgdrift.ddl', ${quoteLiteral(JSON.stringify(items.map(({ locks: _, shared: __, ...item }) => item)))}, true)`,
    );
    on(INDEX_FUNCTION);
    on(GENERATED_FUNCTION);
    on(RUNNER);
    const reader = catalogReader(builder, statements.length + catalog.length - CATALOG_QUERIES.length);
    for (const sql of catalog) {
      const index = statements.length;
      on(sql, (fields, values) => reader(index, fields, values));
    }
    if (n === 0) on(namesSql, (_, values) => spelled.set(values[0] ?? '', values[1] ?? ''));
    on(STATISTICS_QUERY, (_, values) =>
      stats.set(values[0] ?? '', { printed: values[1] ?? '', tree: values[2] ?? '', column: values[3] ?? null }),
    );
    on('SELECT path, message, soft FROM pg_temp.pgdrift_errors ORDER BY seq', (_, values) => {
      const error = { path: values[0] ?? '', message: values[1] ?? '', soft: values[2] === 't' };
      // A shared item runs in every batch: its error is reported once.
      if (!errors.some((e) => e.path === error.path && e.message === error.message)) errors.push(error);
    });
    for (const sql of end) on(sql);
  });
  try {
    await session.stream('canonicalising the spec', statements, (statement, fields, values) => handlers[statement]?.(fields, values));
  } catch (error) {
    await session
      .query(
        'rolling back',
        options.inTransaction ? 'ROLLBACK TO SAVEPOINT pgdrift_canonicalize; RELEASE SAVEPOINT pgdrift_canonicalize' : 'ROLLBACK',
      )
      .catch(() => undefined);
    const e = error as { sqlState?: string; message: string };
    if (e.sqlState === '42501') {
      throw new SpecError(
        `${e.message}. pgdrift creates temporary objects (always rolled back) to let PostgreSQL check the spec: grant the role TEMP on the database`,
        '',
        file,
      );
    }
    throw error;
  }
  // An extension the database lacks that this role cannot create here (not installed on the
  // server, no privilege): whatever PostgreSQL rejects may use it, so it is compared as written.
  const extensionMissing = errors.some((e) => e.path.startsWith('$.extensions'));
  const hard = extensionMissing ? undefined : errors.find((e) => !e.soft);
  if (hard) throw new SpecError(`PostgreSQL rejects it: ${serverMessage(hard.message, undefined, 'none')}`, hard.path, file);
  const read = builder.trees();
  const temp = restoreStandIns(builder.finish(), spec, plan, stats, read);
  return { schema: merge(spec, temp, plan, spelled), unverified: errors.map((e) => e.path), trees: specTrees(spec, temp, plan, read) };
}

/**
 * The temporary tables with each index made on stand-ins (see indexDdl) as PostgreSQL would have
 * made it: its expression keys and predicate in place of the stand-in columns, and their trees
 * in `read` where the index's own would be.
 */
function restoreStandIns(temp: Schema, spec: Schema, plan: Plan, stats: Map<string, StandInExpression>, read: Map<string, string>): Schema {
  for (const [tempKey, t] of Object.entries(temp.tables)) {
    const key = plan.tables.get(t.name);
    const original = key ? spec.tables[key] : undefined;
    if (!original) continue;
    original.columns.forEach((c, n) => {
      const column = t.columns.find((x) => x.name === c.name);
      if (c.generated === undefined || !column) return;
      const plain = stats.get(`${t.name}_g${n}`);
      const cast = stats.get(`${t.name}_g${n}_c`);
      const stat = plain ?? cast;
      if (!stat) return;
      // A bare column (PostgreSQL takes `a::int` on an int column for `a`) is not an expression
      // of the statistics object: it is its column.
      const printed = stat.column !== null ? displayIdent(stat.column) : stat.printed.replace(/, 0$/, '');
      // The cast added to the column's type is one PostgreSQL would make implicitly, and print
      // without the ::type (ruleutils.c prints an implicit and an explicit cast's argument alike).
      const suffix = `::${column.type}`;
      column.generated = cast && printed.endsWith(suffix) ? printed.slice(0, -suffix.length) : printed;
      read.set(treeKey(tempKey, 'default', c.name), normalizeTree(stat.tree));
    });
    Object.values(original.indexes).forEach((index, j) => {
      const base = `${t.name}_x${j}`;
      const canon = t.indexes[base];
      if (!canon || (index.keys.every((k) => k.column) && index.where === undefined)) return;
      let position = 0;
      const trees: string[] = [];
      const keys = canon.keys.map((k, n) => {
        if (index.keys[n]?.column !== false) return k;
        position += 1;
        const stat = stats.get(`${base}_s${position}`);
        if (!stat) return k;
        if (stat.column !== null) return { ...k, expression: stat.column };
        // CREATE INDEX takes `(x COLLATE "C")` for the column x with that collation (which the
        // stand-in key has already).
        const collated = /^\(\{COLLATEEXPR :arg \{VAR :varno 1 :varattno (\d+) [^{}]*\} :collOid/.exec(stat.tree);
        const column = collated ? t.columns[Number(collated[1]) - 1] : undefined;
        if (column) return { ...k, expression: column.name };
        trees.push(normalizeTree(stat.tree));
        return { ...k, column: false, expression: standInKey(stat) };
      });
      const { where: _, ...rest } = canon;
      const where = t.checks.find((c) => c.name === `${base}_w`)?.expression;
      t.indexes[base] = { ...rest, keys, ...(where !== undefined ? { where } : {}) };
      if (trees.length) read.set(treeKey(tempKey, 'index', base, 'exprs'), trees.join('\n'));
      const whereTree = read.get(treeKey(tempKey, 'check', `${base}_w`));
      if (whereTree !== undefined) read.set(treeKey(tempKey, 'index', base, 'where'), whereTree);
    });
  }
  return temp;
}

/** The temporary objects' trees under the spec's keys and names. */
function specTrees(spec: Schema, temp: Schema, plan: Plan, read: Map<string, string>): Map<string, string> {
  const out = new Map<string, string>();
  const copy = (from: string, to: string): void => {
    const tree = read.get(from);
    if (tree !== undefined) out.set(to, tree);
  };
  for (const [tempKey, t] of Object.entries(temp.tables)) {
    const key = plan.tables.get(t.name);
    const original = key ? spec.tables[key] : undefined;
    if (!key || !original) continue;
    for (const c of original.columns) copy(treeKey(tempKey, 'default', c.name), treeKey(key, 'default', c.name));
    original.checks.forEach((_, j) => copy(treeKey(tempKey, 'check', `${t.name}_c${j}`), treeKey(key, 'check', String(j))));
    Object.values(original.indexes).forEach((index, j) => {
      for (const part of ['exprs', 'where'])
        copy(treeKey(tempKey, 'index', `${t.name}_x${j}`, part), treeKey(key, 'index', index.name, part));
    });
  }
  for (const [tempKey, v] of Object.entries(temp.views)) {
    const key = plan.views.get(v.name);
    if (key) copy(treeKey(tempKey, 'view'), treeKey(key, 'view'));
  }
  return out;
}

/** Copies PostgreSQL's spelling from the temporary objects back onto the spec. */
function merge(spec: Schema, temp: Schema, plan: Plan, spelled: Map<string, string>): Schema {
  const out: Schema = { ...spec, tables: { ...spec.tables }, views: { ...spec.views } };
  const real = (expression: string): string => realCasts(expression, spelled);
  const restoreType = (type: string): string => {
    const m = /^(.*?)((?:\[\])*)$/.exec(type);
    const enumType = plan.enumOfStandIn.get((m?.[1] ?? type).replace(/^"(.*)"$/, '$1'));
    return enumType ? `${displayQualified(enumType.schema, enumType.name)}${m?.[2] ?? ''}` : type;
  };
  for (const t of Object.values(temp.tables)) {
    const key = plan.tables.get(t.name);
    const original = key ? spec.tables[key] : undefined;
    if (!key || !original) continue;
    const columns: Column[] = original.columns.map((c) => {
      const canon = t.columns.find((x) => x.name === c.name);
      if (!canon) return c;
      const next: Column = { ...c, type: restoreType(canon.type) };
      if (c.default !== undefined && canon.default !== undefined) next.default = real(canon.default);
      if (c.generated !== undefined && canon.generated !== undefined) next.generated = real(canon.generated);
      return next;
    });
    const checks: CheckConstraint[] = original.checks.map((c, j) => {
      const canon = t.checks.find((x) => x.name === `${t.name}_c${j}`);
      return canon ? { ...c, expression: real(canon.expression) } : c;
    });
    const indexes: Record<string, Index> = {};
    Object.values(original.indexes).forEach((index, j) => {
      const canon = t.indexes[`${t.name}_x${j}`];
      indexes[index.name] = canon
        ? {
            ...index,
            method: canon.method,
            keys: canon.keys.map((k) => (k.column ? k : { ...k, expression: real(k.expression) })),
            ...(canon.where !== undefined ? { where: real(canon.where) } : {}),
          }
        : index;
    });
    const exclusions = original.exclusions?.map((x, j): ExclusionConstraint => {
      const canon = t.exclusions?.find((e) => e.name === `${t.name}_e${j}`);
      if (!canon) return x;
      const elements = canon.elements.map((e) => (e.column ? e : { ...e, expression: real(e.expression) }));
      return { ...x, method: canon.method, elements, ...(canon.where !== undefined ? { where: real(canon.where) } : {}) };
    });
    out.tables[key] = { ...original, columns, checks, indexes, ...(exclusions ? { exclusions } : {}) };
  }
  for (const v of Object.values(temp.views)) {
    const key = plan.views.get(v.name);
    const original: View | undefined = key ? spec.views[key] : undefined;
    if (key && original) out.views[key] = { ...original, definition: real(v.definition) };
  }
  return out;
}
