/**
 * The plan check makes from its changes (the action's PR check: the engine's check with a plan):
 * it must do what the plan command does, also for objects outside the tables that changed.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { check, database, specSource } from '../../src/engine.js';
import { createTestDatabase, type TestDatabase } from '../helpers/db.js';

let db: TestDatabase;

beforeAll(async () => {
  db = await createTestDatabase('check_plan');
});
afterAll(async () => {
  await db.drop();
});

describe('a plan made from check', () => {
  it('converts the column of a table that is otherwise unchanged when its enum is recreated', async () => {
    await db.exec(`CREATE TYPE mood AS ENUM ('sad', 'ok'); CREATE TABLE t (id integer, m mood); INSERT INTO t VALUES (1, 'sad')`);
    const spec = specSource(
      JSON.stringify({
        version: 1,
        enums: { 'public.mood': { values: ['ok', 'sad'] } },
        tables: { 'public.t': { columns: { id: 'integer', m: 'public.mood' } } },
      }),
      undefined,
    );
    const head = await check(database(db.url, { connectTimeout: 10, retries: 0 }), spec, {
      plan: { allowDestructive: true, concurrently: false },
    });
    expect(head.report.changes.map((c) => c.kind)).toEqual(['alter-enum']);
    expect(head.plan?.statements.map((s) => s.sql)).toContain(
      `ALTER TABLE "public"."t" ALTER COLUMN "m" TYPE "public"."mood" USING "m"::text::"public"."mood"`,
    );
  });
});
