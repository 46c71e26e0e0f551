/**
 * The equivalence corpus (tests/corpus/equivalent.ts): every pair of spellings is run in both
 * directions. The database is built from one spelling and the spec is written in the other; for an
 * equal pair `check` must be clean, for a near-miss it must report drift on that pair's table or
 * view. Pairs are batched: one schema per direction, one table (and view) per pair, one `check`
 * per schema; a failing batch names the pairs at fault.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { EQUIVALENT, NEAR_MISSES, type Pair } from '../corpus/equivalent.js';
import { checkSpec, scratchDir } from '../helpers/check.js';
import { createTestDatabase, type TestDatabase } from '../helpers/db.js';
import { serverMajor } from '../helpers/version.js';

const major = await serverMajor();
const supported = (p: Pair): boolean => (p.min ?? 0) <= major && (p.max ?? 99) >= major;

/** Columns every pair's table has besides `c` (the column the pair is about). */
const CONTEXT = { n: 'integer', s: 'text', ts: 'timestamptz', d: 'date' };
const CONTEXT_SQL = 'n integer, s text, ts timestamptz, d date';
const ENUM = { sql: "CREATE TYPE role AS ENUM ('member', 'admin', 'owner');\nCREATE SEQUENCE seq;", values: ['member', 'admin', 'owner'] };

/** `$t` in a spelling stands for the pair's table. */
const fill = (text: string, table: string): string => text.replaceAll('$t', table);

/** The SQL that builds pair `i` from `spelling` (`a` or `b`). */
function pairSql(p: Pair, i: number, side: 'a' | 'b'): string {
  const t = `p${i}`;
  const x = fill(p[side], t);
  const type = p.kind === 'type' ? x : p.type;
  const column =
    p.kind === 'default'
      ? `c ${type} DEFAULT (${x})`
      : p.kind === 'generated'
        ? `c ${type} GENERATED ALWAYS AS (${x}) STORED`
        : `c ${type}`;
  const check = p.kind === 'check' ? `, CONSTRAINT ${t}_chk CHECK (${x})` : '';
  let sql = `CREATE TABLE ${t} (${column}, ${CONTEXT_SQL}${check});`;
  if (p.kind === 'index') sql += `\nCREATE INDEX ${t}_x ON ${t} ((${x}));`;
  if (p.kind === 'where') sql += `\nCREATE INDEX ${t}_x ON ${t} (n) WHERE ${x};`;
  if (p.kind === 'view') sql += `\nCREATE VIEW v${i} AS ${x};`;
  return sql;
}

/** The spec's entries for pair `i`, written in `spelling`. */
function pairSpec(p: Pair, i: number, side: 'a' | 'b'): { table: Record<string, unknown>; view?: Record<string, unknown> } {
  const t = `p${i}`;
  const x = fill(p[side], t);
  const type = p.kind === 'type' ? x : p.type;
  const c = p.kind === 'default' ? { type, default: x } : p.kind === 'generated' ? { type, generated: x } : type;
  const table: Record<string, unknown> = { columns: { c, ...CONTEXT } };
  if (p.kind === 'check') table.checks = [{ name: `${t}_chk`, expression: x }];
  if (p.kind === 'index') table.indexes = { [`${t}_x`]: { columns: [{ expression: x }] } };
  if (p.kind === 'where') table.indexes = { [`${t}_x`]: { columns: ['n'], where: x } };
  return p.kind === 'view' ? { table, view: { query: x } } : { table };
}

interface Batch {
  schema: string;
  pairs: Pair[];
  /** Which spelling built the database; the spec is written in the other. */
  built: 'a' | 'b';
}

function batchSql(b: Batch): string {
  const body = b.pairs.map((p, i) => pairSql(p, i, b.built)).join('\n');
  return `CREATE SCHEMA ${b.schema};\nSET search_path = ${b.schema};\n${ENUM.sql}\n${body}\nRESET search_path;`;
}

function batchSpec(b: Batch): unknown {
  const other = b.built === 'a' ? 'b' : 'a';
  const tables: Record<string, unknown> = {};
  const views: Record<string, unknown> = {};
  b.pairs.forEach((p, i) => {
    const { table, view } = pairSpec(p, i, other);
    tables[`${b.schema}.p${i}`] = table;
    if (view) views[`${b.schema}.v${i}`] = view;
  });
  return {
    version: 1,
    schemas: { [b.schema]: {} },
    enums: { [`${b.schema}.role`]: { values: ENUM.values } },
    sequences: { [`${b.schema}.seq`]: {} },
    tables,
    views,
  };
}

