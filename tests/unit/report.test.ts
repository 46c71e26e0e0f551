import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { CHANGE_KINDS, diffSchemas, objectName, type Change } from '../../src/core/diff.js';
import { HAZARDS, type HazardCode } from '../../src/core/hazards.js';
import { displayIdent } from '../../src/core/ident.js';
import { buildReport, describeChange, renderMarkdown, renderText } from '../../src/core/report.js';
import type { Table } from '../../src/core/model.js';
import {
  buildCheck,
  buildColumn,
  buildExclusion,
  buildForeignKey,
  buildIndex,
  buildKey,
  buildSchema,
  buildSequence,
  buildTable,
  buildUnique,
  buildView,
} from '../helpers/builders.js';

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
const hazards = (...codes: HazardCode[]): { hazards: HazardCode[] } => ({ hazards: codes });
/** The common fields of a change of a column, constraint or index of `public.messages`. */
const inTable = <O extends 'column' | 'constraint' | 'index'>(objectType: O, name: string) => ({
  objectType,
  object: { schema: 'public', table: 'messages', name },
  destructive: false,
  hazards: [] as HazardCode[],
});
const column = (name: string) => inTable('column', name);
const constraint = (name: string) => inTable('constraint', name);
const index = (name: string) => inTable('index', name);
/** The common fields of a change of an enum, sequence, table or view of `public`. */
const relation = <O extends 'enum' | 'sequence' | 'table' | 'view'>(objectType: O, name: string) => ({
  objectType,
  object: { schema: 'public', name },
  destructive: false,
  hazards: [] as HazardCode[],
});
/** The common fields of a change of a schema or extension. */
const named = <O extends 'schema' | 'extension'>(objectType: O, name: string) => ({
  objectType,
  object: { name },
  destructive: false,
  hazards: [] as HazardCode[],
});
const destructive = { destructive: true };

