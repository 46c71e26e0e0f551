/**
 * Plans whose statements depend on each other, applied to a real PostgreSQL with rows in the
 * tables: foreign keys against keys added in the same plan, drops of tables that reference each
 * other, type changes of columns with defaults, identity on a column that holds values, and an
 * invalid index left by a failed concurrent build. Each converges and keeps the data.
 */
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { checkLines, checksum, expectConverges, writeSpec, type PlanJson } from '../helpers/apply.js';
import { scratchDir } from '../helpers/check.js';
import { cli } from '../helpers/cli.js';
import { createTestDatabase, type TestDatabase } from '../helpers/db.js';

let db: TestDatabase;
let scratch: { dir: string; remove: () => void };

beforeAll(async () => {
  db = await createTestDatabase('apply_deps');
  scratch = scratchDir('apply-deps');
});
beforeEach(async () => {
  await db.reset();
});
afterAll(async () => {
  await db.drop();
  scratch.remove();
});

const planJson = async (spec: string, ...extra: string[]): Promise<PlanJson> => {
  const run = await cli(['plan', '--database-url', db.url, '--spec', spec, '--format', 'json', ...extra]);
  expect(run.stderr).toBe('');
  return JSON.parse(run.stdout) as PlanJson;
};

describe('foreign keys', () => {
  it('are added after the primary key they reference, whatever the table names', async () => {
    await db.exec(
      `CREATE TABLE zebra (id integer NOT NULL, name text); INSERT INTO zebra SELECT g, 'z' || g FROM generate_series(1, 50) g`,
    );
    const spec = writeSpec(scratch.dir, {
      version: 1,
      tables: {
        'public.zebra': { columns: { id: { type: 'integer' }, name: { type: 'text' } }, primaryKey: ['id'] },
        'public.bee': {
          columns: { id: { type: 'integer' }, zebra_id: { type: 'integer' } },
          primaryKey: ['id'],
          foreignKeys: [{ columns: ['zebra_id'], references: { table: 'public.zebra', columns: ['id'] } }],
        },
      },
    });
    const before = await checksum(db, 'zebra', ['id', 'name'], 'id');
    const sql = (await planJson(spec)).statements.map((s) => s.sql);
    expect(sql.findIndex((s) => s.includes('FOREIGN KEY'))).toBeGreaterThan(
      sql.findIndex((s) => s.includes('PRIMARY KEY ("id")') && s.startsWith('ALTER TABLE "public"."zebra"')),
    );
    await expectConverges(db.url, spec);
    expect(await checksum(db, 'zebra', ['id', 'name'], 'id')).toEqual(before);
  });

  it('that go away are dropped before the primary key they referenced changes', async () => {
    await db.exec(`
      CREATE TABLE parent (id integer PRIMARY KEY, k integer NOT NULL);
      CREATE TABLE child (id integer PRIMARY KEY, parent_id integer REFERENCES parent (id));
      INSERT INTO parent SELECT g, g % 3 FROM generate_series(1, 30) g;
      INSERT INTO child SELECT g, g FROM generate_series(1, 30) g;
    `);
    const spec = writeSpec(scratch.dir, {
      version: 1,
      tables: {
        'public.parent': { columns: { id: { type: 'integer' }, k: { type: 'integer' } }, primaryKey: ['id', 'k'] },
        'public.child': { columns: { id: { type: 'integer' }, parent_id: { type: 'integer' } }, primaryKey: ['id'] },
      },
    });
    const before = [await checksum(db, 'parent', ['id', 'k'], 'id'), await checksum(db, 'child', ['id', 'parent_id'], 'id')];
    await expectConverges(db.url, spec, ['--allow-destructive']);
    expect([await checksum(db, 'parent', ['id', 'k'], 'id'), await checksum(db, 'child', ['id', 'parent_id'], 'id')]).toEqual(before);
  });
});

