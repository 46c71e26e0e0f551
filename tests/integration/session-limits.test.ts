/**
 * check's sessions carry server-side limits, so that a check that is killed (or stuck) never holds
 * a backend, its transaction's snapshot or its locks.
 */
import { spawn } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { connect, parseDatabaseUrl, READ_SESSION_LIMITS } from '../../src/db/connect.js';
import { repoRoot } from '../helpers/cli.js';
import { createTestDatabase, type TestDatabase } from '../helpers/db.js';

let db: TestDatabase;
let dir: string;

beforeAll(async () => {
  db = await createTestDatabase('session_limits');
  await db.exec('CREATE TABLE base (x int); CREATE VIEW v AS SELECT x FROM base;');
  dir = mkdtempSync(join(tmpdir(), 'pgdrift-limits-'));
});

afterAll(async () => {
  await db?.drop();
  if (dir) rmSync(dir, { recursive: true, force: true });
});

const sleep = (ms: number): Promise<void> => new Promise((resolve) => setTimeout(resolve, ms));

/** The backends of `application` on the test database, polled until `done` holds or `ms` pass. */
async function backends(
  application: string,
  done: (rows: Array<{ state: string }>) => boolean,
  ms: number,
): Promise<Array<{ state: string; wait: string | null }>> {
  const deadline = Date.now() + ms;
  for (;;) {
    const rows = await db.query<{ state: string; wait: string | null }>(
      'SELECT state, wait_event_type AS wait FROM pg_stat_activity WHERE datname = $1 AND application_name = $2 AND pid <> pg_backend_pid()',
      [db.name, application],
    );
    if (done(rows) || Date.now() > deadline) return rows;
    await sleep(200);
  }
}

describe('session limits of check', () => {
  it('sets statement_timeout, idle_in_transaction_session_timeout and client_connection_check_interval', async () => {
    const client = await connect(parseDatabaseUrl(db.url), { connectTimeout: 10, retries: 0, limits: READ_SESSION_LIMITS });
    try {
      const { rows } = await client.query<{ statement: string; idle: string; check: string; version: number }>(
        "SELECT current_setting('statement_timeout') AS statement, current_setting('idle_in_transaction_session_timeout') AS idle, current_setting('client_connection_check_interval') AS check, current_setting('server_version_num')::int AS version",
      );
      expect(rows[0]).toMatchObject({ statement: '5min', idle: '1min', check: '5s' });
    } finally {
      await client.end();
    }
  });

  it('keeps the options the connection string gives', async () => {
    const url = new URL(db.url);
    url.searchParams.set('options', '-c work_mem=7MB');
    const client = await connect(parseDatabaseUrl(url.toString()), { connectTimeout: 10, retries: 0, limits: READ_SESSION_LIMITS });
    try {
      const { rows } = await client.query<{ work_mem: string; statement: string }>(
        "SELECT current_setting('work_mem') AS work_mem, current_setting('statement_timeout') AS statement",
      );
      expect(rows[0]).toEqual({ work_mem: '7MB', statement: '5min' });
    } finally {
      await client.end();
    }
  });

  it('leaves no backend behind when a check is killed with SIGKILL in the middle of its transaction', { timeout: 90_000 }, async () => {
    const application = `pgdrift-killed-${process.pid}`;
    const specFile = join(dir, 'spec.json');
    writeFileSync(
      specFile,
      JSON.stringify({ version: 1, tables: { base: { columns: { x: 'int' } } }, views: { v: { query: 'SELECT x FROM base' } } }),
    );
    // Reading a view's definition waits for a lock on it: held here, it keeps check mid-transaction.
    const locker = new pg.Client({ connectionString: db.url });
    await locker.connect();
    await locker.query('BEGIN; LOCK TABLE v IN ACCESS EXCLUSIVE MODE');
    const url = new URL(db.url);
    url.searchParams.set('application_name', application);
    const child = spawn(
      process.execPath,
      ['--import', 'tsx', join(repoRoot, 'src/cli/index.ts'), 'check', '--database-url', url.toString(), '--spec', specFile],
      {
        cwd: repoRoot,
        stdio: 'ignore',
      },
    );
    try {
      const waiting = await backends(application, (rows) => rows.some((r) => r.state === 'active'), 30_000);
      expect(waiting.some((r) => r.state === 'active')).toBe(true);
      child.kill('SIGKILL');
      // The lock is still held: without client_connection_check_interval the backend would wait
      // for it (active, inside check's transaction) for as long as the lock is held.
      const left = await backends(application, (rows) => rows.length === 0, 20_000);
      expect(left).toEqual([]);
    } finally {
      child.kill('SIGKILL');
      await locker.query('ROLLBACK').catch(() => undefined);
      await locker.end();
    }
  });
});
