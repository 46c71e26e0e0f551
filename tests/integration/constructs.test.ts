/**
 * What the database lacks and what the spec gets wrong: an extension the database does not have
 * (and cannot get here), constraints left NOT VALID, and the constructs a snapshot must carry
 * through a check unchanged.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { rmSync, writeFileSync } from 'node:fs';
import { check, database, specSource } from '../../src/engine.js';
import { cli } from '../helpers/cli.js';
import { createTestDatabase, type TestDatabase } from '../helpers/db.js';

let db: TestDatabase;

beforeAll(async () => {
  db = await createTestDatabase('constructs');
});
afterAll(async () => {
  await db.drop();
});

const target = () => database(db.url, { connectTimeout: 10, retries: 0 });
const source = (spec: unknown) => specSource(JSON.stringify({ version: 1, ...(spec as object) }), undefined);

describe('an extension the database lacks', () => {
  it('is drift planned first when the server cannot install it here; what may use it is compared as written', async () => {
    await db.exec('DROP SCHEMA public CASCADE; CREATE SCHEMA public; CREATE TABLE public.t (id int)');
    const spec = source({
      extensions: { pgdrift_no_such_extension: {} },
      tables: { 'public.t': { columns: { id: 'int', v: 'no_such_type' } } },
    });
    const result = await check(target(), spec, { plan: { allowDestructive: false, concurrently: false } });
    expect(result.report.changes.map((c) => `${c.kind} ${c.object}`)).toEqual([
      'add-extension pgdrift_no_such_extension',
      'add-column public.t.v',
    ]);
    expect(result.report.unverified).toEqual(['$.extensions.pgdrift_no_such_extension', '$.tables["public.t"].columns.v']);
    expect(result.plan?.statements[0]?.sql).toBe('CREATE EXTENSION "pgdrift_no_such_extension" SCHEMA "public"');
  });

  it('leaves nothing behind after a check that created it in its rolled-back transaction', async () => {
    await db.exec('DROP SCHEMA public CASCADE; CREATE SCHEMA public');
    const spec = source({ extensions: { citext: {} }, tables: { 'public.t': { columns: { e: 'citext' } } } });
    const result = await check(target(), spec);
    expect(result.report.changes.map((c) => c.kind)).toEqual(['add-extension', 'add-table']);
    expect(result.report.unverified).toEqual([]);
    expect(result.report.changes[1]?.after).toMatchObject({ columns: [{ name: 'e', type: 'public.citext' }] });
    expect(await db.query(`SELECT extname FROM pg_extension WHERE extname = 'citext'`)).toEqual([]);
  });
});

describe('a constraint left NOT VALID', () => {
  const spec = {
    tables: {
      'public.p': { columns: { id: 'int' }, primaryKey: ['id'] },
      'public.c': {
        columns: { p_id: 'int', n: 'int' },
        foreignKeys: [{ columns: ['p_id'], references: { table: 'p', columns: ['id'] } }],
        checks: ['n > 0'],
      },
    },
  };
  const setup = `DROP SCHEMA public CASCADE; CREATE SCHEMA public;
    CREATE TABLE public.p (id int PRIMARY KEY); CREATE TABLE public.c (p_id int, n int);
    INSERT INTO public.p VALUES (1); INSERT INTO public.c VALUES (1, 5), (2, -1);
    ALTER TABLE public.c ADD CONSTRAINT c_p_id_fkey FOREIGN KEY (p_id) REFERENCES public.p (id) NOT VALID;
    ALTER TABLE public.c ADD CONSTRAINT c_n_check CHECK (n > 0) NOT VALID`;
  const validated = () =>
    db.query<{ conname: string; convalidated: boolean }>(
      `SELECT conname, convalidated FROM pg_constraint WHERE conrelid = 'public.c'::regclass ORDER BY conname`,
    );

  it('fails apply cleanly when rows violate it: exit 2, the server message, the constraints still NOT VALID', async () => {
    await db.exec(setup);
    const file = `${process.env.TMPDIR ?? '/tmp'}/pgdrift-constructs-${process.pid}.json`;
    writeFileSync(file, JSON.stringify({ version: 1, ...spec }));
    try {
      const checkRun = await cli(['check', '--database-url', db.url, '--spec', file, '--format', 'json']);
      expect(checkRun.code).toBe(1);
      expect(
        (JSON.parse(checkRun.stdout) as { changes: Array<{ kind: string; object: string }> }).changes.map((c) => `${c.kind} ${c.object}`),
      ).toEqual(['validate-constraint public.c.c_p_id_fkey', 'validate-constraint public.c.c_n_check']);
      const run = await cli(['apply', '--database-url', db.url, '--spec', file]);
      expect(run.code).toBe(2);
      expect(run.stderr).toMatch(/^pgdrift: .*violate/m);
      expect(await validated()).toEqual([
        { conname: 'c_n_check', convalidated: false },
        { conname: 'c_p_id_fkey', convalidated: false },
      ]);

      await db.exec('DELETE FROM public.c WHERE n < 0 OR p_id = 2');
      const again = await cli(['apply', '--database-url', db.url, '--spec', file]);
      expect(again.stderr).not.toMatch(/^pgdrift: /m);
      expect(again.code).toBe(0);
      expect(await validated()).toEqual([
        { conname: 'c_n_check', convalidated: true },
        { conname: 'c_p_id_fkey', convalidated: true },
      ]);
    } finally {
      rmSync(file, { force: true });
    }
  });
});