describe('drops', () => {
  it('of tables that reference each other work in any name order, and a survivor keeps its rows', async () => {
    await db.exec(`
      CREATE TABLE aa (id integer PRIMARY KEY);
      CREATE TABLE bb (id integer PRIMARY KEY, aa_id integer REFERENCES aa);
      CREATE TABLE keep (id integer PRIMARY KEY, bb_id integer REFERENCES bb);
      INSERT INTO aa SELECT generate_series(1, 10);
      INSERT INTO bb SELECT g, g FROM generate_series(1, 10) g;
      INSERT INTO keep SELECT g, g FROM generate_series(1, 10) g;
    `);
    const spec = writeSpec(scratch.dir, {
      version: 1,
      tables: { 'public.keep': { columns: { id: { type: 'integer' }, bb_id: { type: 'integer' } }, primaryKey: ['id'] } },
    });
    const before = await checksum(db, 'keep', ['id', 'bb_id'], 'id');
    // Withheld without the flag: exit 1, nothing dropped.
    const withheld = await cli(['apply', '--database-url', db.url, '--spec', spec]);
    expect(withheld.code).toBe(1);
    expect((await checkLines(db.url, spec)).lines.sort()).toEqual([
      'drop-foreign-key public.keep.keep_bb_id_fkey',
      'drop-table public.aa',
      'drop-table public.bb',
    ]);
    await expectConverges(db.url, spec, ['--allow-destructive']);
    expect(await checksum(db, 'keep', ['id', 'bb_id'], 'id')).toEqual(before);
  });
});

describe('column changes', () => {
  it('a type change with "using" on a column with a default drops the default first and sets the new one after', async () => {
    await db.exec(
      `CREATE TABLE readings (id integer PRIMARY KEY, value text DEFAULT '0'); INSERT INTO readings SELECT g, (g * 3)::text FROM generate_series(1, 40) g`,
    );
    const spec = writeSpec(scratch.dir, {
      version: 1,
      tables: {
        'public.readings': {
          columns: { id: { type: 'integer' }, value: { type: 'integer', default: '0', using: 'value::integer' } },
          primaryKey: ['id'],
        },
      },
    });
    const before = await checksum(db, 'readings', ['id', 'value'], 'id');
    const steps = (await planJson(spec, '--allow-destructive')).statements
      .filter((s) => s.change.object === 'public.readings.value')
      .map((s) => s.sql);
    expect(steps).toEqual([
      'ALTER TABLE "public"."readings" ALTER COLUMN "value" DROP DEFAULT',
      'ALTER TABLE "public"."readings" ALTER COLUMN "value" TYPE integer USING (value::integer)',
      'ALTER TABLE "public"."readings" ALTER COLUMN "value" SET DEFAULT 0',
    ]);
    await expectConverges(db.url, spec, ['--allow-destructive']);
    expect(await checksum(db, 'readings', ['id', 'value'], 'id')).toEqual(before);
    expect(await db.query(`INSERT INTO readings (id) VALUES (1000) RETURNING value`)).toEqual([{ value: 0 }]);
  });

  it('identity on a column that holds values continues after the largest value', async () => {
    await db.exec(`CREATE TABLE tickets (id integer PRIMARY KEY, title text); INSERT INTO tickets VALUES (1, 'a'), (7, 'b'), (42, 'c')`);
    const spec = writeSpec(scratch.dir, {
      version: 1,
      tables: {
        'public.tickets': { columns: { id: { type: 'integer', identity: 'by default' }, title: { type: 'text' } }, primaryKey: ['id'] },
      },
    });
    const before = await checksum(db, 'tickets', ['id', 'title'], 'id');
    await expectConverges(db.url, spec);
    expect(await checksum(db, 'tickets', ['id', 'title'], 'id')).toEqual(before);
    expect(await db.query(`INSERT INTO tickets (title) VALUES ('d') RETURNING id`)).toEqual([{ id: 43 }]);
  });
});

