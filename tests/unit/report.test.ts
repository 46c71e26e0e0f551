import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { CHANGE_KINDS, type Change } from '../../src/core/diff.js';
import { HAZARDS } from '../../src/core/hazards.js';
import { buildReport, describeChange, renderMarkdown, renderText } from '../../src/core/report.js';
import { buildCheck, buildColumn, buildForeignKey, buildIndex, buildKey, buildTable, buildUnique, buildView } from '../helpers/builders.js';

/**
 * Compares `actual` with a file under tests/unit/golden/. `UPDATE_GOLDEN=1` rewrites the file
 * instead, so that a change of wording shows up as a diff of the golden file in review.
 */
function expectGolden(name: string, actual: string): void {
  const file = fileURLToPath(new URL(`./golden/${name}`, import.meta.url));
  if (process.env.UPDATE_GOLDEN === '1') writeFileSync(file, actual);
  if (!existsSync(file)) throw new Error(`golden file ${name} is missing: run with UPDATE_GOLDEN=1 and review it`);
  expect(actual).toBe(readFileSync(file, 'utf8'));
}

const T = 'public.messages';
const on = (kind: Change['kind'], object: string, extra: Partial<Change> = {}): Change => ({
  kind,
  objectType: 'column',
  object,
  table: T,
  destructive: false,
  hazards: [],
  ...extra,
});
const global = (kind: Change['kind'], objectType: Change['objectType'], object: string, extra: Partial<Change> = {}): Change => ({ kind, objectType, object, destructive: false, hazards: [], ...extra });

