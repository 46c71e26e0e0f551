/**
 * The engine both entry points call (src/engine.ts), against a real PostgreSQL: how many times
 * each command reads the catalog and on which connections, and that the report `apply` returns
 * (from the read that verified it inside its transaction) is what `check` says afterwards:
 * converged, with destructive changes withheld, and after a dry run.
 */
import { readFileSync } from 'node:fs';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { UsageError } from '../../src/core/errors.js';
import { objectName } from '../../src/core/diff.js';
import { DEFAULTS } from '../../src/defaults.js';
import { apply, check, database, plan, specSource, type Database, type SpecSource } from '../../src/engine.js';
import { repoRoot } from '../helpers/cli.js';
import { createTestDatabase, type TestDatabase } from '../helpers/db.js';

const chatkitSpec = `${repoRoot}examples/chatkit/schema.json`;
const broken = readFileSync(`${repoRoot}examples/chatkit/broken.sql`, 'utf8');

let db: TestDatabase;
beforeAll(async () => {
  db = await createTestDatabase('engine');
});
afterAll(async () => {
  await db.drop();
});

/**
 * `inner` with its sessions watched: which roles were opened, and which sessions ran a catalog
 * read of the live schemas (a batch that sets pgdrift.scope to schemas, not to the temporary
 * schema that canonicalising the spec reads).
 */
function watched(inner: Database): { db: Database; opened: string[]; reads: string[] } {
  const opened: string[] = [];
  const reads: string[] = [];
  const db: Database = {
    ...inner,
    open: async (role) => {
      opened.push(role);
      const session = await inner.open(role);
      const stream = session.stream.bind(session);
      session.stream = (context, statements, onRow) => {
        const scope = statements.find((s) => s.includes("set_config('pgdrift.scope'"));
        if (scope && !scope.includes('"temp":true')) reads.push(role);
        return stream(context, statements, onRow);
      };
      return session;
    },
  };
  return { db, opened, reads };
}

const connectOptions = { connectTimeout: DEFAULTS.connectTimeout, retries: 0 };
const spec = (): SpecSource => specSource(readFileSync(chatkitSpec, 'utf8'), chatkitSpec);
const applyOptions = {
  allowDestructive: false,
  concurrently: false,
  dryRun: false,
  lockTimeout: DEFAULTS.lockTimeout,
  statementTimeout: DEFAULTS.statementTimeout,
  lockRetries: 0,
  lockWait: 5,
  log: () => undefined,
};

describe('the engine', () => {
  beforeEach(async () => {
    await db.reset();
    await db.exec(broken);
    // A column the spec does not have: dropping it is destructive, so it is withheld by default.
    await db.exec('ALTER TABLE conversations ADD COLUMN legacy_flag boolean');
  });

  it('check reads the catalog on a second connection as well, sharing the first one’s snapshot', async () => {
    const w = watched(database(db.url, connectOptions));
    const result = await check(w.db, spec());
    expect(w.opened.sort()).toEqual(['primary', 'spare']);
    expect(w.reads).toContain('primary');
    expect(result.report.drift).toBe(true);
    expect(result.report.changes.map((c) => c.kind)).toContain('drop-column');
  });

  it('plan reads the way check does and returns the same report', async () => {
    const w = watched(database(db.url, connectOptions));
    const planned = await plan(w.db, spec(), { allowDestructive: false, concurrently: false });
    expect(w.opened.sort()).toEqual(['primary', 'spare']);
    expect(planned.report).toEqual((await check(database(db.url, connectOptions), spec())).report);
    expect(planned.plan.withheld.map((c) => `${c.kind} ${objectName(c)}`)).toEqual(['drop-column public.conversations.legacy_flag']);
  });

  it('apply reads the catalog twice, to plan and to verify, and its report of the withheld changes is what check says afterwards', async () => {
    const w = watched(database(db.url, connectOptions));
    const result = await apply(w.db, spec(), applyOptions);
    expect(result.status).toBe('withheld');
    expect(w.opened).toEqual(['primary']);
    expect(w.reads).toEqual(['primary', 'primary']);
    expect(result.report.changes.map((c) => `${c.kind} ${c.object}`)).toEqual(['drop-column public.conversations.legacy_flag']);
    expect(result.report).toEqual((await check(database(db.url, connectOptions), spec())).report);
  });

  it('apply that converges reports no drift, as check does afterwards', async () => {
    const w = watched(database(db.url, connectOptions));
    const result = await apply(w.db, spec(), { ...applyOptions, allowDestructive: true });
    expect(result.status).toBe('converged');
    expect(w.reads).toEqual(['primary', 'primary']);
    expect(result.report.drift).toBe(false);
    expect(result.report).toEqual((await check(database(db.url, connectOptions), spec())).report);
  });

  it('a dry run reports the database as it still is: what check said before it', async () => {
    const before = (await check(database(db.url, connectOptions), spec())).report;
    const result = await apply(database(db.url, connectOptions), spec(), { ...applyOptions, dryRun: true });
    expect(result.status).toBe('dry-run');
    expect(result.report).toEqual(before);
    expect((await check(database(db.url, connectOptions), spec())).report).toEqual(before);
  });

  it('apply refuses a Neon pooled host before opening any connection', async () => {
    const w = watched(
      database('postgres://app:pw@ep-cool-darkness-123456-pooler.us-east-2.aws.neon.tech/neondb?sslmode=require', connectOptions),
    );
    await expect(apply(w.db, spec(), applyOptions)).rejects.toThrow(UsageError);
    await expect(apply(w.db, spec(), applyOptions)).rejects.toThrow('use the direct host ep-cool-darkness-123456.us-east-2.aws.neon.tech');
    expect(w.opened).toEqual([]);
  });

  it('a spec error wins over a connection string that is not one, as when the spec was checked first', () => {
    const bad = specSource('{"version": 1, "tables": {"t": {"columns": "no"}}}', 'bad.json');
    expect(() => database('mysql://nope', connectOptions, bad)).toThrow(/bad\.json/);
    expect(() => database('mysql://nope', connectOptions, spec())).toThrow(/postgres:\/\//);
  });
});
