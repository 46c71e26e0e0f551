import { describe, expect, it } from 'vitest';
import { CHANGE_KINDS, diffSchemas, objectName, sameDefault, typeChangeSafety, type Change } from '../../src/core/diff.js';
import type { Schema, Table } from '../../src/core/model.js';
import {
  buildCheck,
  buildColumn,
  buildEnum,
  buildExclusion,
  buildForeignKey,
  buildIndex,
  buildKey,
  buildSchema,
  buildScope,
  buildSequence,
  buildTable,
  buildUnique,
  buildView,
} from '../helpers/builders.js';

const diff = (live: Schema, desired: Schema, scope = buildScope()): Change[] => diffSchemas(live, desired, { scope });
const lines = (changes: Change[]): string[] => changes.map((c) => `${c.kind} ${objectName(c)}`);
type TableFields = Partial<Parameters<typeof buildTable>[0]>;
/** Live and desired schemas of one table `public.t`. */
const tables = (live: TableFields, desired: TableFields): [Schema, Schema] => [
  buildSchema({ tables: [buildTable({ ...live, name: 't' })] }),
  buildSchema({ tables: [buildTable({ ...desired, name: 't' })] }),
];

interface Row {
  live: Schema;
  desired: Schema;
  expected: Array<Pick<Change, 'kind' | 'destructive' | 'hazards'> & { object: string }>;
}
const change = (kind: Change['kind'], object: string, destructive = false, hazards: Change['hazards'] = []): Row['expected'][number] => ({
  kind,
  object,
  destructive,
  hazards,
});

