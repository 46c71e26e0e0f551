/**
 * The data flow shared by the CLI and the action: read the live schema, let PostgreSQL
 * canonicalise the spec, diff, report. Callers own the session.
 */
import { diffSchemas, type Change } from '../core/diff.js';
import { sameValue, type Schema, type Table } from '../core/model.js';
import { buildReport, type Report } from '../core/report.js';
import type { ParsedSpec } from '../core/spec.js';
import { canonicalize } from './canonicalize.js';
import { introspect, type InvalidIndex, type Introspection } from './introspect.js';
import type { Session } from './session.js';
import { settle } from './settle.js';

export interface Desired {
  desired: Schema;
  unverified: string[];
  /** Keys of the spec's tables that are the same as the live ones: nothing to compare there. */
  same: ReadonlySet<string>;
}

/**
 * The spec as PostgreSQL spells it, next to `live`: canonicalised, then settled (expressions that
 * PostgreSQL prints differently but shows to be equal take the live spelling). A table the same
 * as the live one is already spelled as PostgreSQL spells it; only the others are worked on.
 */
export async function desiredSchema(session: Session, spec: ParsedSpec, live: Schema, options: { inTransaction?: boolean; file?: string } = {}): Promise<Desired> {
  const same = new Set<string>();
  for (const [key, table] of Object.entries(spec.schema.tables)) {
    const other = live.tables[key];
    if (other && sameValue(table, other)) same.add(key);
  }
  const specRest = withoutTables(spec.schema, same);
  const liveRest = withoutTables(live, same);
  const { schema, unverified } = await canonicalize(session, specRest, liveRest, options.file, { inTransaction: options.inTransaction ?? false });
  const settled = await settle(session, schema, liveRest, options);
  if (same.size === 0) return { desired: settled, unverified, same };
  const tables: Schema['tables'] = {};
  for (const [key, table] of Object.entries(spec.schema.tables)) tables[key] = same.has(key) ? table : (settled.tables[key] as Table);
  return { desired: { ...settled, tables }, unverified, same };
}

/** `schema` without the tables `keys`. */
function withoutTables(schema: Schema, keys: ReadonlySet<string>): Schema {
  if (keys.size === 0) return schema;
  const tables: Schema['tables'] = {};
  for (const [key, table] of Object.entries(schema.tables)) if (!keys.has(key)) tables[key] = table;
  return { ...schema, tables };
}

/** The live schema as check and plan compare it with the spec. */
export interface Usable {
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
export function usableSchema(read: Introspection, spec: ParsedSpec): Usable {
  const wanted = read.invalidIndexes.filter((x) => spec.schema.tables[x.table]?.indexes[x.name] && read.schema.tables[x.table]?.indexes[x.name]);
  const rebuild = wanted.filter((x) => !x.building);
  const building = wanted.filter((x) => x.building);
  return { live: withoutIndexes(read.schema, rebuild), rebuild, building };
}

/** The add-index changes of invalid indexes carry the invalid definition as `before`. */
export function markRebuilds(changes: Change[], rebuild: InvalidIndex[], read: Schema): Change[] {
  if (rebuild.length === 0) return changes;
  const byObject = new Map(rebuild.map((x) => [x.object, x]));
  return changes.map((c) => {
    const x = c.kind === 'add-index' ? byObject.get(c.object) : undefined;
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

export interface CheckResult {
  live: Schema;
  desired: Schema;
  changes: Change[];
  report: Report;
  serverVersion: number;
  /** Invalid indexes the changes rebuild (planMigration's `invalidIndexes`). */
  rebuild: InvalidIndex[];
}

/**
 * Compares the live database with the spec. Reads only; anything it creates is rolled back.
 * `live` is a read of the spec's schemas already under way (started while the spec was parsed).
 */
export async function checkDatabase(session: Session, spec: ParsedSpec, file?: string, options: { live?: Promise<Introspection> } = {}): Promise<CheckResult> {
  const read = await (options.live ?? introspect(session, spec.scope.schemas));
  const { live, rebuild } = usableSchema(read, spec);
  const { desired, unverified, same } = await desiredSchema(session, spec, live, file === undefined ? {} : { file });
  // A table the same on both sides has no changes: the diff compares the others.
  const changes = markRebuilds(diffSchemas(withoutTables(live, same), withoutTables(desired, same), { scope: spec.scope }), rebuild, read.schema);
  return { live, desired, changes, report: buildReport(changes, unverified), serverVersion: read.serverVersion, rebuild };
}
