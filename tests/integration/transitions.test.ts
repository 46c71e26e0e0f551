/**
 * Every change leaves a working table. For each pair of column shapes (tests/corpus/transitions.ts)
 * and each hand-written transition: build A with rows, apply the spec of B, and compare with B built
 * from scratch, by catalog (check clean, equal snapshots) and by behaviour (an insert that relies
 * on defaults, NOT NULL, a key above every existing one, the rows kept); or the plan is refused in
 * one line (exit 2) and nothing changes.
 *
 * Each pair lives in a schema of its own; every converging pair is applied in one run over one
 * database (A), against one database built from scratch (B). A refused pair is applied alone.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { checkLines, expectConverges, writeSpec } from '../helpers/apply.js';
import { scratchDir } from '../helpers/check.js';
import { cli } from '../helpers/cli.js';
import { createTestDatabase, type TestDatabase } from '../helpers/db.js';
import { converts, SHAPES, TRANSITIONS, type Probe, type Shape, type Transition } from '../corpus/transitions.js';

interface Pair {
  schema: string;
  label: string;
  from: Shape;
  to: Shape;
  converges: boolean;
}

const PAIRS: Pair[] = SHAPES.flatMap((from) =>
  SHAPES.filter((to) => to !== from).map((to) => ({
    schema: '',
    label: `${from.name} → ${to.name}`,
    from,
    to,
    converges: converts(from, to),
  })),
).map((p, i) => ({ ...p, schema: `c${i + 1}` }));

const CONVERGING = PAIRS.filter((p) => p.converges);
/** Refused pairs that fail the same way (the same types, into a key column or not) are applied once. */
const kind = (p: Pair): string => JSON.stringify([p.from.base, p.from.generated, p.to.base, p.to.key]);
const REFUSED = PAIRS.filter((p) => !p.converges);
const REFUSED_ONCE = REFUSED.filter((p, i) => REFUSED.findIndex((q) => kind(q) === kind(p)) === i);

const PARENT_SQL = 'CREATE SCHEMA w1; CREATE TABLE w1.p (id integer PRIMARY KEY);';

const HAND = TRANSITIONS.map((t, i) => ({ ...t, schema: `h${i + 1}` }));

const fill = (sql: string, schema: string): string => sql.replaceAll('{s}', schema);
const prelude = (s: string): string =>
  `CREATE SCHEMA ${s}; CREATE TYPE ${s}.mood AS ENUM ('sad', 'ok', 'happy'); CREATE SEQUENCE ${s}.free;`;
const table = (s: string, shape: Shape): string => `CREATE TABLE ${s}.t (n integer, v ${fill(shape.sql, s)});`;
const rows = (s: string, shape: Shape): string =>
  shape.fill === undefined
    ? `INSERT INTO ${s}.t (n) SELECT n FROM generate_series(1, 3) n;`
    : `INSERT INTO ${s}.t (n, v) SELECT n, ${fill(shape.fill, s)} FROM generate_series(1, 3) n;`;

type SpecJson = Record<string, unknown> & { schemas: Record<string, unknown> };

/** The part of a snapshot (or spec) about the given schemas. */
function only(spec: SpecJson, schemas: ReadonlySet<string>): SpecJson {
  const out: SpecJson = { ...spec, schemas: {} };
  for (const [key, value] of Object.entries(spec)) {
    if (key === 'schemas') out.schemas = Object.fromEntries(Object.entries(spec.schemas).filter(([name]) => schemas.has(name)));
    else if (value !== null && typeof value === 'object' && !Array.isArray(value) && key !== 'extensions') {
      out[key] = Object.fromEntries(
        Object.entries(value as Record<string, unknown>).filter(([name]) => schemas.has(name.slice(0, name.indexOf('.')))),
      );
    }
  }
  return out;
}

