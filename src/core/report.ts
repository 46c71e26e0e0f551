/**
 * Renders a list of changes as the JSON report (a public contract), plain text for terminals and
 * Markdown for pull requests. All three read the same Change data and the same hazard catalogue.
 */
import type { Change } from './diff.js';
import { hazard, type Hazard } from './hazards.js';
import { escapeMarkdown } from './markdown.js';
import type { Column, ForeignKey, Index, Table, UniqueConstraint } from './model.js';

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
      tables: new Set(changes.map((c) => c.table).filter(Boolean)).size,
      byKind,
    },
    changes: changes.map((c) => ({
      kind: c.kind,
      objectType: c.objectType,
      object: c.object,
      ...(c.table ? { table: c.table } : {}),
      description: describeChange(c),
      destructive: c.destructive,
      hazards: c.hazards.map(hazard),
      ...(c.before !== undefined ? { before: c.before } : {}),
      ...(c.after !== undefined ? { after: c.after } : {}),
    })),
    unverified,
  };
}

function columnText(c: Column): string {
  const parts = [c.serial ? `${c.type} (serial)` : c.type];
  if (c.collation) parts.push(`COLLATE "${c.collation}"`);
  if (c.notNull) parts.push('NOT NULL');
  if (c.default !== undefined) parts.push(`DEFAULT ${c.default}`);
  if (c.identity) parts.push(`GENERATED ${c.identity.toUpperCase()} AS IDENTITY`);
  if (c.generated !== undefined) parts.push(`GENERATED ALWAYS AS (${c.generated}) ${c.virtual ? 'VIRTUAL' : 'STORED'}`);
  return parts.join(' ');
}

function indexText(i: Index): string {
  const keys = i.keys
    .map((k) => `${k.column ? k.expression : `(${k.expression})`}${k.collation ? ` COLLATE "${k.collation}"` : ''}${k.opclass ? ` ${k.opclass}` : ''}${k.descending ? ' DESC' : ''}${k.nullsFirst !== k.descending ? (k.nullsFirst ? ' NULLS FIRST' : ' NULLS LAST') : ''}`)
    .join(', ');
  return `${i.unique ? 'UNIQUE ' : ''}${i.method} (${keys})${i.include.length ? ` INCLUDE (${i.include.join(', ')})` : ''}${i.nullsNotDistinct ? ' NULLS NOT DISTINCT' : ''}${i.where !== undefined ? ` WHERE ${i.where}` : ''}`;
}

function fkText(f: ForeignKey): string {
  return `(${f.columns.join(', ')}) REFERENCES ${f.refTable} (${f.refColumns.join(', ')})${f.onDelete !== 'no action' ? ` ON DELETE ${f.onDelete.toUpperCase()}` : ''}${f.onUpdate !== 'no action' ? ` ON UPDATE ${f.onUpdate.toUpperCase()}` : ''}${f.deferrable ? ' DEFERRABLE' : ''}`;
}

function tableSummary(t: Table): string {
  const count = (n: number, word: string): string | null => (n ? `${n} ${word}${n === 1 ? '' : 's'}` : null);
  return [
    count(t.columns.length, 'column'),
    count(Object.keys(t.indexes).length, 'index'),
    count(t.foreignKeys.length, 'foreign key'),
    count(t.checks.length, 'check'),
    count(t.uniques.length, 'unique constraint'),
  ]
    .filter(Boolean)
    .join(', ');
}

const last = (object: string): string => object.slice(object.lastIndexOf('.') + 1);

