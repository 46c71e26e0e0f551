/**
 * The sticky pull-request comment. It opens with the verdict (what merging leads to), then the
 * dangerous changes and how to approve them, the drift already in the database, the changes this
 * pull request makes to the spec, and the SQL. It is found again by a hidden marker, carries the
 * plan's fingerprint and the destructive changes it showed (which the deploy reads back), and is
 * kept under GitHub's 65,536-character limit by giving up sections one by one, never the verdict,
 * the counts or the list of destructive changes.
 */
import { HAZARDS, type HazardCode } from './hazards.js';
import { codeSpan, escapeMarkdown, fence as fenceBlock } from './markdown.js';
import type { PlanJson } from './render-plan.js';
import { renderMarkdown, type Report, type ReportChange } from './report.js';

/** GitHub refuses comments longer than this. */
export const COMMENT_LIMIT = 65_536;

/** Where each hazard code is explained (docs/hazards.md, one heading per code). */
export const HAZARD_DOCS = 'https://github.com/pgdrift/pgdrift/blob/main/docs/hazards.md';

/** A hazard code as a link to its documentation. */
export function hazardLink(code: HazardCode): string {
  return `[\`${code}\`](${HAZARD_DOCS}#${code})`;
}

/** The hidden marker that identifies pgdrift's comment for one database/spec `id`. */
export function commentMarker(id: string): string {
  return `<!-- pgdrift:${id.replace(/--+/g, '-').replace(/[<>]/g, '')} -->`;
}

/** The comment without its footer (commit, time, run): what decides whether it needs updating. */
export function comparableComment(body: string): string {
  return body.replace(/^<sub>Commit .*<\/sub>$/m, '');
}

/** A destructive change as the comment records it for the deploy: its kind and object. */
export function changeKey(c: { kind: string; object: string }): string {
  return `${c.kind} ${c.object}`;
}

/** What the comment records for the deploy: the plan's fingerprint and the destructive changes it showed. */
export interface PlanRecord {
  fingerprint: string;
  /** changeKey of every destructive change the comment listed. */
  destructive: string[];
  /** changeKey of those that were approved when the comment was written. */
  approved: string[];
}

const RECORD_PREFIX = '<!-- pgdrift-plan:';

/** The record as a hidden HTML comment: base64 JSON, so no name can close the comment. */
export function planRecordMarker(record: PlanRecord): string {
  const bytes = new TextEncoder().encode(JSON.stringify(record));
  let binary = '';
  for (const b of bytes) binary += String.fromCharCode(b);
  return `${RECORD_PREFIX}${btoa(binary)} -->`;
}

/** The record in a comment body, or null when there is none or it cannot be read. */
export function readPlanRecord(body: string): PlanRecord | null {
  const start = body.lastIndexOf(RECORD_PREFIX);
  if (start < 0) return null;
  const end = body.indexOf(' -->', start);
  if (end < 0) return null;
  try {
    const binary = atob(body.slice(start + RECORD_PREFIX.length, end));
    const json = JSON.parse(new TextDecoder().decode(Uint8Array.from(binary, (ch) => ch.charCodeAt(0)))) as Partial<PlanRecord>;
    const keys = (value: unknown): value is string[] => Array.isArray(value) && value.every((k) => typeof k === 'string');
    if (typeof json.fingerprint !== 'string' || !keys(json.destructive) || !keys(json.approved)) return null;
    return { fingerprint: json.fingerprint, destructive: json.destructive, approved: json.approved };
  } catch {
    return null;
  }
}

/** What merging leads to: red when the deploy would not end in a verified migration. */
export interface Verdict {
  blocked: boolean;
  /** One line of Markdown: the comment's and the summary's first line. */
  markdown: string;
  /** The same in plain text, for step messages. */
  text: string;
}

const plural = (n: number, word: string, many = `${word}s`): string => `${n} ${n === 1 ? word : many}`;

