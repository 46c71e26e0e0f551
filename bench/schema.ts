/**
 * The synthetic schema of the benchmark: N tables of 8–20 columns of mixed types across three
 * schemas, with identity, serial and uuid keys, foreign keys (also across schemas), checks,
 * unique constraints, 1–3 secondary indexes each (partial, expression, multi-column, DESC, GIN,
 * BRIN, hash, INCLUDE), enums, free-standing sequences, a few views and comments.
 *
 * Deterministic for a seed. The DDL comes out as a few large multi-statement strings so that the
 * database is built in a handful of round trips.
 */
import { quoteIdent, quoteLiteral, quoteQualified } from '../src/core/ident.js';
import { Rng } from './rng.js';

export const SCHEMAS = ['app', 'billing', 'audit'] as const;
const SCHEMA_WEIGHTS: ReadonlyArray<readonly [string, number]> = [
  ['app', 5],
  ['billing', 3],
  ['audit', 2],
];
const WORDS = [
  'accounts',
  'orders',
  'invoices',
  'events',
  'payments',
  'customers',
  'products',
  'shipments',
  'sessions',
  'messages',
  'tickets',
  'projects',
  'tasks',
  'documents',
  'contracts',
  'devices',
  'readings',
  'refunds',
  'coupons',
  'reviews',
  'teams',
  'members',
  'webhooks',
  'exports',
] as const;

/** The enums every schema has; more (`label_k`) are added as N grows. */
const BASE_ENUMS: Record<string, string[]> = {
  status: ['draft', 'active', 'suspended', 'closed'],
  priority: ['low', 'normal', 'high', 'urgent'],
  channel: ['email', 'sms', 'push', 'web'],
  region: ['eu', 'us', 'apac', 'latam'],
};

type IdType = 'bigint' | 'integer' | 'uuid';

export interface GenColumn {
  name: string;
  /** Type as written in the DDL. */
  type: string;
  notNull: boolean;
  default?: string;
  generated?: string;
}

export interface GenTable {
  schema: string;
  name: string;
  idType: IdType;
  columns: GenColumn[];
  foreignKeys: Array<{ column: string; ref: GenTable; onDelete: string }>;
  checks: string[];
  uniques: string[][];
  /** Full CREATE INDEX statements. */
  indexes: string[];
  comment?: string;
  columnComments: Array<[string, string]>;
}

export interface GeneratedSchema {
  seed: number;
  tables: GenTable[];
  /** `schema.name` → labels. */
  enums: Map<string, string[]>;
  sequences: string[];
  views: string[];
  counts: {
    tables: number;
    columns: number;
    indexes: number;
    foreignKeys: number;
    checks: number;
    uniques: number;
    enums: number;
    sequences: number;
    views: number;
    comments: number;
  };
}

interface Template {
  name: string;
  make: (t: { schema: string; rng: Rng; labels: string[] }) => Omit<GenColumn, 'name'>;
}

const col = (type: string, notNull = false, def?: string): Omit<GenColumn, 'name'> =>
  def === undefined ? { type, notNull } : { type, notNull, default: def };
const enumType = (schema: string, name: string): string => quoteQualified(schema, name);

const TEMPLATES: Template[] = [
  { name: 'name', make: () => col('text', true) },
  { name: 'title', make: () => col('varchar(200)') },
  { name: 'code', make: ({ rng }) => col(`varchar(${rng.pick([16, 32, 64])})`) },
  { name: 'email', make: () => col('varchar(255)') },
  { name: 'description', make: () => col('text') },
  { name: 'status', make: ({ schema }) => col(enumType(schema, 'status'), true, "'draft'") },
  { name: 'priority', make: ({ schema }) => col(enumType(schema, 'priority'), false, "'normal'") },
  { name: 'channel', make: ({ schema }) => col(enumType(schema, 'channel')) },
  { name: 'region', make: ({ schema }) => col(enumType(schema, 'region')) },
  { name: 'label', make: ({ schema, rng, labels }) => col(enumType(schema, rng.pick(labels))) },
  { name: 'kind', make: () => col('varchar(16)', true, "'a'") },
  { name: 'amount', make: () => col('numeric(12,2)', true, '0') },
  { name: 'quantity', make: () => col('integer', true, '0') },
  { name: 'position', make: () => col('smallint') },
  { name: 'revision', make: () => col('bigint', false, '1') },
  { name: 'ratio', make: () => col('double precision') },
  { name: 'weight', make: () => col('real') },
  { name: 'is_active', make: () => col('boolean', true, 'true') },
  { name: 'is_archived', make: () => col('boolean', false, 'false') },
  { name: 'updated_at', make: () => col('timestamptz') },
  { name: 'deleted_at', make: () => col('timestamptz') },
  { name: 'occurred_at', make: () => col('timestamp', false, 'CURRENT_TIMESTAMP') },
  { name: 'due_on', make: () => col('date') },
  { name: 'opens_at', make: () => col('time') },
  { name: 'ttl', make: () => col('interval', false, "'1 day'") },
  { name: 'payload', make: () => col('jsonb', true, "'{}'::jsonb") },
  { name: 'settings', make: () => col('json') },
  { name: 'tags', make: () => col('text[]', false, "'{}'") },
  { name: 'scores', make: () => col('integer[]') },
  { name: 'client_ip', make: () => col('inet') },
  { name: 'checksum', make: () => col('bytea') },
  { name: 'external_id', make: () => col('uuid') },
  { name: 'country', make: () => col('char(2)') },
  { name: 'currency', make: () => col('char(3)', true, "'EUR'") },
];

