import { describe, expect, it } from 'vitest';
import { CHANGE_KINDS, checkColumns, diffSchemas, objectName } from '../../src/core/diff.js';
import { displayQualified } from '../../src/core/ident.js';
import { PHASES, planMigration, specSearchPath } from '../../src/core/plan.js';
import { buildReport } from '../../src/core/report.js';
import {
  buildCheck,
  buildColumn,
  buildEnum,
  buildExclusion,
  buildForeignKey,
  buildIndex,
  buildSchema,
  buildSequence,
  buildTable,
  buildUnique,
  buildView,
} from '../helpers/builders.js';

const scope = { schemas: ['public'], ignore: [] };
const options = { allowDestructive: false, concurrently: false, tablesWithRows: new Set<string>() };

function plan(live: ReturnType<typeof buildSchema>, desired: ReturnType<typeof buildSchema>, allowDestructive = false) {
  return planMigration(diffSchemas(live, desired, { scope }), { ...options, allowDestructive, searchPath: specSearchPath(desired, live) });
}

describe('planMigration', () => {
  it('ends a fragment compared as written that has a line comment with a line break, so the comment cannot swallow the rest', () => {
    const live = buildSchema({ tables: [buildTable({ name: 't', columns: ['a'] })] });
    const desired = buildSchema({
      tables: [
        buildTable({
          name: 't',
          columns: [buildColumn('a', 'integer', { default: '1 -- one' })],
          checks: [buildCheck('a > 0 -- positive')],
        }),
      ],
    });
    const sql = plan(live, desired).statements.map((s) => s.sql);
    expect(sql).toContain('ALTER TABLE "public"."t" ALTER COLUMN "a" SET DEFAULT 1 -- one\n');
    expect(sql.some((s) => s.includes('CHECK (a > 0 -- positive\n) NOT VALID'))).toBe(true);
  });

  it('withholds a destructive change unless allowed, and plans it when allowed', () => {
    const live = buildSchema({ tables: [buildTable({ name: 't', columns: ['a', 'b'] })] });
    const desired = buildSchema({ tables: [buildTable({ name: 't', columns: ['a'] })] });
    const withheld = plan(live, desired);
    expect(withheld.statements).toEqual([]);
    expect(withheld.withheld.map((c) => `${c.kind} ${objectName(c)}`)).toEqual(['drop-column public.t.b']);
    const allowed = plan(live, desired, true);
    expect(allowed.statements.map((s) => s.sql)).toEqual(['ALTER TABLE "public"."t" DROP COLUMN "b"']);
    expect(allowed.withheld).toEqual([]);
  });

  it('plans the destructive changes approved one by one, and withholds the others', () => {
    const live = buildSchema({ tables: [buildTable({ name: 't', columns: ['a', 'b', 'c'] })] });
    const desired = buildSchema({ tables: [buildTable({ name: 't', columns: ['a'] })] });
    const changes = diffSchemas(live, desired, { scope: { schemas: ['public'], ignore: [] } });
    const result = planMigration(changes, {
      allowDestructive: false,
      approved: (c) => objectName(c) === 'public.t.b',
      concurrently: false,
      tablesWithRows: new Set(),
      searchPath: specSearchPath(desired, live),
    });
    expect(result.statements.map((s) => s.sql)).toEqual(['ALTER TABLE "public"."t" DROP COLUMN "b"']);
    expect(result.withheld.map((c) => `${c.kind} ${objectName(c)}`)).toEqual(['drop-column public.t.c']);
  });

  it('orders statements by phase whatever the order of the changes', () => {
    const live = buildSchema({ tables: [buildTable({ name: 'a', columns: ['x', 'gone'] })] });
    const desired = buildSchema({ tables: [buildTable({ name: 'a', columns: ['x', 'y'] }), buildTable({ name: 'b', columns: ['z'] })] });
    const phases = plan(live, desired, true).statements.map((s) => PHASES.indexOf(s.phase));
    expect(phases).toEqual([...phases].sort((p, q) => p - q));
    expect(phases.length).toBeGreaterThanOrEqual(3);
  });
});

