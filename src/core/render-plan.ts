/**
 * Renders a migration plan: as a SQL script (what `plan` prints: runnable as it is, in one
 * transaction, annotated with hazards) and as JSON data with the same content.
 */
import { objectName } from './diff.js';
import { hazard, type Hazard } from './hazards.js';
import type { Plan, Phase, Stage } from './plan.js';
import { buildReport, describeChange, type ReportChange } from './report.js';

export const PLAN_VERSION = 1;

export interface PlanJson {
  version: number;
  summary: { statements: number; changes: number; withheld: number; outsideTransaction: number };
  statements: Array<{
    sql: string;
    phase: Phase;
    transactional: boolean;
    stage: Stage;
    hazards: Hazard[];
    change: { kind: string; object: string; description: string };
  }>;
  /** Destructive changes left out; `allowWith` names the flag that would include them. */
  withheld: Array<ReportChange & { allowWith: string }>;
}

export const ALLOW_DESTRUCTIVE_FLAG = '--allow-destructive';

export function planToJson(plan: Plan, allowWith = ALLOW_DESTRUCTIVE_FLAG): PlanJson {
  return {
    version: PLAN_VERSION,
    summary: {
      statements: plan.statements.length,
      changes: plan.changes.length,
      withheld: plan.withheld.length,
      outsideTransaction: plan.statements.filter((s) => s.stage === 'after').length,
    },
    statements: plan.statements.map((s) => {
      const c = plan.changes[s.change]!;
      return {
        sql: s.sql,
        phase: s.phase,
        transactional: s.stage !== 'after',
        stage: s.stage,
        hazards: s.hazards.map(hazard),
        change: { kind: c.kind, object: objectName(c), description: describeChange(c) },
      };
    }),
    withheld: buildReport(plan.withheld).changes.map((c) => ({ ...c, allowWith })),
  };
}

const commentLines = (text: string): string =>
  text
    .split('\n')
    .map((l) => `-- ${l}`)
    .join('\n');

/** The plan as a SQL script: BEGIN … COMMIT, then statements that cannot run in a transaction. */
export function renderPlanSql(plan: Plan, allowWith = ALLOW_DESTRUCTIVE_FLAG): string {
  const out: string[] = [];
  const n = plan.statements.length;
  out.push(`-- pgdrift plan: ${n} statement${n === 1 ? '' : 's'} for ${plan.changes.length} change${plan.changes.length === 1 ? '' : 's'}`);
  if (n === 0) out.push('-- Nothing to do: the database matches the spec.');
  const first = plan.statements.filter((s) => s.stage === 'first');
  const inTx = plan.statements.filter((s) => s.stage === 'main');
  const outside = plan.statements.filter((s) => s.stage === 'after');
  let lastChange = -1;
  const emit = (s: (typeof plan.statements)[number]): void => {
    if (s.change !== lastChange) {
      const c = plan.changes[s.change]!;
      out.push('', commentLines(`${objectName(c)}: ${describeChange(c)}`));
      lastChange = s.change;
    }
    for (const h of s.hazards) out.push(`--   hazard ${h}: ${hazard(h).message}`);
    out.push(`${s.sql};`);
  };
  if (first.length) {
    out.push(
      '',
      '-- New enum values that later statements use: PostgreSQL lets a value be used only once',
      '-- the transaction that adds it has committed, so these commit first.',
      'BEGIN;',
    );
    first.forEach(emit);
    out.push('', 'COMMIT;');
    lastChange = -1;
  }
  if (inTx.length) {
    out.push('', 'BEGIN;', `SET LOCAL search_path = ${plan.searchPath};`);
    inTx.forEach(emit);
    out.push('', 'COMMIT;');
  }
  if (outside.length) {
    out.push('', '-- These cannot run inside a transaction; they run after it, one by one.');
    lastChange = -1;
    outside.forEach(emit);
  }
  if (plan.withheld.length) {
    out.push(
      '',
      `-- Withheld: ${plan.withheld.length} destructive change${plan.withheld.length === 1 ? '' : 's'} (pass ${allowWith} to include):`,
    );
    for (const c of plan.withheld)
      out.push(`--   ${objectName(c)}: ${describeChange(c)}${c.hazards.length ? ` [${c.hazards.join(', ')}]` : ''}`);
  }
  return `${out.join('\n')}\n`;
}