async function snapshotJson(url: string): Promise<SpecJson> {
  const run = await cli(['snapshot', '--database-url', url]);
  if (run.code !== 0) throw new Error(`snapshot failed (${run.code}): ${run.stderr}`);
  return JSON.parse(run.stdout) as SpecJson;
}

type Outcome = string;

/** Runs `sql` and returns `ok <first value>` or the error's SQLSTATE. */
async function outcome(db: TestDatabase, sql: string): Promise<Outcome> {
  try {
    const result = await db.query(sql);
    const first = result[0] ? Object.values(result[0])[0] : undefined;
    return first === undefined ? 'ok' : `ok ${String(first)}`;
  } catch (error) {
    return String((error as { code?: string }).code ?? (error as Error).message);
  }
}

/** Runs `sql` in a subtransaction and returns `ok`, `ok <first value>`, or the error's SQLSTATE. */
const PROBE_FUNCTION = `CREATE FUNCTION public.probe(sql text) RETURNS text LANGUAGE plpgsql AS $$
DECLARE r text;
BEGIN
  EXECUTE sql INTO r;
  RETURN 'ok' || coalesce(' ' || r, '');
EXCEPTION WHEN OTHERS THEN RETURN SQLSTATE;
END $$;`;

/** The outcome of `sql(p)` for each pair, in one round trip (through public.probe). */
async function probeAll(db: TestDatabase, pairs: Pair[], sql: (p: Pair) => string): Promise<string[]> {
  if (pairs.length === 0) return [];
  const list = pairs.map((p, i) => `(${i}, '${sql(p).replaceAll("'", "''")}')`).join(',\n');
  const rows = await db.query<{ outcome: string }>(`SELECT public.probe(x.sql) AS outcome FROM (VALUES ${list}) x(i, sql) ORDER BY x.i`);
  return rows.map((r) => r.outcome);
}

/** The rows' values of `v` (or of `expression`), cast to `cast`, as one text. */
const values = (s: string, cast?: string, expression = 'v'): string =>
  `SELECT coalesce(string_agg(coalesce((${expression}${cast ? `::${cast}` : ''})::text, '<null>'), ',' ORDER BY n), '') AS v FROM ${s}.t WHERE n <= 3`;

let dbA: TestDatabase;
let dbB: TestDatabase;
/** The refused pairs' A: apart, as apply reads every table of the database it changes. */
let dbR: TestDatabase;
let scratch: { dir: string; remove: () => void };
let specB: SpecJson;

beforeAll(async () => {
  [dbA, dbB, dbR] = await Promise.all([
    createTestDatabase('transitions_a'),
    createTestDatabase('transitions_b'),
    createTestDatabase('transitions_r'),
  ]);
  scratch = scratchDir('transitions');
  const buildA = (p: Pair): string => prelude(p.schema) + table(p.schema, p.from) + rows(p.schema, p.from);
  await Promise.all([dbA.exec(PROBE_FUNCTION), dbB.exec(PROBE_FUNCTION)]);
  await dbA.exec(CONVERGING.map(buildA).join('\n'));
  await dbR.exec(REFUSED_ONCE.map(buildA).join('\n'));
  await dbB.exec([...CONVERGING, ...REFUSED_ONCE].map((p) => prelude(p.schema) + table(p.schema, p.to)).join('\n'));
  const buildHand = (t: (typeof HAND)[number]): string => prelude(t.schema) + fill(t.a, t.schema) + ';' + fill(t.rows ?? '', t.schema);
  await dbA.exec(
    HAND.filter((t) => t.outcome === 'converges')
      .map(buildHand)
      .join(';\n'),
  );
  await dbR.exec(
    HAND.filter((t) => t.outcome === 'refused')
      .map(buildHand)
      .join(';\n'),
  );
  await dbB.exec(HAND.map((t) => prelude(t.schema) + fill(t.b, t.schema)).join(';\n'));
  specB = await snapshotJson(dbB.url);
});
afterAll(async () => {
  await Promise.all([dbA?.drop(), dbB?.drop(), dbR?.drop()]);
  scratch?.remove();
});

