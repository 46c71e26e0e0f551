/**
 * PostgreSQL's printing of an expression is not always a fixed point: a check created from
 * `role IN ('a', 'b')` prints as `role::text = ANY (ARRAY['a'::character varying, …]::text[])`,
 * and a check created from that text prints with yet more casts. So the spelling of a live
 * expression depends on how it was first written, and comparing it with the spec's canonical
 * text can report drift where there is none (a snapshot checked against its own database, or a
 * database that pgdrift itself migrated).
 *
 * `reprintBothSides` resolves that: for each expression that still differs after canonicalisation,
 * both sides are printed once more by PostgreSQL (in one round trip); when the reprinted texts
 * agree, the expressions are the same and the spec takes the live spelling.
 */
import { indexSignature, sameDefault } from '../core/diff.js';
import type { Column, Index, Schema, Table } from '../core/model.js';
import { canonicalize } from './canonicalize.js';
import type { Session } from './session.js';

const SPEC = 'spec\u0000';
const LIVE = 'live\u0000';

function columnDiffers(a: Column, b: Column | undefined): boolean {
  return b !== undefined && a.type === b.type && (!sameDefault(a.default, b.default) || a.generated !== b.generated);
}

function tableDiffers(spec: Table, live: Table): boolean {
  if (spec.columns.some((c) => columnDiffers(c, live.columns.find((l) => l.name === c.name)))) return true;
  if (spec.checks.some((c) => !live.checks.some((l) => l.expression === c.expression))) return true;
  return Object.values(spec.indexes).some((i) => live.indexes[i.name] !== undefined && indexSignature(live.indexes[i.name] as Index) !== indexSignature(i));
}

/** Returns `desired` with expressions that PostgreSQL shows to be equal to live ones spelled as live. */
export async function reprintBothSides(session: Session, desired: Schema, live: Schema, options: { inTransaction?: boolean; file?: string } = {}): Promise<Schema> {
  const tables: Record<string, Table> = {};
  const views: Schema['views'] = {};
  for (const [key, spec] of Object.entries(desired.tables)) {
    const other = live.tables[key];
    if (other && tableDiffers(spec, other)) {
      // Only columns both sides have: the reprint must not depend on columns one side lacks.
      const shared = (t: Table): Table => ({ ...t, columns: t.columns.filter((c) => spec.columns.some((s) => s.name === c.name) && other.columns.some((o) => o.name === c.name)) });
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
  if (Object.keys(tables).length === 0 && Object.keys(views).length === 0) return desired;

  const probe: Schema = { ...desired, tables, views };
  // Enums and sequences are the live ones, so no temporary stand-ins are made for them.
  const context: Schema = { ...live, tables: {}, views: {} };
  let reprinted: Schema;
  try {
    reprinted = (await canonicalize(session, probe, context, options.file, { inTransaction: options.inTransaction ?? false })).schema;
  } catch {
    // A reprint PostgreSQL refuses leaves the comparison as it was: the texts differ.
    return desired;
  }

  const out: Schema = { ...desired, tables: { ...desired.tables }, views: { ...desired.views } };
  for (const [key, spec] of Object.entries(desired.tables)) {
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
      if (ra.default !== undefined && ra.default === rb.default) next.default = lc.default;
      if (ra.generated !== undefined && ra.generated === rb.generated) next.generated = lc.generated;
      return next;
    });
    const taken = new Set<number>();
    const checks = spec.checks.map((c, j) => {
      if (other.checks.some((l) => l.expression === c.expression)) return c;
      const ra = a.checks[j];
      const k = b.checks.findIndex((x, n) => !taken.has(n) && x.expression === ra?.expression);
      if (k < 0) return c;
      taken.add(k);
      return { ...c, expression: (other.checks[k] as Table['checks'][number]).expression };
    });
    const indexes: Record<string, Index> = { ...spec.indexes };
    for (const [name, index] of Object.entries(spec.indexes)) {
      const li = other.indexes[name];
      const ra = a.indexes[name];
      const rb = b.indexes[name];
      if (li && ra && rb && indexSignature(ra) === indexSignature(rb)) indexes[name] = { ...index, keys: li.keys, ...(li.where !== undefined ? { where: li.where } : {}) };
    }
    out.tables[key] = { ...spec, columns, checks, indexes };
  }
  for (const [key, spec] of Object.entries(desired.views)) {
    const a = reprinted.views[SPEC + key];
    const b = reprinted.views[LIVE + key];
    const other = live.views[key];
    if (a && b && other && a.definition === b.definition) out.views[key] = { ...spec, definition: other.definition };
  }
  return out;
}