const col = buildColumn;
const ROWS: Record<string, Row> = {
  'creates a schema the database lacks': {
    live: buildSchema(),
    desired: buildSchema({ schemas: { public: {}, app: {} } }),
    expected: [change('add-schema', 'app')],
  },
  'creates an extension': {
    live: buildSchema(),
    desired: buildSchema({ extensions: { pgcrypto: { name: 'pgcrypto', schema: 'public' } } }),
    expected: [change('add-extension', 'pgcrypto')],
  },
  'moves an extension to the schema the spec names': {
    live: buildSchema({ extensions: { citext: { name: 'citext', schema: 'ext', version: '1.6' } } }),
    desired: buildSchema({ extensions: { citext: { name: 'citext', schema: 'public' } } }),
    expected: [change('alter-extension', 'citext')],
  },
  'updates an extension whose version the spec names': {
    live: buildSchema({ extensions: { citext: { name: 'citext', schema: 'public', version: '1.5' } } }),
    desired: buildSchema({ extensions: { citext: { name: 'citext', schema: 'public', version: '1.6' } } }),
    expected: [change('alter-extension', 'citext')],
  },
  'drops an extension the spec does not list, once it lists any': {
    live: buildSchema({
      extensions: {
        citext: { name: 'citext', schema: 'public', version: '1.6' },
        pgcrypto: { name: 'pgcrypto', schema: 'public', version: '1.3' },
      },
    }),
    desired: buildSchema({ extensions: { pgcrypto: { name: 'pgcrypto', schema: 'public' } } }),
    expected: [change('drop-extension', 'citext', true, ['deletes-data', 'dependent-objects'])],
  },
  'creates an enum': {
    live: buildSchema(),
    desired: buildSchema({ enums: [buildEnum('mood', ['a'])] }),
    expected: [change('add-enum', 'public.mood')],
  },
  'adds enum values one by one when the old order is kept': {
    live: buildSchema({ enums: [buildEnum('mood', ['a', 'c'])] }),
    desired: buildSchema({ enums: [buildEnum('mood', ['a', 'b', 'c', 'd'])] }),
    expected: [
      change('add-enum-value', 'public.mood', false, ['enum-value-usable-after-commit']),
      change('add-enum-value', 'public.mood', false, ['enum-value-usable-after-commit']),
    ],
  },
  'rebuilds an enum whose values are reordered': {
    live: buildSchema({ enums: [buildEnum('mood', ['a', 'b'])] }),
    desired: buildSchema({ enums: [buildEnum('mood', ['b', 'a'])] }),
    expected: [change('alter-enum', 'public.mood', true, ['deletes-data', 'rewrites-table', 'dependent-objects'])],
  },
  'rebuilds an enum that loses a value': {
    live: buildSchema({ enums: [buildEnum('mood', ['a', 'b'])] }),
    desired: buildSchema({ enums: [buildEnum('mood', ['a'])] }),
    expected: [change('alter-enum', 'public.mood', true, ['deletes-data', 'rewrites-table', 'dependent-objects'])],
  },
  'drops an enum': {
    live: buildSchema({ enums: [buildEnum('mood', ['a'])] }),
    desired: buildSchema(),
    expected: [change('drop-enum', 'public.mood', true, ['dependent-objects'])],
  },
  'creates, alters and drops sequences': {
    live: buildSchema({ sequences: [buildSequence('b', { cache: '1' }), buildSequence('c')] }),
    desired: buildSchema({ sequences: [buildSequence('a'), buildSequence('b', { cache: '20' })] }),
    expected: [
      change('add-sequence', 'public.a'),
      change('alter-sequence', 'public.b'),
      change('drop-sequence', 'public.c', true, ['deletes-data', 'dependent-objects']),
    ],
  },
  'does not count a sequence start value as drift': {
    live: buildSchema({ sequences: [buildSequence('s', { start: '1' })] }),
    desired: buildSchema({ sequences: [buildSequence('s', { start: '500' })] }),
    expected: [],
  },
  'creates and drops tables': {
    live: buildSchema({ tables: [buildTable({ name: 'old', columns: ['id'] })] }),
    desired: buildSchema({ tables: [buildTable({ name: 'new', columns: ['id'] })] }),
    expected: [
      change('add-table', 'public.new'),
      change('drop-table', 'public.old', true, ['deletes-data', 'access-exclusive-lock', 'dependent-objects']),
    ],
  },
  'adds columns, warning when a NOT NULL one has no default': {
    live: tables({ columns: ['id'] }, {})[0],
    desired: tables(
      {},
      {
        columns: [
          'id',
          col('a', 'text'),
          col('b', 'text', { notNull: true }),
          col('c', 'text', { notNull: true, default: "''::text" }),
          col('d', 'bigint', { identity: 'always', notNull: true }),
          col('e', 'integer', { generated: 'id * 2' }),
          col('f', 'integer', { serial: true, notNull: true }),
        ],
      },
    )[1],
    expected: [
      change('add-column', 'public.t.a'),
      change('add-column', 'public.t.b', false, ['may-fail-on-existing-rows']),
      change('add-column', 'public.t.c'),
      change('add-column', 'public.t.d', false, ['rewrites-table']),
      change('add-column', 'public.t.e', false, ['rewrites-table']),
      change('add-column', 'public.t.f'),
    ],
  },
  'drops a column': {
    live: tables({ columns: ['id', 'gone'] }, {})[0],
    desired: tables({}, { columns: ['id'] })[1],
    expected: [change('drop-column', 'public.t.gone', true, ['deletes-data', 'dependent-objects'])],
  },
  'quotes an odd column name in the object': {
    live: tables({ columns: ['id'] }, {})[0],
    desired: tables({}, { columns: ['id', 'Odd "One"'] })[1],
    expected: [change('add-column', 'public.t."Odd ""One"""')],
  },
  'changes column types': {
    ...(([live, desired]) => ({ live, desired }))(
      tables(
        { columns: [col('a', 'character varying(10)'), col('b', 'integer'), col('c', 'timestamp with time zone')] },
        { columns: [col('a', 'text'), col('b', 'bigint'), col('c', 'timestamp without time zone')] },
      ),
    ),
    expected: [
      change('alter-column-type', 'public.t.a', false, ['access-exclusive-lock']),
      change('alter-column-type', 'public.t.b', false, ['rewrites-table']),
      change('alter-column-type', 'public.t.c', true, ['rewrites-table', 'may-lose-precision']),
    ],
  },
  'sets and drops NOT NULL': {
    ...(([live, desired]) => ({ live, desired }))(
      tables(
        { columns: [col('a'), col('b', 'integer', { notNull: true })] },
        { columns: [col('a', 'integer', { notNull: true }), col('b')] },
      ),
    ),
    expected: [
      change('set-not-null', 'public.t.a', false, ['may-fail-on-existing-rows', 'access-exclusive-lock']),
      change('drop-not-null', 'public.t.b'),
    ],
  },
  'sets and drops defaults': {
    ...(([live, desired]) => ({ live, desired }))(
      tables(
        { columns: [col('a', 'integer', { default: '1' }), col('b'), col('c', 'integer', { default: '3' })] },
        { columns: [col('a', 'integer', { default: '2' }), col('b', 'integer', { default: '0' }), col('c')] },
      ),
    ),
    expected: [change('set-default', 'public.t.a'), change('set-default', 'public.t.b'), change('drop-default', 'public.t.c')],
  },
  'changes identity and serial': {
    ...(([live, desired]) => ({ live, desired }))(
      tables(
        { columns: [col('a', 'integer', { identity: 'always', notNull: true }), col('b', 'integer', { serial: true, notNull: true })] },
        { columns: [col('a', 'integer', { identity: 'by default', notNull: true }), col('b', 'integer', { notNull: true })] },
      ),
    ),
    expected: [change('alter-column-identity', 'public.t.a'), change('alter-column-serial', 'public.t.b')],
  },
  'changes a generated expression, which recomputes every row': {
    ...(([live, desired]) => ({ live, desired }))(
      tables({ columns: [col('a', 'integer', { generated: '1' })] }, { columns: [col('a', 'integer', { generated: '2' })] }),
    ),
    expected: [change('alter-column-generated', 'public.t.a', true, ['deletes-data', 'rewrites-table'])],
  },
  'changes a collation when the type stays': {
    ...(([live, desired]) => ({ live, desired }))(
      tables({ columns: [col('a', 'text')] }, { columns: [col('a', 'text', { collation: 'C' })] }),
    ),
    expected: [change('alter-column-collation', 'public.t.a', false, ['rewrites-table'])],
  },
  'adds, drops and changes a primary key': {
    live: buildSchema({
      tables: [
        buildTable({ name: 'a', columns: ['id'] }),
        buildTable({ name: 'b', columns: ['id'], primaryKey: { name: 'b_pkey', columns: ['id'] } }),
        buildTable({ name: 'c', columns: ['x', 'y'], primaryKey: { name: 'c_pkey', columns: ['x'] } }),
      ],
    }),
    desired: buildSchema({
      tables: [
        buildTable({ name: 'a', columns: ['id'], primaryKey: { columns: ['id'] } }),
        buildTable({ name: 'b', columns: ['id'] }),
        buildTable({ name: 'c', columns: ['x', 'y'], primaryKey: { columns: ['x', 'y'] } }),
      ],
    }),
    expected: [
      change('add-primary-key', 'public.a.a_pkey', false, ['may-fail-on-existing-rows', 'blocks-writes']),
      change('drop-primary-key', 'public.b.b_pkey', true, ['dependent-objects']),
      change('alter-primary-key', 'public.c.c_pkey', true, ['may-fail-on-existing-rows', 'blocks-writes', 'dependent-objects']),
    ],
  },
  'renames a primary key the spec names differently': {
    ...(([live, desired]) => ({ live, desired }))(
      tables(
        { columns: ['id'], primaryKey: { name: 't_pkey', columns: ['id'] } },
        { columns: ['id'], primaryKey: { name: 't_pk', columns: ['id'] } },
      ),
    ),
    expected: [change('rename-constraint', 'public.t.t_pkey')],
  },
  'validates a foreign key and a check the database has NOT VALID': {
    ...(([live, desired]) => ({ live, desired }))(
      tables(
        {
          columns: ['a'],
          foreignKeys: [buildForeignKey(['a'], 'public.p', ['id'], { name: 't_a_fkey', notValid: true })],
          checks: [buildCheck('(a > 0)', { name: 't_a_check', notValid: true })],
        },
        { columns: ['a'], foreignKeys: [buildForeignKey(['a'], 'public.p', ['id'])], checks: [buildCheck('(a > 0)')] },
      ),
    ),
    expected: [
      change('validate-constraint', 'public.t.t_a_fkey', false, ['may-fail-on-existing-rows']),
      change('validate-constraint', 'public.t.t_a_check', false, ['may-fail-on-existing-rows']),
    ],
  },
  'adds and drops exclusion constraints, naming an unnamed one as PostgreSQL does': {
    ...(([live, desired]) => ({ live, desired }))(
      tables(
        {
          columns: ['a', 'b'],
          exclusions: [buildExclusion([['a', '=']], { name: 'old_excl' }), buildExclusion([['b', '&&']], { name: 'kept' })],
        },
        {
          columns: ['a', 'b'],
          exclusions: [
            buildExclusion([['b', '&&']]),
            buildExclusion(
              [
                ['a', '='],
                ['b', '&&'],
              ],
              { include: ['a'] },
            ),
          ],
        },
      ),
    ),
    expected: [
      change('drop-exclusion', 'public.t.old_excl', true),
      change('add-exclusion', 'public.t.t_a_b_a_excl', false, ['may-fail-on-existing-rows', 'blocks-writes']),
    ],
  },
  'names an unnamed unique constraint after its INCLUDE columns too': {
    ...(([live, desired]) => ({ live, desired }))(
      tables(
        { columns: ['a', 'b'], uniques: [buildUnique(['a'], { name: 't_a_key' })] },
        { columns: ['a', 'b'], uniques: [buildUnique(['a'], { include: ['b'] })] },
      ),
    ),
    expected: [
      change('drop-unique', 'public.t.t_a_key', true),
      change('add-unique', 'public.t.t_a_b_key', false, ['may-fail-on-existing-rows', 'blocks-writes']),
    ],
  },
  'adds and drops unique constraints, naming an unnamed one as the plan will': {
    ...(([live, desired]) => ({ live, desired }))(
      tables(
        { columns: ['a', 'b'], uniques: [buildUnique(['b'], { name: 't_b_key' })] },
        { columns: ['a', 'b'], uniques: [buildUnique(['a', 'b'])] },
      ),
    ),
    expected: [
      change('drop-unique', 'public.t.t_b_key', true),
      change('add-unique', 'public.t.t_a_b_key', false, ['may-fail-on-existing-rows', 'blocks-writes']),
    ],
  },
  'replaces a foreign key the spec leaves unnamed under the name of the live one it replaces': {
    ...(([live, desired]) => ({ live, desired }))(
      tables(
        { columns: ['a'], foreignKeys: [buildForeignKey(['a'], 'public.p', ['id'], { name: 't_a_fkey' })] },
        { columns: ['a'], foreignKeys: [buildForeignKey(['a'], 'public.p', ['id'], { onDelete: 'cascade' })] },
      ),
    ),
    expected: [
      change('drop-foreign-key', 'public.t.t_a_fkey', true),
      change('add-foreign-key', 'public.t.t_a_fkey', false, ['may-fail-on-existing-rows']),
    ],
  },
  'replaces a check the spec leaves unnamed under the name of the live one it replaces': {
    ...(([live, desired]) => ({ live, desired }))(
      tables(
        { columns: ['a'], checks: [buildCheck('(a > 0)', { name: 't_a_check' })] },
        { columns: ['a'], checks: [buildCheck('(a >= 0)')] },
      ),
    ),
    expected: [
      change('drop-check', 'public.t.t_a_check', true),
      change('add-check', 'public.t.t_a_check', false, ['may-fail-on-existing-rows']),
    ],
  },
  'adds, alters and drops indexes': {
    ...(([live, desired]) => ({ live, desired }))(
      tables(
        { columns: ['a', 'b'], indexes: { t_a: buildIndex('t_a', ['a']), t_old: buildIndex('t_old', ['b'], { method: 'hash' }) } },
        {
          columns: ['a', 'b'],
          indexes: {
            t_a: buildIndex('t_a', [buildKey('a', { descending: true, nullsFirst: true })]),
            t_new: buildIndex('t_new', ['a', 'b'], { unique: true }),
          },
        },
      ),
    ),
    expected: [
      change('alter-index', 'public.t.t_a', false, ['blocks-writes']),
      change('add-index', 'public.t.t_new', false, ['blocks-writes', 'may-fail-on-existing-rows']),
      change('drop-index', 'public.t.t_old', true),
    ],
  },
  'rebuilds an index whose key takes another collation': {
    ...(([live, desired]) => ({ live, desired }))(
      tables(
        { columns: ['a'], indexes: { t_a: buildIndex('t_a', ['a']) } },
        { columns: ['a'], indexes: { t_a: buildIndex('t_a', [buildKey('a', { collation: 'C' })]) } },
      ),
    ),
    expected: [change('alter-index', 'public.t.t_a', false, ['blocks-writes'])],
  },
  'renames an index found under another name with the same definition': {
    ...(([live, desired]) => ({ live, desired }))(
      tables(
        { columns: ['a'], indexes: { idx_1: buildIndex('idx_1', ['a']) } },
        { columns: ['a'], indexes: { t_a: buildIndex('t_a', ['a']) } },
      ),
    ),
    expected: [change('rename-index', 'public.t.idx_1')],
  },
  'creates, replaces and drops views': {
    live: buildSchema({
      views: [buildView('b', 'SELECT 1'), buildView('c', 'SELECT 1'), buildView('m', 'SELECT 1', { materialized: true })],
    }),
    desired: buildSchema({
      views: [buildView('a', 'SELECT 1'), buildView('b', 'SELECT 2'), buildView('m', 'SELECT 2', { materialized: true })],
    }),
    expected: [
      change('add-view', 'public.a'),
      change('alter-view', 'public.b'),
      change('drop-view', 'public.c', true, ['dependent-objects']),
      change('alter-view', 'public.m', false, ['access-exclusive-lock']),
    ],
  },
  'sets and removes comments the spec speaks of, and leaves the others alone': {
    live: buildSchema({
      schemas: { public: { comment: 'std' } },
      tables: [
        buildTable({
          name: 't',
          comment: 'old',
          columns: [col('a', 'integer', { comment: 'kept' }), col('b', 'integer', { comment: 'gone' })],
        }),
      ],
    }),
    desired: buildSchema({
      schemas: { public: { comment: 'std' } },
      tables: [buildTable({ name: 't', comment: 'new', columns: [col('a'), col('b', 'integer', { comment: '' })] })],
    }),
    expected: [change('set-comment', 'public.t'), change('set-comment', 'public.t.b')],
  },
};