/** One change of every kind, as the diff would give them. */
const EVERY_KIND: Change[] = [
  global('add-schema', 'schema', 'app'),
  global('add-extension', 'extension', 'pgcrypto', { after: { name: 'pgcrypto', schema: 'public' } }),
  global('alter-extension', 'extension', 'citext', { before: { name: 'citext', schema: 'ext' }, after: { name: 'citext', schema: 'public' } }),
  global('drop-extension', 'extension', 'hstore', { destructive: true, hazards: ['deletes-data', 'dependent-objects'] }),
  global('add-enum', 'enum', 'public.mood', { after: ['sad', 'ok'] }),
  global('add-enum-value', 'enum', 'public.role', { after: { value: 'tool', before: 'system' }, hazards: ['enum-value-usable-after-commit'] }),
  global('alter-enum', 'enum', 'public.state', { before: ['a', 'b'], after: ['b', 'a'], destructive: true, hazards: ['deletes-data', 'rewrites-table', 'dependent-objects'] }),
  global('drop-enum', 'enum', 'public.old_kind', { destructive: true, hazards: ['dependent-objects'] }),
  global('add-sequence', 'sequence', 'public.invoice_no'),
  global('alter-sequence', 'sequence', 'public.ticket_no'),
  global('drop-sequence', 'sequence', 'public.unused_seq', { destructive: true, hazards: ['deletes-data', 'dependent-objects'] }),
  {
    kind: 'add-table', objectType: 'table', object: 'public.conversations', table: 'public.conversations', destructive: false, hazards: [],
    after: buildTable({ name: 'conversations', columns: ['id', 'user_id'], indexes: { i: buildIndex('i', ['user_id']) }, foreignKeys: [buildForeignKey(['user_id'], 'public.users', ['id'])] }),
  },
  { kind: 'drop-table', objectType: 'table', object: 'public.legacy', table: 'public.legacy', destructive: true, hazards: ['deletes-data', 'access-exclusive-lock', 'dependent-objects'] },
  on('add-column', `${T}.citations`, { after: buildColumn('citations', 'jsonb', { default: "'[]'::jsonb" }) }),
  on('add-column', `${T}.role`, { after: buildColumn('role', 'character varying(20)', { notNull: true, collation: 'C' }), hazards: ['may-fail-on-existing-rows'] }),
  on('add-column', `${T}.id`, { after: buildColumn('id', 'bigint', { identity: 'always', notNull: true }), hazards: ['rewrites-table'] }),
  on('drop-column', `${T}.old_flag`, { destructive: true, hazards: ['deletes-data', 'dependent-objects'] }),
  on('alter-column-type', `${T}.session_id`, { before: 'character varying(36)', after: 'uuid', destructive: true, hazards: ['rewrites-table', 'may-lose-precision'] }),
  on('set-not-null', `${T}.content`, { hazards: ['may-fail-on-existing-rows', 'blocks-writes'] }),
  on('drop-not-null', `${T}.selected_text`),
  on('set-default', `${T}.timestamp`, { before: null, after: 'now()' }),
  on('set-default', `${T}.kind`, { before: "'a'::text", after: "'b'::text" }),
  on('drop-default', `${T}.score`, { before: '0' }),
  on('alter-column-identity', `${T}.seq`, { before: 'always', after: 'by default' }),
  on('alter-column-serial', `${T}.legacy_id`, { before: false, after: true }),
  on('alter-column-serial', `${T}.other_id`, { before: true, after: false }),
  on('alter-column-generated', `${T}.total`, { before: 'a + b', after: 'a * b', destructive: true, hazards: ['deletes-data', 'rewrites-table'] }),
  on('alter-column-collation', `${T}.title`, { before: null, after: 'C', hazards: ['rewrites-table'] }),
  on('add-primary-key', `${T}.messages_pkey`, { objectType: 'constraint', after: { columns: ['id'] }, hazards: ['may-fail-on-existing-rows', 'blocks-writes'] }),
  on('drop-primary-key', `${T}.messages_old_pkey`, { objectType: 'constraint', destructive: true, hazards: ['dependent-objects'] }),
  on('alter-primary-key', `${T}.messages_pkey`, { objectType: 'constraint', before: { columns: ['id'] }, after: { columns: ['id', 'session_id'] }, destructive: true, hazards: ['may-fail-on-existing-rows', 'blocks-writes', 'dependent-objects'] }),
  on('add-unique', `${T}.messages_session_id_key`, { objectType: 'constraint', after: buildUnique(['session_id']), hazards: ['may-fail-on-existing-rows', 'blocks-writes'] }),
  on('drop-unique', `${T}.messages_x_key`, { objectType: 'constraint', destructive: true }),
  on('add-foreign-key', `${T}.messages_session_id_fkey`, { objectType: 'constraint', after: buildForeignKey(['session_id'], 'public.conversations', ['id'], { onDelete: 'cascade', deferrable: true }), hazards: ['may-fail-on-existing-rows'] }),
  on('drop-foreign-key', `${T}.messages_old_fkey`, { objectType: 'constraint', destructive: true }),
  on('add-check', `${T}.messages_check`, { objectType: 'constraint', after: buildCheck("(role)::text = ANY ((ARRAY['user'::character varying, 'assistant'::character varying])::text[])"), hazards: ['may-fail-on-existing-rows'] }),
  on('add-check', `${T}.messages_check`, { objectType: 'constraint', after: buildCheck("a || b <> '*_`[x]`_*'"), hazards: ['may-fail-on-existing-rows'] }),
  on('drop-check', `${T}.messages_role_check`, { objectType: 'constraint', destructive: true }),
  on('rename-constraint', `${T}.messages_role_check1`, { objectType: 'constraint', before: 'messages_role_check1', after: 'messages_role_check' }),
  on('add-index', `${T}.idx_messages_session_id`, { objectType: 'index', after: buildIndex('idx_messages_session_id', ['session_id']), hazards: ['blocks-writes'] }),
  on('add-index', `${T}.idx_messages_live`, {
    objectType: 'index',
    after: buildIndex('idx_messages_live', [buildKey('lower(content)', { column: false, descending: true, nullsFirst: false }), buildKey('role', { opclass: 'text_pattern_ops', nullsFirst: true, collation: 'C' })], { unique: true, include: ['id'], where: '(deleted_at IS NULL)', nullsNotDistinct: true }),
    hazards: ['blocks-writes', 'may-fail-on-existing-rows'],
  }),
  on('drop-index', `${T}.idx_old`, { objectType: 'index', destructive: true }),
  on('alter-index', `${T}.idx_messages_time`, { objectType: 'index', after: buildIndex('idx_messages_time', [buildKey('timestamp', { descending: true, nullsFirst: true })], { method: 'brin' }), hazards: ['blocks-writes'] }),
  on('rename-index', `${T}.messages_session_id_idx`, { objectType: 'index', before: 'messages_session_id_idx', after: 'idx_messages_session_id' }),
  global('add-view', 'view', 'public.recent', { after: buildView('recent', 'SELECT 1') }),
  global('add-view', 'view', 'public.counts', { after: buildView('counts', 'SELECT 1', { materialized: true }) }),
  global('alter-view', 'view', 'public.active', { hazards: [] }),
  global('drop-view', 'view', 'public.stale', { destructive: true, hazards: ['dependent-objects'] }),
  on('set-comment', T, { objectType: 'table', before: null, after: 'chat messages' }),
  on('set-comment', `${T}.role`, { before: 'old words', after: null }),
  global('set-comment', 'schema', 'app', { after: 'the app' }),
];