/** One change of every kind, as the diff would give them. */
const EVERY_KIND: Change[] = [
  { ...named('schema', 'app'), kind: 'add-schema' },
  { ...named('extension', 'pgcrypto'), kind: 'add-extension', after: { name: 'pgcrypto', schema: 'public' } },
  {
    ...named('extension', 'citext'),
    kind: 'alter-extension',
    before: { name: 'citext', schema: 'ext' },
    after: { name: 'citext', schema: 'public' },
  },
  {
    ...named('extension', 'hstore'),
    kind: 'drop-extension',
    before: { name: 'hstore', schema: 'public' },
    ...destructive,
    ...hazards('deletes-data', 'dependent-objects'),
  },
  { ...relation('enum', 'mood'), kind: 'add-enum', after: ['sad', 'ok'] },
  {
    ...relation('enum', 'role'),
    kind: 'add-enum-value',
    after: { value: 'tool', before: 'system' },
    ...hazards('enum-value-usable-after-commit'),
  },
  {
    ...relation('enum', 'state'),
    kind: 'alter-enum',
    before: ['a', 'b'],
    after: ['b', 'a'],
    uses: [],
    ...destructive,
    ...hazards('deletes-data', 'rewrites-table', 'dependent-objects'),
  },
  { ...relation('enum', 'old_kind'), kind: 'drop-enum', before: ['x'], ...destructive, ...hazards('dependent-objects') },
  { ...relation('sequence', 'invoice_no'), kind: 'add-sequence', after: buildSequence('invoice_no') },
  {
    ...relation('sequence', 'ticket_no'),
    kind: 'alter-sequence',
    before: buildSequence('ticket_no'),
    after: buildSequence('ticket_no', { cache: '10' }),
  },
  {
    ...relation('sequence', 'unused_seq'),
    kind: 'drop-sequence',
    before: buildSequence('unused_seq'),
    ...destructive,
    ...hazards('deletes-data', 'dependent-objects'),
  },
  {
    ...relation('table', 'conversations'),
    kind: 'add-table',
    after: buildTable({
      name: 'conversations',
      columns: ['id', 'user_id'],
      indexes: { i: buildIndex('i', ['user_id']) },
      foreignKeys: [buildForeignKey(['user_id'], 'public.users', ['id'])],
    }),
  },
  {
    ...relation('table', 'legacy'),
    kind: 'drop-table',
    before: buildTable({ name: 'legacy', columns: ['id'] }),
    ...destructive,
    ...hazards('deletes-data', 'access-exclusive-lock', 'dependent-objects'),
  },
  { ...column('citations'), kind: 'add-column', after: buildColumn('citations', 'jsonb', { default: "'[]'::jsonb" }) },
  {
    ...column('role'),
    kind: 'add-column',
    after: buildColumn('role', 'character varying(20)', { notNull: true, collation: 'C' }),
    ...hazards('may-fail-on-existing-rows'),
  },
  {
    ...column('id'),
    kind: 'add-column',
    after: buildColumn('id', 'bigint', { identity: 'always', notNull: true }),
    ...hazards('rewrites-table'),
  },
  {
    ...column('old_flag'),
    kind: 'drop-column',
    before: buildColumn('old_flag', 'boolean'),
    ...destructive,
    ...hazards('deletes-data', 'dependent-objects'),
  },
  {
    ...column('session_id'),
    kind: 'alter-column-type',
    before: 'character varying(36)',
    after: 'uuid',
    column: buildColumn('session_id', 'uuid'),
    ...destructive,
    ...hazards('rewrites-table', 'may-lose-precision'),
  },
  {
    ...column('content'),
    kind: 'set-not-null',
    check: 'messages_content_not_null_check',
    ...hazards('may-fail-on-existing-rows', 'access-exclusive-lock'),
  },
  { ...column('selected_text'), kind: 'drop-not-null' },
  { ...column('timestamp'), kind: 'set-default', before: null, after: 'now()' },
  { ...column('kind'), kind: 'set-default', before: "'a'::text", after: "'b'::text" },
  { ...column('score'), kind: 'drop-default', before: '0' },
  { ...column('seq'), kind: 'alter-column-identity', before: 'always', after: 'by default', notNullFirst: false },
  {
    ...column('legacy_id'),
    kind: 'alter-column-serial',
    before: false,
    after: true,
    column: buildColumn('legacy_id', 'integer', { serial: true, notNull: true }),
  },
  {
    ...column('other_id'),
    kind: 'alter-column-serial',
    before: true,
    after: false,
    column: buildColumn('other_id', 'integer', { notNull: true }),
  },
  {
    ...column('total'),
    kind: 'alter-column-generated',
    before: 'a + b',
    after: 'a * b',
    column: buildColumn('total', 'integer', { generated: 'a * b' }),
    ...destructive,
    ...hazards('deletes-data', 'rewrites-table'),
  },
  { ...column('title'), kind: 'alter-column-collation', before: null, after: 'C', type: 'text', ...hazards('rewrites-table') },
  {
    ...constraint('messages_pkey'),
    kind: 'add-primary-key',
    after: { columns: ['id'] },
    ...hazards('may-fail-on-existing-rows', 'blocks-writes'),
  },
  {
    ...constraint('messages_old_pkey'),
    kind: 'drop-primary-key',
    before: { name: 'messages_old_pkey', columns: ['id'] },
    ...destructive,
    ...hazards('dependent-objects'),
  },
  {
    ...constraint('messages_pkey'),
    kind: 'alter-primary-key',
    before: { columns: ['id'] },
    after: { columns: ['id', 'session_id'] },
    ...destructive,
    ...hazards('may-fail-on-existing-rows', 'blocks-writes', 'dependent-objects'),
  },
  {
    ...constraint('messages_session_id_key'),
    kind: 'add-unique',
    after: buildUnique(['session_id']),
    ...hazards('may-fail-on-existing-rows', 'blocks-writes'),
  },
  { ...constraint('messages_x_key'), kind: 'drop-unique', before: buildUnique(['x'], { name: 'messages_x_key' }), ...destructive },
  {
    ...constraint('messages_session_id_fkey'),
    kind: 'add-foreign-key',
    after: buildForeignKey(['session_id'], 'public.conversations', ['id'], { onDelete: 'cascade', deferrable: true }),
    ...hazards('may-fail-on-existing-rows'),
  },
  {
    ...constraint('messages_old_fkey'),
    kind: 'drop-foreign-key',
    before: buildForeignKey(['x'], 'public.old', ['id'], { name: 'messages_old_fkey' }),
    ...destructive,
  },
  {
    ...constraint('messages_check'),
    kind: 'add-check',
    after: buildCheck("(role)::text = ANY ((ARRAY['user'::character varying, 'assistant'::character varying])::text[])"),
    ...hazards('may-fail-on-existing-rows'),
  },
  {
    ...constraint('messages_check'),
    kind: 'add-check',
    after: buildCheck("a || b <> '*_`[x]`_*'"),
    ...hazards('may-fail-on-existing-rows'),
  },
  {
    ...constraint('messages_role_check'),
    kind: 'drop-check',
    before: buildCheck('role IS NOT NULL', { name: 'messages_role_check' }),
    ...destructive,
  },
  {
    ...constraint('messages_room_during_excl'),
    kind: 'add-exclusion',
    after: buildExclusion(
      [
        ['room', '='],
        ['during', '&&'],
      ],
      { where: 'id > 0' },
    ),
    ...hazards('may-fail-on-existing-rows', 'blocks-writes'),
  },
  {
    ...constraint('messages_old_excl'),
    kind: 'drop-exclusion',
    before: buildExclusion([['room', '=']], { name: 'messages_old_excl', include: ['id'], deferrable: true }),
    ...destructive,
  },
  { ...constraint('messages_role_check1'), kind: 'rename-constraint', before: 'messages_role_check1', after: 'messages_role_check' },
  {
    ...constraint('messages_session_fkey'),
    kind: 'validate-constraint',
    constraint: 'foreign-key',
    before: buildForeignKey(['session_id'], 'public.conversations', ['id'], { name: 'messages_session_fkey', notValid: true }),
    ...hazards('may-fail-on-existing-rows'),
  },
  {
    ...constraint('messages_len_check'),
    kind: 'validate-constraint',
    constraint: 'check',
    before: buildCheck('length(content) < 100', { name: 'messages_len_check', notValid: true }),
    ...hazards('may-fail-on-existing-rows'),
  },
  {
    ...index('idx_messages_session_id'),
    kind: 'add-index',
    after: buildIndex('idx_messages_session_id', ['session_id']),
    ...hazards('blocks-writes'),
  },
  {
    ...index('idx_messages_live'),
    kind: 'add-index',
    after: buildIndex(
      'idx_messages_live',
      [
        buildKey('lower(content)', { column: false, descending: true, nullsFirst: false }),
        buildKey('role', { opclass: 'text_pattern_ops', nullsFirst: true, collation: 'C' }),
      ],
      { unique: true, include: ['id'], where: '(deleted_at IS NULL)', nullsNotDistinct: true },
    ),
    ...hazards('blocks-writes', 'may-fail-on-existing-rows'),
  },
  { ...index('idx_old'), kind: 'drop-index', before: buildIndex('idx_old', ['x']), ...destructive },
  {
    ...index('idx_messages_time'),
    kind: 'alter-index',
    before: buildIndex('idx_messages_time', ['timestamp']),
    after: buildIndex('idx_messages_time', [buildKey('timestamp', { descending: true, nullsFirst: true })], { method: 'brin' }),
    ...hazards('blocks-writes'),
  },
  { ...index('messages_session_id_idx'), kind: 'rename-index', before: 'messages_session_id_idx', after: 'idx_messages_session_id' },
  { ...relation('view', 'recent'), kind: 'add-view', after: buildView('recent', 'SELECT 1') },
  { ...relation('view', 'counts'), kind: 'add-view', after: buildView('counts', 'SELECT 1', { materialized: true }) },
  { ...relation('view', 'active'), kind: 'alter-view', before: buildView('active', 'SELECT 1'), after: buildView('active', 'SELECT 2') },
  {
    ...relation('view', 'stale'),
    kind: 'drop-view',
    before: buildView('stale', 'SELECT 1'),
    ...destructive,
    ...hazards('dependent-objects'),
  },
  { ...relation('table', 'messages'), kind: 'set-comment', before: null, after: 'chat messages' },
  { ...column('role'), kind: 'set-comment', before: 'old words', after: null },
  { ...named('schema', 'app'), kind: 'set-comment', before: null, after: 'the app' },
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
    expect(buildReport([])).toEqual({
      version: 1,
      drift: false,
      summary: { changes: 0, destructive: 0, tables: 0, byKind: {} },
      changes: [],
      unverified: [],
    });
  });

  it('gives every hazard its message from the one catalogue', () => {
    const report = buildReport(EVERY_KIND);
    for (const change of report.changes) {
      for (const h of change.hazards) expect(h.message).toBe(HAZARDS[h.code]);
    }
  });

  it('keeps before and after, and leaves out what a change does not have', () => {
    const [withBoth, withNeither] = buildReport([
      { ...column('a'), kind: 'set-default', before: null, after: '1' },
      { ...column('b'), kind: 'drop-not-null' },
    ]).changes;
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
  const VERBS: Record<string, RegExp> = {
    add: /^(add|create) /,
    drop: /^drop /,
    alter: /^(change|replace|make|rebuild) /,
    set: /^(set|remove) /,
    rename: /^rename /,
    validate: /^validate /,
  };

  it.each(EVERY_KIND.map((c) => [`${c.kind} ${objectName(c)}`, c] as const))(
    'describes %s in one line that starts with its verb and names what it changes',
    (_name, change) => {
      const line = describeChange(change);
      expect(line).not.toMatch(/\n|undefined|null|\[object Object\]/);
      expect(line).toMatch(VERBS[change.kind.split('-')[0]!]!);
      // A column's changes name the column; other objects are named in full.
      const name =
        change.objectType === 'column'
          ? displayIdent(change.object.name)
          : change.objectType === 'constraint' || change.objectType === 'index'
            ? null
            : objectName(change);
      if (name !== null) expect(line).toContain(name);
      // A new plain value (a type, a default, a name) is shown.
      if ('after' in change && typeof change.after === 'string' && change.kind !== 'set-comment') expect(line).toContain(change.after);
    },
  );

  it('shows what differs when a constraint is replaced by one of the same name with other options', () => {
    const before = buildUnique(['x'], { name: 'messages_x_key', deferrable: true, nullsNotDistinct: true });
    const after = buildUnique(['x'], { name: 'messages_x_key' });
    const drop = describeChange({ ...constraint('messages_x_key'), kind: 'drop-unique', before, ...destructive });
    const add = describeChange({ ...constraint('messages_x_key'), kind: 'add-unique', after });
    expect(drop).toContain('NULLS NOT DISTINCT');
    expect(drop).toContain('DEFERRABLE');
    expect(add).not.toContain('DEFERRABLE');
    const fkBefore = buildForeignKey(['u'], 'public.users', ['id'], {
      name: 'm_u_fkey',
      deferrable: true,
      initiallyDeferred: true,
      match: 'full',
    });
    expect(describeChange({ ...constraint('m_u_fkey'), kind: 'drop-foreign-key', before: fkBefore, ...destructive })).toMatch(
      /MATCH FULL DEFERRABLE INITIALLY DEFERRED/,
    );
    expect(
      describeChange({ ...constraint('m_c'), kind: 'drop-check', before: buildCheck('x > 0', { name: 'm_c' }), ...destructive }),
    ).toContain('x > 0');
  });

  it.each([
    ['materialized to plain', true, false, 'SELECT 1', /materialized view public\.active into a plain view/],
    ['plain to materialized', false, true, 'SELECT 1', /view public\.active into a materialized view/],
    ['materialized to plain with another query', true, false, 'SELECT 2', /into a plain view, with another query/],
    ['another query only', false, false, 'SELECT 2', /^replace the query of view public\.active$/],
  ])('says a view turned %s', (_name, wasMaterialized, materialized, query, expected) => {
    const line = describeChange({
      ...relation('view', 'active'),
      kind: 'alter-view',
      before: buildView('active', 'SELECT 1', { materialized: wasMaterialized }),
      after: buildView('active', query, { materialized }),
    });
    expect(line).toMatch(expected);
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
    ['a backtick', 'a`b'],
    ['a run of backticks', '``x'],
    ['a newline', 'a\nb'],
    ['HTML', '</details><img src=x>'],
  ])('keeps a table name with %s inside its heading', (_name, name) => {
    const table = `public.${displayIdent(name)}`;
    const markdown = renderMarkdown(
      buildReport([{ ...relation('table', name), kind: 'drop-table', before: buildTable({ name }), ...destructive }]),
    );
    const heading = markdown.split('\n').find((line) => line.startsWith('#### '));
    expect(heading).toBeDefined();
    const code = /^#### (`+) ?(.*?) ?\1$/.exec(heading!);
    expect(code).not.toBeNull();
    expect(code![2]).toBe(table.replace(/\n/g, ' '));
    expect(code![2]).not.toContain(code![1]);
    expect(markdown.split('\n').filter((line) => line.startsWith('| ')).length).toBe(2);
  });

  it('escapes Markdown in descriptions so that a table row stays one row', () => {
    const markdown = renderMarkdown(buildReport([{ ...constraint('c'), kind: 'add-check', after: buildCheck("a || b <> '|\n|'") }]));
    const rows = markdown.split('\n').filter((line) => line.startsWith('| '));
    expect(rows).toHaveLength(2);
    expect(rows[1]).toContain('a \\|\\| b');
  });
});