/** Builds the model of the synthetic schema. Pure: same seed, same schema. */
export function generateSchema(tableCount: number, seed = 1): GeneratedSchema {
  const rng = new Rng(seed);
  const enums = new Map<string, string[]>();
  const labelsBySchema = new Map<string, string[]>();
  const extraEnums = Math.max(1, Math.round(tableCount / 300));
  for (const schema of SCHEMAS) {
    for (const [name, values] of Object.entries(BASE_ENUMS)) enums.set(`${schema}.${name}`, values);
    const labels: string[] = [];
    for (let k = 0; k < extraEnums; k += 1) {
      const name = `label_${k}`;
      labels.push(name);
      enums.set(
        `${schema}.${name}`,
        Array.from({ length: rng.int(3, 8) }, (_, v) => `${name}_v${v}`),
      );
    }
    labelsBySchema.set(schema, labels);
  }

  const tables: GenTable[] = [];
  for (let i = 0; i < tableCount; i += 1) tables.push(generateTable(rng, i, tables, labelsBySchema));

  const sequences: string[] = [];
  for (let k = 0; k < Math.max(1, Math.round(tableCount / 100)); k += 1) {
    const schema = rng.weighted(SCHEMA_WEIGHTS);
    sequences.push(
      `CREATE SEQUENCE ${quoteQualified(schema, `seq_${k}`)} START ${rng.int(1, 5) * 1000} INCREMENT ${rng.pick([1, 5, 10])} CACHE ${rng.pick([1, 20])}`,
    );
  }
  const views: string[] = [];
  const viewCount = Math.max(1, Math.round(tableCount / 50));
  for (const t of rng.sample(tables, viewCount)) {
    const where = t.columns.some((c) => c.name === 'deleted_at')
      ? 'WHERE t.deleted_at IS NULL'
      : "WHERE t.created_at > now() - interval '30 days'";
    views.push(
      `CREATE VIEW ${quoteQualified(t.schema, `v_${t.name}`)} AS SELECT t.id, t.created_at FROM ${quoteQualified(t.schema, t.name)} t ${where}`,
    );
  }

  const sum = (f: (t: GenTable) => number): number => tables.reduce((n, t) => n + f(t), 0);
  return {
    seed,
    tables,
    enums,
    sequences,
    views,
    counts: {
      tables: tables.length,
      columns: sum((t) => t.columns.length),
      indexes: sum((t) => t.indexes.length),
      foreignKeys: sum((t) => t.foreignKeys.length),
      checks: sum((t) => t.checks.length),
      uniques: sum((t) => t.uniques.length),
      enums: enums.size,
      sequences: sequences.length,
      views: views.length,
      comments: sum((t) => (t.comment ? 1 : 0) + t.columnComments.length),
    },
  };
}

