/**
 * One comparison of a catalog read with the spec, as check, plan, apply and its verification all
 * make it: let PostgreSQL spell the spec next to the live schema, diff, and plan. This is the one
 * place that calls the core's diff, planner and report builder; callers own the session and the
 * read (see src/engine.ts).
 */
import { diffSchemas, objectName, tableName, type Change } from '../core/diff.js';
import { sameValue, type Schema, type Scope, type Table } from '../core/model.js';
import { planMigration, qualifiedSql, specSearchPath, type Plan, type PlanOptions } from '../core/plan.js';
import { buildReport, type Report } from '../core/report.js';
import type { ParsedSpec } from '../core/spec.js';
import { quoteLiteral } from '../core/ident.js';
import { canonicalize } from './canonicalize.js';
import type { InvalidIndex, Introspection } from './introspect.js';
import { reprintBothSides } from './reprint.js';
import type { Session } from './session.js';

/** What the caller chooses about a plan; the rest of the core's PlanOptions is read from the database. */
export type PlanChoices = Pick<PlanOptions, 'allowDestructive' | 'concurrently' | 'approved'>;

export interface Desired {
  desired: Schema;
  unverified: string[];
  /** Keys of the spec's tables that are the same as the live ones: nothing to compare there. */
  unchangedTables: ReadonlySet<string>;
}

/**
 * The spec as PostgreSQL spells it, next to `live`: canonicalised, then both sides reprinted
 * (expressions that PostgreSQL prints differently but shows to be equal take the live spelling).
 * A table the same as the live one is already spelled as PostgreSQL spells it; only the others
 * are worked on.
 */
export async function desiredSchema(
  session: Session,
  spec: ParsedSpec,
  live: Schema,
  options: { inTransaction?: boolean; file?: string } = {},
): Promise<Desired> {
  const unchangedTables = new Set<string>();
  for (const [key, table] of Object.entries(spec.schema.tables)) {
    const other = live.tables[key];
    if (other && sameValue(table, other)) unchangedTables.add(key);
  }
  const specRest = withoutTables(spec.schema, unchangedTables);
  const liveRest = withoutTables(live, unchangedTables);
  const { schema, unverified } = await canonicalize(session, specRest, liveRest, options.file, {
    inTransaction: options.inTransaction ?? false,
  });
  const reprinted = await reprintBothSides(session, schema, liveRest, options);
  if (unchangedTables.size === 0) return { desired: reprinted, unverified, unchangedTables };
  const tables: Schema['tables'] = {};
  for (const [key, table] of Object.entries(spec.schema.tables))
    tables[key] = unchangedTables.has(key) ? table : (reprinted.tables[key] as Table);
  return { desired: { ...reprinted, tables }, unverified, unchangedTables };
}

/** `schema` without the tables `keys`. */
function withoutTables(schema: Schema, keys: ReadonlySet<string>): Schema {
  if (keys.size === 0) return schema;
  const tables: Schema['tables'] = {};
  for (const [key, table] of Object.entries(schema.tables)) if (!keys.has(key)) tables[key] = table;
  return { ...schema, tables };
}

/** The live schema as check and plan compare it with the spec, and the invalid indexes it leaves out. */
export interface LiveToCompare {
  live: Schema;
  /** Invalid indexes the spec wants: missing from `live`, so they are reported and planned as add-index. */
  rebuild: InvalidIndex[];
  /** Invalid indexes the spec wants that another session is building now: left in `live`. */
  building: InvalidIndex[];
}

/**
 * An index PostgreSQL marks invalid (a failed CREATE INDEX CONCURRENTLY) is not used by queries
 * and does not enforce uniqueness: where the spec wants it, it counts as missing, and the plan
 * drops it before building it again. One that a concurrent build is still working on counts as
 * there. An invalid index the spec does not want is a drop-index either way.
 */
export function liveToCompare(read: Introspection, spec: ParsedSpec): LiveToCompare {
  const wanted = read.invalidIndexes.filter(
    (x) => spec.schema.tables[x.table]?.indexes[x.name] && read.schema.tables[x.table]?.indexes[x.name],
  );
  const rebuild = wanted.filter((x) => !x.building);
  const building = wanted.filter((x) => x.building);
  return { live: withoutIndexes(read.schema, rebuild), rebuild, building };
}

