/**
 * The published JSON Schema (schema/pgdrift.schema.json) and the spec parser must agree: editors
 * validate with the one, pgdrift with the other. The schema never rejects a spec the parser
 * accepts; it leaves to the parser only what JSON Schema cannot say (cross-references between
 * keys, SQL lexing, byte lengths), and those rules are pinned below too.
 */
import { existsSync, readFileSync } from 'node:fs';
import { Ajv2020 } from 'ajv/dist/2020.js';
import { describe, expect, it } from 'vitest';
import { SpecError } from '../../src/core/errors.js';
import { emptySchema, type Column, type Schema, type Table } from '../../src/core/model.js';
import { parseSpec, SPEC_SCHEMA_URL, toSpec } from '../../src/core/spec.js';

const root = new URL('../../', import.meta.url);
const schemaFile = new URL('schema/pgdrift.schema.json', root);
const jsonSchema = JSON.parse(readFileSync(schemaFile, 'utf8')) as JsonSchema;

// strictRequired is off because presence tests (`required` inside if/oneOf/not) name properties
// that are declared beside them rather than inside the test itself.
const ajv = new Ajv2020({ strict: true, strictRequired: false, allErrors: true });
const validate = ajv.compile(jsonSchema);

type JsonSchema = { [key: string]: unknown };

function schemaAccepts(spec: unknown): boolean {
  return validate(spec);
}

function schemaErrors(spec: unknown): string {
  return validate(spec) ? '' : ajv.errorsText(validate.errors);
}

/** Only a SpecError counts as a rejection: any other error is a parser bug and fails the test. */
function parserAccepts(spec: unknown): boolean {
  return parserMessage(spec) === undefined;
}

function parserMessage(spec: unknown): string | undefined {
  try {
    parseSpec(JSON.stringify(spec), 'spec.json');
    return undefined;
  } catch (error) {
    if (error instanceof SpecError) return error.message;
    throw error;
  }
}

// Builders: each wraps one fragment in the smallest spec around it.
const spec = (rest: Record<string, unknown> = {}): Record<string, unknown> => ({ version: 1, ...rest });
const withTable = (body: Record<string, unknown>): Record<string, unknown> =>
  spec({ tables: { t: { columns: { id: 'integer', a: 'text', b: 'text' }, ...body } } });
const withColumn = (column: unknown): Record<string, unknown> => spec({ tables: { t: { columns: { c: column } } } });
const withIndexKey = (key: unknown): Record<string, unknown> => withTable({ indexes: { t_idx: { columns: [key] } } });
const withSequence = (body: unknown): Record<string, unknown> => spec({ sequences: { s: body } });
const fk = (extra: Record<string, unknown>): Record<string, unknown> =>
  withTable({ foreignKeys: [{ columns: ['a'], references: { table: 'other', columns: ['x'] }, ...extra }] });