describe('checkColumns', () => {
  const columns = ['state', 'id', 'Name', 'text', 'year'];
  it.each([
    ["state <> 'archived'::status", ['state']],
    ["(state <> 'archived'::public.status) OR (id > 0)", ['state', 'id']],
    ['char_length((state)::text) <= 12', ['state']],
    ['"Name" IS NOT NULL', ['Name']],
    ['(state)::character varying IS NOT NULL AND id > 1', ['state', 'id']],
    ["'text year state' = ''", []],
    ['lower(text) = text', ['text']],
    ['length(x) > 0', []],
    ['EXTRACT(year FROM now()) > 2000', ['year']],
  ])('reads the columns of %s', (expression, expected) => {
    expect(checkColumns(expression, columns)).toEqual(expected);
  });
});

describe('commit-first stage', () => {
  const live = buildSchema({
    enums: [{ schema: 'public', name: 'mood', values: ['sad'] }],
    tables: [buildTable({ name: 't', columns: [buildColumn('m', 'public.mood')] })],
  });
  it('commits a new enum value first only when another statement uses it', () => {
    const uses = buildSchema({
      enums: [{ schema: 'public', name: 'mood', values: ['sad', 'ok'] }],
      tables: [buildTable({ name: 't', columns: [buildColumn('m', 'public.mood', { default: "'ok'::public.mood" })] })],
    });
    expect(plan(live, uses).statements.map((s) => s.stage)).toEqual(['first', 'main']);
    const unused = buildSchema({
      enums: [{ schema: 'public', name: 'mood', values: ['sad', 'ok'] }],
      tables: [buildTable({ name: 't', columns: [buildColumn('m', 'public.mood', { default: "'sad'::public.mood" })] })],
    });
    expect(plan(live, unused).statements.map((s) => s.stage)).toEqual(['main', 'main']);
  });
});

