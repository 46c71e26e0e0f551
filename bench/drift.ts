/**
 * Drifts a spec in a few hundred places, deterministically, for the `check` benchmark and the
 * `plan` and peer benchmarks that build on it.
 *
 * It takes the spec `snapshot` wrote for a database and returns a spec that wants that database
 * changed: columns, types, defaults, nullability, indexes, checks, foreign keys, comments, tables
 * and enum values added or removed. New fragments are written the way people write SQL (`int`,
 * `varchar(n)`, `NOW()`, `IN (...)`, strings without casts), so PostgreSQL has canonicalising to do.
 *
 * Every drift comes with what `check` should report for it (kind and object) and with the SQL
 * that makes the database match the drifted spec: applied to a copy of the database, a correct
 * `check` of the drifted spec against the copy is clean. That copy is also the target a
 * database-to-database differ (migra) needs.
 */
import { quoteIdent, quoteLiteral, quoteQualified } from '../src/core/ident.js';
import { Rng } from './rng.js';

export interface SpecColumn {
  type: string;
  nullable?: boolean;
  default?: string;
  identity?: string;
  generated?: string;
  comment?: string;
  [key: string]: unknown;
}
export interface SpecIndex {
  columns: Array<string | { column?: string; expression?: string }>;
  unique?: boolean;
  method?: string;
  where?: string;
  [key: string]: unknown;
}
export interface SpecTable {
  comment?: string;
  columns: Record<string, SpecColumn>;
  primaryKey?: { name?: string; columns: string[] };
  unique?: Array<{ name?: string; columns: string[] }>;
  foreignKeys?: Array<{ name?: string; columns: string[]; references: { table: string; columns: string[] } }>;
  checks?: Array<{ name?: string; expression: string }>;
  indexes?: Record<string, SpecIndex>;
}
export interface SpecJson {
  version: number;
  schemas?: Record<string, unknown>;
  enums?: Record<string, { values: string[]; comment?: string }>;
  tables: Record<string, SpecTable>;
  views?: Record<string, { query: string }>;
  [key: string]: unknown;
}

export interface Drift {
  /** The change kind `check` should report. */
  kind: string;
  /** The table it belongs to (display key), or the enum for enum drifts. */
  table: string;
  /** The object `check` should name, when it is fixed (unnamed constraints are matched by table). */
  object?: string;
  /** Statements that make the database match the drifted spec. */
  sql: string[];
}

export interface DriftResult {
  spec: SpecJson;
  drifts: Drift[];
}

type Mutator = (ctx: Context) => Drift | undefined;

interface Context {
  rng: Rng;
  spec: SpecJson;
  key: string;
  table: SpecTable;
  q: string;
  schema: string;
  name: string;
  serial: number;
}

/** Types new btree indexes and checks may use. */
const ORDERED = /^(integer|bigint|smallint|numeric.*|text|character varying.*|timestamp.*|date|boolean|uuid)$/;
const TEXTUAL = /^(text|character varying.*)$/;
const NUMERIC = /^(integer|bigint|smallint|numeric.*|double precision|real)$/;

/** Columns nothing else in the table mentions (indexes, constraints, generated columns, views). */
function freeColumns(ctx: Context): string[] {
  const t = ctx.table;
  const mentions = JSON.stringify([
    t.primaryKey,
    t.unique,
    t.foreignKeys,
    t.checks,
    t.indexes,
    Object.values(t.columns).map((c) => c.generated),
  ]);
  return Object.entries(t.columns)
    .filter(
      ([name, c]) => name !== 'id' && c.identity === undefined && c.generated === undefined && !new RegExp(`\\b${name}\\b`).test(mentions),
    )
    .map(([name]) => name);
}

const col = (ctx: Context, c: string): string => `${ctx.key}.${c}`;
const alter = (ctx: Context, body: string): string => `ALTER TABLE ${ctx.q} ${body}`;

