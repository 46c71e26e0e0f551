/**
 * When apply exits 3, something was committed: the message says exactly what, and never also that
 * nothing was changed.
 */
import pg from 'pg';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { writeSpec } from '../helpers/apply.js';
import { scratchDir } from '../helpers/check.js';
import { cli } from '../helpers/cli.js';
import { createTestDatabase, type TestDatabase } from '../helpers/db.js';

let db: TestDatabase;
let scratch: { dir: string; remove: () => void };

beforeAll(async () => {
  db = await createTestDatabase('apply_partial');
  scratch = scratchDir('apply-partial');
});

afterAll(async () => {
  await db?.drop();
  scratch?.remove();
});

beforeEach(async () => {
  await db.reset();
  await db.exec(`
    CREATE TYPE state AS ENUM ('open', 'closed');
    CREATE TABLE tickets (id integer PRIMARY KEY, state state DEFAULT 'open', email text);
    INSERT INTO tickets SELECT g, 'open', 'u' || (g % 5) FROM generate_series(1, 10) g;
  `);
});

const spec = () =>
  writeSpec(scratch.dir, {
    version: 1,
    enums: { 'public.state': { values: ['open', 'closed', 'archived'] } },
    tables: {
      'public.tickets': {
        columns: { id: 'integer', state: { type: 'state', default: `'archived'` }, email: 'text' },
        primaryKey: ['id'],
        // The rows hold duplicates: the concurrent build after the commit fails.
        indexes: { tickets_email_key: { columns: ['email'], unique: true } },
      },
    },
  });

describe('exit 3', () => {
  it('says the enum values and the main transaction were committed before the concurrent build failed', async () => {
    const run = await cli(['apply', '--database-url', db.url, '--spec', spec(), '--concurrently']);
    expect(run.code).toBe(3);
    expect(run.stderr).toMatch(
      /^pgdrift: the new enum values \(public\.state: add value 'archived'[^)]*\) were committed first, as PostgreSQL requires before they can be used; then the transaction committed \(1 statement: public\.tickets\.state: set default .*\), but 1 of the 1 statement\(s\) after it failed: CREATE UNIQUE INDEX CONCURRENTLY .*Invalid indexes left behind: public\.tickets_email_key\./m,
    );
    expect(run.stderr).not.toMatch(/nothing was changed|the rest failed/i);
    expect(await db.query(`SELECT pg_get_expr(adbin, adrelid) AS d FROM pg_attrdef WHERE adrelid = 'tickets'::regclass`)).toEqual([
      { d: `'archived'::state` },
    ]);
  });

  it('says what was committed when the connection is lost during the concurrent build', async () => {
    const blocker = new pg.Client({ connectionString: db.url });
    await blocker.connect();
    try {
      await db.exec(`UPDATE tickets SET email = 'u' || id`);
      // An open transaction with an older snapshot: CREATE INDEX CONCURRENTLY waits for it to end
      // (it touches no table, so the main transaction is not held up).
      await blocker.query(`BEGIN ISOLATION LEVEL REPEATABLE READ; SELECT 1`);
      const running = cli(['apply', '--database-url', db.url, '--spec', spec(), '--concurrently', '--lock-timeout', '60']);
      let killed = false;
      for (let i = 0; i < 200 && !killed; i++) {
        const rows = await db.query<{ ok: boolean }>(
          `SELECT pg_terminate_backend(pid) AS ok FROM pg_stat_activity WHERE datname = current_database() AND query LIKE 'CREATE UNIQUE INDEX CONCURRENTLY%' AND pid <> pg_backend_pid()`,
        );
        killed = rows.some((r) => r.ok);
        if (!killed) await new Promise((resolve) => setTimeout(resolve, 50));
      }
      expect(killed).toBe(true);
      const run = await running;
      expect(run.code).toBe(3);
      expect(run.stderr).toMatch(
        /^pgdrift: the new enum values \(public\.state: add value 'archived'[^)]*\) were committed first, as PostgreSQL requires before they can be used; then the transaction committed \(1 statement: public\.tickets\.state: set default .*\), but the connection was lost during the statements after it: /m,
      );
      expect(run.stderr).not.toMatch(/nothing was changed|the rest failed/i);
    } finally {
      await blocker.query('ROLLBACK').catch(() => undefined);
      await blocker.end();
    }
  });
});