/**
 * Applies the spec of B restricted to `schemas` to database A. When it fails, the failing pair
 * (named by the failure) is set aside and the rest applied again, so that one run lists them all.
 */
async function applyBatch(schemas: string[], extra: string[], labels: Map<string, string>): Promise<void> {
  const failures: string[] = [];
  let batch = schemas;
  for (let round = 0; round < 40 && batch.length; round++) {
    const run = await cli(['apply', '--database-url', dbA.url, '--spec', writeSpec(scratch.dir, only(specB, new Set(batch))), ...extra]);
    if (run.code === 0) break;
    const message = run.stderr.trim().split('\n').pop() ?? '';
    const culprit = batch.find((s) => new RegExp(`\\b"?${s}"?\\.`).test(message));
    failures.push(`${culprit ? labels.get(culprit) : 'the batch'}: exit ${run.code}: ${message}`);
    if (!culprit) break;
    batch = batch.filter((s) => s !== culprit);
  }
  expect(failures).toEqual([]);
}

describe('the column matrix', () => {
  const converging = CONVERGING;
  const refused = PAIRS.filter((p) => !p.converges);
  const refusedOnce = REFUSED_ONCE;

  it(`has at least 25 shapes and every pair (${PAIRS.length}: ${converging.length} converge, ${refused.length} refused)`, () => {
    expect(SHAPES.length).toBeGreaterThanOrEqual(25);
    expect(converging.length).toBeGreaterThan(0);
    expect(refused.length).toBeGreaterThan(0);
  });

  it('converts every pair PostgreSQL allows into the table B would be, by catalog and by behaviour', async () => {
    const schemas = converging.map((p) => p.schema);
    // What the rows must hold afterwards: each value cast to the new type, or computed anew. A
    // generated column turned into another is dropped and added: its values are not kept.
    const kept = converging.filter((p) => !(p.from.generated && !p.to.generated));
    const expected = await probeAll(dbA, kept, (p) =>
      p.to.generated ? values(p.schema, undefined, 'n * 2') : values(p.schema, fill(p.to.cast, p.schema)),
    );
    await applyBatch(schemas, ['--allow-destructive'], new Map(converging.map((p) => [p.schema, p.label])));

    // Catalog: check is clean against B's spec, and the snapshots agree.
    const spec = writeSpec(scratch.dir, only(specB, new Set(schemas)));
    expect(await checkLines(dbA.url, spec)).toEqual({ code: 0, lines: [], stderr: '' });
    const applied = only(await snapshotJson(dbA.url), new Set(schemas));
    expect(applied).toEqual(only(specB, new Set(schemas)));

    // Behaviour: the rows, then the same probes on A applied and on B from scratch.
    const problems: string[] = [];
    const rowsNow = await probeAll(dbA, kept, (p) => values(p.schema));
    kept.forEach((p, i) => {
      if (rowsNow[i] !== expected[i]) problems.push(`${p.label}: rows hold ${rowsNow[i]}, expected ${expected[i]}`);
    });
    const both = async (sql: (p: Pair) => string): Promise<[string[], string[]]> => [
      await probeAll(dbA, converging, sql),
      await probeAll(dbB, converging, sql),
    ];
    const compare = (
      what: string,
      [a, b]: [string[], string[]],
      same: (x: string, y: string, p: Pair) => boolean = (x, y) => x === y,
    ): void => {
      converging.forEach((p, i) => {
        if (!same(a[i]!, b[i]!, p)) problems.push(`${p.label}: ${what}: ${a[i]}, from scratch ${b[i]}`);
      });
    };
    compare('owns a sequence', await both((p) => `SELECT pg_catalog.pg_get_serial_sequence('${p.schema}.t', 'v') IS NOT NULL`));
    compare(
      'sequences in the schema',
      await both(
        (p) =>
          `SELECT count(*) FROM pg_catalog.pg_class c JOIN pg_catalog.pg_namespace n ON n.oid = c.relnamespace WHERE n.nspname = '${p.schema}' AND c.relkind = 'S'`,
      ),
    );
    const max = await probeAll(dbA, converging, (p) => (p.to.key ? `SELECT max(v)::text FROM ${p.schema}.t` : 'SELECT NULL'));
    const inserts = await both((p) => `INSERT INTO ${p.schema}.t (n) VALUES (100) RETURNING v::text`);
    const outcomeOnly = (x: string): string => (x.startsWith('ok') ? 'ok' : x);
    compare('insert with defaults', inserts, (x, y, p) => (p.to.key || p.to.volatile ? outcomeOnly(x) === outcomeOnly(y) : x === y));
    converging.forEach((p, i) => {
      const [got, above] = [inserts[0][i]!, max[i]!];
      if (p.to.key && got.startsWith('ok ') && above.startsWith('ok ') && !(BigInt(got.slice(3)) > BigInt(above.slice(3))))
        problems.push(`${p.label}: the new key ${got.slice(3)} is not above the existing ${above.slice(3)}`);
    });
    compare('insert of NULL', await both((p) => `INSERT INTO ${p.schema}.t (n, v) VALUES (101, NULL) RETURNING n`));
    expect(problems).toEqual([]);
  }, 180_000);

  it(`refuses in one line (exit 2) the pairs PostgreSQL cannot convert (${refusedOnce.length} kinds), and changes nothing`, async () => {
    const schemas = new Set(refusedOnce.map((p) => p.schema));
    const before = only(await snapshotJson(dbR.url), schemas);
    const data = async (): Promise<string[]> => Promise.all(refusedOnce.map(async (p) => outcome(dbR, values(p.schema))));
    const dataBefore = await data();
    const problems: string[] = [];
    for (const p of refusedOnce) {
      const run = await cli([
        'apply',
        '--database-url',
        dbR.url,
        '--spec',
        writeSpec(scratch.dir, only(specB, new Set([p.schema]))),
        '--allow-destructive',
      ]);
      const lines = run.stderr.split('\n').filter((l) => l.startsWith('pgdrift:'));
      if (run.code !== 2 || lines.length !== 1 || !/^pgdrift: [^\n]+$/.test(run.stderr.trim().split('\n').pop() ?? ''))
        problems.push(`${p.label}: exit ${run.code}: ${run.stderr.trim()}`);
    }
    expect(problems).toEqual([]);
    expect(only(await snapshotJson(dbR.url), schemas)).toEqual(before);
    expect(await data()).toEqual(dataBefore);
  });
});