const MUTATORS: Array<[string, number, Mutator]> = [
  [
    'add-column',
    4,
    (ctx) => {
      const name = `drift_${ctx.serial}`;
      const [type, def, nullable] = ctx.rng.pick([
        ['varchar(120)', undefined, true],
        ['int', '0', false],
        ['timestamptz', 'NOW()', true],
        ['text', "'n/a'", true],
        ['numeric(10, 2)', undefined, true],
      ] as const);
      ctx.table.columns[name] = { type, ...(nullable ? {} : { nullable: false }), ...(def === undefined ? {} : { default: def }) };
      return {
        kind: 'add-column',
        table: ctx.key,
        object: col(ctx, name),
        sql: [
          alter(ctx, `ADD COLUMN ${quoteIdent(name)} ${type}${def === undefined ? '' : ` DEFAULT ${def}`}${nullable ? '' : ' NOT NULL'}`),
        ],
      };
    },
  ],
  [
    'drop-column',
    2,
    (ctx) => {
      const free = freeColumns(ctx);
      if (free.length === 0) return undefined;
      const name = ctx.rng.pick(free);
      delete ctx.table.columns[name];
      return { kind: 'drop-column', table: ctx.key, object: col(ctx, name), sql: [alter(ctx, `DROP COLUMN ${quoteIdent(name)}`)] };
    },
  ],
  [
    'alter-column-type',
    3,
    (ctx) => {
      const free = freeColumns(ctx).filter((n) => /^(character varying\(\d+\)|integer)$/.test(ctx.table.columns[n]!.type));
      if (free.length === 0) return undefined;
      const name = ctx.rng.pick(free);
      const c = ctx.table.columns[name]!;
      const m = /\((\d+)\)/.exec(c.type);
      c.type = m ? `varchar(${Number(m[1]) * 2})` : 'int8';
      return {
        kind: 'alter-column-type',
        table: ctx.key,
        object: col(ctx, name),
        sql: [alter(ctx, `ALTER COLUMN ${quoteIdent(name)} TYPE ${c.type}`)],
      };
    },
  ],
  [
    'set-default',
    2,
    (ctx) => {
      const free = freeColumns(ctx).filter(
        (n) =>
          ctx.table.columns[n]!.default === undefined &&
          /^(integer|bigint|text|character varying.*|timestamp with time zone)$/.test(ctx.table.columns[n]!.type),
      );
      if (free.length === 0) return undefined;
      const name = ctx.rng.pick(free);
      const c = ctx.table.columns[name]!;
      c.default = NUMERIC.test(c.type) ? '42' : TEXTUAL.test(c.type) ? "'unknown'" : 'NOW()';
      return {
        kind: 'set-default',
        table: ctx.key,
        object: col(ctx, name),
        sql: [alter(ctx, `ALTER COLUMN ${quoteIdent(name)} SET DEFAULT ${c.default}`)],
      };
    },
  ],
  [
    'drop-default',
    1,
    (ctx) => {
      const free = freeColumns(ctx).filter((n) => ctx.table.columns[n]!.default !== undefined);
      if (free.length === 0) return undefined;
      const name = ctx.rng.pick(free);
      delete ctx.table.columns[name]!.default;
      return {
        kind: 'drop-default',
        table: ctx.key,
        object: col(ctx, name),
        sql: [alter(ctx, `ALTER COLUMN ${quoteIdent(name)} DROP DEFAULT`)],
      };
    },
  ],
  [
    'set-not-null',
    2,
    (ctx) => {
      const free = freeColumns(ctx).filter((n) => ctx.table.columns[n]!.nullable === undefined);
      if (free.length === 0) return undefined;
      const name = ctx.rng.pick(free);
      ctx.table.columns[name]!.nullable = false;
      return {
        kind: 'set-not-null',
        table: ctx.key,
        object: col(ctx, name),
        sql: [alter(ctx, `ALTER COLUMN ${quoteIdent(name)} SET NOT NULL`)],
      };
    },
  ],
  [
    'drop-not-null',
    1,
    (ctx) => {
      const free = freeColumns(ctx).filter((n) => ctx.table.columns[n]!.nullable === false);
      if (free.length === 0) return undefined;
      const name = ctx.rng.pick(free);
      delete ctx.table.columns[name]!.nullable;
      return {
        kind: 'drop-not-null',
        table: ctx.key,
        object: col(ctx, name),
        sql: [alter(ctx, `ALTER COLUMN ${quoteIdent(name)} DROP NOT NULL`)],
      };
    },
  ],
  [
    'add-index',
    3,
    (ctx) => {
      const candidates = Object.entries(ctx.table.columns).filter(
        ([n, c]) => n !== 'id' && ORDERED.test(c.type) && c.generated === undefined,
      );
      if (candidates.length === 0) return undefined;
      const [name, c] = ctx.rng.pick(candidates);
      const index = `${ctx.name}_drift_${ctx.serial}_idx`;
      const expression = TEXTUAL.test(c.type) && ctx.rng.chance(0.5);
      const partial = ctx.rng.chance(0.4);
      const spec: SpecIndex = { columns: [expression ? { expression: `lower(${name})` } : name] };
      if (partial) spec.where = `${name} IS NOT NULL`;
      (ctx.table.indexes ??= {})[index] = spec;
      const keys = expression ? `(lower(${quoteIdent(name)}))` : `(${quoteIdent(name)})`;
      return {
        kind: 'add-index',
        table: ctx.key,
        object: `${ctx.key}.${index}`,
        sql: [`CREATE INDEX ${quoteIdent(index)} ON ${ctx.q} ${keys}${partial ? ` WHERE ${quoteIdent(name)} IS NOT NULL` : ''}`],
      };
    },
  ],
  [
    'drop-index',
    2,
    (ctx) => {
      const names = Object.keys(ctx.table.indexes ?? {});
      if (names.length === 0) return undefined;
      const name = ctx.rng.pick(names);
      delete ctx.table.indexes![name];
      return { kind: 'drop-index', table: ctx.key, object: `${ctx.key}.${name}`, sql: [`DROP INDEX ${quoteQualified(ctx.schema, name)}`] };
    },
  ],
  [
    'add-check',
    2,
    (ctx) => {
      const candidates = freeColumns(ctx).filter(
        (n) => NUMERIC.test(ctx.table.columns[n]!.type) || TEXTUAL.test(ctx.table.columns[n]!.type),
      );
      if (candidates.length === 0) return undefined;
      const name = ctx.rng.pick(candidates);
      const expression = NUMERIC.test(ctx.table.columns[name]!.type) ? `${name} IN (0, 1, 2, 3)` : `char_length(${name}) < 500`;
      (ctx.table.checks ??= []).push({ expression });
      return { kind: 'add-check', table: ctx.key, sql: [alter(ctx, `ADD CHECK (${expression})`)] };
    },
  ],
  [
    'drop-check',
    1,
    (ctx) => {
      const checks = ctx.table.checks ?? [];
      if (checks.length === 0) return undefined;
      const i = ctx.rng.int(0, checks.length - 1);
      const [removed] = checks.splice(i, 1);
      if (checks.length === 0) delete ctx.table.checks;
      return {
        kind: 'drop-check',
        table: ctx.key,
        object: `${ctx.key}.${removed!.name}`,
        sql: [alter(ctx, `DROP CONSTRAINT ${quoteIdent(removed!.name!)}`)],
      };
    },
  ],
  [
    'drop-foreign-key',
    1,
    (ctx) => {
      const fks = ctx.table.foreignKeys ?? [];
      if (fks.length === 0) return undefined;
      const [removed] = fks.splice(ctx.rng.int(0, fks.length - 1), 1);
      if (fks.length === 0) delete ctx.table.foreignKeys;
      return {
        kind: 'drop-foreign-key',
        table: ctx.key,
        object: `${ctx.key}.${removed!.name}`,
        sql: [alter(ctx, `DROP CONSTRAINT ${quoteIdent(removed!.name!)}`)],
      };
    },
  ],
  [
    'set-comment',
    2,
    (ctx) => {
      if (ctx.rng.chance(0.5)) {
        ctx.table.comment = `Drifted comment ${ctx.serial}`;
        return {
          kind: 'set-comment',
          table: ctx.key,
          object: ctx.key,
          sql: [`COMMENT ON TABLE ${ctx.q} IS ${quoteLiteral(ctx.table.comment)}`],
        };
      }
      const name = ctx.rng.pick(Object.keys(ctx.table.columns));
      const text = `Drifted column comment ${ctx.serial}`;
      ctx.table.columns[name]!.comment = text;
      return {
        kind: 'set-comment',
        table: ctx.key,
        object: col(ctx, name),
        sql: [`COMMENT ON COLUMN ${ctx.q}.${quoteIdent(name)} IS ${quoteLiteral(text)}`],
      };
    },
  ],
];