describe('hazards: one source for a change and its statements', () => {
  const t = (fields: Partial<Parameters<typeof buildTable>[0]>): ReturnType<typeof buildTable> => buildTable({ name: 't', ...fields });
  const mood = (values: string[]) => buildEnum('mood', values);
  /** Live and desired schemas whose diff holds at least one change of each kind named. */
  const ROWS: Record<string, [ReturnType<typeof buildSchema>, ReturnType<typeof buildSchema>]> = {
    'schemas and extensions': [
      buildSchema({ extensions: { hstore: { name: 'hstore', schema: 'public' }, citext: { name: 'citext', schema: 'ext' } } }),
      buildSchema({
        schemas: { public: {}, app: { comment: 'the app' } },
        extensions: { pgcrypto: { name: 'pgcrypto', schema: 'public' }, citext: { name: 'citext', schema: 'public' } },
      }),
    ],
    'enums and sequences': [
      buildSchema({
        enums: [mood(['sad', 'ok']), buildEnum('state', ['a', 'b']), buildEnum('gone', ['x'])],
        sequences: [buildSequence('s'), buildSequence('old')],
        tables: [
          t({
            columns: [buildColumn('m', 'public.state', { default: "'a'::public.state" })],
            checks: [buildCheck("m <> 'b'::public.state", { name: 't_m_check' })],
          }),
        ],
      }),
      buildSchema({
        enums: [mood(['sad', 'meh', 'ok', 'happy']), buildEnum('state', ['b', 'a']), buildEnum('new', ['y'])],
        sequences: [buildSequence('s', { cache: '10' }), buildSequence('fresh')],
        tables: [
          t({
            columns: [buildColumn('m', 'public.state', { default: "'b'::public.state" })],
            checks: [buildCheck("m <> 'b'::public.state", { name: 't_m_check' })],
          }),
        ],
      }),
    ],
    'tables and columns': [
      buildSchema({
        tables: [
          t({
            columns: [
              buildColumn('a', 'text'),
              buildColumn('b', 'integer'),
              buildColumn('c', 'text'),
              buildColumn('d'),
              buildColumn('e', 'integer', { notNull: true, default: '1' }),
              buildColumn('f', 'integer', { default: '2' }),
              buildColumn('g', 'integer', { generated: 'b * 2' }),
              buildColumn('h'),
              buildColumn('i'),
              buildColumn('gone'),
            ],
          }),
          buildTable({
            name: 'old',
            columns: ['id'],
            foreignKeys: [buildForeignKey(['id'], 'public.older', ['id'], { name: 'old_id_fkey' })],
          }),
          buildTable({ name: 'older', columns: ['id'] }),
        ],
      }),
      buildSchema({
        tables: [
          t({
            columns: [
              buildColumn('a', 'character varying(10)', { using: 'left(a, 10)' }),
              buildColumn('b', 'bigint'),
              buildColumn('c', 'text', { collation: 'C' }),
              buildColumn('d', 'integer', { notNull: true }),
              buildColumn('e'),
              buildColumn('f', 'integer', { default: '3' }),
              buildColumn('g', 'integer', { generated: 'b * 3' }),
              buildColumn('h', 'integer', { identity: 'always', notNull: true }),
              buildColumn('i', 'integer', { serial: true, notNull: true }),
              buildColumn('n', 'integer', { notNull: true }),
              buildColumn('k', 'text'),
            ],
          }),
          buildTable({ name: 'fresh', columns: ['id'] }),
        ],
      }),
    ],
    'column defaults and identity': [
      buildSchema({
        tables: [
          t({
            columns: [
              buildColumn('a', 'integer', { default: '1' }),
              buildColumn('b', 'integer', { identity: 'always', notNull: true }),
              buildColumn('c', 'integer', { serial: true, notNull: true }),
            ],
          }),
        ],
      }),
      buildSchema({
        tables: [
          t({
            columns: [buildColumn('a'), buildColumn('b', 'integer', { notNull: true }), buildColumn('c', 'integer', { notNull: true })],
          }),
        ],
      }),
    ],
    'constraints and indexes': [
      buildSchema({
        tables: [
          t({
            columns: ['a', 'b'],
            uniques: [buildUnique(['b'], { name: 't_b_key' })],
            foreignKeys: [
              buildForeignKey(['b'], 'public.p', ['id'], { name: 't_b_fkey' }),
              buildForeignKey(['a'], 'public.r', ['id'], { name: 't_a_r_fkey', notValid: true }),
            ],
            checks: [buildCheck('(b > 0)', { name: 't_b_check' }), buildCheck('(a < 9)', { name: 't_a_small', notValid: true })],
            exclusions: [buildExclusion([['b', '=']], { name: 't_b_excl' })],
            indexes: { t_a: buildIndex('t_a', ['a']), t_old: buildIndex('t_old', ['b']), t_twin: buildIndex('t_twin', ['a', 'b']) },
          }),
          buildTable({
            name: 'p',
            columns: ['id'],
            primaryKey: { name: 'p_pkey', columns: ['id'] },
            checks: [buildCheck('(id > 0)', { name: 'p_check' })],
          }),
          buildTable({ name: 'q', columns: ['x', 'y'], primaryKey: { name: 'q_pkey', columns: ['x'] } }),
          buildTable({ name: 'r', columns: ['id'], primaryKey: { name: 'r_pkey', columns: ['id'] } }),
        ],
      }),
      buildSchema({
        tables: [
          t({
            columns: ['a', 'b'],
            primaryKey: { columns: ['a'] },
            uniques: [buildUnique(['a'])],
            foreignKeys: [buildForeignKey(['a'], 'public.p', ['id']), buildForeignKey(['a'], 'public.r', ['id'])],
            checks: [buildCheck('(a > 0)'), buildCheck('(b > 1)', { noInherit: true }), buildCheck('(a < 9)', { name: 't_a_small' })],
            exclusions: [buildExclusion([['a', '=']])],
            indexes: {
              t_a: buildIndex('t_a', ['a'], { unique: true }),
              t_new: buildIndex('t_new', ['b'], { where: '(b > 0)' }),
              t_renamed: buildIndex('t_renamed', ['a', 'b']),
            },
          }),
          buildTable({
            name: 'p',
            columns: ['id'],
            primaryKey: { name: 'p_pk', columns: ['id'] },
            checks: [buildCheck('(id > 0)', { name: 'p_positive' })],
          }),
          buildTable({ name: 'q', columns: ['x', 'y'], primaryKey: { columns: ['x', 'y'] } }),
          buildTable({ name: 'r', columns: ['id'] }),
        ],
      }),
    ],
    views: [
      buildSchema({
        views: [buildView('v', 'SELECT 1'), buildView('m', 'SELECT 1', { materialized: true }), buildView('gone', 'SELECT 1')],
      }),
      buildSchema({
        views: [
          buildView('v', 'SELECT 2', { comment: 'a view' }),
          buildView('m', 'SELECT 2', { materialized: true, comment: 'a materialized view' }),
          buildView('fresh', 'SELECT 3'),
        ],
      }),
    ],
  };
  const planned = Object.entries(ROWS).flatMap(([row, [live, desired]]) => {
    const p = plan(live, desired, true);
    return p.changes.map((change, i) => ({ row, change, statements: p.statements.filter((s) => s.change === i) }));
  });

  it('has a change of every kind among the rows', () => {
    expect(CHANGE_KINDS.filter((kind) => !planned.some((p) => p.change.kind === kind))).toEqual([]);
  });

  it.each(planned.map((p) => [`${p.change.kind} ${objectName(p.change)}`, p] as const))(
    '%s: the change has exactly the hazards of its statements',
    (_name, { change, statements }) => {
      const union = new Set(statements.flatMap((s) => s.hazards));
      expect([...union].sort()).toEqual([...new Set(change.hazards)].sort());
    },
  );

  it('sets a column NOT NULL before making it identity, under the set-not-null change and its hazards', () => {
    const live = buildSchema({ tables: [t({ columns: [buildColumn('a')] })] });
    const desired = buildSchema({ tables: [t({ columns: [buildColumn('a', 'integer', { identity: 'always', notNull: true })] })] });
    const p = plan(live, desired);
    const lines = p.statements.map((s) => `${p.changes[s.change]?.kind}: ${s.sql}`);
    expect(lines).toEqual([
      'set-not-null: ALTER TABLE "public"."t" ADD CONSTRAINT "t_a_not_null_check" CHECK ("a" IS NOT NULL) NOT VALID',
      'set-not-null: ALTER TABLE "public"."t" VALIDATE CONSTRAINT "t_a_not_null_check"',
      'set-not-null: ALTER TABLE "public"."t" ALTER COLUMN "a" SET NOT NULL',
      'set-not-null: ALTER TABLE "public"."t" DROP CONSTRAINT "t_a_not_null_check"',
      'alter-column-identity: ALTER TABLE "public"."t" ALTER COLUMN "a" ADD GENERATED ALWAYS AS IDENTITY',
      `alter-column-identity: SELECT pg_catalog.setval(pg_catalog.pg_get_serial_sequence('"public"."t"', 'a'), COALESCE(max("a"), 0) + 1, false) FROM "public"."t"`,
    ]);
  });
});