const describePair = (p: Pair, i: number): string =>
  `#${i} ${p.kind}${p.kind === 'type' ? '' : ` on ${p.type}`}: ${JSON.stringify(p.a)} vs ${JSON.stringify(p.b)}`;

/** The pair numbers the changes of a check name (`s.p12`, `s.p12.c`, `s.v12`, `s.p12.p12_x`). */
function pairsOf(changes: Array<{ object: string }>, schema: string): Map<number, string[]> {
  const found = new Map<number, string[]>();
  for (const c of changes) {
    const m = new RegExp(`^${schema}\\.[pv](\\d+)(?:$|\\.)`).exec(c.object);
    const i = m ? Number(m[1]) : -1;
    found.set(i, [...(found.get(i) ?? []), JSON.stringify(c)]);
  }
  return found;
}

describe('equivalence corpus', () => {
  let db: TestDatabase;
  const scratch = scratchDir('equivalence');
  const equal = EQUIVALENT.filter(supported);
  const near = NEAR_MISSES.filter(supported);
  const batches: Batch[] = [
    { schema: 'eq_a', pairs: equal, built: 'a' },
    { schema: 'eq_b', pairs: equal, built: 'b' },
    { schema: 'nm_a', pairs: near, built: 'a' },
    { schema: 'nm_b', pairs: near, built: 'b' },
  ];

  beforeAll(async () => {
    db = await createTestDatabase('equivalence');
    for (const b of batches) {
      try {
        await db.exec(batchSql(b));
      } catch (error) {
        // Find the pairs PostgreSQL refuses, to say which.
        const refused: string[] = [];
        for (const [i, p] of b.pairs.entries()) {
          const message = await db
            .exec(`BEGIN;\nCREATE SCHEMA probe;\nSET LOCAL search_path = probe;\n${ENUM.sql}\n${pairSql(p, i, b.built)}`)
            .then(
              () => '',
              (e: Error) => e.message,
            )
            .finally(() => db.exec('ROLLBACK'));
          if (message) refused.push(`${describePair(p, i)}: ${message}`);
        }
        throw new Error(`building ${b.schema}: ${(error as Error).message}\n${refused.join('\n')}`, { cause: error });
      }
    }
  });
  afterAll(async () => {
    await db?.drop();
    scratch.remove();
  });

  it('has at least 300 equal pairs and 50 near-misses, each written once', () => {
    expect(EQUIVALENT.length).toBeGreaterThanOrEqual(300);
    expect(NEAR_MISSES.length).toBeGreaterThanOrEqual(50);
    const all = [...EQUIVALENT, ...NEAR_MISSES].map((p) => JSON.stringify([p.kind, p.type, p.a, p.b]));
    expect(all.filter((k, i) => all.indexOf(k) !== i)).toEqual([]);
  });

  it.each(batches.filter((b) => b.schema.startsWith('eq')).map((b) => [b.schema, b] as const))(
    'finds no drift between equal spellings (%s)',
    async (_name, b) => {
      const run = await checkSpec(db.url, batchSpec(b), scratch.dir);
      expect(run.stderr).toBe('');
      const failing = [...pairsOf(run.changes, b.schema)].map(
        ([i, changes]) => `${i >= 0 && b.pairs[i] ? describePair(b.pairs[i], i) : 'no pair'}\n    ${changes.join('\n    ')}`,
      );
      expect(failing).toEqual([]);
      expect(run.unverified).toEqual([]);
      expect(run.code).toBe(0);
    },
  );

  it.each(batches.filter((b) => b.schema.startsWith('nm')).map((b) => [b.schema, b] as const))(
    'reports every near-miss as drift (%s)',
    async (_name, b) => {
      const run = await checkSpec(db.url, batchSpec(b), scratch.dir);
      expect(run.stderr).toBe('');
      const found = pairsOf(run.changes, b.schema);
      const missed = b.pairs.map((p, i) => (found.has(i) ? '' : describePair(p, i))).filter((x) => x !== '');
      expect(missed).toEqual([]);
      expect(found.has(-1) ? found.get(-1) : []).toEqual([]);
      expect(run.code).toBe(1);
    },
  );
});
