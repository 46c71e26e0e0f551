/**
 * `apply` under faults, against a real PostgreSQL: a lock held by another session, the apply's
 * backend terminated or its process killed mid-run, two applies at once, statements PostgreSQL
 * refuses, a dry run, and a pooled Neon host. After every failure the database is exactly as
 * before (schema snapshot and data checksums), and a rerun converges.
 *
 * Concurrency and termination use the bundled CLI (dist/cli.js) in child processes.
 */
import { readFileSync } from 'node:fs';
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import {
  checkLines,
  checksum,
  expectConverges,
  otherSession,
  snapshot,
  startBundle,
  urlNamed,
  waitFor,
  writeSpec,
  type OtherSession,
} from '../helpers/apply.js';
import { scratchDir } from '../helpers/check.js';
import { cli, repoRoot } from '../helpers/cli.js';
import { createTestDatabase, type TestDatabase } from '../helpers/db.js';

const chatkitSpec = `${repoRoot}examples/chatkit/schema.json`;
const broken = readFileSync(`${repoRoot}examples/chatkit/broken.sql`, 'utf8');
const seed = `INSERT INTO conversations (id, created_at) SELECT 'conv-' || g, timestamp '2024-01-01' + g * interval '1 minute' FROM generate_series(1, 200) g`;

let db: TestDatabase;
let scratch: { dir: string; remove: () => void };
const others: OtherSession[] = [];

beforeAll(async () => {
  db = await createTestDatabase('apply_faults');
  scratch = scratchDir('apply-faults');
});
afterAll(async () => {
  await db.drop();
  scratch.remove();
});
afterEach(async () => {
  await Promise.all(others.splice(0).map((o) => o.close()));
});

async function session(): Promise<OtherSession> {
  const o = await otherSession(db.url);
  others.push(o);
  return o;
}

/** The schema and the data of the chatkit tables: equal states mean nothing changed. */
async function state(): Promise<{ schema: string; conversations: unknown }> {
  return { schema: await snapshot(db.url), conversations: await checksum(db, 'conversations', ['id', 'created_at'], 'id') };
}

const convergeWith = (spec: string, extra: string[] = []) => expectConverges(db.url, spec, extra);

/** The backend of a session named `name` once it waits for a lock. */
async function waitingBackend(name: string): Promise<number> {
  return waitFor(`${name} to wait for a lock`, async () => {
    const rows = await db.query<{ pid: number }>(
      `SELECT pid FROM pg_stat_activity WHERE application_name = $1 AND wait_event_type = 'Lock'`,
      [name],
    );
    return rows[0]?.pid;
  });
}

const errorLines = (stderr: string): string[] => stderr.split('\n').filter((l) => l.startsWith('pgdrift:'));

/**
 * Another session holding a lock on conversations until `release`. ACCESS EXCLUSIVE blocks even
 * reading the schema (pg_get_expr of a column default opens the table); ACCESS SHARE, what any
 * long read holds, lets apply run up to its first ALTER TABLE of conversations.
 */
async function hold(mode: 'ACCESS EXCLUSIVE' | 'ACCESS SHARE'): Promise<{ release: () => Promise<void> }> {
  const holder = await session();
  await holder.client.query(`BEGIN; LOCK TABLE conversations IN ${mode} MODE`);
  return { release: async () => void (await holder.client.query('ROLLBACK')) };
}

