/**
 * The data flow shared by the CLI and the action: read the live schema, let PostgreSQL
 * canonicalise the spec, diff, report. Callers own the session.
 */
import { diffSchemas, type Change } from '../core/diff.js';
import type { Schema } from '../core/model.js';
import { buildReport, type Report } from '../core/report.js';
import type { ParsedSpec } from '../core/spec.js';
import { canonicalize } from './canonicalize.js';
import { introspect, type Introspection } from './introspect.js';
import type { Session } from './session.js';
import { settle } from './settle.js';

/**
 * The spec as PostgreSQL spells it, next to `live`: canonicalised, then settled (expressions that
 * PostgreSQL prints differently but shows to be equal take the live spelling).
 */
export async function desiredSchema(session: Session, spec: ParsedSpec, live: Schema, options: { inTransaction?: boolean; file?: string } = {}): Promise<{ desired: Schema; unverified: string[] }> {
  const { schema, unverified } = await canonicalize(session, spec.schema, live, options.file, { inTransaction: options.inTransaction ?? false });
  return { desired: await settle(session, schema, live, options), unverified };
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
  const { desired, unverified } = await desiredSchema(session, spec, live, file === undefined ? {} : { file });
  const changes = diffSchemas(live, desired, { scope: spec.scope });
  return { live, desired, changes, report: buildReport(changes, unverified), serverVersion };
}
