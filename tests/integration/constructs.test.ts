/**
 * What the database lacks and what the spec gets wrong: an extension the database does not have
 * (and cannot get here), constraints left NOT VALID, and the constructs a snapshot must carry
 * through a check unchanged.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { check, database, specSource } from '../../src/engine.js';
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
    expect(result.report.changes.map((c) => `${c.kind} ${c.object}`)).toEqual(['add-extension pgdrift_no_such_extension', 'add-column public.t.v']);
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