/** A spec written by hand that uses every key the format has. */
const richSpec = {
  $schema: '../../schema/pgdrift.schema.json',
  version: 1,
  schemas: { app: { comment: 'Application data' }, audit: {} },
  ignore: ['public.schema_migrations', 'audit.*', '"Legacy.Schema".*'],
  extensions: { pgcrypto: { schema: 'public', version: '1.3' }, citext: {} },
  enums: { 'app.mood': { values: ['happy', 'sad'], comment: 'How it went' } },
  sequences: {
    'app.invoice_no': {
      type: 'bigint',
      start: 1000,
      increment: 1,
      min: 1000,
      max: '9223372036854775807',
      cache: 1,
      cycle: false,
      comment: 'Invoice numbers',
    },
  },
  tables: {
    'app.accounts': {
      comment: 'People who sign in',
      columns: {
        id: { type: 'bigint', identity: 'always' },
        email: { type: 'text', nullable: false, collation: 'C', comment: 'Login' },
        handle: 'varchar(40)',
        created_at: { type: 'timestamptz', default: 'now()' },
        mood: { type: 'app.mood', default: "'happy'" },
        email_lower: { type: 'text', generated: 'lower(email)' },
        email_length: { type: 'integer', generated: 'length(email)', virtual: true },
        score: { type: 'numeric(10,2)', using: 'score::numeric(10,2)' },
      },
      primaryKey: { name: 'accounts_pk', columns: ['id'] },
      unique: [
        ['handle'],
        {
          name: 'accounts_email_key',
          columns: ['email'],
          include: ['handle'],
          nullsNotDistinct: true,
          deferrable: true,
          initiallyDeferred: true,
        },
      ],
      exclusions: [
        {
          name: 'accounts_no_overlap',
          using: 'gist',
          elements: [
            { column: 'handle', operator: '=' },
            {
              expression: 'lower(email)',
              operator: 'OPERATOR(pg_catalog.=)',
              order: 'asc',
              nulls: 'last',
              opclass: 'gist_text_ops',
              collation: 'C',
            },
          ],
          include: ['created_at'],
          where: 'score > 0',
          deferrable: true,
          initiallyDeferred: false,
        },
      ],
      checks: ["handle <> ''", { name: 'score_positive', expression: 'score >= 0', noInherit: true }],
      indexes: {
        accounts_created_idx: {
          columns: [{ column: 'created_at', order: 'desc', nulls: 'last' }],
          where: 'created_at IS NOT NULL',
          include: ['handle'],
        },
        accounts_email_lower_idx: {
          columns: [{ expression: 'lower(email)', opclass: 'text_pattern_ops', collation: 'C' }],
          method: 'btree',
          unique: true,
          nullsNotDistinct: true,
        },
      },
    },
    'app.sessions': {
      columns: { id: 'bigserial', account_id: 'bigint', token: 'uuid' },
      primaryKey: ['id'],
      foreignKeys: [
        {
          name: 'sessions_account_fk',
          columns: ['account_id'],
          references: { table: 'app.accounts', columns: ['id'] },
          onDelete: 'cascade',
          onUpdate: 'restrict',
          match: 'full',
          deferrable: true,
          initiallyDeferred: false,
        },
      ],
    },
  },
  views: { 'app.active_accounts': { query: 'SELECT id FROM app.accounts;', materialized: true, comment: 'Refreshed hourly' } },
};

function buildColumn(name: string, type: string, extra: Partial<Column> = {}): Column {
  return { name, type, notNull: false, ...extra };
}

function buildTable(qualified: string, extra: Partial<Table>): Table {
  const [schema, name] = qualified.split('.') as [string, string];
  return { schema, name, columns: [], uniques: [], foreignKeys: [], checks: [], indexes: {}, ...extra };
}

/** A model as introspection would produce it, touching every part toSpec writes. */
function richModel(): Schema {
  const model = emptySchema();
  model.schemas = { app: { comment: 'Application data' }, public: {} };
  model.extensions = { pgcrypto: { name: 'pgcrypto', schema: 'public', version: '1.3' } };
  model.enums = { 'app.mood': { schema: 'app', name: 'mood', values: ['happy', 'sad'], comment: 'How it went' } };
  model.sequences = {
    'app.countdown': {
      schema: 'app',
      name: 'countdown',
      type: 'bigint',
      start: '-1',
      increment: '-1',
      min: '-9223372036854775808',
      max: '-1',
      cache: '20',
      cycle: true,
    },
  };
  model.tables = {
    'app.accounts': buildTable('app.accounts', {
      comment: 'People who sign in',
      columns: [
        buildColumn('id', 'bigint', { notNull: true, identity: 'by default' }),
        buildColumn('email', 'text', { notNull: true, collation: 'C', comment: 'Login' }),
        buildColumn('created_at', 'timestamp with time zone', { default: 'now()' }),
        buildColumn('email_lower', 'text', { generated: 'lower(email)' }),
        buildColumn('email_length', 'integer', { generated: 'length(email)', virtual: true }),
      ],
      primaryKey: { name: 'accounts_pk', columns: ['id'] },
      uniques: [{ columns: ['email'], include: ['created_at'], nullsNotDistinct: true, deferrable: true, initiallyDeferred: false }],
      exclusions: [
        {
          name: 'accounts_email_excl',
          method: 'gist',
          elements: [
            { expression: 'lower(email)', column: false, descending: false, nullsFirst: false, opclass: 'gist_text_ops', operator: '=' },
          ],
          include: ['id'],
          where: '(id > 0)',
          deferrable: true,
          initiallyDeferred: true,
        },
      ],
      checks: [{ name: 'email_not_blank', expression: "(email <> ''::text)", noInherit: true }],
      indexes: {
        accounts_created_idx: {
          name: 'accounts_created_idx',
          unique: false,
          method: 'brin',
          keys: [{ expression: 'created_at', column: true, descending: true, nullsFirst: false }],
          include: [],
          where: '(created_at IS NOT NULL)',
          nullsNotDistinct: false,
        },
        accounts_email_idx: {
          name: 'accounts_email_idx',
          unique: true,
          method: 'btree',
          keys: [
            { expression: 'lower(email)', column: false, descending: false, nullsFirst: true, opclass: 'text_pattern_ops', collation: 'C' },
          ],
          include: ['created_at'],
          nullsNotDistinct: true,
        },
      },
    }),
    'app.sessions': buildTable('app.sessions', {
      columns: [
        buildColumn('id', 'integer', { notNull: true, serial: true }),
        buildColumn('legacy_id', 'integer', { serial: true }),
        buildColumn('account_id', 'bigint'),
      ],
      primaryKey: { columns: ['id'] },
      foreignKeys: [
        {
          columns: ['account_id'],
          refTable: 'app.accounts',
          refColumns: ['id'],
          onDelete: 'set null',
          onUpdate: 'cascade',
          match: 'full',
          deferrable: true,
          initiallyDeferred: true,
        },
      ],
    }),
  };
  model.views = {
    'app.recent': { schema: 'app', name: 'recent', materialized: true, definition: ' SELECT id\n   FROM app.accounts', comment: 'Hourly' },
  };
  return model;
}

