/**
 * Renders a list of changes as the JSON report (a public contract), plain text for terminals and
 * Markdown for pull requests. All three read the same Change data and the same hazard catalogue.
 */
import { objectName, sequenceOptions, tableName, unreachable, type AlterView, type Change } from './diff.js';
import { hazard, type Hazard } from './hazards.js';
import { displayIdent, quoteIdent } from './ident.js';
import { escapeMarkdown } from './markdown.js';
import type { Column, ExclusionConstraint, ForeignKey, Index, IndexKey, Table, UniqueConstraint } from './model.js';

export const REPORT_VERSION = 1;

export interface ReportChange {
  kind: Change['kind'];
  objectType: Change['objectType'];
  object: string;
  table?: string;
  description: string;
  destructive: boolean;
  hazards: Hazard[];
  before?: unknown;
  after?: unknown;
}

export interface Report {
  version: number;
  drift: boolean;
  summary: { changes: number; destructive: number; tables: number; byKind: Record<string, number> };
  changes: ReportChange[];
  /** Spec paths PostgreSQL could not check yet; compared as written. */
  unverified: string[];
}

/** Builds the JSON report: `{ version, drift, summary, changes, unverified }`. */
export function buildReport(changes: Change[], unverified: string[] = []): Report {
  const byKind: Record<string, number> = {};
  for (const c of changes) byKind[c.kind] = (byKind[c.kind] ?? 0) + 1;
  return {
    version: REPORT_VERSION,
    drift: changes.length > 0,
    summary: {
      changes: changes.length,
      destructive: changes.filter((c) => c.destructive).length,
      tables: new Set(changes.map(tableName).filter(Boolean)).size,
      byKind,
    },
    changes: changes.map((c) => {
      const table = tableName(c);
      const { before, after } = reportValues(c);
      return {
        kind: c.kind,
        objectType: c.objectType,
        object: objectName(c),
        ...(table ? { table } : {}),
        description: describeChange(c),
        destructive: c.destructive,
        hazards: c.hazards.map(hazard),
        ...(before !== undefined ? { before } : {}),
        ...(after !== undefined ? { after } : {}),
      };
    }),
    unverified,
  };
}

/**
 * The `before` and `after` of a change as the report shows them: the object or value on each side
 * (what planning needs besides, such as the desired column of a type change, is left out).
 */
function reportValues(c: Change): { before?: unknown; after?: unknown } {
  switch (c.kind) {
    case 'add-schema':
    case 'set-not-null':
    case 'drop-not-null':
      return {};
    case 'add-sequence':
      return { after: sequenceOptions(c.after) };
    case 'alter-sequence':
      return { before: sequenceOptions(c.before), after: sequenceOptions(c.after) };
    case 'drop-sequence':
      return { before: sequenceOptions(c.before) };
    case 'add-extension':
    case 'add-enum':
    case 'add-enum-value':
    case 'add-table':
    case 'add-column':
    case 'add-primary-key':
    case 'add-unique':
    case 'add-foreign-key':
    case 'add-check':
    case 'add-exclusion':
    case 'add-view':
      return { after: c.after };
    case 'drop-extension':
    case 'drop-enum':
    case 'drop-table':
    case 'drop-column':
    case 'drop-default':
    case 'drop-primary-key':
    case 'drop-unique':
    case 'drop-foreign-key':
    case 'drop-check':
    case 'drop-exclusion':
    case 'drop-index':
    case 'drop-view':
    case 'validate-constraint':
      return { before: c.before };
    case 'add-index':
      return c.before === undefined ? { after: c.after } : { before: c.before, after: c.after };
    case 'alter-extension':
    case 'alter-enum':
    case 'alter-column-type':
    case 'alter-column-collation':
    case 'set-default':
    case 'alter-column-identity':
    case 'alter-column-serial':
    case 'alter-column-generated':
    case 'alter-primary-key':
    case 'rename-constraint':
    case 'alter-index':
    case 'rename-index':
    case 'alter-view':
    case 'set-comment':
      return { before: c.before, after: c.after };
    default:
      return unreachable(c);
  }
}