describe('constraints, indexes, enums and views', () => {
  const labels = (list: typeof HAND): Map<string, string> => new Map(list.map((t) => [t.schema, t.name]));
  const probe = async (t: Transition & { schema: string }, p: Probe): Promise<string | undefined> => {
    const got = await outcome(dbA, fill(p.sql, t.schema));
    return (p.expect === 'ok' ? got.startsWith('ok') : p.expect.split('|').includes(got))
      ? undefined
      : `${t.name}: ${p.sql}: ${got}, expected ${p.expect}`;
  };
  const proveConverged = async (list: typeof HAND): Promise<void> => {
    const schemas = new Set(list.map((t) => t.schema));
    expect(await checkLines(dbA.url, writeSpec(scratch.dir, only(specB, schemas)))).toEqual({ code: 0, lines: [], stderr: '' });
    expect(only(await snapshotJson(dbA.url), schemas)).toEqual(only(specB, schemas));
    const problems: string[] = [];
    for (const t of list) for (const p of t.probes ?? []) problems.push((await probe(t, p)) ?? '');
    expect(problems.filter(Boolean)).toEqual([]);
  };

  it('applies the safe ones without --allow-destructive', async () => {
    const list = HAND.filter((t) => t.outcome === 'converges' && t.safe);
    await applyBatch(
      list.map((t) => t.schema),
      [],
      labels(list),
    );
    await proveConverged(list);
  });

  it('applies the others with --allow-destructive', async () => {
    const list = HAND.filter((t) => t.outcome === 'converges' && !t.safe);
    await applyBatch(
      list.map((t) => t.schema),
      ['--allow-destructive'],
      labels(list),
    );
    await proveConverged(list);
  });

  it('refuses, in one line, those the rows do not allow, and changes nothing', async () => {
    const list = HAND.filter((t) => t.outcome === 'refused');
    const schemas = new Set(list.map((t) => t.schema));
    const before = only(await snapshotJson(dbR.url), schemas);
    for (const t of list) {
      const run = await cli([
        'apply',
        '--database-url',
        dbR.url,
        '--spec',
        writeSpec(scratch.dir, only(specB, new Set([t.schema]))),
        '--allow-destructive',
      ]);
      expect({ name: t.name, code: run.code, lines: run.stderr.split('\n').filter((l) => l.startsWith('pgdrift:')).length }).toEqual({
        name: t.name,
        code: 2,
        lines: 1,
      });
    }
    expect(only(await snapshotJson(dbR.url), schemas)).toEqual(before);
  });
});