describe('the JSON Schema file', () => {
  it('compiles under ajv strict mode as draft 2020-12', () => {
    expect(jsonSchema.$schema).toBe('https://json-schema.org/draft/2020-12/schema');
    expect(typeof validate).toBe('function');
  });

  it('is published at the URL snapshot writes as "$schema"', () => {
    expect(jsonSchema.$id).toBe(SPEC_SCHEMA_URL);
    expect(toSpec(emptySchema()).$schema).toBe(SPEC_SCHEMA_URL);
  });

  it('describes every key, so editors can show what it means', () => {
    expect(undescribedKeys(jsonSchema, '$')).toEqual([]);
  });

  it('validates the chatkit example, whose relative "$schema" finds this file', () => {
    const file = new URL('examples/chatkit/schema.json', root);
    const example = JSON.parse(readFileSync(file, 'utf8')) as { $schema: string };
    expect(existsSync(new URL(example.$schema, file))).toBe(true);
    expect(new URL(example.$schema, file).href).toBe(schemaFile.href);
    expect(schemaErrors(example)).toBe('');
    expect(parserAccepts(example)).toBe(true);
  });

  it('accepts every JSON example in docs/spec.md, the last being the chatkit spec', () => {
    const doc = readFileSync(new URL('docs/spec.md', root), 'utf8');
    const examples = [...doc.matchAll(/```json\n([\s\S]*?)```/g)].map((m) => JSON.parse(m[1] as string) as unknown);
    expect(examples.length).toBeGreaterThanOrEqual(2);
    for (const example of examples) {
      expect(schemaErrors(example)).toBe('');
      expect(parserMessage(example)).toBeUndefined();
    }
    expect(examples.at(-1)).toEqual(JSON.parse(readFileSync(new URL('examples/chatkit/schema.json', root), 'utf8')));
  });

  it('validates a rich hand-written spec that the parser accepts too', () => {
    expect(schemaErrors(richSpec)).toBe('');
    expect(parserMessage(richSpec)).toBeUndefined();
  });

  it('has no key that the rich spec leaves unused, so every key is proven known to the parser', () => {
    const declared = keyPaths(jsonSchema);
    const used = usedKeyPaths(richSpec, jsonSchema);
    expect([...declared].filter((p) => !used.has(p))).toEqual([]);
  });

  it('validates what toSpec writes for a rich model, and the parser reads back the same columns', () => {
    const model = richModel();
    const written = toSpec(model);
    expect(schemaErrors(written)).toBe('');
    const read = parseSpec(JSON.stringify(written)).schema;
    for (const [key, table] of Object.entries(model.tables)) expect(read.tables[key]?.columns).toEqual(table.columns);
  });

  it('validates what toSpec writes after parsing the rich spec', () => {
    const written = toSpec(parseSpec(JSON.stringify(richSpec)).schema);
    expect(schemaErrors(written)).toBe('');
  });
});