/** Tables a view reads: drifts leave them alone, as a view pins their columns. */
function viewTables(spec: SpecJson): Set<string> {
  const out = new Set<string>();
  const viewText = Object.values(spec.views ?? {})
    .map((v) => v.query)
    .join('\n');
  for (const key of Object.keys(spec.tables)) if (viewText.includes(key)) out.add(key);
  return out;
}

/** Tables another table's foreign key points at: never removed. */
function referencedTables(spec: SpecJson): Set<string> {
  const out = new Set<string>();
  for (const t of Object.values(spec.tables)) for (const fk of t.foreignKeys ?? []) out.add(fk.references.table);
  return out;
}

/**
 * Returns a drifted copy of `spec` with about `count` drifts, each on its own table, plus a few
 * new and removed tables and enum values. The input is not modified. Same seed, same drift.
 */
export function driftSpec(input: SpecJson, count: number, seed = 7): DriftResult {
  const spec = structuredClone(input);
  const rng = new Rng(seed);
  const drifts: Drift[] = [];
  const pinned = viewTables(spec);
  const keys = Object.keys(spec.tables).filter((k) => !pinned.has(k));
  const referenced = referencedTables(spec);
  const structural = Math.max(1, Math.round(count / 50));

  // Whole tables: removed (leaves only) and added.
  for (const key of rng.sample(
    keys.filter((k) => !referenced.has(k)),
    structural,
  )) {
    delete spec.tables[key];
    const [schema, name] = key.split('.') as [string, string];
    drifts.push({ kind: 'drop-table', table: key, object: key, sql: [`DROP TABLE ${quoteQualified(schema, name)}`] });
  }
  const schemas = Object.keys(spec.schemas ?? {}).filter((s) => s !== 'public');
  for (let k = 0; k < structural; k += 1) {
    const schema = schemas.length ? rng.pick(schemas) : 'public';
    const name = `drift_table_${k}`;
    const key = `${schema}.${name}`;
    spec.tables[key] = {
      comment: 'Added by the drift',
      columns: {
        id: { type: 'bigint', identity: 'always' },
        name: { type: 'varchar(80)', nullable: false },
        amount: { type: 'numeric(12,2)', default: '0' },
        created_at: { type: 'timestamptz', nullable: false, default: 'NOW()' },
      },
      primaryKey: { columns: ['id'] },
      checks: [{ expression: 'amount >= 0' }],
      indexes: { [`${name}_created_idx`]: { columns: [{ column: 'created_at' }], where: 'amount > 0' } },
    };
    const q = quoteQualified(schema, name);
    drifts.push({
      kind: 'add-table',
      table: key,
      object: key,
      sql: [
        `CREATE TABLE ${q} (id bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY, name varchar(80) NOT NULL, amount numeric(12,2) DEFAULT 0 CHECK (amount >= 0), created_at timestamptz NOT NULL DEFAULT NOW())`,
        `CREATE INDEX ${quoteIdent(`${name}_created_idx`)} ON ${q} (created_at) WHERE amount > 0`,
        `COMMENT ON TABLE ${q} IS ${quoteLiteral('Added by the drift')}`,
      ],
    });
  }
  // Enum values appended.
  const enumKeys = Object.keys(spec.enums ?? {});
  for (const key of rng.sample(enumKeys, Math.min(enumKeys.length, structural))) {
    const e = spec.enums![key]!;
    const value = `drift_${e.values.length}`;
    e.values.push(value);
    const [schema, name] = key.split('.') as [string, string];
    drifts.push({
      kind: 'add-enum-value',
      table: key,
      object: key,
      sql: [`ALTER TYPE ${quoteQualified(schema, name)} ADD VALUE ${quoteLiteral(value)}`],
    });
  }

  // One drift per table for the rest.
  const remaining = Math.max(0, count - drifts.length);
  const touched = rng.sample(
    keys.filter((k) => spec.tables[k] !== undefined),
    remaining,
  );
  let serial = 0;
  for (const key of touched) {
    const [schema, name] = key.split('.') as [string, string];
    const table = spec.tables[key]!;
    for (let attempt = 0; attempt < 4; attempt += 1) {
      const mutate = rng.weighted(MUTATORS.map(([, w, m]) => [m, w] as const));
      const drift = mutate({ rng, spec, key, table, q: quoteQualified(schema, name), schema, name, serial });
      if (drift) {
        drifts.push(drift);
        serial += 1;
        break;
      }
    }
  }
  return { spec, drifts };
}

