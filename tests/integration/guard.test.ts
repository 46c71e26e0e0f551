/**
 * The startup guard query, run as an application would run it: through psql, against the
 * incident's database before and after the repair, under a role that may only read, and against a
 * database that lacks one piece of each kind the guard knows.
 */
import { spawnSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { guardQuery } from '../../src/core/guard.js';
import { parseSpec } from '../../src/core/spec.js';
import { cli, repoRoot } from '../helpers/cli.js';
import { createTestDatabase, type TestDatabase } from '../helpers/db.js';

const chatkitSpec = parseSpec(readFileSync(`${repoRoot}examples/chatkit/schema.json`, 'utf8'));
const broken = readFileSync(`${repoRoot}examples/chatkit/broken.sql`, 'utf8');
const repair = readFileSync(`${repoRoot}examples/chatkit/repair.sql`, 'utf8');

/** Runs `sql` through psql (unaligned, tuples only) and returns its rows as `problem|object`. */
function psql(url: string, sql: string): string[] {
  const run = spawnSync('psql', ['--no-psqlrc', '-v', 'ON_ERROR_STOP=1', '-XAt', '-F', '|', '-d', url, '-f', '-'], {
    input: sql,
    encoding: 'utf8',
  });
  if (run.error)
    throw new Error(
      `psql could not be run (${run.error.message}): the guard test runs the query through psql, as an application's operator would`,
    );
  if (run.status !== 0) throw new Error(`psql failed: ${run.stderr}`);
  return run.stdout
    .split('\n')
    .filter(Boolean)
    .map((line) => line.split('|').slice(0, 2).join('|'));
}

function withUser(url: string, user: string): string {
  const u = new URL(url);
  u.username = user;
  u.password = '';
  return u.toString();
}

describe('the startup guard', () => {
  let db: TestDatabase;
  const reader = `pgdrift_guard_reader_${process.pid}`;
  beforeAll(async () => {
    db = await createTestDatabase('guard');
    await db.exec(
      `DROP ROLE IF EXISTS ${reader}; CREATE ROLE ${reader} LOGIN; GRANT CONNECT ON DATABASE "${db.name}" TO ${reader}; REVOKE CREATE ON SCHEMA public FROM PUBLIC; REVOKE TEMPORARY ON DATABASE "${db.name}" FROM PUBLIC;`,
    );
  });
  afterAll(async () => {
    await db.drop();
    await db.exec(`DROP ROLE IF EXISTS ${reader}`).catch(() => undefined);
  });

  it('returns exactly the pieces the incident database lacked, and nothing after the repair, for a role that may only read', async () => {
    await db.exec(broken);
    const query = guardQuery(chatkitSpec.schema);
    const expected = [
      'missing-column|public.conversations.metadata',
      'missing-column|public.conversations.updated_at',
      'missing-table|public.messages',
    ];
    expect(psql(db.url, query)).toEqual(expected);
    expect(psql(withUser(db.url, reader), query)).toEqual(expected);
    await db.exec(repair);
    expect(psql(db.url, query)).toEqual([]);
    expect(psql(withUser(db.url, reader), query)).toEqual([]);
  });

  it('names one row per missing or incompatible piece of every kind', async () => {
    await db.reset();
    const spec = parseSpec(
      JSON.stringify({
        version: 1,
        extensions: { pgcrypto: {} },
        enums: { 'public.role': { values: ['member', 'admin', 'owner'] }, 'public.mood': { values: ['ok'] } },
        tables: {
          'public.accounts': {
            columns: {
              id: { type: 'bigserial' },
              email: { type: 'text', nullable: false },
              role: { type: 'public.role', default: "'member'" },
              score: { type: 'integer' },
              created_at: { type: 'timestamptz', default: 'now()' },
            },
            primaryKey: ['id'],
            unique: [['email']],
            indexes: { accounts_created_at_idx: { columns: ['created_at'] } },
          },
          'public.ok': { columns: { id: { type: 'integer' } } },
          'audit.log': { columns: { id: { type: 'integer' } } },
        },
      }),
    );
    await db.exec(`
      CREATE TYPE public.role AS ENUM ('member', 'admin');
      CREATE TABLE public.accounts (id bigint, email text, role public.role, score text, created_at timestamptz);
      CREATE TABLE public.ok (id integer);
    `);
    expect(psql(withUser(db.url, reader), guardQuery(spec.schema))).toEqual(
      [
        'missing-extension|pgcrypto',
        'missing-schema|audit',
        'missing-table|audit.log',
        'missing-default|public.accounts.created_at',
        'missing-not-null|public.accounts.email',
        'missing-default|public.accounts.id',
        'missing-not-null|public.accounts.id',
        'missing-default|public.accounts.role',
        'wrong-type|public.accounts.score',
        'missing-index|public.accounts.accounts_created_at_idx',
        'missing-primary-key|public.accounts',
        'missing-unique|public.accounts',
        'missing-type|public.mood',
        'missing-enum-value|public.role',
      ].sort(byObjectThenProblem),
    );
  });

  it('ships examples/chatkit/guard.sql as pgdrift writes it, and the Node example refuses the broken database and accepts the repaired one', async () => {
    const written = await cli(['guard', '--spec', `${repoRoot}examples/chatkit/schema.json`]);
    expect(written.stderr).toBe('');
    expect(written.code).toBe(0);
    expect(readFileSync(`${repoRoot}examples/chatkit/guard.sql`, 'utf8')).toBe(written.stdout);
    await db.reset();
    await db.exec(broken);
    const run = (): ReturnType<typeof spawnSync> =>
      spawnSync(process.execPath, [`${repoRoot}examples/chatkit/guard.mjs`], {
        env: { PATH: process.env.PATH, DATABASE_URL: withUser(db.url, reader) },
        encoding: 'utf8',
        cwd: '/tmp',
      });
    const refused = run();
    expect(refused.status).toBe(1);
    expect(
      String(refused.stderr)
        .split('\n')
        .filter((l) => l.startsWith('schema guard: missing')),
    ).toEqual([
      'schema guard: missing-column public.conversations.metadata: column public.conversations.metadata (jsonb) does not exist',
      'schema guard: missing-column public.conversations.updated_at: column public.conversations.updated_at (timestamp) does not exist',
      'schema guard: missing-table public.messages: table public.messages does not exist',
    ]);
    await db.exec(repair);
    const started = run();
    expect(started.stderr).toBe('');
    expect(started.status).toBe(0);
  });

  it.runIf(spawnSync('python3', ['--version']).status === 0)('ships a Python example that compiles', () => {
    const run = spawnSync(
      'python3',
      ['-c', 'import ast, sys; ast.parse(open(sys.argv[1]).read(), sys.argv[1])', `${repoRoot}examples/chatkit/guard.py`],
      { encoding: 'utf8' },
    );
    expect(run.stderr).toBe('');
    expect(run.status).toBe(0);
  });

  it('keeps hostile names inside literals', async () => {
    await db.reset();
    const name = `x'); DROP TABLE t; --"`;
    const spec = parseSpec(
      JSON.stringify({ version: 1, tables: { [`public."${name.replace(/"/g, '""')}"`]: { columns: { [name]: { type: 'text' } } } } }),
    );
    await db.exec('CREATE TABLE t (id integer)');
    const rows = psql(db.url, guardQuery(spec.schema));
    expect(rows).toHaveLength(1);
    expect(rows[0]).toMatch(/^missing-table\|/);
    expect(await db.query('SELECT 1 FROM t')).toEqual([]);
  });
});

/** The guard's order: object, then problem (byte order). */
function byObjectThenProblem(a: string, b: string): number {
  const [pa, oa] = a.split('|') as [string, string];
  const [pb, ob] = b.split('|') as [string, string];
  return oa < ob ? -1 : oa > ob ? 1 : pa < pb ? -1 : pa > pb ? 1 : 0;
}