describe('a lock held by another session', () => {
  beforeEach(async () => {
    await db.reset();
    await db.exec(broken);
    await db.exec(seed);
  });

  it('fails within the bounded time with exit 2, changes nothing, and a rerun after the lock is released converges', async () => {
    const before = await state();
    const lock = await hold('ACCESS EXCLUSIVE');
    const started = Date.now();
    const run = await cli(['apply', '--database-url', db.url, '--spec', chatkitSpec, '--lock-timeout', '0.5', '--lock-retries', '1']);
    expect(Date.now() - started).toBeLessThan(30_000);
    expect(run.code).toBe(2);
    expect(run.stdout).toBe('');
    expect(run.stderr).toMatch(/A lock was not granted within 0\.5s .*retrying in .* \(attempt 2 of 2\)\./);
    expect(errorLines(run.stderr)).toEqual([
      expect.stringMatching(/^pgdrift: gave up after 2 attempts: .*lock timeout.*nothing was changed\./),
    ]);
    await lock.release();
    expect(await state()).toEqual(before);
    await convergeWith(chatkitSpec);
  });

  it('a long reader: fails at the first ALTER TABLE of its table, rolls back what ran before, and a rerun converges', async () => {
    const before = await state();
    const lock = await hold('ACCESS SHARE');
    const started = Date.now();
    const run = await cli(['apply', '--database-url', db.url, '--spec', chatkitSpec, '--lock-timeout', '0.5', '--lock-retries', '2']);
    expect(Date.now() - started).toBeLessThan(30_000);
    expect(run.code).toBe(2);
    expect(run.stderr.match(/A lock was not granted within 0\.5s/g)).toHaveLength(2);
    // Statement 1 (CREATE TABLE messages) ran each time, and was rolled back each time.
    expect(errorLines(run.stderr)).toEqual([
      expect.stringMatching(
        /^pgdrift: gave up after 3 attempts: statement 2 of 5 waited for a lock: ALTER TABLE "public"\."conversations" ADD COLUMN "updated_at" .*nothing was changed\./,
      ),
    ]);
    await lock.release();
    expect(await state()).toEqual(before);
    await convergeWith(chatkitSpec);
  });

  it('counts a lock time-out while reading the tables as a lock time-out too: retried, then a clean failure', async () => {
    await db.reset();
    await db.exec(`CREATE TABLE guests (id integer PRIMARY KEY, email text)`);
    const spec = writeSpec(scratch.dir, {
      version: 1,
      tables: {
        'public.guests': {
          columns: { id: { type: 'integer' }, email: { type: 'text' }, tier: { type: 'text', nullable: false } },
          primaryKey: ['id'],
        },
      },
    });
    const before = await snapshot(db.url);
    const holder = await session();
    await holder.client.query('BEGIN; LOCK TABLE guests IN ACCESS EXCLUSIVE MODE');
    const run = await cli(['apply', '--database-url', db.url, '--spec', spec, '--lock-timeout', '0.3', '--lock-retries', '1']);
    expect(run.code).toBe(2);
    expect(run.stderr).toMatch(/\(attempt 2 of 2\)/);
    expect(errorLines(run.stderr)).toEqual([expect.stringMatching(/^pgdrift: gave up after 2 attempts: .*lock.*nothing was changed/)]);
    await holder.client.query('ROLLBACK');
    expect(await snapshot(db.url)).toBe(before);
    await convergeWith(spec);
  });
});

describe('time limits', () => {
  beforeEach(async () => {
    await db.reset();
    await db.exec(broken);
    await db.exec(seed);
  });

  it('a lock released while apply retries: a later attempt succeeds and converges', async () => {
    const lock = await hold('ACCESS SHARE');
    const child = startBundle(['apply', '--database-url', db.url, '--spec', chatkitSpec, '--lock-timeout', '0.3', '--lock-retries', '10']);
    await waitFor('a first lock time-out', async () => (/A lock was not granted within 0\.3s/.test(child.stderr()) ? true : undefined));
    await lock.release();
    const run = await child.done;
    expect(run.code).toBe(0);
    expect(run.stdout).toMatch(/^Applied 5 statements/);
    expect(run.stderr).toMatch(/\(attempt 2 of 11\)/);
    await convergeWith(chatkitSpec);
  });

  it('--statement-timeout bounds one statement: exit 2 naming the change, nothing changed', async () => {
    await db.exec(
      `CREATE FUNCTION slow_ok(id text) RETURNS boolean LANGUAGE plpgsql AS $$ BEGIN PERFORM pg_sleep(0.05); RETURN true; END $$`,
    );
    const spec = JSON.parse(readFileSync(chatkitSpec, 'utf8')) as { tables: Record<string, { checks?: unknown[] }> };
    spec.tables['public.conversations']!.checks = [{ name: 'conversations_slow', expression: 'slow_ok(id)' }];
    const file = writeSpec(scratch.dir, spec);
    const before = await state();
    const started = Date.now();
    const run = await cli(['apply', '--database-url', db.url, '--spec', file, '--statement-timeout', '0.5']);
    expect(Date.now() - started).toBeLessThan(30_000);
    expect(run.code).toBe(2);
    expect(errorLines(run.stderr)).toEqual([
      expect.stringMatching(
        /^pgdrift: statement \d+ of \d+ failed \(public\.conversations\.conversations_slow: add check .*\): canceling statement due to statement timeout\. Nothing was changed/,
      ),
    ]);
    expect(await state()).toEqual(before);
  });
});