describe('diffSchemas', () => {
  it.each(Object.entries(ROWS))('%s', (_name, row) => {
    expect(
      diff(row.live, row.desired).map((c) => ({ kind: c.kind, object: objectName(c), destructive: c.destructive, hazards: c.hazards })),
    ).toEqual(row.expected);
  });

  it('has a row above for every kind of change it can report', () => {
    const covered = new Set(Object.values(ROWS).flatMap((row) => diff(row.live, row.desired).map((c) => c.kind)));
    expect(CHANGE_KINDS.filter((kind) => !covered.has(kind))).toEqual([]);
  });

  it('finds nothing between a schema and itself', () => {
    for (const row of Object.values(ROWS)) {
      expect(diff(row.desired, row.desired)).toEqual([]);
      expect(diff(row.live, row.live)).toEqual([]);
    }
  });

  it('carries before and after values', () => {
    const [live, desired] = tables(
      { columns: [col('a', 'text', { default: "'x'::text" })] },
      { columns: [col('a', 'character varying(10)', { default: "'y'::text" })] },
    );
    const object = { schema: 'public', table: 't', name: 'a' };
    expect(diff(live, desired)).toEqual([
      {
        kind: 'alter-column-type',
        objectType: 'column',
        object,
        before: 'text',
        after: 'character varying(10)',
        column: col('a', 'character varying(10)', { default: "'y'::text" }),
        liveDefault: "'x'::text",
        destructive: true,
        hazards: ['rewrites-table', 'may-lose-precision'],
      },
      { kind: 'set-default', objectType: 'column', object, before: "'x'::text", after: "'y'::text", destructive: false, hazards: [] },
    ]);
  });

  it('places a new enum value before the next old one, or after the last', () => {
    const changes = diff(
      buildSchema({ enums: [buildEnum('e', ['a', 'c'])] }),
      buildSchema({ enums: [buildEnum('e', ['a', 'b', 'c', 'd'])] }),
    );
    expect(changes.map((c) => (c.kind === 'add-enum-value' ? c.after : c.kind))).toEqual([
      { value: 'b', before: 'c' },
      { value: 'd', after: 'c' },
    ]);
  });

  it('lists changes in migration order: schemas, extensions, enums, sequences, tables, views', () => {
    const live = buildSchema();
    const desired = buildSchema({
      schemas: { public: {}, app: {} },
      extensions: { pgcrypto: { name: 'pgcrypto', schema: 'public' } },
      views: [buildView('v', 'SELECT 1')],
      tables: [buildTable({ name: 'b', columns: ['id'] }), buildTable({ name: 'a', columns: ['id'] })],
      sequences: [buildSequence('s')],
      enums: [buildEnum('e', ['x'])],
    });
    expect(lines(diff(live, desired))).toEqual([
      'add-schema app',
      'add-extension pgcrypto',
      'add-enum public.e',
      'add-sequence public.s',
      'add-table public.a',
      'add-table public.b',
      'add-view public.v',
    ]);
  });
});

