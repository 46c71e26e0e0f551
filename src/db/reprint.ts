/**
 * PostgreSQL's printing of an expression is not always a fixed point: a check created from
 * `role IN ('a', 'b')` prints as `role::text = ANY (ARRAY['a'::character varying, …]::text[])`,
 * and a check created from that text prints with yet more casts. So the spelling of a live
 * expression depends on how it was first written, and comparing it with the spec's canonical
 * text can report drift where there is none (a snapshot checked against its own database, or a
 * database that pgdrift itself migrated).
 *
 * `reprintBothSides` resolves that: for each expression that still differs after canonicalisation, both
 * sides are printed once more by PostgreSQL (in one round trip); when the reprinted texts agree, or
 * the expression trees PostgreSQL stored for them are the same once what only records their
 * spelling is removed (see node-tree.ts), the expressions are the same and the spec takes the live
 * spelling. Nothing of either side is evaluated: both are only parsed, as temporary objects.
 *
 * A column whose type is spelled otherwise than the live one (`timestamptz(6)` against
 * `timestamptz`) has the live type when PostgreSQL shows the two to be the same: the same base
 * type, and a temporary column of either type changes to the other without a rewrite (PostgreSQL
 * drops a length coercion that cannot change a value, such as a precision of 6 on a timestamp).
 */
import { indexSignature, sameDefault } from '../core/diff.js';
import type { Column, Index, Schema, Table } from '../core/model.js';
import { canonicalize } from './canonicalize.js';
import { treeKey } from './introspect.js';
import type { Session } from './session.js';

const SPEC = 'spec\u0000';
const LIVE = 'live\u0000';

function columnDiffers(a: Column, b: Column | undefined): boolean {
  return b !== undefined && a.type === b.type && (!sameDefault(a.default, b.default) || a.generated !== b.generated);
}

function tableDiffers(spec: Table, live: Table): boolean {
  if (
    spec.columns.some((c) =>
      columnDiffers(
        c,
        live.columns.find((l) => l.name === c.name),
      ),
    )
  )
    return true;
  if (spec.checks.some((c) => !live.checks.some((l) => l.expression === c.expression))) return true;
  return Object.values(spec.indexes).some(
    (i) => live.indexes[i.name] !== undefined && indexSignature(live.indexes[i.name] as Index) !== indexSignature(i),
  );
}

/** A type's text without its modifiers: `timestamp(6) with time zone` → `timestamp with time zone`. */
const withoutTypmod = (type: string): string => type.replace(/\(\s*\d+\s*(?:,\s*\d+\s*)?\)/g, '');

/**
 * A statement that fails unless a column of type `a` becomes one of type `b`, and back, without
 * changing its base type or rewriting the table (a temporary table, dropped again).
 */
function sameTypeProbe(n: number, a: string, b: string): string {
  const table = `pg_temp.pgdrift_ty${n}`;
  const state = `(SELECT pg_catalog.format('%s %s', c.relfilenode, a.atttypid) FROM pg_catalog.pg_class c JOIN pg_catalog.pg_attribute a ON a.attrelid = c.oid AND a.attname = 'c' WHERE c.oid = '${table}'::pg_catalog.regclass)`;
  return `DO $probe$
DECLARE before text;
BEGIN
  CREATE TEMP TABLE pgdrift_ty${n} (c ${a});
  before := ${state};
  ALTER TABLE ${table} ALTER COLUMN c TYPE ${b};
  IF ${state} <> before THEN RAISE EXCEPTION 'not the same type'; END IF;
  ALTER TABLE ${table} ALTER COLUMN c TYPE ${a};
  IF ${state} <> before THEN RAISE EXCEPTION 'not the same type'; END IF;
  DROP TABLE ${table};
END
$probe$`;
}