const longName = 'n'.repeat(63);

const agreement: Array<{ name: string; spec: unknown; valid: boolean }> = [
  // Accepted by both.
  { name: 'the smallest spec, a version alone', spec: spec(), valid: true },
  { name: 'a "$schema" of any text', spec: spec({ $schema: './anywhere.json' }), valid: true },
  { name: 'a column given as a bare type string', spec: withColumn('varchar(36)'), valid: true },
  { name: 'a type name only PostgreSQL can judge', spec: withColumn({ type: 'no_such_type' }), valid: true },
  { name: 'a type with a comma inside its parentheses', spec: withColumn('numeric(10, 2)'), valid: true },
  { name: 'a serial column without a default', spec: withColumn({ type: 'BigSerial', nullable: false }), valid: true },
  { name: 'identity in any letter case', spec: withColumn({ type: 'int', identity: 'BY DEFAULT' }), valid: true },
  {
    name: 'null for optional values, the same as leaving them out',
    spec: withColumn({ type: 'serial', default: null, identity: null, generated: null, collation: null, comment: null, using: null }),
    valid: true,
  },
  { name: 'a virtual generated column', spec: withColumn({ type: 'int', generated: '1 + 1', virtual: true }), valid: true },
  { name: 'a conversion expression for a type change', spec: withColumn({ type: 'int', using: 'trim(c)::int' }), valid: true },
  { name: 'a table with no columns', spec: spec({ tables: { t: {} } }), valid: true },
  {
    name: 'schema-qualified and quoted table keys',
    spec: spec({ tables: { 'app.users': {}, '"My Schema"."A ""quoted"" table"': {}, '"dotted.name"': {} } }),
    valid: true,
  },
  {
    name: 'a name of exactly 63 bytes',
    spec: spec({ tables: { [`${longName}.${longName}`]: { columns: { [longName]: 'int' } } } }),
    valid: true,
  },
  { name: 'a primary key as a named object', spec: withTable({ primaryKey: { name: 't_pk', columns: ['id'] } }), valid: true },
  {
    name: 'unique constraints as a column list and as an object with options',
    spec: withTable({
      unique: [['a'], { name: 't_b_key', columns: ['b'], nullsNotDistinct: true, deferrable: true, initiallyDeferred: true }],
    }),
    valid: true,
  },
  {
    name: 'foreign key actions and match in any letter case',
    spec: fk({ onDelete: 'SET NULL', onUpdate: 'Cascade', match: 'FULL' }),
    valid: true,
  },
  {
    name: 'checks as an expression and as a named object',
    spec: withTable({ checks: ["a <> ''", { name: 'b_ok', expression: 'b IS NOT NULL', noInherit: true }] }),
    valid: true,
  },
  {
    name: 'an index with an expression key, sort order, nulls, operator class, collation, INCLUDE and WHERE',
    spec: withTable({
      indexes: {
        t_idx: {
          columns: ['a', { expression: 'lower(b)', order: 'DESC', nulls: 'Last', opclass: 'text_pattern_ops', collation: 'C' }],
          include: ['id'],
          where: 'a IS NOT NULL',
          unique: true,
          nullsNotDistinct: true,
        },
      },
    }),
    valid: true,
  },
  {
    name: 'an index method only PostgreSQL can judge',
    spec: withTable({ indexes: { t_idx: { columns: ['a'], method: 'ivfflat' } } }),
    valid: true,
  },
  {
    name: 'sequence bounds as digit strings beyond 2^53',
    spec: withSequence({ min: '-9223372036854775808', max: '9223372036854775807', start: '00042' }),
    valid: true,
  },
  {
    name: 'a descending sequence with a type alias in capitals',
    spec: withSequence({ type: 'INT8', increment: -1, cycle: true }),
    valid: true,
  },
  {
    name: 'ignore patterns: schema.*, a bare name and a quoted dotted schema',
    spec: spec({ ignore: ['audit.*', 'schema_migrations', '"odd.schema".t'] }),
    valid: true,
  },
  {
    name: 'schemas with comments, extensions, enums and a materialized view ending in a semicolon',
    spec: spec({
      schemas: { app: { comment: '' } },
      extensions: { pgcrypto: { schema: 'public', version: null } },
      enums: { 'app.mood': { values: ['ok'] } },
      views: { 'app.v': { query: 'SELECT 1;', materialized: true } },
    }),
    valid: true,
  },

  // Rejected by both.
  { name: 'a spec without a version', spec: {}, valid: false },
  { name: 'a spec of version 2', spec: { version: 2 }, valid: false },
  { name: 'a version given as a string', spec: { version: '1' }, valid: false },
  { name: 'an array at the top', spec: [], valid: false },
  { name: 'an unknown top-level key', spec: spec({ table: {} }), valid: false },
  { name: 'an unknown table key', spec: withTable({ column: {} }), valid: false },
  { name: 'an unknown column key', spec: withColumn({ type: 'int', notNull: true }), valid: false },
  { name: 'a column object without a type', spec: withColumn({ nullable: false }), valid: false },
  { name: 'a column that is null', spec: withColumn(null), valid: false },
  { name: 'a blank type', spec: withColumn('   '), valid: false },
  { name: 'two column definitions in one type', spec: withColumn('int, b int'), valid: false },
  { name: 'nullable given as a string', spec: withColumn({ type: 'int', nullable: 'no' }), valid: false },
  { name: 'nullable given as null', spec: withColumn({ type: 'int', nullable: null }), valid: false },
  { name: 'an identity kind that does not exist', spec: withColumn({ type: 'int', identity: 'sometimes' }), valid: false },
  { name: 'identity together with a default', spec: withColumn({ type: 'int', identity: 'always', default: '1' }), valid: false },
  { name: 'a default on a serial column', spec: withColumn({ type: ' serial ', default: '1' }), valid: false },
  { name: 'identity on a serial column', spec: withColumn({ type: 'serial8', identity: 'always' }), valid: false },
  { name: 'a generated column with a default', spec: withColumn({ type: 'int', generated: '1', default: '2' }), valid: false },
  { name: 'a generated identity column', spec: withColumn({ type: 'int', generated: '1', identity: 'always' }), valid: false },
  { name: 'virtual on a column that is not generated', spec: withColumn({ type: 'int', virtual: false }), valid: false },
  { name: 'a blank default', spec: withColumn({ type: 'int', default: ' ' }), valid: false },
  { name: 'a foreign key action that does not exist', spec: fk({ onDelete: 'delete' }), valid: false },
  { name: 'a foreign key action of null', spec: fk({ onUpdate: null }), valid: false },
  { name: 'a match type that does not exist', spec: fk({ match: 'loose' }), valid: false },
  { name: 'a foreign key without references', spec: withTable({ foreignKeys: [{ columns: ['a'] }] }), valid: false },
  {
    name: 'a referenced table without columns',
    spec: withTable({ foreignKeys: [{ columns: ['a'], references: { table: 'other' } }] }),
    valid: false,
  },
  { name: 'an empty primary key', spec: withTable({ primaryKey: [] }), valid: false },
  { name: 'a unique constraint object without columns', spec: withTable({ unique: [{ name: 'u' }] }), valid: false },
  { name: 'a constraint name of null', spec: withTable({ primaryKey: { name: null, columns: ['id'] } }), valid: false },
  { name: 'an index without columns', spec: withTable({ indexes: { t_idx: { unique: true } } }), valid: false },
  { name: 'an index with an empty column list', spec: withTable({ indexes: { t_idx: { columns: [] } } }), valid: false },
  { name: 'an index key with both column and expression', spec: withIndexKey({ column: 'a', expression: 'lower(a)' }), valid: false },
  { name: 'an index key with neither column nor expression', spec: withIndexKey({ order: 'desc' }), valid: false },
  { name: 'a sort order spelled out', spec: withIndexKey({ column: 'a', order: 'descending' }), valid: false },
  { name: 'nulls sorted in the middle', spec: withIndexKey({ column: 'a', nulls: 'middle' }), valid: false },
  { name: 'an enum without values', spec: spec({ enums: { mood: { values: [] } } }), valid: false },
  { name: 'an enum value listed twice', spec: spec({ enums: { mood: { values: ['ok', 'ok'] } } }), valid: false },
  { name: 'a sequence of a type that is not an integer', spec: withSequence({ type: 'numeric' }), valid: false },
  { name: 'a sequence stepping by 0', spec: withSequence({ increment: 0 }), valid: false },
  { name: 'a sequence stepping by "-0"', spec: withSequence({ increment: '-0' }), valid: false },
  { name: 'a fractional sequence bound', spec: withSequence({ start: 1.5 }), valid: false },
  { name: 'a sequence bound beyond 2^53 as a JSON number', spec: withSequence({ max: 2 ** 60 }), valid: false },
  { name: 'a sequence bound with letters in it', spec: withSequence({ cache: '12abc' }), valid: false },
  { name: 'cycle given as a string', spec: withSequence({ cycle: 'yes' }), valid: false },
  { name: 'a table key with three parts', spec: spec({ tables: { 'a.b.c': {} } }), valid: false },
  { name: 'a table key with an unclosed quote', spec: spec({ tables: { '"unclosed': {} } }), valid: false },
  { name: 'a table key with an empty part', spec: spec({ tables: { '.t': {} } }), valid: false },
  { name: 'a table key with text after a quoted part', spec: spec({ tables: { '"a"b': {} } }), valid: false },
  { name: 'a name of 64 bytes', spec: withColumn({ type: 'int', collation: 'c'.repeat(64) }), valid: false },
  { name: 'an empty column name', spec: spec({ tables: { t: { columns: { '': 'int' } } } }), valid: false },
  { name: 'a NUL character in a column name', spec: spec({ tables: { t: { columns: { 'a\u0000b': 'int' } } } }), valid: false },
  { name: 'a NUL character in a comment', spec: withTable({ comment: 'a\u0000b' }), valid: false },
  { name: 'an ignore pattern with three parts', spec: spec({ ignore: ['a.b.c'] }), valid: false },
  { name: 'an empty ignore pattern', spec: spec({ ignore: [''] }), valid: false },
  { name: 'a view without a query', spec: spec({ views: { v: { materialized: true } } }), valid: false },
  { name: 'materialized given as a string', spec: spec({ views: { v: { query: 'SELECT 1', materialized: 'true' } } }), valid: false },
  { name: 'an unknown key in a schema entry', spec: spec({ schemas: { app: { owner: 'me' } } }), valid: false },
  { name: 'an extension schema of null', spec: spec({ extensions: { pgcrypto: { schema: null } } }), valid: false },
];