describe('diffSchemas: constraint matching', () => {
  const check = (live: Table['checks'], desired: Table['checks']): string[] =>
    lines(diff(...tables({ columns: ['a'], checks: live }, { columns: ['a'], checks: desired })));

  it.each([
    [
      'matches an unnamed spec check by definition, whatever PostgreSQL named it',
      [buildCheck('(a > 0)', { name: 'whatever' })],
      [buildCheck('(a > 0)')],
      [],
    ],
    [
      'matches a named spec check by name and definition',
      [buildCheck('(a > 0)', { name: 'pos' })],
      [buildCheck('(a > 0)', { name: 'pos' })],
      [],
    ],
    [
      'renames a live check that a named spec check matches by definition',
      [buildCheck('(a > 0)', { name: 't_a_check' })],
      [buildCheck('(a > 0)', { name: 'pos' })],
      ['rename-constraint public.t.t_a_check'],
    ],
    [
      'replaces a check whose name matches but whose definition does not',
      [buildCheck('(a > 0)', { name: 'pos' })],
      [buildCheck('(a > 1)', { name: 'pos' })],
      ['drop-check public.t.pos', 'add-check public.t.pos'],
    ],
    [
      'matches two identical unnamed checks one to one',
      [buildCheck('(a > 0)', { name: 'x' }), buildCheck('(a > 0)', { name: 'y' })],
      [buildCheck('(a > 0)')],
      ['drop-check public.t.y'],
    ],
    [
      'does not rename onto a name the spec keeps for another check',
      [buildCheck('(a > 0)', { name: 'keep' }), buildCheck('(a > 1)', { name: 'other' })],
      [buildCheck('(a > 1)', { name: 'keep' }), buildCheck('(a > 0)', { name: 'new' })],
      ['rename-constraint public.t.other', 'drop-check public.t.keep', 'add-check public.t.new'],
    ],
    [
      'tells NO INHERIT apart',
      [buildCheck('(a > 0)', { name: 'c' })],
      [buildCheck('(a > 0)', { noInherit: true })],
      ['drop-check public.t.c', 'add-check public.t.t_a_check'],
    ],
    [
      'validates a check the database has NOT VALID',
      [buildCheck('(a > 0)', { name: 'pos', notValid: true })],
      [buildCheck('(a > 0)')],
      ['validate-constraint public.t.pos'],
    ],
    [
      'validates a NOT VALID check under the name a rename gives it',
      [buildCheck('(a > 0)', { name: 't_a_check', notValid: true })],
      [buildCheck('(a > 0)', { name: 'pos' })],
      ['rename-constraint public.t.t_a_check', 'validate-constraint public.t.pos'],
    ],
    [
      'does not validate a NOT VALID check the spec replaces',
      [buildCheck('(a > 0)', { name: 'pos', notValid: true })],
      [buildCheck('(a > 1)', { name: 'pos' })],
      ['drop-check public.t.pos', 'add-check public.t.pos'],
    ],
  ])('%s', (_name, live, desired, expected) => {
    expect(check(live, desired)).toEqual(expected);
  });

  it.each([
    [
      'columns in another order are another unique constraint',
      [buildUnique(['a', 'b'], { name: 'u' })],
      [buildUnique(['b', 'a'])],
      ['drop-unique public.t.u', 'add-unique public.t.t_b_a_key'],
    ],
    [
      'NULLS NOT DISTINCT is another unique constraint',
      [buildUnique(['a'], { name: 'u' })],
      [buildUnique(['a'], { nullsNotDistinct: true })],
      ['drop-unique public.t.u', 'add-unique public.t.t_a_key'],
    ],
    [
      'deferrable is another unique constraint',
      [buildUnique(['a'], { name: 'u' })],
      [buildUnique(['a'], { deferrable: true })],
      ['drop-unique public.t.u', 'add-unique public.t.t_a_key'],
    ],
    ['an unnamed unique constraint matches by columns', [buildUnique(['a', 'b'], { name: 'odd' })], [buildUnique(['a', 'b'])], []],
  ])('%s', (_name, live, desired, expected) => {
    expect(lines(diff(...tables({ columns: ['a', 'b'], uniques: live }, { columns: ['a', 'b'], uniques: desired })))).toEqual(expected);
  });

  it.each([
    ['another referenced table', buildForeignKey(['a'], 'public.q', ['id'])],
    ['another ON DELETE', buildForeignKey(['a'], 'public.p', ['id'], { onDelete: 'set null' })],
    ['another ON UPDATE', buildForeignKey(['a'], 'public.p', ['id'], { onUpdate: 'restrict' })],
    ['MATCH FULL', buildForeignKey(['a'], 'public.p', ['id'], { match: 'full' })],
    ['deferrable', buildForeignKey(['a'], 'public.p', ['id'], { deferrable: true })],
    ['initially deferred', buildForeignKey(['a'], 'public.p', ['id'], { deferrable: true, initiallyDeferred: true })],
  ])('replaces a foreign key with %s', (_name, desired) => {
    const live = buildForeignKey(['a'], 'public.p', ['id'], { name: 'fk' });
    expect(lines(diff(...tables({ columns: ['a'], foreignKeys: [live] }, { columns: ['a'], foreignKeys: [desired] })))).toEqual([
      'drop-foreign-key public.t.fk',
      'add-foreign-key public.t.t_a_fkey',
    ]);
  });

  it('matches an unnamed foreign key by definition', () => {
    expect(
      diff(
        ...tables(
          { columns: ['a'], foreignKeys: [buildForeignKey(['a'], 'public.p', ['id'], { name: 'anything' })] },
          { columns: ['a'], foreignKeys: [buildForeignKey(['a'], 'public.p', ['id'])] },
        ),
      ),
    ).toEqual([]);
  });
});