describe('buildReport', () => {
  it('counts changes, destructive ones, tables and kinds', () => {
    const report = buildReport(EVERY_KIND, ['$.views.recent.query']);
    expect(report).toMatchObject({ version: 1, drift: true, unverified: ['$.views.recent.query'] });
    expect(report.summary.changes).toBe(EVERY_KIND.length);
    expect(report.summary.destructive).toBe(EVERY_KIND.filter((c) => c.destructive).length);
    expect(report.summary.tables).toBe(3);
    expect(report.summary.byKind['add-column']).toBe(3);
    expect(Object.values(report.summary.byKind).reduce((a, b) => a + b, 0)).toBe(EVERY_KIND.length);
  });

  it('says there is no drift for no changes', () => {
    expect(buildReport([])).toEqual({ version: 1, drift: false, summary: { changes: 0, destructive: 0, tables: 0, byKind: {} }, changes: [], unverified: [] });
  });

  it('gives every hazard its message from the one catalogue', () => {
    const report = buildReport(EVERY_KIND);
    for (const change of report.changes) {
      for (const h of change.hazards) expect(h.message).toBe(HAZARDS[h.code]);
    }
  });

  it('keeps before and after, and leaves out what a change does not have', () => {
    const [withBoth, withNeither] = buildReport([on('set-default', `${T}.a`, { before: null, after: '1' }), on('drop-not-null', `${T}.b`)]).changes;
    expect(withBoth).toMatchObject({ before: null, after: '1', table: T });
    expect(withNeither).not.toHaveProperty('before');
    expect(withNeither).not.toHaveProperty('after');
  });
});

describe('describeChange', () => {
  it('has a sample above for every kind of change', () => {
    expect(CHANGE_KINDS.filter((kind) => !EVERY_KIND.some((c) => c.kind === kind))).toEqual([]);
  });

  /** The verb a description starts with, by the first word of the change's kind. */
  const VERBS: Record<string, RegExp> = { add: /^(add|create) /, drop: /^drop /, alter: /^(change|replace|make|rebuild) /, set: /^(set|remove) /, rename: /^rename / };

  it.each(EVERY_KIND.map((c) => [`${c.kind} ${c.object}`, c] as const))('describes %s in one line that starts with its verb and names what it changes', (_name, change) => {
    const line = describeChange(change);
    expect(line).not.toMatch(/\n|undefined|null|\[object Object\]/);
    expect(line).toMatch(VERBS[change.kind.split('-')[0]!]!);
    // A column's changes name the column; other objects are named in full.
    const name = change.objectType === 'column' ? change.object.slice(T.length + 1) : change.objectType === 'constraint' || change.objectType === 'index' ? null : change.object;
    if (name !== null) expect(line).toContain(name);
    // A new plain value (a type, a default, a name) is shown.
    if (typeof change.after === 'string' && change.kind !== 'set-comment') expect(line).toContain(change.after);
  });

  it('tells every sample change apart', () => {
    const lines = EVERY_KIND.map(describeChange);
    expect(lines.filter((line, i) => lines.indexOf(line) !== i)).toEqual([]);
  });
});

describe('renderMarkdown and renderText', () => {
  it('renders every kind of change as in the golden Markdown file', () => {
    expectGolden('report.md', renderMarkdown(buildReport(EVERY_KIND, ['$.views.recent.query', '$.tables["public.t"].checks[0]'])));
  });

  it('renders every kind of change as in the golden text file', () => {
    expectGolden('report.txt', renderText(buildReport(EVERY_KIND, ['$.views.recent.query'])));
  });

  it('says so in one line when there is no drift', () => {
    expect(renderText(buildReport([]))).toBe('No drift: the database matches the spec.\n');
    expect(renderMarkdown(buildReport([]))).toBe('**No drift: the database matches the spec.**\n');
  });

  it.each([
    ['a backtick', 'public."a`b"'],
    ['a run of backticks', 'public."``x"'],
    ['a newline', 'public."a\nb"'],
    ['HTML', 'public."</details><img src=x>"'],
  ])('keeps a table name with %s inside its heading', (_name, table) => {
    const markdown = renderMarkdown(buildReport([{ kind: 'drop-table', objectType: 'table', object: table, table, destructive: true, hazards: [] }]));
    const heading = markdown.split('\n').find((line) => line.startsWith('#### '));
    expect(heading).toBeDefined();
    const code = /^#### (`+) ?(.*?) ?\1$/.exec(heading!);
    expect(code).not.toBeNull();
    expect(code![2]).toBe(table.replace(/\n/g, ' '));
    expect(code![2]).not.toContain(code![1]);
    expect(markdown.split('\n').filter((line) => line.startsWith('| ')).length).toBe(2);
  });

  it('escapes Markdown in descriptions so that a table row stays one row', () => {
    const markdown = renderMarkdown(buildReport([on('add-check', `${T}.c`, { objectType: 'constraint', after: buildCheck("a || b <> '|\n|'") })]));
    const rows = markdown.split('\n').filter((line) => line.startsWith('| '));
    expect(rows).toHaveLength(2);
    expect(rows[1]).toContain('a \\|\\| b');
  });
});