/** The add-index changes of invalid indexes carry the invalid definition as `before`. */
function markRebuilds(changes: Change[], rebuild: InvalidIndex[], read: Schema): Change[] {
  if (rebuild.length === 0) return changes;
  const byObject = new Map(rebuild.map((x) => [x.object, x]));
  return changes.map((c) => {
    if (c.kind !== 'add-index') return c;
    const x = byObject.get(objectName(c));
    const before = x ? read.tables[x.table]?.indexes[x.name] : undefined;
    return before ? { ...c, before } : c;
  });
}

function withoutIndexes(schema: Schema, drop: ReadonlyArray<{ table: string; name: string }>): Schema {
  if (drop.length === 0) return schema;
  const tables = { ...schema.tables };
  for (const { table, name } of drop) {
    const t = tables[table];
    if (!t) continue;
    const indexes = { ...t.indexes };
    delete indexes[name];
    tables[table] = { ...t, indexes };
  }
  return { ...schema, tables };
}

/** The live database against the spec: what differs, and what a plan needs to know. */
export interface Comparison extends LiveToCompare {
  desired: Schema;
  changes: Change[];
  /** Spec paths PostgreSQL could not check yet. */
  unverified: string[];
  serverVersion: number;
}

/**
 * Compares a catalog read with the spec. Reads only; anything it creates is rolled back (to a
 * savepoint when `inTransaction`: apply).
 */
export async function compare(
  session: Session,
  spec: ParsedSpec,
  read: Introspection,
  options: { inTransaction?: boolean; file?: string } = {},
): Promise<Comparison> {
  const { live, rebuild, building } = liveToCompare(read, spec);
  const { desired, unverified } = await desiredSchema(session, spec, live, options);
  // A table the same on both sides has no changes (the diff passes over it at once), but the diff
  // sees it: a recreated enum converts the columns of every table that uses it.
  const changes = markRebuilds(diffSchemas(live, desired, { scope: spec.scope }), rebuild, read.schema);
  return { live, desired, changes, unverified, serverVersion: read.serverVersion, rebuild, building };
}

/** The report of `changes` (the JSON report of check, and of apply afterwards). */
export function reportOf(changes: Change[], unverified: string[] = []): Report {
  return buildReport(changes, unverified);
}

/** What differs between two schemas, as a report: the pull request's base-branch comparisons. */
export function driftBetween(current: Schema, desired: Schema, scope: Scope): Report {
  return reportOf(diffSchemas(current, desired, { scope }));
}

/** Lists the tables among `keys` that hold at least one row: one round trip. */
async function tablesWithRows(session: Session, keys: string[], live: Schema): Promise<Set<string>> {
  const existing = keys.filter((k) => live.tables[k]);
  if (existing.length === 0) return new Set();
  const sql = existing.map((k) => `SELECT ${quoteLiteral(k)} AS t WHERE EXISTS (SELECT 1 FROM ${qualifiedSql(k)})`).join('\nUNION ALL\n');
  const result = await session.query<{ t: string }>('looking for rows in tables that get NOT NULL columns', sql);
  return new Set(result.rows.map((r) => r.t));
}

/** Tables whose planning depends on whether they have rows. */
function tablesNeedingRowCheck(changes: Change[]): string[] {
  const keys = changes.flatMap((c) => {
    if (c.kind !== 'add-column') return [];
    const col = c.after;
    return col.notNull && col.default === undefined && !col.identity && !col.serial && col.generated === undefined
      ? [tableName(c) ?? '']
      : [];
  });
  return [...new Set(keys)];
}

/**
 * Plans the comparison's changes. Asks the database, in one round trip, which tables that get a
 * NOT NULL column without a default hold rows. Throws PlanError for a change it cannot plan.
 */
export async function planComparison(session: Session, comparison: Comparison, choices: PlanChoices): Promise<Plan> {
  const rows = await tablesWithRows(session, tablesNeedingRowCheck(comparison.changes), comparison.live);
  return planMigration(comparison.changes, {
    allowDestructive: choices.allowDestructive,
    ...(choices.approved ? { approved: choices.approved } : {}),
    concurrently: choices.concurrently,
    tablesWithRows: rows,
    searchPath: specSearchPath(comparison.desired, comparison.live),
  });
}