describe('diffSchemas: scope', () => {
  const live = buildSchema({
    schemas: { public: {}, audit: {} },
    tables: [
      buildTable({ name: 'schema_migrations', columns: ['v'] }),
      buildTable({ schema: 'audit', name: 'log', columns: ['x'] }),
      buildTable({ name: 'stray', columns: ['x'] }),
    ],
    enums: [buildEnum('knex_state', ['a'])],
  });

  it.each([
    [
      'reports objects in managed schemas that the spec lacks',
      buildScope(),
      ['drop-enum public.knex_state', 'drop-table public.schema_migrations', 'drop-table public.stray'],
    ],
    [
      'leaves alone objects the spec ignores by name or pattern',
      buildScope({ ignore: ['schema_migrations', 'public.knex_*'] }),
      ['drop-table public.stray'],
    ],
    [
      'reports a schema it manages, even one the spec only names',
      buildScope({ schemas: ['public', 'audit'], ignore: ['public.*'] }),
      ['drop-table audit.log'],
    ],
    ['leaves alone schemas it does not manage', buildScope({ schemas: ['audit'] }), ['drop-table audit.log']],
  ])('%s', (_name, scope, expected) => {
    expect(lines(diff(live, buildSchema(), scope))).toEqual(expected);
  });

  it('does not report installed extensions when the spec lists none', () => {
    const withExt = buildSchema({ extensions: { pgcrypto: { name: 'pgcrypto', schema: 'public', version: '1.3' } } });
    expect(diff(withExt, buildSchema())).toEqual([]);
  });
});