describe('the apply is cut off mid-run', () => {
  beforeEach(async () => {
    await db.reset();
    await db.exec(broken);
    await db.exec(seed);
  });

  it('a terminated backend: exit 2, nothing half-applied, and a rerun converges', async () => {
    const before = await state();
    const lock = await hold('ACCESS SHARE');
    const child = startBundle([
      'apply',
      '--database-url',
      urlNamed(db.url, 'pgdrift-victim'),
      '--spec',
      chatkitSpec,
      '--lock-timeout',
      '30',
      '--lock-retries',
      '0',
    ]);
    const pid = await waitingBackend('pgdrift-victim');
    // CREATE TABLE messages ran before the statement now waiting on conversations.
    await waitFor('the target line', async () => (/5 statements to run/.test(child.stderr()) ? true : undefined), 5000);
    const [created] = await db.query<{ n: string }>(
      `SELECT count(*) AS n FROM pg_locks WHERE pid = $1 AND locktype = 'relation' AND mode = 'AccessExclusiveLock' AND granted`,
      [pid],
    );
    expect(Number(created?.n)).toBeGreaterThan(0);
    await db.query('SELECT pg_terminate_backend($1)', [pid]);
    const run = await child.done;
    expect(run.code).toBe(2);
    expect(errorLines(run.stderr)).toEqual([
      expect.stringMatching(
        /^pgdrift: the connection was lost while applying \(.*\)\. PostgreSQL rolled the transaction back: nothing was changed\. Run apply again\.$/,
      ),
    ]);
    await lock.release();
    expect(await state()).toEqual(before);
    await convergeWith(chatkitSpec);
  });

  it('a killed process: the server rolls back, nothing half-applied, and a rerun converges', async () => {
    const before = await state();
    const lock = await hold('ACCESS SHARE');
    const child = startBundle([
      'apply',
      '--database-url',
      urlNamed(db.url, 'pgdrift-killed'),
      '--spec',
      chatkitSpec,
      '--lock-timeout',
      '30',
      '--lock-retries',
      '0',
    ]);
    const pid = await waitingBackend('pgdrift-killed');
    child.kill('SIGKILL');
    await child.done;
    // The backend gets the lock, runs that one statement, finds the client gone and rolls back.
    await lock.release();
    await waitFor('the killed backend to end', async () =>
      (await db.query('SELECT 1 FROM pg_stat_activity WHERE pid = $1', [pid])).length ? undefined : true,
    );
    expect(await state()).toEqual(before);
    await convergeWith(chatkitSpec);
  });
});