describe('a constraint changed under its name without --allow-destructive', () => {
  const schema = 'w1';
  const a = `${PARENT_SQL}
    CREATE TABLE w1.t (n integer CONSTRAINT n_range CHECK (n > 0), m integer REFERENCES w1.p ON DELETE CASCADE,
      k integer, CONSTRAINT t_parent FOREIGN KEY (k) REFERENCES w1.p ON DELETE CASCADE);
    INSERT INTO w1.p VALUES (1); INSERT INTO w1.t VALUES (1, 1, 1);`;
  const b = `${PARENT_SQL}
    CREATE TABLE w1.t (n integer CONSTRAINT n_range CHECK (n > 0 AND n < 100), m integer REFERENCES w1.p ON DELETE RESTRICT,
      k integer, CONSTRAINT t_parent FOREIGN KEY (k) REFERENCES w1.p ON DELETE RESTRICT);`;

  it('is withheld whole: exit 1, nothing changed, and check still reports the drop and the add', async () => {
    const db = await createTestDatabase('transitions_w');
    const target = await createTestDatabase('transitions_wb');
    try {
      await db.exec(a);
      await target.exec(b);
      const spec = writeSpec(scratch.dir, only(await snapshotJson(target.url), new Set([schema])));
      const before = only(await snapshotJson(db.url), new Set([schema]));
      const run = await cli(['apply', '--database-url', db.url, '--spec', spec]);
      expect(run.stderr).not.toMatch(/^pgdrift:/m);
      expect(run.code).toBe(1);
      expect(only(await snapshotJson(db.url), new Set([schema]))).toEqual(before);
      const drift = await checkLines(db.url, spec);
      expect(drift.code).toBe(1);
      expect(drift.lines.sort()).toEqual(
        [
          'drop-check w1.t.n_range',
          'add-check w1.t.n_range',
          'drop-foreign-key w1.t.t_m_fkey',
          'add-foreign-key w1.t.t_m_fkey',
          'drop-foreign-key w1.t.t_parent',
          'add-foreign-key w1.t.t_parent',
        ].sort(),
      );
      // With --allow-destructive, each is replaced whole: one foreign key per column, RESTRICT.
      await expectConverges(db.url, spec, ['--allow-destructive']);
      const keys = await db.query<{ name: string; def: string }>(
        `SELECT conname AS name, pg_get_constraintdef(oid) AS def FROM pg_constraint WHERE conrelid = 'w1.t'::regclass AND contype = 'f' ORDER BY 1`,
      );
      expect(keys).toEqual([
        { name: 't_m_fkey', def: 'FOREIGN KEY (m) REFERENCES w1.p(id) ON DELETE RESTRICT' },
        { name: 't_parent', def: 'FOREIGN KEY (k) REFERENCES w1.p(id) ON DELETE RESTRICT' },
      ]);
    } finally {
      await Promise.all([db.drop(), target.drop()]);
    }
  });
});

