/**
 * The data flow shared by the CLI and the action: read the live schema, let PostgreSQL
 * canonicalise the spec, diff, report. Callers own the session.
 */
import { diffSchemas, type Change } from '../core/diff.js';
import { sameValue, type Schema, type Table } from '../core/model.js';
import { buildReport, type Report } from '../core/report.js';
import type { ParsedSpec } from '../core/spec.js';
import { canonicalize } from './canonicalize.js';
import { introspect, type Introspection } from './introspect.js';
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

export interface CheckResult {
  live: Schema;
  desired: Schema;
  changes: Change[];
  report: Report;
  serverVersion: number;
}

/**
 * Compares the live database with the spec. Reads only; anything it creates is rolled back.
 * `live` is a read of the spec's schemas already under way (started while the spec was parsed).
 */
export async function checkDatabase(session: Session, spec: ParsedSpec, file?: string, options: { live?: Promise<Introspection> } = {}): Promise<CheckResult> {
  const { schema: live, serverVersion } = await (options.live ?? introspect(session, spec.scope.schemas));
  const { desired, unverified, same } = await desiredSchema(session, spec, live, file === undefined ? {} : { file });
  // A table the same on both sides has no changes: the diff compares the others.
  const changes = diffSchemas(withoutTables(live, same), withoutTables(desired, same), { scope: spec.scope });
  return { live, desired, changes, report: buildReport(changes, unverified), serverVersion };
}
