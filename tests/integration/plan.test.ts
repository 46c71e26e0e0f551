/**
 * `plan` against a real PostgreSQL: deterministic output, the same content as SQL and as JSON,
 * destructive changes withheld until allowed, impossible changes refused, and the online patterns
 * for risky changes on tables that already exist.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { snapshot, writeSpec, type PlanJson } from '../helpers/apply.js';
import { scratchDir } from '../helpers/check.js';
import { cli } from '../helpers/cli.js';
import { createTestDatabase, type TestDatabase } from '../helpers/db.js';

let db: TestDatabase;
let twin: TestDatabase;
let scratch: { dir: string; remove: () => void };

const beforeSql = `
  CREATE TABLE accounts (id integer PRIMARY KEY, email text, plan varchar(40), note text, old_flag boolean);
  CREATE INDEX accounts_note_idx ON accounts (note);
  CREATE TABLE invoices (id integer PRIMARY KEY, account_id integer, amount numeric(10, 2));
  CREATE TABLE audit_log (id integer, line text);
  INSERT INTO accounts SELECT g, 'u' || g || '@example.com', 'free', NULL, false FROM generate_series(1, 20) g;
  INSERT INTO invoices SELECT g, 1 + g % 20, g * 1.5 FROM generate_series(1, 40) g;
`;

const spec = {
  version: 1,
  tables: {
    'public.accounts': {
      columns: {
        id: { type: 'integer' },
        email: { type: 'text', nullable: false },
        plan: { type: 'varchar(10)' },
        note: { type: 'text' },
        created_at: { type: 'timestamptz', default: 'now()' },
      },
      primaryKey: ['id'],
      checks: [{ name: 'accounts_email_check', expression: `email LIKE '%@%'` }],
    },
    'public.invoices': {
      columns: { id: { type: 'integer' }, account_id: { type: 'integer' }, amount: { type: 'numeric(10,2)' } },
      primaryKey: ['id'],
      foreignKeys: [{ name: 'invoices_account_fk', columns: ['account_id'], references: { table: 'public.accounts', columns: ['id'] } }],
      indexes: { invoices_account_id_idx: { columns: ['account_id'] } },
    },
    'public.receipts': {
      columns: { id: { type: 'integer' }, invoice_id: { type: 'integer', nullable: false } },
      primaryKey: ['id'],
      foreignKeys: [{ name: 'receipts_invoice_fk', columns: ['invoice_id'], references: { table: 'public.invoices', columns: ['id'] } }],
    },
  },
};

let file: string;

const plan = (url: string, specFile: string, ...extra: string[]) => cli(['plan', '--database-url', url, '--spec', specFile, ...extra]);
const planJson = async (url: string, specFile: string, ...extra: string[]): Promise<PlanJson> => {
  const run = await plan(url, specFile, '--format', 'json', ...extra);
  expect(run.stderr).toBe('');
  return JSON.parse(run.stdout) as PlanJson;
};

beforeAll(async () => {
  [db, twin] = await Promise.all([createTestDatabase('plan'), createTestDatabase('plan_twin')]);
  await Promise.all([db.exec(beforeSql), twin.exec(beforeSql)]);
  scratch = scratchDir('plan');
  file = writeSpec(scratch.dir, spec);
});
afterAll(async () => {
  await Promise.all([db.drop(), twin.drop()]);
  scratch.remove();
});

describe('plan output', () => {
  it('is byte-identical for the same inputs, run twice and on a second database built the same way', async () => {
    for (const extra of [
      [],
      ['--format', 'json'],
      ['--allow-destructive'],
      ['--concurrently', '--allow-destructive', '--format', 'json'],
    ]) {
      const first = await plan(db.url, file, ...extra);
      expect(first.code).toBe(1);
      expect(first.stdout.length).toBeGreaterThan(100);
      expect((await plan(db.url, file, ...extra)).stdout).toBe(first.stdout);
      expect((await plan(twin.url, file, ...extra)).stdout).toBe(first.stdout);
    }
  });

  it('gives as JSON the same statements, in the same order, and the same withheld changes as the SQL script', async () => {
    for (const extra of [[], ['--allow-destructive', '--concurrently']]) {
      const sql = (await plan(db.url, file, ...extra)).stdout;
      const json = await planJson(db.url, file, ...extra);
      expect(json.statements.length).toBeGreaterThan(5);
      // Every statement of the script, in order, is a statement of the JSON.
      let at = 0;
      for (const s of json.statements) {
        const found = sql.indexOf(`\n${s.sql};\n`, at);
        expect(found, s.sql).toBeGreaterThanOrEqual(at);
        at = found + s.sql.length;
        for (const h of s.hazards) expect(sql).toContain(`hazard ${h.code}:`);
      }
      const statementLines = sql
        .split('\n')
        .filter(
          (l) =>
            l !== '' &&
            !l.startsWith('--') &&
            !/^(BEGIN|COMMIT);$/.test(l) &&
            !l.startsWith('SET LOCAL search_path = ') &&
            !l.startsWith(' ') &&
            !l.startsWith(')'),
        );
      expect(statementLines).toHaveLength(json.statements.length);
      expect(sql).toMatch(new RegExp(`^-- pgdrift plan: ${json.summary.statements} statements for ${json.summary.changes} changes\n`));
      const withheldAt = sql.indexOf('\n-- Withheld:');
      const withheldLines =
        withheldAt < 0
          ? []
          : sql
              .slice(withheldAt + 1)
              .split('\n')
              .slice(1, -1);
      expect(withheldLines).toHaveLength(json.withheld.length);
      expect(withheldLines.map((l) => l.replace(/^-- {3}([^:]+):.*$/, '$1'))).toEqual(json.withheld.map((w) => w.object));
    }
  });
});

describe('the script', () => {
  it('names a constraint the spec left unnamed by the name it gets, not by its definition', async () => {
    const unnamed = writeSpec(scratch.dir, {
      version: 1,
      tables: {
        'public.accounts': {
          columns: {
            id: { type: 'integer' },
            email: { type: 'text' },
            plan: { type: 'varchar(40)' },
            note: { type: 'text' },
            old_flag: { type: 'boolean' },
          },
          primaryKey: ['id'],
          unique: [['email']],
          checks: [`email <> ''`],
        },
      },
    });
    const script = (await plan(twin.url, unnamed)).stdout;
    expect(script).toMatch(
      /\n-- public\.accounts\.accounts_email_key: add unique \(email\)\n(-- {3}hazard .*\n)+ALTER TABLE "public"\."accounts" ADD CONSTRAINT "accounts_email_key" UNIQUE \("email"\);\n/,
    );
    // Named as PostgreSQL names it: after the one column the check uses.
    expect(script).toMatch(
      /\n-- public\.accounts\.accounts_email_check: add check \(email <> ''::text\)\nALTER TABLE "public"\."accounts" ADD CONSTRAINT "accounts_email_check" CHECK/,
    );
    expect(script).not.toContain('[[');
  });
});

describe('destructive changes', () => {
  it('are withheld by default, listed with the flag that allows them, and not in the statements', async () => {
    const run = await plan(db.url, file);
    expect(run.code).toBe(1);
    expect(run.stdout).toContain('-- Withheld: 4 destructive changes (pass --allow-destructive to include):');
    const json = await planJson(db.url, file);
    expect(json.withheld.map((w) => `${w.kind} ${w.object} ${w.allowWith}`)).toEqual([
      'alter-column-type public.accounts.plan --allow-destructive',
      'drop-column public.accounts.old_flag --allow-destructive',
      'drop-index public.accounts.accounts_note_idx --allow-destructive',
      'drop-table public.audit_log --allow-destructive',
    ]);
    expect(json.summary.withheld).toBe(4);
    const all = json.statements.map((s) => s.sql).join('\n');
    expect(all).not.toMatch(/\bDROP (TABLE|COLUMN|INDEX)\b/);
    expect(all).not.toContain('character varying(10)');
  });

  it('are planned with --allow-destructive, after everything else', async () => {
    const json = await planJson(db.url, file, '--allow-destructive');
    expect(json.withheld).toEqual([]);
    const sql = json.statements.map((s) => s.sql);
    expect(sql).toEqual(
      expect.arrayContaining([
        'DROP TABLE "public"."audit_log"',
        'ALTER TABLE "public"."accounts" DROP COLUMN "old_flag"',
        'ALTER TABLE "public"."accounts" ALTER COLUMN "plan" TYPE character varying(10)',
        'DROP INDEX "public"."accounts_note_idx"',
      ]),
    );
    const dropTable = sql.indexOf('DROP TABLE "public"."audit_log"');
    expect(dropTable).toBe(sql.length - 1);
    expect(json.statements[dropTable]?.hazards.map((h) => h.code)).toContain('deletes-data');
  });

  it('a plan with nothing left to do exits 0 and says so', async () => {
    const same = writeSpec(scratch.dir, await snapshot(twin.url));
    const run = await plan(twin.url, same);
    expect(run).toEqual({
      code: 0,
      stdout: '-- pgdrift plan: 0 statements for 0 changes\n-- Nothing to do: the database matches the spec.\n',
      stderr: '',
    });
  });
});

describe('online patterns on tables that exist', () => {
  it('adds a foreign key NOT VALID then validates it; on a new table the key is added directly', async () => {
    const sql = (await planJson(db.url, file)).statements.map((s) => s.sql);
    const add = sql.indexOf(
      'ALTER TABLE "public"."invoices" ADD CONSTRAINT "invoices_account_fk" FOREIGN KEY ("account_id") REFERENCES "public"."accounts" ("id") NOT VALID',
    );
    const validate = sql.indexOf('ALTER TABLE "public"."invoices" VALIDATE CONSTRAINT "invoices_account_fk"');
    expect(add).toBeGreaterThanOrEqual(0);
    expect(validate).toBe(add + 1);
    expect(sql).toContain(
      'ALTER TABLE "public"."receipts" ADD CONSTRAINT "receipts_invoice_fk" FOREIGN KEY ("invoice_id") REFERENCES "public"."invoices" ("id")',
    );
    expect(sql.filter((s) => s.includes('"receipts_invoice_fk"'))).toHaveLength(1);
  });

  it('adds a check NOT VALID then validates it', async () => {
    const sql = (await planJson(db.url, file)).statements.map((s) => s.sql);
    const add = sql.findIndex(
      (s) => s.startsWith('ALTER TABLE "public"."accounts" ADD CONSTRAINT "accounts_email_check" CHECK (') && s.endsWith(' NOT VALID'),
    );
    expect(add).toBeGreaterThanOrEqual(0);
    expect(sql[add + 1]).toBe('ALTER TABLE "public"."accounts" VALIDATE CONSTRAINT "accounts_email_check"');
  });

  it('sets NOT NULL through a validated check, which it drops after', async () => {
    const json = await planJson(db.url, file);
    const steps = json.statements.filter((s) => s.change.object === 'public.accounts.email');
    expect(steps.map((s) => s.sql)).toEqual([
      'ALTER TABLE "public"."accounts" ADD CONSTRAINT "accounts_email_not_null_check" CHECK ("email" IS NOT NULL) NOT VALID',
      'ALTER TABLE "public"."accounts" VALIDATE CONSTRAINT "accounts_email_not_null_check"',
      'ALTER TABLE "public"."accounts" ALTER COLUMN "email" SET NOT NULL',
      'ALTER TABLE "public"."accounts" DROP CONSTRAINT "accounts_email_not_null_check"',
    ]);
    expect(steps[1]?.hazards.map((h) => h.code)).toEqual(['may-fail-on-existing-rows']);
  });

  it('with --concurrently builds indexes on existing tables after the transaction, marked as such', async () => {
    const json = await planJson(db.url, file, '--concurrently');
    const last = json.statements.at(-1);
    expect(last).toMatchObject({
      sql: 'CREATE INDEX CONCURRENTLY "invoices_account_id_idx" ON "public"."invoices" ("account_id")',
      transactional: false,
    });
    expect(last?.hazards.map((h) => h.code)).toContain('not-transactional');
    expect(json.summary.outsideTransaction).toBe(1);
    const script = (await plan(db.url, file, '--concurrently')).stdout;
    expect(script.indexOf('CREATE INDEX CONCURRENTLY')).toBeGreaterThan(script.indexOf('COMMIT;'));
  });
});

describe('impossible changes', () => {
  const notNullSpec = (table: string) => ({
    version: 1,
    tables: {
      [`public.${table}`]: {
        columns: { id: { type: 'integer' }, email: { type: 'text' }, tier: { type: 'text', nullable: false } },
        primaryKey: ['id'],
      },
    },
  });

  it('refuses a NOT NULL column without a default on a table with rows: exit 2, one line naming the column', async () => {
    await db.exec(`CREATE TABLE members (id integer PRIMARY KEY, email text); INSERT INTO members VALUES (1, 'a')`);
    const members = writeSpec(scratch.dir, notNullSpec('members'));
    const before = await snapshot(db.url);
    for (const command of ['plan', 'apply']) {
      const run = await cli([command, '--database-url', db.url, '--spec', members]);
      expect(run.code).toBe(2);
      expect(run.stdout).toBe('');
      const lines = run.stderr.split('\n').filter((l) => l.startsWith('pgdrift:'));
      expect(lines).toHaveLength(1);
      expect(lines[0]).toMatch(
        /^pgdrift: cannot add column public\.members\.tier: it is NOT NULL without a default and public\.members has rows\./,
      );
    }
    expect(await snapshot(db.url)).toBe(before);
  });

  it('plans the same column on an empty table', async () => {
    await db.exec(`CREATE TABLE guests (id integer PRIMARY KEY, email text)`);
    const guests = writeSpec(scratch.dir, notNullSpec('guests'));
    const json = await planJson(db.url, guests);
    expect(json.statements.map((s) => s.sql)).toEqual(['ALTER TABLE "public"."guests" ADD COLUMN "tier" text NOT NULL']);
  });
});