function columnText(c: Column): string {
  const parts = [c.serial ? `${c.type} (serial)` : c.type];
  if (c.collation) parts.push(`COLLATE ${quoteIdent(c.collation)}`);
  if (c.notNull) parts.push('NOT NULL');
  if (c.default !== undefined) parts.push(`DEFAULT ${c.default}`);
  if (c.identity) parts.push(`GENERATED ${c.identity.toUpperCase()} AS IDENTITY`);
  if (c.generated !== undefined) parts.push(`GENERATED ALWAYS AS (${c.generated}) ${c.virtual ? 'VIRTUAL' : 'STORED'}`);
  return parts.join(' ');
}

function keyText(k: IndexKey): string {
  return `${k.column ? k.expression : `(${k.expression})`}${k.collation ? ` COLLATE ${quoteIdent(k.collation)}` : ''}${k.opclass ? ` ${k.opclass}` : ''}${k.descending ? ' DESC' : ''}${k.nullsFirst !== k.descending ? (k.nullsFirst ? ' NULLS FIRST' : ' NULLS LAST') : ''}`;
}

function indexText(i: Index): string {
  const keys = i.keys.map(keyText).join(', ');
  return `${i.unique ? 'UNIQUE ' : ''}${i.method} (${keys})${i.include.length ? ` INCLUDE (${i.include.join(', ')})` : ''}${i.nullsNotDistinct ? ' NULLS NOT DISTINCT' : ''}${i.where !== undefined ? ` WHERE ${i.where}` : ''}`;
}

/** `DEFERRABLE`, `DEFERRABLE INITIALLY DEFERRED` or nothing, with a leading space. */
function deferrableText(c: { deferrable: boolean; initiallyDeferred: boolean }): string {
  return c.deferrable ? (c.initiallyDeferred ? ' DEFERRABLE INITIALLY DEFERRED' : ' DEFERRABLE') : '';
}

function fkText(f: ForeignKey): string {
  return `(${f.columns.join(', ')}) REFERENCES ${f.refTable} (${f.refColumns.join(', ')})${f.match !== 'simple' ? ` MATCH ${f.match.toUpperCase()}` : ''}${f.onDelete !== 'no action' ? ` ON DELETE ${f.onDelete.toUpperCase()}` : ''}${f.onUpdate !== 'no action' ? ` ON UPDATE ${f.onUpdate.toUpperCase()}` : ''}${deferrableText(f)}`;
}

/** A unique constraint's definition with every option, so that a replaced one shows what differs. */
function uniqueText(u: UniqueConstraint): string {
  return `${u.nullsNotDistinct ? 'NULLS NOT DISTINCT ' : ''}(${u.columns.join(', ')})${u.include?.length ? ` INCLUDE (${u.include.join(', ')})` : ''}${deferrableText(u)}`;
}

function exclusionText(x: ExclusionConstraint): string {
  const elements = x.elements.map((e) => `${keyText(e)} WITH ${e.operator}`).join(', ');
  return `USING ${x.method} (${elements})${x.include.length ? ` INCLUDE (${x.include.join(', ')})` : ''}${x.where !== undefined ? ` WHERE ${x.where}` : ''}${deferrableText(x)}`;
}

/** What changes of a view besides (or instead of) its query. */
function viewChangeText(c: AlterView, object: string): string {
  if (c.before.materialized === c.after.materialized)
    return `replace the query of ${c.after.materialized ? 'materialized view' : 'view'} ${object}`;
  const turned = c.before.materialized
    ? `turn materialized view ${object} into a plain view`
    : `turn view ${object} into a materialized view`;
  return `${c.before.definition === c.after.definition ? turned : `${turned}, with another query`} (dropped and created again)`;
}

function tableSummary(t: Table): string {
  const count = (n: number, word: string): string | null => (n ? `${n} ${word}${n === 1 ? '' : 's'}` : null);
  return [
    count(t.columns.length, 'column'),
    count(Object.keys(t.indexes).length, 'index'),
    count(t.foreignKeys.length, 'foreign key'),
    count(t.checks.length, 'check'),
    count(t.uniques.length, 'unique constraint'),
    count(t.exclusions?.length ?? 0, 'exclusion constraint'),
  ]
    .filter(Boolean)
    .join(', ');
}

