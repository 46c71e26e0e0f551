/**
 * A spec from a pull request is untrusted input: checking it must not compute anything of it on
 * the server, nor let what it names pass unchecked.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { events, OWNER, REPO, runBundledAction } from '../helpers/action.js';
import { cli } from '../helpers/cli.js';
import { startGitHubServer } from '../helpers/github-server.js';
import { checkSpec, scratchDir } from '../helpers/check.js';
import { createTestDatabase, type TestDatabase } from '../helpers/db.js';
import { join } from 'node:path';
import { writeFileSync } from 'node:fs';

const CANARY = 'Canary-Secret-5b1e0d';
let db: TestDatabase;
let scratch: { dir: string; remove: () => void };

beforeAll(async () => {
  db = await createTestDatabase('hostile');
  scratch = scratchDir('hostile');
  await db.exec(`
    CREATE TABLE canary (secret text);
    INSERT INTO canary VALUES ('${CANARY}');
    -- Marked IMMUTABLE, so PostgreSQL may fold a call with constant arguments: when it runs, it takes 5 s.
    CREATE FUNCTION slow(int) RETURNS int LANGUAGE plpgsql IMMUTABLE AS $$ BEGIN PERFORM pg_sleep(5); RETURN $1; END $$;
  `);
});

afterAll(async () => {
  await db?.drop();
  scratch?.remove();
});

describe('names the spec adds', () => {
  it('does not let a new sequence named s pass an unknown function as not checked yet', async () => {
    const run = await checkSpec(
      db.url,
      { version: 1, sequences: { s: {} }, tables: { t: { columns: { a: { type: 'int', default: 'nosuchfn()' } } } } },
      scratch.dir,
    );
    expect(run.code).toBe(2);
    expect(run.stderr).toContain('.columns.a: PostgreSQL rejects it');
    expect(run.stderr).toContain('nosuchfn');
  });

  it('still leaves a default that uses the new sequence as not checked yet', async () => {
    const run = await checkSpec(
      db.url,
      { version: 1, sequences: { s: {} }, tables: { t: { columns: { a: { type: 'bigint', default: "nextval('s')" } } } } },
      scratch.dir,
    );
    expect(run.code).toBe(1);
  });
});

describe('nothing of the spec runs while it is checked', () => {
  const fallback = { ok: { type: 'int' }, bad: { type: 'int' } };
  it.each([
    // A check that PostgreSQL rejects makes canonicalisation add the columns one by one.
    {
      name: 'a default, when a bad check forces the column-by-column fallback',
      table: { columns: { ...fallback, d: { type: 'int', default: 'slow(1)' } }, checks: ['nosuchcolumn > 0'] },
      code: 2,
    },
    {
      name: 'a check, in the column-by-column fallback',
      table: { columns: { ...fallback, d: { type: 'int', default: 'nosuchfn()' } }, checks: ['ok > slow(1)'] },
      code: 2,
    },
    {
      name: 'an index expression',
      table: { columns: fallback, indexes: { t_slow: { columns: [{ expression: 'ok + slow(1)' }] } } },
      code: 1,
    },
    { name: 'an index predicate', table: { columns: fallback, indexes: { t_slow: { columns: ['ok'], where: 'bad > slow(1)' } } }, code: 1 },
    {
      name: 'a huge constant in an index expression and predicate',
      table: {
        columns: fallback,
        indexes: { t_big: { columns: [{ expression: "ok::text || repeat('x', 900000000)" }], where: "repeat('x', 900000000) <> ''" } },
      },
      code: 1,
    },
    { name: 'a generated column', table: { columns: { ...fallback, g: { type: 'bigint', generated: 'ok + slow(1)' } } }, code: 1 },
    {
      name: 'a huge constant in a generated column',
      table: { columns: { ...fallback, g: { type: 'text', generated: "ok::text || repeat('x', 900000000)" } } },
      code: 1,
    },
  ])('does not evaluate $name', async ({ table, code }) => {
    const started = Date.now();
    const run = await checkSpec(db.url, { version: 1, tables: { t: table } }, scratch.dir);
    expect(Date.now() - started).toBeLessThan(4000);
    expect(run.code).toBe(code);
  });

  it('keeps the data a fallback default would read out of every output', async () => {
    const file = join(scratch.dir, 'exfiltrate.json');
    const spec = {
      version: 1,
      tables: {
        canary: {
          columns: { secret: 'text', n: { type: 'int', default: "(database_to_xml(true, false, ''))::text::int" } },
          checks: ['nosuchcolumn > 0'],
        },
      },
    };
    writeFileSync(file, JSON.stringify(spec));
    const runs = [
      await cli(['check', '--database-url', db.url, '--spec', file]),
      await cli(['check', '--database-url', db.url, '--spec', file, '--format', 'json']),
      await cli(['plan', '--database-url', db.url, '--spec', file]),
      await cli(['plan', '--database-url', db.url, '--spec', file, '--format', 'json']),
    ];
    for (const run of runs) {
      expect(run.code).toBe(2);
      expect(run.stderr).toContain('nosuchcolumn');
      expect(run.stdout + run.stderr).not.toContain(CANARY);
    }
  });
});

describe('the action', () => {
  it('keeps the data a fallback default would read out of its outputs, summary, comment and report', async () => {
    const spec = JSON.stringify({
      version: 1,
      tables: {
        canary: {
          columns: { secret: 'text', n: { type: 'int', default: "(database_to_xml(true, false, ''))::text::int" } },
          checks: ['nosuchcolumn > 0'],
        },
      },
    });
    const base = 'b'.repeat(40);
    const server = await startGitHubServer();
    try {
      server.setFile(OWNER, REPO, 'db/schema.json', base, spec);
      const run = await runBundledAction({
        event: 'pull_request',
        payload: events.pullRequest({ number: 7, baseSha: base, headSha: 'c'.repeat(40) }),
        inputs: { 'database-url': db.url, spec: 'db/schema.json' },
        files: { 'db/schema.json': spec },
        apiUrl: server.url,
      });
      const everything = [run.stdout, run.stderr, run.outputsFile, run.summary, run.reportJson, ...server.requests.map((r) => r.body)].join(
        '\n',
      );
      expect(everything).toContain('nosuchcolumn');
      expect(everything).not.toContain(CANARY);
    } finally {
      await server.close();
    }
  }, 60_000);
});

describe('a large spec', () => {
  it('checks 700 new tables of six indexes each without running out of shared memory for locks', async () => {
    // About 20 locks a table until the transaction ends: more than the server's whole lock table
    // (max_locks_per_transaction × max_connections = 6,400 here) if made in one transaction.
    const tables: Record<string, unknown> = {};
    for (let i = 0; i < 700; i++) {
      const indexes = Object.fromEntries(['a', 'b', 'c', 'd', 'e', 'f'].map((c) => [`big${i}_${c}`, { columns: [c] }]));
      tables[`big${i}`] = {
        columns: { id: 'bigint', a: 'text', b: 'int', c: 'int', d: 'int', e: 'int', f: 'int' },
        primaryKey: ['id'],
        indexes,
      };
    }
    const run = await checkSpec(db.url, { version: 1, tables }, scratch.dir);
    expect(run.stderr).toBe('');
    expect(run.code).toBe(1);
    expect(run.changes.filter((c) => c.kind === 'add-table')).toHaveLength(700);
  }, 120_000);
});