describe('an invalid index left by a failed concurrent build', () => {
  const spec = () =>
    writeSpec(scratch.dir, {
      version: 1,
      tables: {
        'public.users': {
          columns: { id: { type: 'integer' }, email: { type: 'text' } },
          primaryKey: ['id'],
          indexes: { users_email_key: { columns: ['email'], unique: true } },
        },
      },
    });

  beforeEach(async () => {
    await db.exec(
      `CREATE TABLE users (id integer PRIMARY KEY, email text); INSERT INTO users SELECT g, 'u' || g FROM generate_series(1, 20) g; INSERT INTO users VALUES (21, 'u1')`,
    );
  });

  const valid = () =>
    db.query<{ valid: boolean }>(`SELECT indisvalid AS valid FROM pg_index WHERE indexrelid = 'public.users_email_key'::regclass`);

  it('is reported with the duplicate, then dropped and rebuilt by the next apply once the data allows it', async () => {
    const file = spec();
    const failed = await cli(['apply', '--database-url', db.url, '--spec', file, '--concurrently']);
    expect(failed.code).toBe(3);
    expect(failed.stderr).toMatch(
      /^pgdrift: the transaction had nothing to commit, but 1 of the 1 statement\(s\) after it failed: .*Key \(email\)=\(u1\) is duplicated.*Invalid indexes left behind: public\.users_email_key\./m,
    );
    expect(await valid()).toEqual([{ valid: false }]);

    // check calls it drift, as the plan does, and says why.
    const check = await cli(['check', '--database-url', db.url, '--spec', file, '--format', 'json']);
    expect(check.code).toBe(1);
    const report = JSON.parse(check.stdout) as {
      changes: Array<{ kind: string; object: string; before?: { name: string }; description?: string }>;
    };
    expect(report.changes.map((c) => [c.kind, c.object, c.before?.name])).toEqual([
      ['add-index', 'public.users.users_email_key', 'users_email_key'],
    ]);
    const text = await cli(['check', '--database-url', db.url, '--spec', file, '--format', 'text']);
    expect(text.stdout).toContain(
      '+ rebuild index users_email_key UNIQUE btree (email) (PostgreSQL marks it invalid: a concurrent build failed)',
    );

    // The plan now rebuilds it rather than calling the database converged.
    expect((await planJson(file)).statements.map((s) => s.sql)).toEqual([
      'DROP INDEX "public"."users_email_key"',
      'CREATE UNIQUE INDEX "users_email_key" ON "public"."users" ("email")',
    ]);
    await db.exec(`DELETE FROM users WHERE id = 21`);
    await expectConverges(db.url, file, ['--concurrently']);
    expect(await valid()).toEqual([{ valid: true }]);
  });

  it('is rebuilt inside the transaction without --concurrently', async () => {
    const file = spec();
    expect((await cli(['apply', '--database-url', db.url, '--spec', file, '--concurrently'])).code).toBe(3);
    await db.exec(`DELETE FROM users WHERE id = 21`);
    const run = await expectConverges(db.url, file);
    expect(run.stdout).toMatch(/^Applied 2 statements in one transaction/);
    expect(await valid()).toEqual([{ valid: true }]);
  });
});