describe('names of constraints the spec leaves unnamed', () => {
  it.each([
    [
      'a check that replaces the live check of its name',
      buildTable({ name: 't', columns: ['a'], checks: [buildCheck('(a > 0)', { name: 't_a_check' })] }),
      buildTable({ name: 't', columns: ['a'], checks: [buildCheck('(a >= 0)')] }),
      't_a_check',
    ],
    [
      'a check whose name a live check the spec keeps has',
      buildTable({ name: 't', columns: ['a'], checks: [buildCheck('(a > 0)', { name: 't_a_check' })] }),
      buildTable({ name: 't', columns: ['a'], checks: [buildCheck('(a > 0)', { name: 't_a_check' }), buildCheck('(a >= 0)')] }),
      't_a_check1',
    ],
    [
      'a foreign key whose name a live index has',
      buildTable({ name: 't', columns: ['a'], indexes: { t_a_fkey: buildIndex('t_a_fkey', ['a']) } }),
      buildTable({
        name: 't',
        columns: ['a'],
        indexes: { t_a_fkey: buildIndex('t_a_fkey', ['a']) },
        foreignKeys: [buildForeignKey(['a'], 'public.t', ['a'])],
      }),
      't_a_fkey1',
    ],
    [
      'a unique constraint of a name longer than PostgreSQL keeps',
      buildTable({ name: 'x'.repeat(60), columns: ['a'] }),
      buildTable({ name: 'x'.repeat(60), columns: ['a'], uniques: [buildUnique(['a'])] }),
      `${'x'.repeat(60)}_a_`,
    ],
  ])('shows %s under the name the plan adds it by', (_name, liveTable, desiredTable, expected) => {
    const live = buildSchema({ tables: [liveTable] });
    const desired = buildSchema({ tables: [desiredTable] });
    const p = plan(live, desired, true);
    const added = p.changes.find((c) => c.kind.startsWith('add-'));
    expect(added?.object.name).toBe(expected);
    expect(buildReport(p.changes).changes.find((c) => c.kind.startsWith('add-'))?.object).toBe(
      `${displayQualified('public', desiredTable.name)}.${expected}`,
    );
    expect(p.statements.some((s) => s.sql.includes(`ADD CONSTRAINT "${expected}"`))).toBe(true);
  });
});