/** One line that says what the change does, in SQL terms. */
export function describeChange(c: Change): string {
  const after = c.after as never;
  const before = c.before as never;
  switch (c.kind) {
    case 'add-schema': return `create schema ${c.object}`;
    case 'add-extension': return `create extension ${c.object}`;
    case 'alter-extension': return `change extension ${c.object}`;
    case 'drop-extension': return `drop extension ${c.object}`;
    case 'add-enum': return `create enum ${c.object} (${(after as string[]).join(', ')})`;
    case 'add-enum-value': {
      const v = after as { value: string; before?: string; after?: string };
      return `add value '${v.value}' to enum ${c.object}${v.before ? ` before '${v.before}'` : v.after ? ` after '${v.after}'` : ''}`;
    }
    case 'alter-enum': return `change enum ${c.object} values from (${(before as string[]).join(', ')}) to (${(after as string[]).join(', ')})`;
    case 'drop-enum': return `drop enum ${c.object}`;
    case 'add-sequence': return `create sequence ${c.object}`;
    case 'alter-sequence': return `change sequence ${c.object} options`;
    case 'drop-sequence': return `drop sequence ${c.object}`;
    case 'add-table': return `create table ${c.object} (${tableSummary(after as Table)})`;
    case 'drop-table': return `drop table ${c.object}`;
    case 'add-column': return `add column ${last(c.object)} ${columnText(after as Column)}`;
    case 'drop-column': return `drop column ${last(c.object)}`;
    case 'alter-column-type': return `change type of ${last(c.object)} from ${String(before)} to ${String(after)}`;
    case 'alter-column-collation': return `change collation of ${last(c.object)} from ${String(before ?? 'default')} to ${String(after ?? 'default')}`;
    case 'set-not-null': return `set ${last(c.object)} NOT NULL`;
    case 'drop-not-null': return `drop NOT NULL on ${last(c.object)}`;
    case 'set-default': return `set default of ${last(c.object)} to ${String(after)}${before !== null ? ` (was ${String(before)})` : ''}`;
    case 'drop-default': return `drop default of ${last(c.object)} (was ${String(before)})`;
    case 'alter-column-identity': return `change identity of ${last(c.object)} from ${String(before ?? 'none')} to ${String(after ?? 'none')}`;
    case 'alter-column-serial': return after ? `make ${last(c.object)} serial` : `make ${last(c.object)} no longer serial`;
    case 'alter-column-generated': return `change generated expression of ${last(c.object)} to ${String(after ?? 'none')}`;
    case 'add-primary-key': return `add primary key (${(after as { columns: string[] }).columns.join(', ')})`;
    case 'drop-primary-key': return `drop primary key ${last(c.object)}`;
    case 'alter-primary-key': return `change primary key to (${(after as { columns: string[] }).columns.join(', ')})`;
    case 'add-unique': return `add unique (${(after as UniqueConstraint).columns.join(', ')})`;
    case 'drop-unique': return `drop unique constraint ${last(c.object)}`;
    case 'add-foreign-key': return `add foreign key ${fkText(after as ForeignKey)}`;
    case 'drop-foreign-key': return `drop foreign key ${last(c.object)}`;
    case 'add-check': return `add check (${(after as { expression: string }).expression})`;
    case 'drop-check': return `drop check ${last(c.object)}`;
    case 'rename-constraint': return `rename constraint ${String(before)} to ${String(after)}`;
    case 'add-index': return before ? `rebuild index ${(after as Index).name} ${indexText(after as Index)} (PostgreSQL marks it invalid: a concurrent build failed)` : `create index ${(after as Index).name} ${indexText(after as Index)}`;
    case 'drop-index': return `drop index ${last(c.object)}`;
    case 'alter-index': return `rebuild index ${last(c.object)} as ${indexText(after as Index)}`;
    case 'rename-index': return `rename index ${String(before)} to ${String(after)}`;
    case 'add-view': return `create ${(after as { materialized: boolean }).materialized ? 'materialized view' : 'view'} ${c.object}`;
    case 'alter-view': return `replace the query of view ${c.object}`;
    case 'drop-view': return `drop view ${c.object}`;
    case 'set-comment': return after === null ? `remove the comment on ${c.objectType} ${c.object}` : `set the comment on ${c.objectType} ${c.object}`;
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
  if (report.unverified.length) lines.push('', `_Not checked by PostgreSQL yet (compared as written): ${report.unverified.map(mdEscape).join(', ')}_`);
  return `${lines.join('\n')}\n`;
}