/**
 * The verdict of a plan: blocked by a change that cannot be planned or by destructive changes
 * nobody approved; otherwise the number of statements, and of approved destructive changes.
 */
export function verdictOf(input: {
  plan: PlanJson | null;
  planError: string | null;
  changes: number;
  approvedDestructive: number;
}): Verdict {
  if (input.planError) {
    return {
      blocked: true,
      markdown: `⛔ **Merging will block the deploy: a change cannot be applied.** ${escapeMarkdown(input.planError)}`,
      text: `Merging will block the deploy: a change cannot be applied: ${input.planError}`,
    };
  }
  const withheld = input.plan?.summary.withheld ?? 0;
  if (withheld) {
    const what = `${plural(withheld, 'destructive change')} need${withheld === 1 ? 's' : ''} approval`;
    return { blocked: true, markdown: `⛔ **Merging will block the deploy: ${what}**`, text: `Merging will block the deploy: ${what}` };
  }
  const statements = input.plan?.summary.statements ?? 0;
  if (input.changes === 0 || statements === 0) return { blocked: false, markdown: '✅ **No schema change**', text: 'No schema change' };
  const what = input.approvedDestructive
    ? `Merging applies ${plural(statements, 'statement')}, including ${plural(input.approvedDestructive, 'approved destructive change')}`
    : `Merging applies ${plural(statements, 'statement')}, all safe`;
  return { blocked: false, markdown: `✅ **${what}**`, text: what };
}

export interface CommentInput {
  id: string;
  specPath: string;
  /** Live database vs the spec on the base branch; null when the base branch has no spec or it could not be read. */
  baseDrift: Report | null;
  /** Spec on the base branch vs the spec in the PR; null when the base spec could not be read or there is none. */
  specChanges: Report | null;
  /** Why there is no base comparison: the base branch has no spec at this path, or it could not be read. */
  baseStatus?: 'compared' | 'absent' | 'unavailable';
  /** What merging runs: the plan from the live database to the PR's spec. */
  plan: PlanJson;
  /** Why there is no plan (a change that cannot be applied to the rows there). */
  planError?: string | null;
  /** The SQL script of that plan. */
  sql: string;
  /** Live database vs the PR's spec. */
  headDrift: Report;
  /** Where the full report is (the run), for truncated comments. */
  summaryUrl?: string;
  /** How destructive changes are approved, and whether they are. */
  approval?: { label: string; by: 'label' | 'allow-destructive' | null };
  /** The plan's fingerprint: recorded for the deploy, shown in the footer. */
  fingerprint?: string;
  /** The commit checked and when. */
  commit?: { sha: string; time: string };
}

function section(title: string, body: string, open: boolean): string {
  return `<details${open ? ' open' : ''}><summary><b>${title}</b></summary>\n\n${body}\n</details>`;
}

/** SQL longer than this many lines is collapsed. */
const OPEN_SQL_LINES = 40;

/** The destructive changes merging involves: those the plan runs (approved) and those it withholds. */
function destructiveChanges(input: CommentInput): Array<{ change: ReportChange; approved: boolean }> {
  const withheld = new Set(input.plan.withheld.map(changeKey));
  return input.headDrift.changes.filter((c) => c.destructive).map((change) => ({ change, approved: !withheld.has(changeKey(change)) }));
}

function destructiveLine(c: ReportChange, approved: boolean): string {
  const hazards = c.hazards.length ? ` (${c.hazards.map((h) => hazardLink(h.code)).join(', ')})` : '';
  return `- ${approved ? '☑️' : '⚠️'} ${codeSpan(c.object)}: ${escapeMarkdown(c.description)}${hazards}`;
}