describe('enums', () => {
  beforeEach(async () => {
    await db.exec(`
      CREATE TYPE status AS ENUM ('open', 'stale', 'closed');
      CREATE TABLE issues (id integer PRIMARY KEY, state status DEFAULT 'open' CONSTRAINT issues_not_closed CHECK (state <> 'closed'), history status[]);
      CREATE INDEX issues_state_idx ON issues (state);
      INSERT INTO issues SELECT g, (ARRAY['open', 'stale']::status[])[1 + g % 2], ARRAY['open', 'stale']::status[] FROM generate_series(1, 40) g;
    `);
  });
  const spec = () =>
    writeSpec(scratch.dir, {
      version: 1,
      enums: { 'public.status': { values: ['open', 'closed', 'stale'] } },
      tables: {
        'public.issues': {
          columns: { id: { type: 'integer' }, state: { type: 'public.status', default: `'open'` }, history: { type: 'public.status[]' } },
          primaryKey: ['id'],
          checks: [{ name: 'issues_not_closed', expression: `state <> 'closed'` }],
          indexes: { issues_state_idx: { columns: ['state'] } },
        },
      },
    });
  const columns = ['id', 'state', 'history'];

  it('reordered values: the type is rebuilt under a column with a default, a check and an index, and every value kept', async () => {
    const before = await checksum(db, 'issues', columns, 'id');
    await expectConverges(db.url, spec(), ['--allow-destructive']);
    expect(await checksum(db, 'issues', columns, 'id')).toEqual(before);
    await expect(db.exec(`INSERT INTO issues (id, state) VALUES (100, 'closed')`)).rejects.toThrow(/issues_not_closed/);
    expect(await db.query(`INSERT INTO issues (id) VALUES (101) RETURNING state::text`)).toEqual([{ state: 'open' }]);
  });

  it('a removed value that rows still hold: exit 2 naming the enum, nothing changed', async () => {
    const file = writeSpec(scratch.dir, {
      version: 1,
      enums: { 'public.status': { values: ['open', 'closed'] } },
      tables: {
        'public.issues': {
          columns: { id: { type: 'integer' }, state: { type: 'public.status', default: `'open'` }, history: { type: 'public.status[]' } },
          primaryKey: ['id'],
        },
      },
    });
    const before = [await checksum(db, 'issues', columns, 'id'), (await cli(['snapshot', '--database-url', db.url])).stdout];
    const run = await cli(['apply', '--database-url', db.url, '--spec', file, '--allow-destructive']);
    expect(run.code).toBe(2);
    expect(run.stderr).toMatch(
      /^pgdrift: statement \d+ of \d+ failed \(public\.status: change enum public\.status values from \(open, stale, closed\) to \(open, closed\)\): invalid input value for enum (public\.)?status: "stale"\. Nothing was changed/m,
    );
    expect([await checksum(db, 'issues', columns, 'id'), (await cli(['snapshot', '--database-url', db.url])).stdout]).toEqual(before);
  });
});

describe('names', () => {
  it('generated constraint names stay distinct within 63 bytes (two long columns set NOT NULL)', async () => {
    const table = 'a_table_with_a_rather_long_name_for_testing';
    await db.exec(
      `CREATE TABLE ${table} (id integer PRIMARY KEY, customer_contact_preference_primary text, customer_contact_preference_secondary text); INSERT INTO ${table} VALUES (1, 'a', 'b')`,
    );
    const file = writeSpec(scratch.dir, {
      version: 1,
      tables: {
        [`public.${table}`]: {
          columns: {
            id: { type: 'integer' },
            customer_contact_preference_primary: { type: 'text', nullable: false },
            customer_contact_preference_secondary: { type: 'text', nullable: false },
          },
          primaryKey: ['id'],
        },
      },
    });
    const names = (await planJson(file)).statements.map((s) => /ADD CONSTRAINT "([^"]+)"/.exec(s.sql)?.[1]).filter((n) => n !== undefined);
    expect(names).toHaveLength(2);
    expect(new Set(names).size).toBe(2);
    for (const n of names) expect(Buffer.byteLength(n ?? '')).toBeLessThanOrEqual(63);
    await expectConverges(db.url, file);
  });

  it('quoted, mixed-case and odd names work in every kind of statement', async () => {
    await db.exec(`
      CREATE SCHEMA "App Data";
      CREATE TABLE "App Data"."Order Items" ("Id" integer NOT NULL, "Qty" integer, "Note's" text DEFAULT 'it''s', "Cat" text);
      CREATE TABLE "App Data"."Cats" ("Name" text PRIMARY KEY);
      INSERT INTO "App Data"."Cats" VALUES ('a'), ('b');
      INSERT INTO "App Data"."Order Items" VALUES (1, 2, 'x', 'a'), (5, 3, NULL, 'b');
    `);
    const file = writeSpec(scratch.dir, {
      version: 1,
      tables: {
        '"App Data"."Order Items"': {
          comment: `it's`,
          columns: {
            Id: { type: 'integer', identity: 'always' },
            Qty: { type: 'bigint', nullable: false, comment: 'how "many"' },
            "Note's": { type: 'text', default: `'it''s new'` },
            Cat: { type: 'text' },
            'Ser ial': { type: 'serial' },
          },
          primaryKey: ['Id'],
          checks: ['"Qty" > 0'],
          foreignKeys: [{ columns: ['Cat'], references: { table: '"App Data"."Cats"', columns: ['Name'] } }],
          indexes: { 'Order Items Qty': { columns: ['Qty'] } },
        },
        '"App Data"."Cats"': { columns: { Name: { type: 'text' } }, primaryKey: ['Name'] },
      },
    });
    const cols = ['"Id"', '"Qty"', `"Note's"`, '"Cat"'];
    const before = await checksum(db, '"App Data"."Order Items"', cols, '"Id"');
    await expectConverges(db.url, file);
    expect(await checksum(db, '"App Data"."Order Items"', cols, '"Id"')).toEqual(before);
    expect(await db.query(`INSERT INTO "App Data"."Order Items" ("Qty") VALUES (1) RETURNING "Id", "Ser ial", "Note's"`)).toEqual([
      { Id: 6, 'Ser ial': 3, "Note's": `it's new` },
    ]);
  });
});