describe('two applies at once', () => {
  beforeEach(async () => {
    await db.reset();
    await db.exec(broken);
    await db.exec(seed);
  });

  const args = (name: string): string[] => [
    'apply',
    '--database-url',
    urlNamed(db.url, name),
    '--spec',
    chatkitSpec,
    '--lock-timeout',
    '20',
  ];

  it('started together: both exit 0, exactly one does the work, and the database converges', async () => {
    const before = await checksum(db, 'conversations', ['id', 'created_at'], 'id');
    const runs = await Promise.all([startBundle(args('pgdrift-a')).done, startBundle(args('pgdrift-b')).done]);
    expect(runs.map((r) => r.code)).toEqual([0, 0]);
    for (const r of runs) expect(errorLines(r.stderr)).toEqual([]);
    const heads = runs.map((r) => r.stdout.split('\n')[0]).sort();
    expect(heads).toEqual(['Applied 5 statements in one transaction, verified before commit.', 'Nothing to apply.']);
    expect(await checksum(db, 'conversations', ['id', 'created_at'], 'id')).toEqual(before);
    expect(await checkLines(db.url, chatkitSpec)).toMatchObject({ code: 0, lines: [] });
  });

  it('overlapping for sure: the second waits for the migration lock, says so, then finds nothing to do', async () => {
    const lock = await hold('ACCESS SHARE');
    const first = startBundle(args('pgdrift-first'));
    await waitingBackend('pgdrift-first');
    const second = startBundle(args('pgdrift-second'));
    await waitFor('the second apply to wait for the first', async () =>
      /Another pgdrift apply holds the migration lock/.test(second.stderr()) ? true : undefined,
    );
    await lock.release();
    const [a, b] = await Promise.all([first.done, second.done]);
    expect([a.code, b.code]).toEqual([0, 0]);
    expect(a.stdout).toMatch(/^Applied 5 statements/);
    expect(b.stdout).toMatch(/^Nothing to apply\./);
    expect(errorLines(a.stderr + b.stderr)).toEqual([]);
    expect(await checkLines(db.url, chatkitSpec)).toMatchObject({ code: 0, lines: [] });
  });

  it('with --concurrently: the second waits for the index the first is still building, then finds nothing to do', async () => {
    const spec = JSON.parse(readFileSync(chatkitSpec, 'utf8')) as { tables: Record<string, { indexes?: Record<string, unknown> }> };
    spec.tables['public.conversations']!.indexes = { conversations_created_at_idx: { columns: ['created_at'] } };
    const file = writeSpec(scratch.dir, spec);
    // An open snapshot makes CREATE INDEX CONCURRENTLY wait in its last phase, its index invalid.
    const reader = await session();
    await reader.client.query('BEGIN ISOLATION LEVEL REPEATABLE READ; SELECT 1');
    const concurrently = (name: string) => [
      'apply',
      '--database-url',
      urlNamed(db.url, name),
      '--spec',
      file,
      '--concurrently',
      '--lock-timeout',
      '1',
      '--lock-retries',
      '1',
    ];
    const first = startBundle(concurrently('pgdrift-builder'));
    await waitFor('the concurrent index build', async () =>
      (
        await db.query(
          `SELECT 1 FROM pg_stat_progress_create_index p JOIN pg_stat_activity a USING (pid) WHERE a.application_name = 'pgdrift-builder'`,
        )
      ).length
        ? true
        : undefined,
    );
    const second = startBundle(concurrently('pgdrift-second'));
    await waitFor('the second apply to wait for the build', async () =>
      /building index public\.conversations\.conversations_created_at_idx concurrently; waiting/.test(second.stderr()) ? true : undefined,
    );
    await reader.client.query('ROLLBACK');
    const [a, b] = await Promise.all([first.done, second.done]);
    expect(errorLines(a.stderr + b.stderr)).toEqual([]);
    expect([a.code, b.code]).toEqual([0, 0]);
    expect(a.stdout).toMatch(/^Applied 6 statements/);
    expect(b.stdout).toMatch(/^Nothing to apply\./);
    expect(await db.query(`SELECT indisvalid FROM pg_index WHERE indexrelid = 'conversations_created_at_idx'::regclass`)).toEqual([
      { indisvalid: true },
    ]);
    await convergeWith(file, ['--concurrently']);
  });

  it('gives up cleanly after --lock-wait when the other apply does not finish', async () => {
    const lock = await hold('ACCESS SHARE');
    const first = startBundle(args('pgdrift-slow'));
    await waitingBackend('pgdrift-slow');
    // No snapshot here: reading conversations' defaults would queue behind the waiting ALTER TABLE.
    const started = Date.now();
    const second = await cli(['apply', '--database-url', db.url, '--spec', chatkitSpec, '--lock-wait', '1']);
    expect(Date.now() - started).toBeLessThan(15_000);
    expect(second.code).toBe(2);
    expect(second.stderr).toMatch(/^Another pgdrift apply holds the migration lock on this database; waiting for it to finish\.$/m);
    expect(errorLines(second.stderr)).toEqual([
      expect.stringMatching(
        /^pgdrift: another pgdrift apply is running on this database and still holds the migration lock after 1s; nothing was changed\./,
      ),
    ]);
    await lock.release();
    expect((await first.done).code).toBe(0);
  });
});