/** Returns `desired` with expressions that PostgreSQL shows to be equal to live ones spelled as live. */
export async function reprintBothSides(
  session: Session,
  desired: Schema,
  live: Schema,
  options: { inTransaction?: boolean; file?: string } = {},
): Promise<Schema> {
  const tables: Record<string, Table> = {};
  const views: Schema['views'] = {};
  for (const [key, spec] of Object.entries(desired.tables)) {
    const other = live.tables[key];
    if (other && tableDiffers(spec, other)) {
      // Only columns both sides have: the reprint must not depend on columns one side lacks.
      // In the spec's order on both sides, so that the trees name each column by the same number.
      const names = spec.columns.map((c) => c.name).filter((n) => other.columns.some((o) => o.name === n));
      const shared = (t: Table): Table => ({ ...t, columns: names.map((n) => t.columns.find((c) => c.name === n) as Column) });
      tables[SPEC + key] = shared(spec);
      tables[LIVE + key] = shared(other);
    }
  }
  for (const [key, spec] of Object.entries(desired.views)) {
    const other = live.views[key];
    if (other && other.definition !== spec.definition) {
      views[SPEC + key] = spec;
      views[LIVE + key] = other;
    }
  }
  // Columns typed otherwise on the two sides: path → [table key, column, live type].
  const typeProbes: Array<{ path: string; sql: string }> = [];
  const liveTypes = new Map<string, [string, string, string]>();
  for (const [key, spec] of Object.entries(desired.tables)) {
    const other = live.tables[key];
    for (const c of spec.columns) {
      const lc = other?.columns.find((l) => l.name === c.name);
      // Only types that differ in their modifier alone (`(6)`), spelled without quotes: the
      // spec's text goes into the probe as it is.
      if (!lc || lc.type === c.type || withoutTypmod(lc.type) !== withoutTypmod(c.type) || !/^[\w .,()[\]]+$/.test(lc.type + c.type))
        continue;
      const path = `type probe ${typeProbes.length}`;
      typeProbes.push({ path, sql: sameTypeProbe(typeProbes.length, lc.type, c.type) });
      liveTypes.set(path, [key, c.name, lc.type]);
    }
  }
  if (Object.keys(tables).length === 0 && Object.keys(views).length === 0 && typeProbes.length === 0) return desired;

  const probe: Schema = { ...desired, tables, views };
  // Enums and sequences are the live ones, so no temporary stand-ins are made for them.
  const context: Schema = { ...live, tables: {}, views: {} };
  let reprinted: Schema;
  let trees: Map<string, string>;
  let failed: Set<string>;
  try {
    const result = await canonicalize(session, probe, context, options.file, {
      inTransaction: options.inTransaction ?? false,
      probes: typeProbes,
      strict: false,
    });
    ({ schema: reprinted, trees } = result);
    failed = new Set(result.unverified);
  } catch {
    // A reprint PostgreSQL refuses leaves the comparison as it was: the texts differ.
    return desired;
  }

  /** The same stored tree on both sides (`part` of the spec's, `livePart` of the live object). */
  const sameTree = (key: string, part: string[], livePart: string[] = part): boolean => {
    const a = trees.get(treeKey(SPEC + key, ...part));
    return a !== undefined && a === trees.get(treeKey(LIVE + key, ...livePart));
  };
  /** Both have a tree for `part` and they are the same, or neither has one. */
  const sameOptionalTree = (key: string, part: string[]): boolean => {
    const a = trees.get(treeKey(SPEC + key, ...part));
    return a === trees.get(treeKey(LIVE + key, ...part));
  };
  const out: Schema = { ...desired, tables: { ...desired.tables }, views: { ...desired.views } };
  for (const [path, [key, name, type]] of liveTypes) {
    const table = out.tables[key];
    if (failed.has(path) || !table) continue;
    out.tables[key] = { ...table, columns: table.columns.map((c) => (c.name === name ? { ...c, type } : c)) };
  }
  for (const [key, spec] of Object.entries(out.tables)) {
    const a = reprinted.tables[SPEC + key];
    const b = reprinted.tables[LIVE + key];
    const other = live.tables[key];
    if (!a || !b || !other) continue;
    const columns = spec.columns.map((c) => {
      const ra = a.columns.find((x) => x.name === c.name);
      const rb = b.columns.find((x) => x.name === c.name);
      const lc = other.columns.find((x) => x.name === c.name);
      if (!ra || !rb || !lc || !columnDiffers(c, lc)) return c;
      const next = { ...c };
      const sameStored = sameTree(key, ['default', c.name]);
      if (ra.default !== undefined && rb.default !== undefined && (ra.default === rb.default || sameStored)) next.default = lc.default;
      if (ra.generated !== undefined && rb.generated !== undefined && (ra.generated === rb.generated || sameStored))
        next.generated = lc.generated;
      return next;
    });
    const taken = new Set<number>();
    const checks = spec.checks.map((c, j) => {
      if (other.checks.some((l) => l.expression === c.expression)) return c;
      const ra = a.checks[j];
      const k = b.checks.findIndex(
        (x, n) => !taken.has(n) && (x.expression === ra?.expression || sameTree(key, ['check', String(j)], ['check', String(n)])),
      );
      if (k < 0) return c;
      taken.add(k);
      return { ...c, expression: (other.checks[k] as Table['checks'][number]).expression };
    });
    const indexes: Record<string, Index> = { ...spec.indexes };
    for (const [name, index] of Object.entries(spec.indexes)) {
      const li = other.indexes[name];
      const ra = a.indexes[name];
      const rb = b.indexes[name];
      if (li && ra && rb && (indexSignature(ra) === indexSignature(rb) || sameIndexTrees(key, name, ra, rb)))
        indexes[name] = { ...index, keys: li.keys, ...(li.where !== undefined ? { where: li.where } : {}) };
    }
    out.tables[key] = { ...spec, columns, checks, indexes };
  }
  for (const [key, spec] of Object.entries(desired.views)) {
    const a = reprinted.views[SPEC + key];
    const b = reprinted.views[LIVE + key];
    const other = live.views[key];
    if (a && b && other && (a.definition === b.definition || sameTree(key, ['view'])))
      out.views[key] = { ...spec, definition: other.definition };
  }
  return out;

  /** The same index but for how its expressions are printed: their stored trees are the same. */
  function sameIndexTrees(key: string, name: string, a: Index, b: Index): boolean {
    const blank = (i: Index): string =>
      indexSignature({
        ...i,
        keys: i.keys.map((k) => (k.column ? k : { ...k, expression: '' })),
        ...(i.where !== undefined ? { where: '' } : {}),
      });
    return blank(a) === blank(b) && sameOptionalTree(key, ['index', name, 'exprs']) && sameOptionalTree(key, ['index', name, 'where']);
  }
}
