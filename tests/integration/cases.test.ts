/**
 * Runs every golden case under tests/cases (see tests/helpers/cases.ts): the changes `check`
 * reports on before.sql; the plan (`plan.sql`, with its hazards); and the oracles: a database
 * built straight from desired.sql is clean against the same spec, and before.sql → apply →
 * re-plan is empty, with a snapshot equal to the snapshot of the desired.sql database.
 */
import { existsSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { CHANGE_KINDS } from '../../src/core/diff.js';
import { CLEAN_DATABASE, loadCases } from '../helpers/cases.js';
import { specSchemas } from '../../src/core/spec.js';
import { scratchDir } from '../helpers/check.js';
import { cli } from '../helpers/cli.js';
import { createTestDatabase, type TestDatabase } from '../helpers/db.js';
import { serverMajor } from '../helpers/version.js';

const cases = loadCases();
const scratch = scratchDir('cases');
const major = await serverMajor();
const runnable = cases.filter((c) => c.minVersion <= major);

async function check(
  url: string,
  specFile: string,
): Promise<{
  code: number;
  stderr: string;
  changes: Array<{ kind: string; object: string; destructive: boolean; hazards: Array<{ code: string }> }>;
}> {
  const run = await cli(['check', '--database-url', url, '--spec', specFile, '--format', 'json']);
  return { code: run.code, stderr: run.stderr, changes: run.code === 2 ? [] : JSON.parse(run.stdout).changes };
}

/** The snapshot of a database in the case's scope (the spec's schemas, what it ignores), as a spec. */
async function snapshot(url: string, golden: { specFile: string }): Promise<Record<string, unknown>> {
  const spec = JSON.parse(readFileSync(golden.specFile, 'utf8')) as Record<string, unknown>;
  const schemas = specSchemas(spec as never).flatMap((s) => ['--schema', s]);
  const run = await cli(['snapshot', '--database-url', url, ...schemas]);
  expect(run.stderr).toBe('');
  expect(run.code).toBe(0);
  const result = JSON.parse(run.stdout) as Record<string, unknown>;
  if (spec.ignore) result.ignore = spec.ignore;
  return result;
}

/** Writes a spec into the scratch folder and returns its path. */
function specFile(spec: unknown, label: string): string {
  const file = join(scratch.dir, `${label}.json`);
  writeFileSync(file, JSON.stringify(spec));
  return file;
}

/**
 * Where two snapshots differ, as paths to the values that differ (`tables.public.c.unique.0.name`);
 * a key on one side only is a difference at that key.
 */
function differences(a: unknown, b: unknown, path: string[] = []): string[][] {
  if (a === b) return [];
  if (typeof a !== 'object' || typeof b !== 'object' || a === null || b === null || Array.isArray(a) !== Array.isArray(b)) return [path];
  const x = a as Record<string, unknown>;
  const y = b as Record<string, unknown>;
  const keys = [...new Set([...Object.keys(x), ...Object.keys(y)])];
  return keys.flatMap((k) => (k in x && k in y ? differences(x[k], y[k], [...path, k]) : [[...path, k]]));
}

/** A copy of `value` without any property named in `keys`, at any depth. */
function without(value: unknown, keys: readonly string[]): unknown {
  if (Array.isArray(value)) return value.map((v) => without(v, keys));
  if (typeof value !== 'object' || value === null) return value;
  return Object.fromEntries(
    Object.entries(value)
      .filter(([k]) => !keys.includes(k))
      .map(([k, v]) => [k, without(v, keys)]),
  );
}

/**
 * Compares `actual` with the case's file `name`; `UPDATE_GOLDEN=1` writes it instead, so that a
 * change of the planner shows up as a diff of the golden file in review.
 */
function expectGolden(dir: string, name: string, actual: string): void {
  // PostgreSQL's printing changes between versions (16 leaves a single-table view's columns
  // unqualified): `plan.pg16.sql` holds the output from 16 on, where it differs.
  const versions = readdirSync(dir)
    .map((f) => new RegExp(`^${name.replace('.sql', '')}\\.pg(\\d+)\\.sql$`).exec(f))
    .filter((m) => m && Number(m[1]) <= major);
  const newest = versions.sort((a, b) => Number(b![1]) - Number(a![1]))[0];
  const file = join(dir, newest ? newest[0] : name);
  if (process.env.UPDATE_GOLDEN === '1') writeFileSync(file, actual);
  if (!existsSync(file)) throw new Error(`${file} is missing: run with UPDATE_GOLDEN=1 and review it`);
  expect(actual).toBe(readFileSync(file, 'utf8'));
}

describe('golden cases', () => {
  let db: TestDatabase;
  let twin: TestDatabase;
  beforeAll(async () => {
    db = await createTestDatabase('cases');
    twin = await createTestDatabase('cases_twin');
  });
  afterAll(async () => {
    await db?.drop();
    await twin?.drop();
    scratch.remove();
  });

  it('has a case for every kind of change the diff can report', () => {
    const covered = new Set(cases.flatMap((c) => c.changes.map((change) => change.kind)));
    expect(CHANGE_KINDS.filter((kind) => !covered.has(kind))).toEqual([]);
  });

  // A case for a newer PostgreSQL runs in the version matrix; here its requires.json is checked:
  // this server must refuse what desired.sql uses, or the case is held back for nothing.
  it.each(cases.filter((c) => c.minVersion > major).map((c) => [c.minVersion, c.name, c] as const))(
    `needs PostgreSQL %i, and ${major} refuses its desired.sql: %s`,
    async (_version, _name, golden) => {
      await db.exec(CLEAN_DATABASE);
      await expect(db.exec(golden.desired)).rejects.toThrow();
    },
  );

  describe.each(runnable.map((c) => [c.name, c] as const))('%s', (_name, golden) => {
    it('reports the expected changes on before.sql', async () => {
      await db.exec(CLEAN_DATABASE);
      if (golden.before.trim()) await db.exec(golden.before);
      const run = await check(db.url, golden.specFile);
      expect(run.stderr).toBe('');
      const actual = run.changes.map((c) => ({
        kind: c.kind,
        object: c.object,
        destructive: c.destructive,
        hazards: c.hazards.map((h) => h.code),
      }));
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

    it('plans as plan.sql; apply converges, re-plans to nothing, and matches a database built from desired.sql', async () => {
      await db.exec(CLEAN_DATABASE);
      if (golden.before.trim()) await db.exec(golden.before);
      const plan = await cli(['plan', '--database-url', db.url, '--spec', golden.specFile, '--allow-destructive']);
      expect(plan.stderr).toBe('');
      expectGolden(golden.dir, 'plan.sql', plan.stdout);

      const apply = await cli(['apply', '--database-url', db.url, '--spec', golden.specFile, '--allow-destructive']);
      expect(apply.stderr).not.toMatch(/^pgdrift: /m);
      expect(apply.code).toBe(0);
      const replan = await cli(['plan', '--database-url', db.url, '--spec', golden.specFile, '--allow-destructive', '--format', 'json']);
      expect(replan.code).toBe(0);
      const again = JSON.parse(replan.stdout) as { statements: unknown[]; withheld: unknown[] };
      expect(again.statements).toEqual([]);
      expect(again.withheld).toEqual([]);

      // The result and a database built from desired.sql are the same schema: each one's snapshot
      // checks clean against the other (so names of constraints count, PostgreSQL's spelling of an
      // expression, which depends on how it was written, does not). A case where the spec leaves
      // something to the database (names, comments) says which properties in
      // snapshot-differs.json: the snapshots must differ in those and nothing else, and must
      // check clean against each other once those are left out.
      await twin.exec(CLEAN_DATABASE);
      if (golden.desired.trim()) await twin.exec(golden.desired);
      const result = await snapshot(db.url, golden);
      const built = await snapshot(twin.url, golden);
      let unspecified: string[] = [];
      if (golden.files.includes('snapshot-differs.json')) {
        const differs = JSON.parse(readFileSync(join(golden.dir, 'snapshot-differs.json'), 'utf8')) as {
          because: string;
          unspecified: string[];
        };
        expect(differs.because.trim(), 'snapshot-differs.json says why').not.toBe('');
        unspecified = differs.unspecified;
        const paths = differences(result, built);
        expect(paths.length, 'the snapshots differ, or snapshot-differs.json has no reason to be').toBeGreaterThan(0);
        expect(paths.filter((p) => !unspecified.includes(p.at(-1) ?? '')).map((p) => p.join('.'))).toEqual([]);
      }
      for (const [url, file] of [
        [twin.url, specFile(without(result, unspecified), 'result')],
        [db.url, specFile(without(built, unspecified), 'built')],
      ] as const) {
        const run = await check(url, file);
        expect(run.stderr).toBe('');
        expect(run.changes.map((c) => `${c.kind} ${c.object}`)).toEqual([]);
      }
    });
  });
});