describe('typeChangeSafety', () => {
  it.each([
    ['character varying(10)', 'character varying(20)', 'widening-in-place'],
    ['character varying(10)', 'character varying', 'widening-in-place'],
    ['character varying(10)', 'text', 'widening-in-place'],
    ['text', 'character varying', 'widening-in-place'],
    ['character(4)', 'text', 'widening-in-place'],
    ['numeric(10,2)', 'numeric(12,2)', 'widening-in-place'],
    ['numeric(10,2)', 'numeric', 'widening-in-place'],
    ['smallint', 'integer', 'widening'],
    ['integer', 'bigint', 'widening'],
    ['integer', 'numeric', 'widening'],
    ['integer', 'double precision', 'widening'],
    ['real', 'double precision', 'widening'],
    ['timestamp(3) without time zone', 'timestamp without time zone', 'widening-in-place'],
    ['timestamp(3) with time zone', 'timestamp(6) with time zone', 'widening-in-place'],
    ['timestamp(0) with time zone', 'timestamp(3) with time zone', 'widening-in-place'],
    ['time(3) without time zone', 'time without time zone', 'widening-in-place'],
    ['time(2) with time zone', 'time(4) with time zone', 'widening-in-place'],
    ['interval(3)', 'interval', 'widening-in-place'],
    ['bit varying(5)', 'bit varying(8)', 'widening-in-place'],
    ['bit varying(5)', 'bit varying', 'widening-in-place'],
    ['timestamp without time zone', 'timestamp(3) without time zone', 'narrowing'],
    ['timestamp(6) with time zone', 'timestamp(3) with time zone', 'narrowing'],
    ['timestamp(3) without time zone', 'timestamp(6) with time zone', 'narrowing'],
    ['time(3) without time zone', 'timestamp without time zone', 'narrowing'],
    ['interval', 'interval(0)', 'narrowing'],
    ['bit varying(8)', 'bit varying(5)', 'narrowing'],
    ['bit varying', 'bit varying(5)', 'narrowing'],
    ['character varying(20)', 'character varying(10)', 'narrowing'],
    ['character varying', 'character varying(10)', 'narrowing'],
    ['text', 'character varying(10)', 'narrowing'],
    ['numeric(12,2)', 'numeric(10,2)', 'narrowing'],
    ['numeric(10,2)', 'numeric(12,3)', 'narrowing'],
    ['numeric', 'numeric(10,2)', 'narrowing'],
    ['bigint', 'integer', 'narrowing'],
    ['bigint', 'double precision', 'narrowing'],
    ['timestamp with time zone', 'timestamp without time zone', 'narrowing'],
    ['text', 'integer', 'narrowing'],
    ['json', 'jsonb', 'narrowing'],
  ])('classifies %s → %s as %s', (from, to, expected) => {
    expect(typeChangeSafety(from, to)).toBe(expected);
  });

  it.each([
    ['widening-in-place', 'character varying(10)', 'text', false, ['access-exclusive-lock']],
    ['widening', 'integer', 'bigint', false, ['rewrites-table']],
    ['narrowing', 'bigint', 'integer', true, ['rewrites-table', 'may-lose-precision']],
  ])('gives a %s change its hazards', (_name, from, to, destructive, hazards) => {
    const [change] = diff(...tables({ columns: [col('a', from)] }, { columns: [col('a', to)] }));
    expect(change).toMatchObject({ kind: 'alter-column-type', destructive, hazards });
  });
});

describe('sameDefault', () => {
  it.each([
    ['identical texts', "'a'::text", "'a'::text", true],
    ['now() and CURRENT_TIMESTAMP', 'now()', 'CURRENT_TIMESTAMP', true],
    ['transaction_timestamp() and now()', 'transaction_timestamp()', 'now()', true],
    ['no default on either side', undefined, undefined, true],
    ['now() and statement_timestamp()', 'now()', 'statement_timestamp()', false],
    ['now() and LOCALTIMESTAMP', 'now()', 'LOCALTIMESTAMP', false],
    ['a default and none', 'now()', undefined, false],
  ])('%s', (_name, a, b, expected) => {
    expect(sameDefault(a, b)).toBe(expected);
  });
});