/** One line that says what the change does, in SQL terms. */
export function describeChange(c: Change): string {
  const object = objectName(c);
  // The column, constraint or index, under the name a report shows it by.
  const own = (ref: { name: string }): string => displayIdent(ref.name);
  switch (c.kind) {
    case 'add-schema':
      return `create schema ${object}`;
    case 'add-extension':
      return `create extension ${object}`;
    case 'alter-extension':
      return `change extension ${object}`;
    case 'drop-extension':
      return `drop extension ${object}`;
    case 'add-enum':
      return `create enum ${object} (${c.after.join(', ')})`;
    case 'add-enum-value': {
      const v = c.after;
      return `add value '${v.value}' to enum ${object}${v.before ? ` before '${v.before}'` : v.after ? ` after '${v.after}'` : ''}`;
    }
    case 'alter-enum':
      return `change enum ${object} values from (${c.before.join(', ')}) to (${c.after.join(', ')})`;
    case 'drop-enum':
      return `drop enum ${object}`;
    case 'add-sequence':
      return `create sequence ${object}`;
    case 'alter-sequence':
      return `change sequence ${object} options`;
    case 'drop-sequence':
      return `drop sequence ${object}`;
    case 'add-table':
      return `create table ${object} (${tableSummary(c.after)})`;
    case 'drop-table':
      return `drop table ${object}`;
    case 'add-column':
      return `add column ${own(c.object)} ${columnText(c.after)}`;
    case 'drop-column':
      return `drop column ${own(c.object)}`;
    case 'alter-column-type':
      return `change type of ${own(c.object)} from ${c.before} to ${c.after}`;
    case 'alter-column-collation':
      return `change collation of ${own(c.object)} from ${c.before ?? 'default'} to ${c.after ?? 'default'}`;
    case 'set-not-null':
      return `set ${own(c.object)} NOT NULL`;
    case 'drop-not-null':
      return `drop NOT NULL on ${own(c.object)}`;
    case 'set-default':
      return `set default of ${own(c.object)} to ${c.after}${c.before !== null ? ` (was ${c.before})` : ''}`;
    case 'drop-default':
      return `drop default of ${own(c.object)} (was ${c.before})`;
    case 'alter-column-identity':
      return `change identity of ${own(c.object)} from ${c.before ?? 'none'} to ${c.after ?? 'none'}`;
    case 'alter-column-serial':
      return c.after ? `make ${own(c.object)} serial` : `make ${own(c.object)} no longer serial`;
    case 'alter-column-generated':
      return `change generated expression of ${own(c.object)} to ${c.after ?? 'none'}`;
    case 'add-primary-key':
      return `add primary key (${c.after.columns.join(', ')})`;
    case 'drop-primary-key':
      return `drop primary key ${own(c.object)}`;
    case 'alter-primary-key':
      return `change primary key to (${c.after.columns.join(', ')})`;
    case 'add-unique':
      return `add unique ${uniqueText(c.after)}`;
    case 'drop-unique':
      return `drop unique constraint ${own(c.object)} ${uniqueText(c.before)}`;
    case 'add-foreign-key':
      return `add foreign key ${fkText(c.after)}`;
    case 'drop-foreign-key':
      return `drop foreign key ${own(c.object)} ${fkText(c.before)}`;
    case 'add-check':
      return `add check (${c.after.expression})`;
    case 'drop-check':
      return `drop check ${own(c.object)} (${c.before.expression})`;
    case 'add-exclusion':
      return `add exclusion constraint ${exclusionText(c.after)}`;
    case 'drop-exclusion':
      return `drop exclusion constraint ${own(c.object)} ${exclusionText(c.before)}`;
    case 'rename-constraint':
      return `rename constraint ${c.before} to ${c.after}`;
    case 'validate-constraint':
      return `validate ${c.constraint === 'check' ? `check ${own(c.object)} (${c.before.expression})` : `foreign key ${own(c.object)} ${fkText(c.before)}`}: the database has it NOT VALID`;
    case 'add-index':
      return c.before
        ? `rebuild index ${c.after.name} ${indexText(c.after)} (PostgreSQL marks it invalid: a concurrent build failed)`
        : `create index ${c.after.name} ${indexText(c.after)}`;
    case 'drop-index':
      return `drop index ${own(c.object)}`;
    case 'alter-index':
      return `rebuild index ${own(c.object)} as ${indexText(c.after)}`;
    case 'rename-index':
      return `rename index ${c.before} to ${c.after}`;
    case 'add-view':
      return `create ${c.after.materialized ? 'materialized view' : 'view'} ${object}`;
    case 'alter-view':
      return viewChangeText(c, object);
    case 'drop-view':
      return `drop view ${object}`;
    case 'set-comment':
      return c.after === null ? `remove the comment on ${c.objectType} ${object}` : `set the comment on ${c.objectType} ${object}`;
    default:
      return unreachable(c);
  }
}