describe('statements PostgreSQL refuses', () => {
  beforeEach(async () => {
    await db.reset();
  });

  it('SET NOT NULL on a column holding NULLs: exit 2 naming the column, nothing half-applied', async () => {
    await db.exec(`
      CREATE TABLE people (id integer PRIMARY KEY, email text, nick text);
      INSERT INTO people SELECT g, CASE WHEN g % 10 = 0 THEN NULL ELSE 'p' || g END, 'n' || g FROM generate_series(1, 100) g;
    `);
    const spec = writeSpec(scratch.dir, {
      version: 1,
      tables: {
        'public.people': {
          columns: {
            id: { type: 'integer' },
            email: { type: 'text', nullable: false },
            nick: { type: 'text', comment: 'shown to others' },
            joined: { type: 'date', default: 'CURRENT_DATE' },
          },
          primaryKey: ['id'],
        },
        'public.pets': { columns: { id: { type: 'integer' } } },
      },
    });
    const before = { schema: await snapshot(db.url), people: await checksum(db, 'people', ['id', 'email', 'nick'], 'id') };
    const run = await cli(['apply', '--database-url', db.url, '--spec', spec]);
    expect(run.code).toBe(2);
    expect(run.stdout).toBe('');
    const errors = errorLines(run.stderr);
    expect(errors).toHaveLength(1);
    expect(errors[0]).toContain('public.people.email');
    expect(errors[0]).toMatch(/violated by some row.*Nothing was changed/);
    expect({ schema: await snapshot(db.url), people: await checksum(db, 'people', ['id', 'email', 'nick'], 'id') }).toEqual(before);

    // Once the NULLs are filled, the same spec converges.
    await db.exec(`UPDATE people SET email = 'unknown-' || id WHERE email IS NULL`);
    await convergeWith(spec);
  });

  it('a type change PostgreSQL cannot cast: exit 2 naming the column; with "using" in the spec it converges', async () => {
    await db.exec(`
      CREATE TABLE readings (id integer PRIMARY KEY, value text, label text);
      INSERT INTO readings SELECT g, (g * 7)::text, 'r' || g FROM generate_series(1, 100) g;
    `);
    const table = (value: Record<string, string>) => ({
      version: 1,
      tables: {
        'public.readings': { columns: { id: { type: 'integer' }, value, label: { type: 'text', nullable: false } }, primaryKey: ['id'] },
      },
    });
    const without = writeSpec(scratch.dir, table({ type: 'integer' }));
    const before = { schema: await snapshot(db.url), readings: await checksum(db, 'readings', ['id', 'value', 'label'], 'id') };
    const run = await cli(['apply', '--database-url', db.url, '--spec', without, '--allow-destructive']);
    expect(run.code).toBe(2);
    const errors = errorLines(run.stderr);
    expect(errors).toHaveLength(1);
    expect(errors[0]).toMatch(/column "value" cannot be cast automatically to type integer/);
    expect(errors[0]).toContain('public.readings.value');
    expect(errors[0]).toContain('"using"');
    expect({ schema: await snapshot(db.url), readings: await checksum(db, 'readings', ['id', 'value', 'label'], 'id') }).toEqual(before);

    const withUsing = writeSpec(scratch.dir, table({ type: 'integer', using: 'value::integer' }));
    await convergeWith(withUsing, ['--allow-destructive']);
    // The values were converted, not lost; the other columns are as they were.
    expect(await checksum(db, 'readings', ['id', 'value', 'label'], 'id')).toEqual(before.readings);
    const [type] = await db.query<{ t: string }>(
      `SELECT format_type(atttypid, atttypmod) AS t FROM pg_attribute WHERE attrelid = 'readings'::regclass AND attname = 'value'`,
    );
    expect(type).toEqual({ t: 'integer' });
  });
});