describe('names in the report', () => {
  const scope = { schemas: ['public'], ignore: [] };
  /** The report's object, table and description of each change between two versions of one table. */
  const reported = (live: Table, desired: Table) =>
    buildReport(diffSchemas(buildSchema({ tables: [live] }), buildSchema({ tables: [desired] }), { scope })).changes.map((c) => [
      c.object,
      c.table,
      c.description,
    ]);

  it.each([
    ['a column named a.b', 't', 'a.b', 'public.t', '"a.b"'],
    ['a column and a table named a.b', 'a.b', 'a.b', 'public."a.b"', '"a.b"'],
    ['a column with a quote and a dot in its name', 't', 'say"hi.x', 'public.t', '"say""hi.x"'],
    ['a table with a quote and a dot in its name', 'my"t.b', 'c', 'public."my""t.b"', 'c'],
  ])('shows %s whole, quoted as an identifier', (_name, table, column, tableShown, columnShown) => {
    const live = buildTable({ name: table, columns: ['id', buildColumn(column, 'integer', { default: '1' })] });
    const desired = buildTable({
      name: table,
      columns: ['id', buildColumn(column, 'integer', { notNull: true }), buildColumn(`${column}2`, 'text')],
    });
    const added = column === 'c' ? 'c2' : `"${column.replaceAll('"', '""')}2"`;
    expect(reported(live, desired)).toEqual([
      [`${tableShown}.${columnShown}`, tableShown, `drop default of ${columnShown} (was 1)`],
      [`${tableShown}.${columnShown}`, tableShown, `set ${columnShown} NOT NULL`],
      [`${tableShown}.${added}`, tableShown, `add column ${added} text`],
    ]);
  });

  it('shows a constraint of a table named a.b by its whole name', () => {
    const live = buildTable({ name: 'a.b', columns: ['id'], primaryKey: { name: 'a.b_pkey', columns: ['id'] } });
    const desired = buildTable({ name: 'a.b', columns: ['id'] });
    expect(reported(live, desired)).toEqual([['public."a.b"."a.b_pkey"', 'public."a.b"', 'drop primary key "a.b_pkey"']]);
  });
});
