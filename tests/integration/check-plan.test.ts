/**
 * The plan the action makes from check's changes (checkDatabase, then planMigration with nothing
 * but those changes and the options): it must do what the plan command does, also for objects
 * outside the tables that changed.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { planMigration, specSearchPath } from '../../src/core/plan.js';
import { parseSpecJson } from '../../src/core/spec.js';
import { connect, parseDatabaseUrl } from '../../src/db/connect.js';
import { checkDatabase } from '../../src/db/engine.js';
import { Session } from '../../src/db/session.js';
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
    const spec = parseSpecJson({
      version: 1,
      enums: { 'public.mood': { values: ['ok', 'sad'] } },
      tables: { 'public.t': { columns: { id: 'integer', m: 'public.mood' } } },
    });
    const session = new Session(await connect(parseDatabaseUrl(db.url), { connectTimeout: 10, retries: 0 }));
    try {
      const head = await checkDatabase(session, spec);
      expect(head.changes.map((c) => c.kind)).toEqual(['alter-enum']);
      const plan = planMigration(head.changes, { allowDestructive: true, concurrently: false, tablesWithRows: new Set(), searchPath: specSearchPath(head.desired, head.live) });
      expect(plan.statements.map((s) => s.sql)).toContain(`ALTER TABLE "public"."t" ALTER COLUMN "m" TYPE "public"."mood" USING "m"::text::"public"."mood"`);
    } finally {
      await session.close();
    }
  });
});