describe('--dry-run', () => {
  beforeEach(async () => {
    await db.reset();
    await db.exec(broken);
    await db.exec(seed);
  });

  it('runs every statement and the verification, then rolls back: the database is unchanged', async () => {
    const before = await state();
    const run = await cli(['apply', '--database-url', db.url, '--spec', chatkitSpec, '--dry-run']);
    expect(errorLines(run.stderr)).toEqual([]);
    expect(run.stderr).toMatch(/5 statements to run \(dry run: everything is rolled back\)\./);
    expect(run.stdout).toMatch(/^Dry run: 5 statements ran and verified, then rolled back\. Nothing was changed\./);
    expect(await state()).toEqual(before);
    await convergeWith(chatkitSpec);
  });

  it('reports the dry run as verified in the JSON result', async () => {
    const run = await cli(['apply', '--database-url', db.url, '--spec', chatkitSpec, '--dry-run', '--format', 'json']);
    expect(JSON.parse(run.stdout)).toMatchObject({ status: 'dry-run', applied: 5, verified: true, report: { drift: true } });
  });

  it('exits 0 when the dry run converged', async () => {
    const run = await cli(['apply', '--database-url', db.url, '--spec', chatkitSpec, '--dry-run']);
    expect(run.stdout).toMatch(/^Dry run: 5 statements ran and verified/);
    expect(run.code).toBe(0);
  });

  it('fails like the real apply when a statement fails, and changes nothing', async () => {
    await db.exec(`INSERT INTO conversations (id, created_at) VALUES ('x', NULL)`);
    const spec = JSON.parse(readFileSync(chatkitSpec, 'utf8')) as {
      tables: Record<string, { columns: Record<string, { nullable?: boolean }> }>;
    };
    spec.tables['public.conversations']!.columns.created_at!.nullable = false;
    const file = writeSpec(scratch.dir, spec);
    const before = await state();
    const run = await cli(['apply', '--database-url', db.url, '--spec', file, '--dry-run']);
    expect(run.code).toBe(2);
    expect(errorLines(run.stderr)).toEqual([expect.stringMatching(/public\.conversations\.created_at.*violated by some row/)]);
    expect(await state()).toEqual(before);
  });
});

describe('a pooled Neon host', () => {
  it('is refused for apply, naming the direct host, before any connection and without the password', async () => {
    const url = 'postgres://alice:s3cret-pw@ep-cool-darkness-123456-pooler.us-east-2.aws.neon.tech/neondb?sslmode=require';
    const run = await cli(['apply', '--database-url', url, '--spec', chatkitSpec, '--connect-timeout', '0.5', '--connect-retries', '0']);
    expect(run.code).toBe(2);
    expect(run.stdout).toBe('');
    expect(errorLines(run.stderr)).toHaveLength(1);
    expect(run.stderr).toContain('ep-cool-darkness-123456-pooler.us-east-2.aws.neon.tech');
    expect(run.stderr).toContain('use the direct host ep-cool-darkness-123456.us-east-2.aws.neon.tech');
    expect(run.stderr).not.toContain('s3cret-pw');
    // Nothing tried to connect: a connection attempt would have reported a network error instead.
    expect(run.stderr).not.toMatch(/ENOTFOUND|timeout|connect/i);
  });
});