describe('the JSON Schema and the parser agree', () => {
  it('on a table of at least 25 cases, both ways', () => {
    expect(agreement.length).toBeGreaterThanOrEqual(25);
    expect(agreement.some((row) => row.valid)).toBe(true);
    expect(agreement.some((row) => !row.valid)).toBe(true);
  });

  it.each(agreement.map((row) => [row.valid ? 'accept' : 'reject', row.name, row.spec, row.valid] as const))(
    'both %s %s',
    (_verdict, _name, fragment, valid) => {
      expect({ parser: parserAccepts(fragment), schema: schemaAccepts(fragment) }).toEqual({ parser: valid, schema: valid });
    },
  );

  it('on every one-key mutation of the rich spec: the schema is never stricter, and looser only by parser-only rules', () => {
    const stricter: string[] = [];
    const unexplained: string[] = [];
    let count = 0;
    for (const { where, spec: mutated } of mutationsOf(richSpec)) {
      count += 1;
      const rejection = parserMessage(mutated);
      const accepted = schemaAccepts(mutated);
      if (rejection === undefined && !accepted) stricter.push(`${where}: ${schemaErrors(mutated)}`);
      if (rejection !== undefined && accepted && !PARSER_ONLY_RULES.test(rejection)) unexplained.push(`${where}: ${rejection}`);
    }
    expect(count).toBeGreaterThan(1000);
    expect(stricter).toEqual([]);
    expect(unexplained).toEqual([]);
  });
});