function generateTable(rng: Rng, i: number, earlier: GenTable[], labelsBySchema: Map<string, string[]>): GenTable {
  const schema = rng.weighted(SCHEMA_WEIGHTS);
  const name = `${rng.pick(WORDS)}_${String(i).padStart(5, '0')}`;
  const idType = rng.weighted<IdType>([
    ['bigint', 5],
    ['integer', 2],
    ['uuid', 3],
  ]);
  const columns: GenColumn[] = [];
  if (idType === 'bigint') columns.push({ name: 'id', type: 'bigint GENERATED BY DEFAULT AS IDENTITY', notNull: true });
  else if (idType === 'integer') columns.push({ name: 'id', type: 'serial', notNull: true });
  else columns.push({ name: 'id', type: 'uuid', notNull: true, default: 'gen_random_uuid()' });
  columns.push({ name: 'created_at', type: 'timestamptz', notNull: true, default: 'now()' });

  const table: GenTable = { schema, name, idType, columns, foreignKeys: [], checks: [], uniques: [], indexes: [], columnComments: [] };
  const fkCount =
    earlier.length === 0
      ? 0
      : rng.weighted([
          [0, 3],
          [1, 5],
          [2, 2],
        ]);
  const refs = new Set<GenTable>();
  for (let k = 0; k < fkCount; k += 1) refs.add(rng.pick(earlier));
  for (const ref of refs) {
    const column = `${ref.name}_id`;
    const onDelete = rng.weighted([
      ['NO ACTION', 4],
      ['CASCADE', 3],
      ['SET NULL', 2],
      ['RESTRICT', 1],
    ]);
    columns.push({ name: column, type: ref.idType, notNull: onDelete !== 'SET NULL' && rng.chance(0.5) });
    table.foreignKeys.push({ column, ref, onDelete });
  }

  const target = rng.int(8, 20);
  const labels = labelsBySchema.get(schema) ?? [];
  for (const template of rng.sample(TEMPLATES, Math.max(0, target - columns.length))) {
    columns.push({ name: template.name, ...template.make({ schema, rng, labels }) });
  }
  const has = (n: string): boolean => columns.some((c) => c.name === n);
  if (has('name') && columns.length < 20 && rng.chance(0.3)) {
    columns.push({ name: 'name_key', type: 'text', notNull: false, generated: 'lower(name)' });
  }

  const checks: string[] = [];
  if (has('amount')) checks.push('amount >= 0');
  if (has('quantity')) checks.push('quantity >= 0 AND quantity < 1000000');
  if (has('kind')) checks.push("kind IN ('a', 'b', 'c')");
  if (has('code')) checks.push('char_length(code) BETWEEN 2 AND 64');
  if (has('deleted_at')) checks.push('deleted_at IS NULL OR deleted_at >= created_at');
  if (has('country')) checks.push("country ~ '^[A-Z]{2}$'");
  if (has('ratio')) checks.push('ratio BETWEEN 0 AND 1');
  table.checks = rng.sample(
    checks,
    rng.weighted([
      [0, 3],
      [1, 4],
      [2, 3],
    ]),
  );
  if (has('email') && rng.chance(0.4)) table.uniques.push(['email']);
  else if (has('code') && rng.chance(0.3)) table.uniques.push(['code']);

  const qt = quoteQualified(schema, name);
  const candidates: Array<[string, string, number]> = [];
  const fk = table.foreignKeys[0];
  if (fk) candidates.push([fk.column, `(${quoteIdent(fk.column)})`, 6]);
  if (has('deleted_at')) candidates.push(['live', '(created_at) WHERE deleted_at IS NULL', 4]);
  if (has('is_active') && has('status')) candidates.push(['active_status', '(status) WHERE is_active', 3]);
  if (has('due_on')) candidates.push(['due', '(due_on) WHERE due_on IS NOT NULL', 2]);
  if (has('email')) candidates.push(['email_lower', '(lower(email))', 4]);
  if (has('name')) candidates.push(['name_lower', '(lower(name) text_pattern_ops)', 3]);
  if (has('payload')) candidates.push(['payload_type', "((payload ->> 'type'))", 3]);
  if (has('occurred_at')) candidates.push(['day', "(date_trunc('day', occurred_at))", 2]);
  if (has('quantity')) candidates.push(['qty', '(COALESCE(quantity, 0))', 1]);
  candidates.push(['recent', '(created_at DESC, id)', 3]);
  if (has('payload')) candidates.push(['payload_gin', 'USING gin (payload jsonb_path_ops)', 2]);
  if (has('tags')) candidates.push(['tags_gin', 'USING gin (tags)', 2]);
  if (has('code') && has('deleted_at')) candidates.push(['code_live', 'UNIQUE (code) WHERE deleted_at IS NULL', 2]);
  if (has('status') && has('amount')) candidates.push(['status_amount', '(status) INCLUDE (amount)', 2]);
  if (has('external_id')) candidates.push(['external', 'USING hash (external_id)', 1]);
  candidates.push(['created_brin', 'USING brin (created_at)', 1]);
  const chosen = new Set<string>();
  const wanted = rng.int(1, 3);
  while (chosen.size < Math.min(wanted, candidates.length)) chosen.add(rng.weighted(candidates.map(([label, , w]) => [label, w] as const)));
  for (const [label, body] of candidates) {
    if (!chosen.has(label)) continue;
    const unique = body.startsWith('UNIQUE ');
    let rest = unique ? body.slice('UNIQUE '.length) : body;
    // Half the btree indexes say USING btree, as people write it both ways.
    if (!rest.startsWith('USING ') && rng.chance(0.5)) rest = `USING btree ${rest}`;
    table.indexes.push(`CREATE ${unique ? 'UNIQUE ' : ''}INDEX ${quoteIdent(`${name}_${label}_idx`)} ON ${qt} ${rest}`);
  }

  if (rng.chance(0.6)) table.comment = `Synthetic ${name.replace(/_\d+$/, '')} records, table ${i}`;
  if (rng.chance(0.5)) {
    for (const c of rng.sample(columns, rng.int(1, 2)))
      table.columnComments.push([c.name, `The ${c.name.replace(/_/g, ' ')} of a ${name.replace(/_\d+$/, '').replace(/s$/, '')}`]);
  }
  return table;
}

