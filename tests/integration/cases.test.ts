/**
 * Runs every golden case under tests/cases (see tests/helpers/cases.ts): the changes `check`
 * reports on before.sql, and the oracle, a database built straight from desired.sql, which must
 * be clean against the same spec.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { CHANGE_KINDS } from '../../src/core/diff.js';
import { CLEAN_DATABASE, loadCases } from '../helpers/cases.js';
import { cli } from '../helpers/cli.js';
import { createTestDatabase, type TestDatabase } from '../helpers/db.js';
import { serverMajor } from '../helpers/version.js';

const cases = loadCases();
const major = await serverMajor();
const runnable = cases.filter((c) => c.minVersion <= major);

async function check(url: string, specFile: string): Promise<{ code: number; stderr: string; changes: Array<{ kind: string; object: string; destructive: boolean; hazards: Array<{ code: string }> }> }> {
  const run = await cli(['check', '--database-url', url, '--spec', specFile, '--format', 'json']);
  return { code: run.code, stderr: run.stderr, changes: run.code === 2 ? [] : JSON.parse(run.stdout).changes };
}

describe('golden cases', () => {
  let db: TestDatabase;
  beforeAll(async () => {
    db = await createTestDatabase('cases');
  });
  afterAll(async () => {
    await db?.drop();
  });

  it('has a case for every kind of change the diff can report', () => {
    const covered = new Set(cases.flatMap((c) => c.changes.map((change) => change.kind)));
    expect(CHANGE_KINDS.filter((kind) => !covered.has(kind))).toEqual([]);
  });

  it.skip.each(cases.filter((c) => c.minVersion > major).map((c) => [c.minVersion, c.name] as const))(`needs PostgreSQL %i (this is ${major}): %s`, () => undefined);

  describe.each(runnable.map((c) => [c.name, c] as const))('%s', (_name, golden) => {
    it('reports the expected changes on before.sql', async () => {
      await db.exec(CLEAN_DATABASE);
      if (golden.before.trim()) await db.exec(golden.before);
      const run = await check(db.url, golden.specFile);
      expect(run.stderr).toBe('');
      const actual = run.changes.map((c) => ({ kind: c.kind, object: c.object, destructive: c.destructive, hazards: c.hazards.map((h) => h.code) }));
      expect(actual).toEqual(golden.changes);
      expect(run.code).toBe(golden.changes.length ? 1 : 0);
    });

    it('is clean on a database built from desired.sql', async () => {
      await db.exec(CLEAN_DATABASE);
      if (golden.desired.trim()) await db.exec(golden.desired);
      const run = await check(db.url, golden.specFile);
      expect(run.stderr).toBe('');
      expect(run.changes.map((c) => `${c.kind} ${c.object}`)).toEqual([]);
      expect(run.code).toBe(0);
    });
  });
});