export interface DriftComparison {
  expected: number;
  reported: number;
  matched: number;
  /** Expected but not reported (kind table/object). */
  missing: string[];
  /** Reported but not expected. */
  unexpected: string[];
}

/** Compares the changes `check` reported with the drifts: by kind and object, else kind and table. */
export function compareDrift(drifts: Drift[], changes: Array<{ kind: string; object: string; table?: string }>): DriftComparison {
  const byObject = new Map<string, number>();
  const byTable = new Map<string, number>();
  const add = (m: Map<string, number>, k: string, d: number): void => {
    m.set(k, (m.get(k) ?? 0) + d);
  };
  for (const c of changes) {
    add(byObject, `${c.kind} ${c.object}`, 1);
    add(byTable, `${c.kind} ${c.table ?? c.object}`, 1);
  }
  const missing: string[] = [];
  let matched = 0;
  for (const d of drifts) {
    const objectKey = d.object === undefined ? undefined : `${d.kind} ${d.object}`;
    const tableKey = `${d.kind} ${d.table}`;
    if (objectKey !== undefined && (byObject.get(objectKey) ?? 0) > 0) {
      add(byObject, objectKey, -1);
      add(byTable, tableKey, -1);
      matched += 1;
    } else if (objectKey === undefined && (byTable.get(tableKey) ?? 0) > 0) {
      add(byTable, tableKey, -1);
      matched += 1;
    } else missing.push(objectKey ?? tableKey);
  }
  const unexpected: string[] = [];
  for (const c of changes) {
    const tableKey = `${c.kind} ${c.table ?? c.object}`;
    if ((byTable.get(tableKey) ?? 0) > 0) {
      add(byTable, tableKey, -1);
      unexpected.push(`${c.kind} ${c.object}`);
    }
  }
  return { expected: drifts.length, reported: changes.length, matched, missing, unexpected };
}