function columnDdl(c: GenColumn): string {
  let sql = `${quoteIdent(c.name)} ${c.type}`;
  if (c.generated !== undefined) return `${sql} GENERATED ALWAYS AS (${c.generated}) STORED`;
  if (c.default !== undefined) sql += ` DEFAULT ${c.default}`;
  if (c.notNull && !/IDENTITY|serial/.test(c.type)) sql += ' NOT NULL';
  return sql;
}

function tableDdl(t: GenTable): string {
  const qt = quoteQualified(t.schema, t.name);
  const parts = [
    ...t.columns.map(columnDdl),
    'PRIMARY KEY (id)',
    ...t.uniques.map((cols) => `UNIQUE (${cols.map(quoteIdent).join(', ')})`),
    ...t.checks.map((c) => `CHECK (${c})`),
  ];
  const statements = [`CREATE TABLE ${qt} (\n  ${parts.join(',\n  ')}\n)`, ...t.indexes];
  if (t.comment) statements.push(`COMMENT ON TABLE ${qt} IS ${quoteLiteral(t.comment)}`);
  for (const [c, text] of t.columnComments) statements.push(`COMMENT ON COLUMN ${qt}.${quoteIdent(c)} IS ${quoteLiteral(text)}`);
  return statements.join(';\n');
}

export interface DdlPlan {
  /** Schemas, enums, sequences: one string, run first. */
  prelude: string;
  /** Tables with their indexes and comments, in chunks that may run concurrently. */
  tableChunks: string[];
  /** Foreign keys, in chunks run one after the other (each locks two tables). */
  foreignKeyChunks: string[];
  /** Views, run last. */
  epilogue: string;
}

/** The DDL that builds the schema, as a few large multi-statement strings. */
export function schemaDdl(schema: GeneratedSchema, chunkSize = 100): DdlPlan {
  const prelude: string[] = [];
  for (const s of SCHEMAS) {
    prelude.push(`CREATE SCHEMA ${quoteIdent(s)}`, `COMMENT ON SCHEMA ${quoteIdent(s)} IS ${quoteLiteral(`Synthetic ${s} schema`)}`);
  }
  for (const [key, values] of schema.enums) {
    const [s, name] = key.split('.') as [string, string];
    prelude.push(`CREATE TYPE ${quoteQualified(s, name)} AS ENUM (${values.map(quoteLiteral).join(', ')})`);
  }
  prelude.push(...schema.sequences);
  const tableChunks: string[] = [];
  for (let i = 0; i < schema.tables.length; i += chunkSize) {
    tableChunks.push(
      schema.tables
        .slice(i, i + chunkSize)
        .map(tableDdl)
        .join(';\n'),
    );
  }
  const fks = schema.tables.flatMap((t) =>
    t.foreignKeys.map(
      (fk) =>
        `ALTER TABLE ${quoteQualified(t.schema, t.name)} ADD FOREIGN KEY (${quoteIdent(fk.column)}) REFERENCES ${quoteQualified(fk.ref.schema, fk.ref.name)} (id) ON DELETE ${fk.onDelete}`,
    ),
  );
  const foreignKeyChunks: string[] = [];
  for (let i = 0; i < fks.length; i += chunkSize * 2) foreignKeyChunks.push(fks.slice(i, i + chunkSize * 2).join(';\n'));
  return { prelude: prelude.join(';\n'), tableChunks, foreignKeyChunks, epilogue: schema.views.join(';\n') };
}