describe('a new enum value that other statements use', () => {
  beforeEach(async () => {
    await db.exec(`
      CREATE TYPE state AS ENUM ('open', 'closed');
      CREATE TABLE tickets (id integer PRIMARY KEY, state state DEFAULT 'open');
      INSERT INTO tickets SELECT g, 'open' FROM generate_series(1, 10) g;
    `);
  });
  const spec = (check: string) =>
    writeSpec(scratch.dir, {
      version: 1,
      enums: { 'public.state': { values: ['open', 'closed', 'archived'] } },
      tables: {
        'public.tickets': {
          columns: { id: 'integer', state: { type: 'state', default: `'archived'` } },
          primaryKey: ['id'],
          checks: [check],
        },
      },
    });
  const values = () => db.query<{ v: string }>(`SELECT unnest(enum_range(NULL::state))::text AS v`);
  const defaults = () =>
    db.query<{ d: string }>(`SELECT pg_get_expr(adbin, adrelid) AS d FROM pg_attrdef WHERE adrelid = 'tickets'::regclass`);

  it('is committed first, then the rest is applied; a dry run refuses, changing nothing', async () => {
    const file = spec(`state <> 'archived' OR id > 0`);
    const dry = await cli(['apply', '--database-url', db.url, '--spec', file, '--dry-run']);
    expect(dry.code).toBe(2);
    expect(dry.stderr).toMatch(
      /^pgdrift: --dry-run cannot try this plan: it adds enum values that later statements use \(public\.state: add value 'archived'/m,
    );
    expect(await values()).toEqual([{ v: 'open' }, { v: 'closed' }]);

    const run = await expectConverges(db.url, file);
    expect(run.stdout).toMatch(/^Applied 4 statements: 1 new enum value committed first, then the rest in one transaction/);
    expect(await values()).toEqual([{ v: 'open' }, { v: 'closed' }, { v: 'archived' }]);
    expect(await defaults()).toEqual([{ d: `'archived'::state` }]);
  });

  it('exits 3 when the rest fails after the value was committed, and a rerun goes on from there', async () => {
    const file = spec(`state = 'archived' OR id < 0`);
    const failed = await cli(['apply', '--database-url', db.url, '--spec', file]);
    expect(failed.code).toBe(3);
    expect(failed.stderr).toMatch(
      /^pgdrift: the new enum values \(public\.state: add value 'archived'[^)]*\) were committed first, as PostgreSQL requires before they can be used, but the rest failed: statement 3 of 3 failed \(public\.tickets\.tickets_check: .*\): check constraint "tickets_check" of relation "tickets" is violated by some row\. The main transaction was rolled back\. Statement: ALTER TABLE "public"\."tickets" VALIDATE CONSTRAINT "tickets_check"\. Fix the cause and run apply again: it goes on from there\.$/m,
    );
    // The value is there; nothing of the main transaction is.
    expect(await values()).toEqual([{ v: 'open' }, { v: 'closed' }, { v: 'archived' }]);
    expect(await defaults()).toEqual([{ d: `'open'::state` }]);

    await db.exec(`UPDATE tickets SET state = 'archived'`);
    const rerun = await expectConverges(db.url, file);
    expect(rerun.stdout).toMatch(/^Applied 3 statements in one transaction/);
  });
});
