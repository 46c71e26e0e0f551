/**
 * The sticky pull-request comment: three parts kept apart (drift already in the database, what the
 * PR changes in the spec, the SQL that merging it will run), found again by a hidden marker, and
 * kept under GitHub's 65,536-character limit by collapsing and truncating.
 */
import { hazard } from './hazards.js';
import { codeSpan, escapeMarkdown, fence as fenceBlock } from './markdown.js';
import type { PlanJson } from './render-plan.js';
import { renderMarkdown, type Report } from './report.js';

/** GitHub refuses comments longer than this. */
export const COMMENT_LIMIT = 65_536;

/** The hidden marker that identifies pgdrift's comment for one database/spec `id`. */
export function commentMarker(id: string): string {
  return `<!-- pgdrift:${id.replace(/--+/g, '-').replace(/[<>]/g, '')} -->`;
}

export interface CommentInput {
  id: string;
  specPath: string;
  /** Live database vs the spec on the base branch; null when the base branch has no spec. */
  baseDrift: Report | null;
  /** Spec on the base branch vs the spec in the PR; null when the base spec could not be read. */
  specChanges: Report | null;
  /** What merging runs: the plan from the live database to the PR's spec. */
  plan: PlanJson;
  /** The SQL script of that plan. */
  sql: string;
  /** Live database vs the PR's spec. */
  headDrift: Report;
  /** Where the full report is, for truncated comments. */
  summaryUrl?: string;
}

function section(title: string, body: string, open: boolean): string {
  return `<details${open ? ' open' : ''}><summary><b>${title}</b></summary>\n\n${body}\n</details>`;
}

function fence(sql: string): string {
  return fenceBlock(sql, 'sql');
}

/** Builds the comment body. Deterministic for the same input, so an unchanged run leaves it alone. */
export function renderComment(input: CommentInput, limit = COMMENT_LIMIT): string {
  const marker = commentMarker(input.id);
  const title = `### pgdrift${input.id === 'default' ? '' : ` · ${input.id}`} · \`${input.specPath}\``;
  // What merging runs depends on the live database and the PR's spec only; drift from the base
  // branch's spec while the database already matches the PR (it is ahead) is shown below it.
  const verdict = !input.headDrift.drift
    ? input.baseDrift?.drift
      ? "✅ **The database already matches the spec in this pull request**; merging runs no SQL. It differs from the base branch's spec, as shown below."
      : '✅ **No drift.** The database matches the spec in this pull request; merging runs no SQL.'
    : `${input.plan.summary.withheld ? '⚠️' : '🔧'} **Merging will run ${input.plan.summary.statements} statement${input.plan.summary.statements === 1 ? '' : 's'}**${input.plan.summary.withheld ? ` and withhold ${input.plan.summary.withheld} destructive change${input.plan.summary.withheld === 1 ? '' : 's'}` : ''}.`;

  const parts: string[] = [];
  if (input.baseDrift === null) parts.push(section('Drift already in the database', '_The base branch has no spec at this path: nothing to compare._', false));
  else parts.push(section(`Drift already in the database (live vs the base branch's spec): ${input.baseDrift.summary.changes}`, renderMarkdown(input.baseDrift), input.baseDrift.drift));
  if (input.specChanges === null) parts.push(section('Changes this pull request makes to the spec', '_The base branch spec could not be read._', false));
  else parts.push(section(`Changes this pull request makes to the spec: ${input.specChanges.summary.changes}`, input.specChanges.drift ? renderMarkdown(input.specChanges, 'Spec changes') : '_None._', input.specChanges.drift));

  const hazards = [...new Set(input.plan.statements.flatMap((s) => s.hazards.map((h) => h.code)))].sort();
  const withheld = input.plan.withheld.length
    ? `\n\n**Withheld destructive changes** (run with \`allow-destructive: true\` to include them):\n${input.plan.withheld.map((c) => `- ⚠️ ${codeSpan(c.object)}: ${escapeMarkdown(c.description)}`).join('\n')}`
    : '';
  const hazardList = hazards.length ? `\n\n**Hazards:**\n${hazards.map((h) => `- \`${h}\`: ${hazard(h).message}`).join('\n')}` : '';
  const sqlBody = input.plan.summary.statements ? fence(input.sql) : '_No SQL: nothing to change._';

  const assemble = (sql: string): string =>
    [marker, title, '', verdict, '', ...parts.flatMap((p) => [p, '']), section('SQL that merging will run', `${sql}${hazardList}${withheld}`, input.plan.summary.statements > 0), ''].join('\n');

  let body = assemble(sqlBody);
  if (body.length <= limit) return body;
  const pointer = `\n\n_The SQL is too long for a comment; the full script is in the job summary${input.summaryUrl ? ` (${input.summaryUrl})` : ''} and in the \`migration-sql\` output._`;
  const room = limit - assemble('').length - pointer.length - 200;
  const lines = input.sql.split('\n');
  let kept = '';
  for (const line of lines) {
    if (kept.length + line.length + 1 > room) break;
    kept += `${line}\n`;
  }
  body = assemble(`${fence(`${kept}-- … truncated`)}${pointer}`);
  if (body.length <= limit) return body;
  // The reports themselves are too long: keep the verdict, the marker and the pointer.
  return [marker, title, '', verdict, '', `_The full report is too long for a comment: see the job summary${input.summaryUrl ? ` (${input.summaryUrl})` : ''}._`, ''].join('\n');
}