describe('plpgsql in extensions', () => {
  it('is not drift on a database that has it (every database does), and apply does nothing', async () => {
    const spec = writeSpec(scratch.dir, { version: 1, extensions: { plpgsql: { schema: 'pg_catalog' } }, tables: {} });
    expect(await checkLines(dbR.url, spec)).toEqual({ code: 0, lines: [], stderr: '' });
    await expectConverges(dbR.url, spec);
  });
});

describe("apply's verification of key columns", () => {
  it('rolls back, with a clear message, a plan after which a key column’s sequence is behind its values', async () => {
    const db = await createTestDatabase('transitions_v');
    try {
      // An event trigger puts the sequence back to 1 after the plan set it: what the catalog shows
      // is right, only the sequence's position is wrong.
      await db.exec(`
        CREATE TABLE public.t (v integer NOT NULL);
        INSERT INTO public.t VALUES (1), (2), (3);
        CREATE FUNCTION public.rewind() RETURNS event_trigger LANGUAGE plpgsql AS $$
        BEGIN PERFORM pg_catalog.setval(pg_catalog.pg_get_serial_sequence('public.t', 'v'), 1, false); END $$;
        CREATE EVENT TRIGGER rewind ON ddl_command_end WHEN TAG IN ('COMMENT') EXECUTE FUNCTION public.rewind();
      `);
      const spec = writeSpec(scratch.dir, {
        version: 1,
        tables: { 'public.t': { comment: 'keys', columns: { v: { type: 'integer', identity: 'by default' } } } },
      });
      const run = await cli(['apply', '--database-url', db.url, '--spec', spec]);
      expect(run.code).toBe(2);
      expect(run.stderr).toMatch(
        /^pgdrift: the plan left a key column without a working sequence, so nothing was committed: the next value of public\.t\.v's sequence is 1, not above the 3 the column holds$/m,
      );
      const [column] = await db.query<{ identity: string }>(
        `SELECT attidentity AS identity FROM pg_attribute WHERE attrelid = 'public.t'::regclass AND attname = 'v'`,
      );
      expect(column).toEqual({ identity: '' });
    } finally {
      await db.drop();
    }
  });
});

describe('serial and identity, one into the other', () => {
  it.each([
    [
      'serial → identity: the identity sequence starts past the rows, and the serial sequence is gone',
      'CREATE TABLE public.t (v serial, n integer)',
      { type: 'integer', identity: 'by default' },
    ],
    [
      'identity → serial: the new sequence does not meet the identity one’s name, and starts past the rows',
      'CREATE TABLE public.t (v integer GENERATED BY DEFAULT AS IDENTITY, n integer)',
      { type: 'serial' },
    ],
  ])('%s', async (_name, sql, v) => {
    const db = await createTestDatabase('transitions_si');
    try {
      await db.exec(`${sql}; INSERT INTO public.t (n) SELECT generate_series(1, 3)`);
      await expectConverges(db.url, writeSpec(scratch.dir, { version: 1, tables: { 'public.t': { columns: { v, n: 'integer' } } } }));
      expect(await db.query('INSERT INTO public.t (n) VALUES (4) RETURNING v')).toEqual([{ v: 4 }]);
      expect(
        await db.query(`SELECT count(*)::int AS sequences FROM pg_class WHERE relkind = 'S' AND relnamespace = 'public'::regnamespace`),
      ).toEqual([{ sequences: 1 }]);
    } finally {
      await db.drop();
    }
  });
});