/** What the parser checks beyond JSON Schema: references between keys and the SQL inside strings. */
const PARSER_ONLY_RULES =
  /is not a column of this table|references column|referencing columns|listed twice|both a table and a view|statement separator|is not closed|closes a parenthesis|is empty|longer than 63 bytes/;

const REPLACEMENTS: unknown[] = [
  null,
  true,
  0,
  -1,
  1.5,
  2 ** 60,
  '',
  ' ',
  'x',
  'ALWAYS',
  'Desc',
  'first',
  '-0',
  'serial',
  'a,b',
  'a;b',
  [],
  ['x'],
  {},
  { x: 1 },
];

/** Every key of `value` deleted, and replaced in turn by each of REPLACEMENTS. */
function* mutationsOf(value: unknown): Generator<{ where: string; spec: unknown }> {
  for (const path of valuePaths(value)) {
    const where = path.join('.');
    yield { where: `${where} deleted`, spec: mutate(value, path, undefined) };
    for (const replacement of REPLACEMENTS)
      yield { where: `${where} = ${JSON.stringify(replacement)}`, spec: mutate(value, path, replacement) };
  }
}

function valuePaths(value: unknown, path: Array<string | number> = []): Array<Array<string | number>> {
  if (value === null || typeof value !== 'object') return [];
  const entries: Array<[string | number, unknown]> = Array.isArray(value) ? value.map((v, i) => [i, v]) : Object.entries(value);
  return entries.flatMap(([key, child]) => [[...path, key], ...valuePaths(child, [...path, key])]);
}

