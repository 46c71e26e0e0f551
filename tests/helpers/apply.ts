/**
 * Helpers for the plan and apply tests: spec files, schema snapshots and data checksums that show
 * whether a database changed, sessions that hold locks, and the bundled CLI run as a child process
 * that runs alongside the test (for concurrency and for terminating its backend).
 */
import { spawn } from 'node:child_process';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import pg from 'pg';
import { expect } from 'vitest';
import { assertFreshBundle, cli, distDir, type CliRun } from './cli.js';
import type { TestDatabase } from './db.js';

let counter = 0;

/** Writes `spec` (a value or JSON text) to a new file under `dir` and returns its path. */
export function writeSpec(dir: string, spec: unknown): string {
  counter += 1;
  const file = join(dir, `spec-${counter}.json`);
  writeFileSync(file, typeof spec === 'string' ? spec : JSON.stringify(spec, null, 2));
  return file;
}

/** The live schema as `pgdrift snapshot` prints it; throws when snapshot fails. */
export async function snapshot(url: string): Promise<string> {
  const run = await cli(['snapshot', '--database-url', url]);
  if (run.code !== 0) throw new Error(`snapshot failed (${run.code}): ${run.stderr}`);
  return run.stdout;
}

/**
 * An md5 over every row of `table`, the given columns of each row in `orderBy` order: equal
 * checksums mean the same rows with the same values.
 */
export async function checksum(
  db: TestDatabase,
  table: string,
  columns: string[],
  orderBy: string,
): Promise<{ rows: number; md5: string }> {
  const row = columns.map((c) => `coalesce(${c}::text, '<null>')`).join(` || '|' || `);
  const [result] = await db.query<{ rows: string; md5: string }>(
    `SELECT count(*) AS rows, md5(coalesce(string_agg(${row}, E'\\n' ORDER BY ${orderBy}), '')) AS md5 FROM ${table}`,
  );
  return { rows: Number(result?.rows), md5: String(result?.md5) };
}

/** A `plan --format json` result, parsed. */
export interface PlanJson {
  summary: { statements: number; changes: number; withheld: number; outsideTransaction: number };
  statements: Array<{
    sql: string;
    phase: string;
    transactional: boolean;
    hazards: Array<{ code: string }>;
    change: { kind: string; object: string };
  }>;
  withheld: Array<{ kind: string; object: string; allowWith: string }>;
}

/** Runs `check --format json` and returns the exit code and the `kind object` lines of drift. */
export async function checkLines(url: string, spec: string): Promise<{ code: number; lines: string[]; stderr: string }> {
  const run = await cli(['check', '--database-url', url, '--spec', spec, '--format', 'json']);
  if (run.code === 2) return { code: 2, lines: [], stderr: run.stderr };
  const report = JSON.parse(run.stdout) as { changes: Array<{ kind: string; object: string }> };
  return { code: run.code, lines: report.changes.map((c) => `${c.kind} ${c.object}`), stderr: run.stderr };
}

/**
 * Applies `spec` and proves the result: exit 0 with no error line, then `check` is clean and a
 * second apply runs zero statements with exit 0. Returns the first run.
 */
export async function expectConverges(url: string, spec: string, extra: string[] = []): Promise<CliRun> {
  const run = await cli(['apply', '--database-url', url, '--spec', spec, ...extra]);
  expect(run.stderr).not.toMatch(/^pgdrift:/m);
  expect(run.code).toBe(0);
  expect(await checkLines(url, spec)).toEqual({ code: 0, lines: [], stderr: '' });
  const again = await cli(['apply', '--database-url', url, '--spec', spec, ...extra]);
  expect(again.code).toBe(0);
  expect(again.stdout).toMatch(/^Nothing to apply\./);
  expect(again.stderr).toMatch(/ 0 statements to run\./);
  return run;
}

/** The bundled CLI running as a child process; `done` settles when it exits. */
export interface Child {
  pid: number;
  /** What the child wrote to standard error so far. */
  stderr: () => string;
  done: Promise<CliRun>;
  kill: (signal: NodeJS.Signals) => void;
}

/** Starts `node dist/cli.js args` from /tmp without waiting for it. */
export function startBundle(args: string[], timeoutMs = 60_000): Child {
  assertFreshBundle();
  const child = spawn(process.execPath, [`${distDir}cli.js`, ...args], {
    cwd: '/tmp',
    env: { PATH: process.env.PATH },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let stdout = '';
  let stderr = '';
  child.stdout.setEncoding('utf8').on('data', (t: string) => (stdout += t));
  child.stderr.setEncoding('utf8').on('data', (t: string) => (stderr += t));
  const timer = setTimeout(() => child.kill('SIGKILL'), timeoutMs);
  const done = new Promise<CliRun>((resolve, reject) => {
    child.on('error', reject);
    child.on('close', (code) => {
      clearTimeout(timer);
      resolve({ code: code ?? -1, stdout, stderr });
    });
  });
  return { pid: child.pid ?? -1, stderr: () => stderr, done, kill: (signal) => child.kill(signal) };
}

/** A second session on the database, e.g. to hold a lock while apply runs. */
export interface OtherSession {
  pid: number;
  client: pg.Client;
  close(): Promise<void>;
}

export async function otherSession(url: string): Promise<OtherSession> {
  const client = new pg.Client({ connectionString: url, application_name: 'pgdrift-test-other' });
  client.on('error', () => undefined);
  await client.connect();
  const { rows } = await client.query<{ pid: number }>('SELECT pg_backend_pid() AS pid');
  return { pid: Number(rows[0]?.pid), client, close: () => client.end().catch(() => undefined) };
}

/** Polls `probe` every 50 ms until it returns a value other than undefined, or fails after `ms`. */
export async function waitFor<T>(what: string, probe: () => Promise<T | undefined>, ms = 20_000): Promise<T> {
  const deadline = Date.now() + ms;
  for (;;) {
    const value = await probe();
    if (value !== undefined) return value;
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
}

/** A database URL that names the session (application_name) so a test can find its backend. */
export function urlNamed(url: string, applicationName: string): string {
  const u = new URL(url);
  u.searchParams.set('application_name', applicationName);
  return u.toString();
}
