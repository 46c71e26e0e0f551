import { describe, expect, it } from 'vitest';
import { SpecError } from '../../src/core/errors.js';
import type { Schema } from '../../src/core/model.js';
import { globMatch, isIgnored, parseSpec, toSpec } from '../../src/core/spec.js';
import {
  buildCheck,
  buildColumn,
  buildEnum,
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

/** A spec text from a value, with the version filled in unless the value says otherwise. */
const text = (spec: Record<string, unknown>): string => JSON.stringify({ version: 1, ...spec });
const parse = (spec: Record<string, unknown>) => parseSpec(text(spec));
/** A spec of one table `public.t`. */
const withTable = (table: Record<string, unknown>): Record<string, unknown> => ({
  tables: { 'public.t': { columns: { id: 'int' }, ...table } },
});

function specError(source: string): SpecError {
  try {
    parseSpec(source, 'pgdrift.json');
  } catch (error) {
    if (error instanceof SpecError) return error;
    throw error;
  }
  throw new Error('parseSpec accepted the spec');
}

describe('parseSpec: what a spec means', () => {
  it('manages public alone when the spec names nothing', () => {
    const { schema, scope } = parse({});
    expect(schema.schemas).toEqual({ public: {} });
    expect(scope).toEqual({ schemas: ['public'], ignore: [] });
  });

  it('manages the schemas it lists and the schemas its objects live in, and no others', () => {
    const { scope } = parse({ schemas: { audit: {} }, tables: { 'app.users': { columns: { id: 'int' } } } });
    expect(scope.schemas).toEqual(['app', 'audit']);
  });

  it.each([
    ['a bare name is in public', 'users', 'public.users', { schema: 'public', name: 'users' }],
    ['schema.name', 'app.users', 'app.users', { schema: 'app', name: 'users' }],
    [
      'quoted names keep case, spaces and quotes',
      '"My App"."User ""List"""',
      '"My App"."User ""List"""',
      { schema: 'My App', name: 'User "List"' },
    ],
    ['an unquoted capital is kept, not folded', 'public.Users', 'public."Users"', { schema: 'public', name: 'Users' }],
  ])('keys a table written as %s', (_name, key, display, names) => {
    const { schema } = parse({ tables: { [key]: { columns: { id: 'int' } } } });
    expect(Object.keys(schema.tables)).toEqual([display]);
    expect(schema.tables[display]).toMatchObject(names);
  });

  it('reads an exclusion constraint, with gist as the default method, and the INCLUDE columns of a unique constraint', () => {
    const { schema } = parse(
      withTable({
        columns: { id: 'int', at: 'tstzrange' },
        unique: [{ columns: ['id'], include: ['at'] }],
        exclusions: [
          {
            elements: [
              { column: 'id', operator: ' = ' },
              { expression: 'lower(at)', operator: 'OPERATOR(pg_catalog.=)', order: 'desc' },
            ],
            where: 'id > 0',
            deferrable: true,
          },
        ],
      }),
    );
    const t = schema.tables['public.t']!;
    expect(t.uniques[0]).toEqual(buildUnique(['id'], { include: ['at'] }));
    expect(t.exclusions).toEqual([
      {
        method: 'gist',
        elements: [
          { expression: 'id', column: true, descending: false, nullsFirst: false, operator: '=' },
          { expression: 'lower(at)', column: false, descending: true, nullsFirst: true, operator: 'OPERATOR(pg_catalog.=)' },
        ],
        include: [],
        where: 'id > 0',
        deferrable: true,
        initiallyDeferred: false,
      },
    ]);
    expect(parse(withTable({})).schema.tables['public.t']).not.toHaveProperty('exclusions');
  });

  it.each([
    ['the key of a spec enum in public', { Role: { values: ['a'] } }, 'public.t', 'Role', '"public"."Role"'],
    ['its qualified key', { 'app.Role': { values: ['a'] } }, 'public.t', 'app.Role[]', '"app"."Role"[]'],
    [
      'a bare name found in a spec schema before public',
      { 'app.Role': { values: ['a'] }, 'public.Role': { values: ['b'] } },
      'app.t',
      'Role',
      '"app"."Role"',
    ],
    ['an array of it', { Role: { values: ['a'] } }, 'public.t', 'Role[][]', '"public"."Role"[][]'],
    ['no spec enum of that name: left to PostgreSQL', { Mood: { values: ['a'] } }, 'public.t', 'Integer', 'Integer'],
    ['a lower-case name: PostgreSQL reads it as written', { role: { values: ['a'] } }, 'public.t', 'role', 'role'],
  ])('resolves a column typed with %s', (_name, enums, table, type, resolved) => {
    const { schema } = parse({ enums, tables: { [table]: { columns: { c: type } } } });
    expect(Object.values(schema.tables)[0]?.columns[0]?.type).toBe(resolved);
  });

  it.each([
    ['a type alone, as a string', 'text', buildColumn('c', 'text')],
    ['nullable false', { type: 'text', nullable: false }, buildColumn('c', 'text', { notNull: true })],
    ['a default', { type: 'timestamptz', default: ' NOW() ' }, buildColumn('c', 'timestamptz', { default: 'NOW()' })],
    ['serial as integer fed by a sequence, NOT NULL', 'serial', buildColumn('c', 'integer', { serial: true, notNull: true })],
    ['bigserial as bigint', 'BIGSERIAL', buildColumn('c', 'bigint', { serial: true, notNull: true })],
    ['smallserial as smallint', 'serial2', buildColumn('c', 'smallint', { serial: true, notNull: true })],
    [
      'identity, NOT NULL, always by default',
      { type: 'int', identity: 'ALWAYS' },
      buildColumn('c', 'int', { identity: 'always', notNull: true }),
    ],
    ['identity by default', { type: 'int', identity: 'by default' }, buildColumn('c', 'int', { identity: 'by default', notNull: true })],
    ['a stored generated expression', { type: 'int', generated: 'a * 2' }, buildColumn('c', 'int', { generated: 'a * 2' })],
    [
      'a collation and a comment',
      { type: 'text', collation: 'C', comment: 'it' },
      buildColumn('c', 'text', { collation: 'C', comment: 'it' }),
    ],
    ['a type with a quoted enum name and array brackets', '"My Enum"[]', buildColumn('c', '"My Enum"[]')],
    ['a type with modifiers and spaces', 'timestamp(3) with time zone', buildColumn('c', 'timestamp(3) with time zone')],
  ])('reads a column with %s', (_name, column, expected) => {
    const { schema } = parse({ tables: { t: { columns: { a: 'int', c: column } } } });
    expect(schema.tables['public.t']?.columns[1]).toEqual(expected);
  });

  it('makes primary key columns NOT NULL, as PostgreSQL does', () => {
    const { schema } = parse(withTable({ columns: { id: 'int', b: 'int' }, primaryKey: ['id'] }));
    expect(schema.tables['public.t']).toMatchObject({
      primaryKey: { columns: ['id'] },
      columns: [
        { name: 'id', notNull: true },
        { name: 'b', notNull: false },
      ],
    });
  });

  it('reads a named primary key', () => {
    const { schema } = parse(withTable({ primaryKey: { name: 't_pk', columns: ['id'] } }));
    expect(schema.tables['public.t']?.primaryKey).toEqual({ name: 't_pk', columns: ['id'] });
  });

  it('reads unique constraints written as a column list or as an object', () => {
    const { schema } = parse(
      withTable({
        columns: { a: 'int', b: 'int' },
        unique: [['a', 'b'], { name: 'u', columns: ['b'], nullsNotDistinct: true, deferrable: true, initiallyDeferred: true }],
      }),
    );
    expect(schema.tables['public.t']?.uniques).toEqual([
      buildUnique(['a', 'b']),
      buildUnique(['b'], { name: 'u', nullsNotDistinct: true, deferrable: true, initiallyDeferred: true }),
    ]);
  });

  it('reads a foreign key with NO ACTION, MATCH SIMPLE and not deferrable unless told', () => {
    const { schema } = parse({
      tables: {
        p: { columns: { id: 'int' } },
        c: { columns: { p_id: 'int' }, foreignKeys: [{ columns: ['p_id'], references: { table: 'p', columns: ['id'] } }] },
      },
    });
    expect(schema.tables['public.c']?.foreignKeys).toEqual([buildForeignKey(['p_id'], 'public.p', ['id'])]);
  });

  it('reads foreign key actions in any case', () => {
    const { schema } = parse(
      withTable({
        foreignKeys: [
          {
            name: 'fk',
            columns: ['id'],
            references: { table: 'app.p', columns: ['x'] },
            onDelete: 'CASCADE',
            onUpdate: 'Set Null',
            match: 'FULL',
            deferrable: true,
          },
        ],
      }),
    );
    expect(schema.tables['public.t']?.foreignKeys[0]).toEqual(
      buildForeignKey(['id'], 'app.p', ['x'], { name: 'fk', onDelete: 'cascade', onUpdate: 'set null', match: 'full', deferrable: true }),
    );
  });

  it('reads checks written as text or as an object', () => {
    const { schema } = parse(withTable({ checks: ['id > 0', { name: 'c', expression: 'id < 10', noInherit: true }] }));
    expect(schema.tables['public.t']?.checks).toEqual([buildCheck('id > 0'), buildCheck('id < 10', { name: 'c', noInherit: true })]);
  });

  it.each([
    ['a column name', { columns: ['id'] }, buildIndex('i', ['id'])],
    [
      'DESC, which puts NULLs first unless told',
      { columns: [{ column: 'id', order: 'DESC' }] },
      buildIndex('i', [buildKey('id', { descending: true, nullsFirst: true })]),
    ],
    [
      'DESC NULLS LAST',
      { columns: [{ column: 'id', order: 'desc', nulls: 'last' }] },
      buildIndex('i', [buildKey('id', { descending: true })]),
    ],
    ['an expression', { columns: [{ expression: 'lower(name)' }] }, buildIndex('i', [buildKey('lower(name)', { column: false })])],
    [
      'an operator class',
      { columns: [{ column: 'name', opclass: 'text_pattern_ops' }] },
      buildIndex('i', [buildKey('name', { opclass: 'text_pattern_ops' })]),
    ],
    ['a method in capitals', { columns: ['name'], method: 'GIN' }, buildIndex('i', ['name'], { method: 'gin' })],
    [
      'unique, INCLUDE, NULLS NOT DISTINCT and WHERE',
      { columns: ['id'], unique: true, include: ['name'], nullsNotDistinct: true, where: 'id > 0' },
      buildIndex('i', ['id'], { unique: true, include: ['name'], nullsNotDistinct: true, where: 'id > 0' }),
    ],
  ])('reads an index with %s', (_name, index, expected) => {
    const { schema } = parse(withTable({ columns: { id: 'int', name: 'text' }, indexes: { i: index } }));
    expect(schema.tables['public.t']?.indexes.i).toEqual(expected);
  });

  it('reads enums with their values in order', () => {
    const { schema } = parse({ enums: { mood: { values: ['sad', 'ok'], comment: 'm' } } });
    expect(schema.enums).toEqual({ 'public.mood': buildEnum('mood', ['sad', 'ok'], { comment: 'm' }) });
  });

  it.each([
    ['an ascending sequence with PostgreSQL defaults', {}, buildSequence('s')],
    ['int as integer, with its limits', { type: 'int' }, buildSequence('s', { type: 'integer', max: '2147483647' })],
    [
      'a descending sequence, which starts at -1',
      { increment: -1 },
      buildSequence('s', { increment: '-1', min: '-9223372036854775808', max: '-1', start: '-1' }),
    ],
    [
      'large values as strings of digits',
      { max: '9223372036854775806', start: 5, cache: 10, cycle: true },
      buildSequence('s', { max: '9223372036854775806', start: '5', cache: '10', cycle: true }),
    ],
  ])('reads %s', (_name, sequence, expected) => {
    expect(parse({ sequences: { s: sequence } }).schema.sequences['public.s']).toEqual(expected);
  });

  it('reads a view and drops the trailing semicolon of its query', () => {
    const { schema } = parse({ views: { v: { query: 'SELECT 1;  ' }, m: { query: 'SELECT 2', materialized: true } } });
    expect(schema.views).toEqual({
      'public.m': buildView('m', 'SELECT 2', { materialized: true }),
      'public.v': buildView('v', 'SELECT 1'),
    });
  });

  it('keeps ignore patterns as written', () => {
    expect(parse({ ignore: ['public.schema_migrations', 'audit.*', '"My.Schema".*'] }).scope.ignore).toEqual([
      'public.schema_migrations',
      'audit.*',
      '"My.Schema".*',
    ]);
  });
});

describe('parseSpec: bad input names the JSON path and what was expected', () => {
  const T = '$.tables["public.t"]';
  it.each([
    ['malformed JSON, with line and column', '{\n  "version": 1,\n  "tables": {,}\n}', '', /line 3, column 14/],
    ['a missing version', JSON.stringify({ tables: {} }), '$.version', /missing/],
    ['an unsupported version', JSON.stringify({ version: 2 }), '$.version', /unsupported spec version 2/],
    ['a spec that is not an object', '[]', '$', /expected an object/],
    ['an unknown top-level key', text({ table: {} }), '$.table', /unknown key "table"/],
    [
      'an unknown column key',
      text(withTable({ columns: { id: { type: 'int', colour: 'red' } } })),
      `${T}.columns.id.colour`,
      /unknown key "colour"/,
    ],
    [
      'an exclusion operator that is not one',
      text(withTable({ exclusions: [{ elements: [{ column: 'id', operator: '=) WITH =; --' }] }] })),
      `${T}.exclusions[0].elements[0].operator`,
      /is not an operator/,
    ],
    [
      'an exclusion operator that starts a comment',
      text(withTable({ exclusions: [{ elements: [{ column: 'id', operator: '--' }] }] })),
      `${T}.exclusions[0].elements[0].operator`,
      /is not an operator/,
    ],
    [
      'an exclusion element without an operator',
      text(withTable({ exclusions: [{ elements: [{ column: 'id' }] }] })),
      `${T}.exclusions[0].elements[0].operator`,
      /expected a string/,
    ],
    [
      'an exclusion without elements',
      text(withTable({ exclusions: [{ elements: [] }] })),
      `${T}.exclusions[0].elements`,
      /at least one element/,
    ],
    [
      'an exclusion over a column the table lacks',
      text(withTable({ exclusions: [{ elements: [{ column: 'nope', operator: '=' }] }] })),
      `${T}.exclusions[0].elements[0].column`,
      /not a column of this table/,
    ],
    [
      'a unique INCLUDE column the table lacks',
      text(withTable({ unique: [{ columns: ['id'], include: ['nope'] }] })),
      `${T}.unique[0].include[0]`,
      /not a column of this table/,
    ],
    [
      'a column without a type',
      text(withTable({ columns: { id: { nullable: true } } })),
      `${T}.columns.id.type`,
      /expected a string, got nothing/,
    ],
    [
      'nullable as a string',
      text(withTable({ columns: { id: { type: 'int', nullable: 'no' } } })),
      `${T}.columns.id.nullable`,
      /expected true or false/,
    ],
    [
      'an unknown identity kind',
      text(withTable({ columns: { id: { type: 'int', identity: 'sometimes' } } })),
      `${T}.columns.id.identity`,
      /"always", "by default"/,
    ],
    ['a type carrying a default', text(withTable({ columns: { id: 'int DEFAULT 5' } })), `${T}.columns.id.type`, /not a type name/],
    ['a type carrying NOT NULL', text(withTable({ columns: { id: 'int NOT NULL' } })), `${T}.columns.id.type`, /not a type name/],
    [
      'a type ending the statement',
      text(withTable({ columns: { id: 'int); DROP TABLE x; --' } })),
      `${T}.columns.id.type`,
      /not a type name/,
    ],
    ['a type with a comma', text(withTable({ columns: { id: 'int, b int' } })), `${T}.columns.id.type`, /not a type name/],
    [
      'a default that ends the statement',
      text(withTable({ columns: { id: { type: 'int', default: '1); DROP TABLE x; --' } } })),
      `${T}.columns.id.default`,
      /the default is not a single SQL expression/,
    ],
    [
      'a default hiding a separator behind a name',
      text(withTable({ columns: { id: { type: 'int', default: "ée'\\'; DROP TABLE x; --'" } } })),
      `${T}.columns.id.default`,
      /not a single SQL expression/,
    ],
    [
      'a check that ends the statement',
      text(withTable({ checks: ['true); DROP TABLE x; --'] })),
      `${T}.checks[0]`,
      /the check is not a single SQL expression/,
    ],
    [
      'a generated expression with a separator',
      text(withTable({ columns: { id: { type: 'int', generated: '1; DROP TABLE x' } } })),
      `${T}.columns.id.generated`,
      /separator/,
    ],
    [
      'an index predicate with a separator',
      text(withTable({ indexes: { i: { columns: ['id'], where: 'true; DROP TABLE x' } } })),
      `${T}.indexes.i.where`,
      /the index predicate/,
    ],
    [
      'an index expression with an open parenthesis',
      text(withTable({ indexes: { i: { columns: [{ expression: 'lower(id' }] } } })),
      `${T}.indexes.i.columns[0].expression`,
      /parenthesis/,
    ],
    [
      'a view query of two statements',
      text({ views: { v: { query: 'SELECT 1; DROP TABLE x' } } }),
      '$.views.v.query',
      /not a single SQL query/,
    ],
    [
      'a serial column with a default',
      text(withTable({ columns: { id: { type: 'serial', default: '1' } } })),
      `${T}.columns.id.default`,
      /serial/,
    ],
    [
      'an identity column with a default',
      text(withTable({ columns: { id: { type: 'int', default: '1', identity: 'always' } } })),
      `${T}.columns.id.identity`,
      /identity/,
    ],
    [
      'a generated column with a default',
      text(withTable({ columns: { id: { type: 'int', default: '1', generated: '2' } } })),
      `${T}.columns.id.generated`,
      /generated/,
    ],
    [
      'virtual without a generated expression',
      text(withTable({ columns: { id: { type: 'int', virtual: true } } })),
      `${T}.columns.id.virtual`,
      /generated/,
    ],
    [
      'a primary key on a column the table lacks',
      text(withTable({ primaryKey: ['nope'] })),
      `${T}.primaryKey.columns[0]`,
      /"nope" is not a column/,
    ],
    ['an empty primary key', text(withTable({ primaryKey: [] })), `${T}.primaryKey.columns`, /at least one column/],
    [
      'a unique constraint on a column the table lacks',
      text(withTable({ unique: [['id', 'nope']] })),
      `${T}.unique[0].columns[1]`,
      /"nope"/,
    ],
    [
      'a foreign key without references',
      text(withTable({ foreignKeys: [{ columns: ['id'] }] })),
      `${T}.foreignKeys[0].references`,
      /expected an object/,
    ],
    [
      'a foreign key with fewer referenced columns',
      text(withTable({ foreignKeys: [{ columns: ['id'], references: { table: 'p', columns: [] } }] })),
      `${T}.foreignKeys[0].references.columns`,
      /at least one column/,
    ],
    [
      'a foreign key with another number of columns',
      text(
        withTable({
          columns: { id: 'int', b: 'int' },
          foreignKeys: [{ columns: ['id', 'b'], references: { table: 'p', columns: ['id'] } }],
        }),
      ),
      `${T}.foreignKeys[0].references.columns`,
      /lists 1 columns for 2/,
    ],
    [
      'a foreign key to a column the spec table lacks, at the key as written',
      text({
        tables: {
          p: { columns: { id: 'int' } },
          t: { columns: { p_id: 'int' }, foreignKeys: [{ columns: ['p_id'], references: { table: 'p', columns: ['nope'] } }] },
        },
      }),
      '$.tables.t.foreignKeys[0].references.columns[0]',
      /"nope" that public.p does not have/,
    ],
    [
      'an unknown foreign key action',
      text(withTable({ foreignKeys: [{ columns: ['id'], references: { table: 'p', columns: ['id'] }, onDelete: 'explode' }] })),
      `${T}.foreignKeys[0].onDelete`,
      /"cascade"/,
    ],
    [
      'an index on a column the table lacks',
      text(withTable({ indexes: { i: { columns: ['nope'] } } })),
      `${T}.indexes.i.columns[0]`,
      /expression/,
    ],
    [
      'an index key with both column and expression',
      text(withTable({ indexes: { i: { columns: [{ column: 'id', expression: 'id' }] } } })),
      `${T}.indexes.i.columns[0]`,
      /exactly one/,
    ],
    ['an index without keys', text(withTable({ indexes: { i: { columns: [] } } })), `${T}.indexes.i.columns`, /at least one/],
    [
      'an unknown sort order',
      text(withTable({ indexes: { i: { columns: [{ column: 'id', order: 'up' }] } } })),
      `${T}.indexes.i.columns[0].order`,
      /"asc", "desc"/,
    ],
    ['an enum without values', text({ enums: { e: { values: [] } } }), '$.enums.e.values', /at least one value/],
    ['an enum value listed twice', text({ enums: { e: { values: ['a', 'b', 'a'] } } }), '$.enums.e.values', /"a" is listed twice/],
    [
      'a sequence of a non-integer type',
      text({ sequences: { s: { type: 'numeric' } } }),
      '$.sequences.s.type',
      /smallint, integer or bigint/,
    ],
    ['a sequence that steps by 0', text({ sequences: { s: { increment: 0 } } }), '$.sequences.s.increment', /by 0/],
    ['a sequence start that is not an integer', text({ sequences: { s: { start: 1.5 } } }), '$.sequences.s.start', /expected an integer/],
    [
      'a name longer than PostgreSQL keeps',
      text({ tables: { ['x'.repeat(64)]: { columns: { id: 'int' } } } }),
      `$.tables.${'x'.repeat(64)}`,
      /longer than 63 bytes/,
    ],
    ['a key of three parts', text({ tables: { 'a.b.c': { columns: {} } } }), '$.tables["a.b.c"]', /not a name/],
    [
      'a table listed twice under two spellings',
      text({ tables: { t: { columns: {} }, 'public.t': { columns: {} } } }),
      '$.tables["public.t"]',
      /listed twice/,
    ],
    [
      'an enum listed twice under two spellings',
      text({ enums: { mood: { values: ['a'] }, 'public.mood': { values: ['b'] } } }),
      '$.enums["public.mood"]',
      /enum public\.mood is listed twice/,
    ],
    [
      'a sequence listed twice under two spellings',
      text({ sequences: { 'public.s': {}, s: {} } }),
      '$.sequences.s',
      /sequence public\.s is listed twice/,
    ],
    [
      'a view listed twice under two spellings',
      text({ views: { v: { query: 'SELECT 1' }, 'public.v': { query: 'SELECT 2' } } }),
      '$.views["public.v"]',
      /view public\.v is listed twice/,
    ],
    [
      'a view named like a table',
      text({ tables: { t: { columns: {} } }, views: { t: { query: 'SELECT 1' } } }),
      '$.views.t',
      /both a table and a view/,
    ],
    ['an ignore pattern of three parts', text({ ignore: ['a.b.c'] }), '$.ignore[0]', /not a pattern/],
    ['a NUL character in a column name', text(withTable({ columns: { 'a\u0000b': 'int' } })), `${T}.columns["a\\u0000b"]`, /NUL/],
  ])('rejects %s', (_name, source, path, message) => {
    const error = specError(source);
    expect(error.path).toBe(path);
    expect(error.message).toMatch(message);
    expect(error.message.startsWith('pgdrift.json: ')).toBe(true);
    expect(error.code).toBe('spec');
  });
});

describe('toSpec: a snapshot reads back as the same schema', () => {
  const users = buildTable({
    schema: 'app',
    name: 'Users',
    comment: 'people',
    columns: [
      buildColumn('id', 'bigint', { identity: 'always', notNull: true }),
      buildColumn('legacy', 'integer', { serial: true, notNull: true }),
      buildColumn('loose', 'integer', { serial: true }),
      buildColumn('email', 'character varying(320)', { notNull: true, comment: 'where' }),
      buildColumn('name', 'text', { collation: 'C', default: "''::text" }),
      buildColumn('full', 'text', { generated: "name || ''::text" }),
      buildColumn('Odd "Name"', 'public.mood[]'),
    ],
    primaryKey: { name: 'Users_pkey', columns: ['id'] },
    uniques: [buildUnique(['email'], { name: 'u_email', nullsNotDistinct: true, deferrable: true, initiallyDeferred: true })],
    foreignKeys: [
      buildForeignKey(['legacy'], 'public.legacy', ['id'], {
        name: 'fk',
        onDelete: 'cascade',
        onUpdate: 'restrict',
        match: 'full',
        deferrable: true,
      }),
    ],
    checks: [buildCheck('length(email) > 3', { name: 'email_len', noInherit: true })],
    indexes: {
      a_plain: buildIndex('a_plain', ['email']),
      b_fancy: buildIndex(
        'b_fancy',
        [
          buildKey('lower(email)', { column: false, descending: true }),
          buildKey('name', { nullsFirst: true, opclass: 'text_pattern_ops' }),
        ],
        {
          unique: true,
          method: 'btree',
          include: ['Odd "Name"'],
          where: '(id > 0)',
          nullsNotDistinct: true,
        },
      ),
      c_gin: buildIndex('c_gin', ['Odd "Name"'], { method: 'gin' }),
    },
  });
  const legacy = buildTable({
    name: 'legacy',
    columns: [buildColumn('id', 'integer', { notNull: true })],
    primaryKey: { name: 'legacy_pkey', columns: ['id'] },
  });

  it.each<[string, Schema]>([
    ['an empty database', buildSchema()],
    ['every column and constraint feature', buildSchema({ schemas: { app: { comment: 'the app' }, public: {} }, tables: [users, legacy] })],
    [
      'enums, sequences and views',
      buildSchema({
        enums: [buildEnum('mood', ['sad', 'ok'], { comment: 'm' })],
        sequences: [
          buildSequence('s', { type: 'integer', max: '2147483647', cycle: true, comment: 'n' }),
          buildSequence('huge', { start: '9007199254740993', min: '9007199254740993' }),
        ],
        views: [buildView('v', 'SELECT 1 AS one', { comment: 'v' }), buildView('m', 'SELECT 2 AS two', { materialized: true })],
      }),
    ],
    ['extensions with versions', buildSchema({ extensions: { pgcrypto: { name: 'pgcrypto', schema: 'public', version: '1.3' } } })],
  ])('round-trips %s', (_name, schema) => {
    const written = JSON.stringify(toSpec(schema));
    expect(parseSpec(written).schema).toEqual(schema);
  });

  it('writes keys in a stable order and leaves out what is implied', () => {
    const spec = toSpec(
      buildSchema({
        tables: [legacy, buildTable({ name: 'a', columns: [buildColumn('id', 'integer', { serial: true, notNull: true })] })],
      }),
    ) as { tables: Record<string, { columns: Record<string, unknown> }> };
    expect(Object.keys(spec)).toEqual(['$schema', 'version', 'schemas', 'tables']);
    expect(Object.keys(spec.tables)).toEqual(['public.a', 'public.legacy']);
    expect(spec.tables['public.a']?.columns.id).toEqual({ type: 'serial' });
    expect(spec.tables['public.legacy']?.columns.id).toEqual({ type: 'integer' });
  });

  it('writes large sequence bounds as strings and small ones as numbers', () => {
    const spec = toSpec(buildSchema({ sequences: [buildSequence('s')] })) as { sequences: Record<string, Record<string, unknown>> };
    expect(spec.sequences['public.s']).toMatchObject({ start: 1, max: '9223372036854775807' });
  });
});

describe('isIgnored', () => {
  it.each([
    ['an exact schema.name', 'public.schema_migrations', 'public', 'schema_migrations', true],
    ['a bare name in public', 'schema_migrations', 'public', 'schema_migrations', true],
    ['a bare name is not another schema', 'schema_migrations', 'app', 'schema_migrations', false],
    ['schema.* for everything in it', 'audit.*', 'audit', 'log', true],
    ['schema.* not for another schema', 'audit.*', 'public', 'log', false],
    ['a prefix pattern', 'public.knex_*', 'public', 'knex_migrations_lock', true],
    ['a prefix pattern is anchored', 'public.knex_*', 'public', 'my_knex_x', false],
    ['a quoted schema with a dot', '"my.schema".*', 'my.schema', 't', true],
    ['another name', 'public.a', 'public', 'b', false],
    ['regular expression characters as themselves', 'public.a+b', 'public', 'aab', false],
  ])('matches %s', (_name, pattern, schema, name, expected) => {
    expect(isIgnored(buildScope({ ignore: [pattern] }), schema, name)).toBe(expected);
  });
});

describe('globMatch: * for any run of characters, everything else for itself', () => {
  it.each([
    ['a literal equal', 'abc', 'abc', true],
    ['a literal different', 'abc', 'abd', false],
    ['a literal is not a prefix match', 'ab', 'abc', false],
    ['* alone matches the empty name', '*', '', true],
    ['* alone matches any name', '*', 'anything at all', true],
    ['* matches nothing between', 'a*b', 'ab', true],
    ['* matches a run', 'a*b', 'a--b', true],
    ['* at the end is anchored at the start', 'knex_*', 'my_knex_x', false],
    ['* at the start is anchored at the end', '*_log', 'audit_log_old', false],
    ['a suffix pattern', '*_log', 'audit_log', true],
    ['several *', 'a*b*c', 'a1b2b3c', true],
    ['several * needing a later match', 'a*b*c', 'abcbc', true],
    ['several * with the last part missing', 'a*b*c', 'a1b2', false],
    ['consecutive * as one', 'a**b', 'axxb', true],
    ['the last part must end the name', 'a*bc', 'abcbcx', false],
    ['backtracking past a false start', '*aab', 'aaaab', true],
    ['a line break is a character like another', 'a*b', 'a\nb', true],
    ['? is itself', 'a?c', 'abc', false],
    ['? equal to itself', 'a?c', 'a?c', true],
    ['. is itself', 'a.c', 'abc', false],
    ['[ is itself', '[ab]', 'a', false],
    ['a backslash is itself', 'a\\*', 'a\\x', true],
    ['case matters', 'Log', 'log', false],
    ['characters outside the BMP', '*😀*', 'x😀y', true],
  ])('%s', (_name, pattern, text, expected) => {
    expect(globMatch(pattern, text)).toBe(expected);
  });

  it('answers a pattern of 50 * against a long name it does not match at once', { timeout: 2000 }, () => {
    const pattern = `${'*a'.repeat(50)}b`;
    expect(globMatch(pattern, 'a'.repeat(5000))).toBe(false);
    expect(globMatch('*'.repeat(50) + 'x', 'y'.repeat(100_000))).toBe(false);
    expect(isIgnored(buildScope({ ignore: [`public.${'*a'.repeat(50)}b`] }), 'public', 'a'.repeat(5000))).toBe(false);
  });
});