function mutate(value: unknown, path: Array<string | number>, replacement: unknown): unknown {
  const copy = structuredClone(value);
  let parent = copy as Record<string | number, unknown>;
  for (const key of path.slice(0, -1)) parent = parent[key] as Record<string | number, unknown>;
  const last = path[path.length - 1] as string | number;
  if (replacement !== undefined) parent[last] = structuredClone(replacement);
  else if (Array.isArray(parent)) parent.splice(last as number, 1);
  else delete parent[last];
  return copy;
}

/** Rules JSON Schema cannot state: the schema lets these through and the parser stops them. */
const parserOnly: Array<{ name: string; spec: unknown; message: RegExp }> = [
  {
    name: 'a primary key column the table does not have',
    spec: withTable({ primaryKey: ['nope'] }),
    message: /column "nope" is not a column of this table/,
  },
  { name: 'an index column the table does not have', spec: withIndexKey('nope'), message: /column "nope" is not a column of this table/ },
  {
    name: 'an INCLUDE column the table does not have',
    spec: withTable({ indexes: { t_idx: { columns: ['a'], include: ['nope'] } } }),
    message: /is not a column/,
  },
  {
    name: 'a foreign key with more columns than it references',
    spec: withTable({ foreignKeys: [{ columns: ['a', 'b'], references: { table: 'other', columns: ['x'] } }] }),
    message: /lists 1 columns for 2 referencing columns/,
  },
  {
    name: 'a foreign key to a column the referenced spec table lacks',
    spec: spec({
      tables: {
        p: { columns: { id: 'int' } },
        c: { columns: { p: 'int' }, foreignKeys: [{ columns: ['p'], references: { table: 'p', columns: ['nope'] } }] },
      },
    }),
    message: /references column "nope"/,
  },
  { name: 'the same table under two keys', spec: spec({ tables: { t: {}, 'public.t': {} } }), message: /listed twice/ },
  {
    name: 'the same enum under two keys',
    spec: spec({ enums: { mood: { values: ['a'] }, 'public.mood': { values: ['a'] } } }),
    message: /listed twice/,
  },
  {
    name: 'a name used by a table and a view',
    spec: spec({ tables: { t: {} }, views: { t: { query: 'SELECT 1' } } }),
    message: /both a table and a view/,
  },
  {
    name: 'a default with a statement separator',
    spec: withColumn({ type: 'int', default: '1; DROP TABLE t' }),
    message: /statement separator/,
  },
  { name: 'a check with an unclosed parenthesis', spec: withTable({ checks: ['(a > b'] }), message: /parenthesis is not closed/ },
  { name: 'a type with an unclosed parenthesis', spec: withColumn('varchar(36'), message: /parenthesis is not closed/ },
  { name: 'a view query that is only a semicolon', spec: spec({ views: { v: { query: ';' } } }), message: /empty/ },
  {
    name: 'a name of 32 characters but 64 bytes',
    spec: withColumn({ type: 'int', collation: 'é'.repeat(32) }),
    message: /longer than 63 bytes/,
  },
];