/** Builds the comment body. Deterministic for the same input, so an unchanged run leaves it alone. */
export function renderComment(input: CommentInput, limit = COMMENT_LIMIT): string {
  const marker = commentMarker(input.id);
  const title = `### pgdrift${input.id === 'default' ? '' : ` · ${escapeMarkdown(input.id)}`} · ${codeSpan(input.specPath)}`;
  const dangerous = destructiveChanges(input);
  const verdict = verdictOf({
    plan: input.plan,
    planError: input.planError ?? null,
    changes: input.headDrift.summary.changes,
    approvedDestructive: dangerous.filter((d) => d.approved).length,
  });
  const baseDriftCount = input.baseDrift?.summary.changes ?? 0;
  const prChanges = input.specChanges?.summary.changes ?? (input.baseStatus === 'absent' ? input.headDrift.summary.changes : 0);
  const counts = `Existing drift: **${baseDriftCount}** · This pull request's changes: **${prChanges}** · Destructive: **${dangerous.length}** · Statements: **${input.plan.summary.statements}**`;

  // Dangerous changes, and how to approve them.
  let dangerBlock = '';
  const withheldCount = dangerous.filter((d) => !d.approved).length;
  if (dangerous.length) {
    const label = input.approval?.label ?? 'pgdrift:destructive';
    const how =
      withheldCount === 0
        ? input.approval?.by === 'allow-destructive'
          ? '_Approved by `allow-destructive: true` in this workflow._'
          : `_Approved by the ${codeSpan(label)} label: on merge, the deploy applies exactly these changes, and only while the plan is the one shown here._`
        : input.approval?.by === 'label'
          ? `**Not approved yet:** the ${codeSpan(label)} label approved the destructive changes this comment listed when it was added, not those that came after. To approve the ones marked ⚠️, remove the label and add it again. Without it the deploy withholds them and stops; \`repair.yml\` (workflow_dispatch with \`allow-destructive\`) applies them by hand.`
          : `**To approve**, add the label ${codeSpan(label)} to this pull request: on merge, the deploy applies exactly the destructive changes listed here. Without it the deploy withholds them and stops; \`repair.yml\` (workflow_dispatch with \`allow-destructive\`) applies them by hand.`;
    dangerBlock = `#### Dangerous changes\n\n${dangerous.map((d) => destructiveLine(d.change, d.approved)).join('\n')}\n\n${how}`;
  }

  const hazardLinks = (md: string): string =>
    md.replace(/(?<![\\`])`([a-z]+(?:-[a-z]+)*)`(?= )/g, (all, code: string) => (code in HAZARDS ? hazardLink(code as HazardCode) : all));
  const baseSection = (full: boolean): string => {
    if (input.baseStatus === 'absent')
      return section(
        'Existing drift',
        `_The base branch has no spec at ${codeSpan(input.specPath)}: this pull request adds it, so every difference below is its change._`,
        false,
      );
    if (input.baseDrift === null)
      return section(
        'Existing drift',
        "_The spec on the base branch could not be read: existing drift and this pull request's changes are shown together below._",
        false,
      );
    const title = `Existing drift (live database vs the base branch's spec): ${baseDriftCount}`;
    if (!input.baseDrift.drift) return section(title, '_None._', false);
    return section(
      title,
      full
        ? hazardLinks(renderMarkdown(input.baseDrift, 'Existing drift'))
        : `_${plural(baseDriftCount, 'change')} (${input.baseDrift.summary.destructive} destructive): the table is in the job summary._`,
      true,
    );
  };
  const changesSection = (full: boolean): string => {
    const report = input.specChanges ?? (input.baseStatus === 'compared' ? null : input.headDrift);
    const title = input.specChanges
      ? `This pull request's changes to the spec: ${prChanges}`
      : `Differences between the database and this pull request's spec: ${input.headDrift.summary.changes}`;
    if (!report) return section(title, '_None._', false);
    if (!report.drift) return section(title, '_None._', false);
    return section(
      title,
      full
        ? hazardLinks(renderMarkdown(report, input.specChanges ? 'Spec changes' : 'Differences'))
        : `_${plural(report.summary.changes, 'change')} (${report.summary.destructive} destructive): the table is in the job summary._`,
      true,
    );
  };
  const runPointer = `the job summary${input.summaryUrl ? ` of [this run](${input.summaryUrl})` : ''} and the \`migration-sql\` output`;
  const sqlSectionOf = (sql: string | null): string => {
    if (input.plan.summary.statements === 0) return section('SQL that merging will run', '_No SQL: nothing to change._', false);
    if (sql === null) return section('SQL that merging will run', `_The SQL is too long for a comment: it is in ${runPointer}._`, false);
    return section(
      `SQL that merging will run: ${plural(input.plan.summary.statements, 'statement')}`,
      fenceBlock(sql, 'sql'),
      sql.split('\n').length <= OPEN_SQL_LINES,
    );
  };
  const footerParts = [
    input.commit ? `Commit ${codeSpan(input.commit.sha.slice(0, 12))}` : '',
    input.commit ? `checked ${escapeMarkdown(input.commit.time)}` : '',
    input.summaryUrl ? `[run](${input.summaryUrl})` : '',
    input.fingerprint ? `plan ${codeSpan(input.fingerprint)}` : '',
  ].filter(Boolean);
  const footer = footerParts.length ? `<sub>${footerParts.join(' · ')}</sub>` : '';
  const record = input.fingerprint
    ? planRecordMarker({
        fingerprint: input.fingerprint,
        destructive: dangerous.map((d) => changeKey(d.change)),
        approved: dangerous.filter((d) => d.approved).map((d) => changeKey(d.change)),
      })
    : '';

  const assemble = (parts: { danger: string; base: string; changes: string; sql: string; note?: string }): string =>
    [
      marker,
      title,
      '',
      verdict.markdown,
      '',
      counts,
      '',
      ...(parts.danger ? [parts.danger, ''] : []),
      parts.base,
      '',
      parts.changes,
      '',
      parts.sql,
      '',
      ...(parts.note ? [parts.note, ''] : []),
      ...(footer ? [footer, ''] : []),
      ...(record ? [record, ''] : []),
    ].join('\n');

  const full = { danger: dangerBlock, base: baseSection(true), changes: changesSection(true), sql: sqlSectionOf(input.sql) };
  let body = assemble(full);
  if (body.length <= limit) return body;
  // Too long: the SQL goes first (cut, then only pointed at), then the tables (counts stay).
  const note = `_Shortened to fit a comment: the full report is in ${runPointer}._`;
  const room = limit - assemble({ ...full, sql: sqlSectionOf(''), note }).length - 100;
  if (room > 2000) {
    let kept = '';
    for (const line of input.sql.split('\n')) {
      if (kept.length + line.length + 1 > room) break;
      kept += `${line}\n`;
    }
    body = assemble({ ...full, sql: sqlSectionOf(`${kept}-- … cut here: the full script is in the job summary`), note });
    if (body.length <= limit) return body;
  }
  const steps = [
    { ...full, sql: sqlSectionOf(null), note },
    { ...full, changes: changesSection(false), sql: sqlSectionOf(null), note },
    { ...full, base: baseSection(false), changes: changesSection(false), sql: sqlSectionOf(null), note },
  ];
  for (const step of steps) {
    body = assemble(step);
    if (body.length <= limit) return body;
  }
  // Even the destructive list is too long: keep as many as fit, and say how many more there are.
  const last = steps[steps.length - 1]!;
  const lines = dangerous.map((d) => destructiveLine(d.change, d.approved));
  const fixed = assemble({ ...last, danger: '#### Dangerous changes\n\n' }).length + 200;
  let kept = '';
  let shown = 0;
  for (const line of lines) {
    if (fixed + kept.length + line.length + 1 > limit) break;
    kept += `${line}\n`;
    shown += 1;
  }
  return assemble({ ...last, danger: `#### Dangerous changes\n\n${kept}- _… and ${lines.length - shown} more: see the job summary._` });
}