const GLOBAL = '(database)';

function groups(report: Report): Array<[string, ReportChange[]]> {
  const map = new Map<string, ReportChange[]>();
  for (const c of report.changes) {
    const key = c.table ?? GLOBAL;
    map.set(key, [...(map.get(key) ?? []), c]);
  }
  return [...map];
}

function headline(report: Report, noun = 'Drift'): string {
  if (!report.drift) return 'No drift: the database matches the spec.';
  const s = report.summary;
  return `${noun}: ${s.changes} change${s.changes === 1 ? '' : 's'} (${s.destructive} destructive)${s.tables ? ` in ${s.tables} table${s.tables === 1 ? '' : 's'}` : ''}.`;
}

/** Plain text for terminals: a headline, then the changes grouped by table. */
export function renderText(report: Report): string {
  const lines = [headline(report)];
  for (const [table, changes] of groups(report)) {
    lines.push('', table);
    for (const c of changes) {
      const mark = c.destructive ? '!' : c.kind.startsWith('add') ? '+' : c.kind.startsWith('drop') ? '-' : '~';
      lines.push(`  ${mark} ${c.description}`);
      for (const h of c.hazards) lines.push(`      hazard ${h.code}: ${h.message}`);
    }
  }
  if (report.unverified.length) lines.push('', `Not checked by PostgreSQL yet (compared as written): ${report.unverified.join(', ')}`);
  return `${lines.join('\n')}\n`;
}

/**
 * A Markdown code span that holds any text: the fence is longer than the longest run of backticks
 * inside, and line breaks become spaces, so a table named ``a`b`` or "x\n# y" cannot end the span
 * and have the rest read as Markdown or HTML.
 */
function codeSpan(text: string): string {
  const flat = text.replace(/[\r\n]+/g, ' ');
  const longest = Math.max(0, ...(flat.match(/`+/g) ?? []).map((run) => run.length));
  const fence = '`'.repeat(longest + 1);
  const pad = flat.startsWith('`') || flat.endsWith('`') || (flat.startsWith(' ') && flat.endsWith(' ')) ? ' ' : '';
  return `${fence}${pad}${flat}${pad}${fence}`;
}

function mdEscape(text: string): string {
  return escapeMarkdown(text);
}

/** Markdown for pull requests and job summaries: one table per group of changes. */
export function renderMarkdown(report: Report, noun = 'Drift'): string {
  const lines = [`**${headline(report, noun)}**`];
  for (const [table, changes] of groups(report)) {
    lines.push('', `#### ${codeSpan(table)}`, '', '| | change | hazards |', '|---|---|---|');
    for (const c of changes) {
      const mark = c.destructive ? '⚠️' : c.kind.startsWith('add') ? '➕' : c.kind.startsWith('drop') ? '➖' : '✏️';
      lines.push(`| ${mark} | ${mdEscape(c.description)} | ${c.hazards.map((h) => `\`${h.code}\``).join(' ') || '—'} |`);
    }
  }
  const used = [...new Set(report.changes.flatMap((c) => c.hazards.map((h) => h.code)))].sort();
  if (used.length) {
    lines.push('', '<details><summary>What the hazards mean</summary>', '');
    for (const code of used) lines.push(`- \`${code}\`: ${hazard(code).message}`);
    lines.push('', '</details>');
  }
  if (report.unverified.length)
    lines.push('', `_Not checked by PostgreSQL yet (compared as written): ${report.unverified.map(mdEscape).join(', ')}_`);
  return `${lines.join('\n')}\n`;
}