describe('rules only the parser enforces', () => {
  it.each(parserOnly.map((row) => [row.name, row.spec, row.message] as const))(
    'the schema allows and the parser rejects %s',
    (_name, fragment, message) => {
      expect(schemaErrors(fragment)).toBe('');
      expect(parserMessage(fragment)).toMatch(message);
    },
  );
});

// Walking the JSON Schema: its `$ref`s point into `$defs`, and alternatives are anyOf/oneOf/allOf.

function deref(node: JsonSchema): JsonSchema {
  const target = node.$ref;
  if (typeof target !== 'string') return node;
  const name = target.replace('#/$defs/', '');
  return (jsonSchema.$defs as Record<string, JsonSchema>)[name] as JsonSchema;
}

/** The node and every alternative it allows, with references followed. */
function alternatives(node: JsonSchema): JsonSchema[] {
  const out: JsonSchema[] = [node];
  if (typeof node.$ref === 'string') out.push(...alternatives(deref(node)));
  for (const keyword of ['anyOf', 'oneOf', 'allOf']) {
    for (const branch of (node[keyword] as JsonSchema[] | undefined) ?? []) out.push(...alternatives(branch));
  }
  return out;
}

const asSchema = (value: unknown): JsonSchema | undefined =>
  value !== null && typeof value === 'object' && !Array.isArray(value) ? (value as JsonSchema) : undefined;

function undescribedKeys(node: JsonSchema, path: string): string[] {
  const missing: string[] = [];
  for (const alt of alternatives(node)) {
    for (const [key, sub] of Object.entries((alt.properties as Record<string, JsonSchema> | undefined) ?? {})) {
      if (typeof sub.description !== 'string' && typeof deref(sub).description !== 'string') missing.push(`${path}.${key}`);
      missing.push(...undescribedKeys(sub, `${path}.${key}`));
    }
    const map = asSchema(alt.additionalProperties);
    if (map) missing.push(...undescribedKeys(map, `${path}.*`));
    const items = asSchema(alt.items);
    if (items) missing.push(...undescribedKeys(items, `${path}[]`));
  }
  return [...new Set(missing)];
}

/** Paths of every key the schema declares, maps as `*` and array items as `[]`. */
function keyPaths(node: JsonSchema, path = '$', out = new Set<string>()): Set<string> {
  for (const alt of alternatives(node)) {
    for (const [key, sub] of Object.entries((alt.properties as Record<string, JsonSchema> | undefined) ?? {})) {
      out.add(`${path}.${key}`);
      keyPaths(sub, `${path}.${key}`, out);
    }
    const map = asSchema(alt.additionalProperties);
    if (map) keyPaths(map, `${path}.*`, out);
    const items = asSchema(alt.items);
    if (items) keyPaths(items, `${path}[]`, out);
  }
  return out;
}

/** Paths of the keys a spec uses, written the way keyPaths writes them. */
function usedKeyPaths(value: unknown, node: JsonSchema, path = '$', out = new Set<string>()): Set<string> {
  const alts = alternatives(node);
  if (Array.isArray(value)) {
    const items = alts.map((a) => asSchema(a.items)).find((i) => i !== undefined);
    if (items) for (const item of value) usedKeyPaths(item, items, `${path}[]`, out);
  } else if (value !== null && typeof value === 'object') {
    for (const [key, sub] of Object.entries(value)) {
      const declared = alts.map((a) => (a.properties as Record<string, JsonSchema> | undefined)?.[key]).find((p) => p !== undefined);
      const map = alts.map((a) => asSchema(a.additionalProperties)).find((m) => m !== undefined);
      if (declared) {
        out.add(`${path}.${key}`);
        usedKeyPaths(sub, declared, `${path}.${key}`, out);
      } else if (map) usedKeyPaths(sub, map, `${path}.*`, out);
    }
  }
  return out;
}
