/**
 * Small builders for model values, so that a unit test states only what it is about.
 * Every builder takes a partial value and fills the rest with the plain defaults PostgreSQL uses.
 */
import { displayQualified } from '../../src/core/ident.js';
import {
  emptySchema,
  type CheckConstraint,
  type Column,
  type EnumType,
  type ExclusionConstraint,
  type ForeignKey,
  type Index,
  type IndexKey,
  type Schema,
  type Scope,
  type Sequence,
  type Table,
  type UniqueConstraint,
  type View,
} from '../../src/core/model.js';

export function buildColumn(name: string, type = 'integer', extra: Partial<Column> = {}): Column {
  return { name, type, notNull: false, ...extra };
}

/** A table; `columns` may be names (integer columns) or columns. */
export function buildTable(fields: Partial<Omit<Table, 'columns'>> & { name: string; columns?: Array<Column | string> }): Table {
  const { columns = [], ...rest } = fields;
  return {
    schema: 'public',
    uniques: [],
    foreignKeys: [],
    checks: [],
    indexes: {},
    ...rest,
    columns: columns.map((c) => (typeof c === 'string' ? buildColumn(c) : c)),
  };
}

export function buildKey(expression: string, extra: Partial<IndexKey> = {}): IndexKey {
  return { expression, column: true, descending: false, nullsFirst: false, ...extra };
}

/** An index; `keys` may be column names. */
export function buildIndex(name: string, keys: Array<IndexKey | string>, extra: Partial<Index> = {}): Index {
  return {
    name,
    unique: false,
    method: 'btree',
    keys: keys.map((k) => (typeof k === 'string' ? buildKey(k) : k)),
    include: [],
    nullsNotDistinct: false,
    ...extra,
  };
}

export function buildUnique(columns: string[], extra: Partial<UniqueConstraint> = {}): UniqueConstraint {
  return { columns, nullsNotDistinct: false, deferrable: false, initiallyDeferred: false, ...extra };
}

/** An exclusion constraint using gist over `elements`: `[column, operator]` pairs. */
export function buildExclusion(elements: Array<[string, string]>, extra: Partial<ExclusionConstraint> = {}): ExclusionConstraint {
  return {
    method: 'gist',
    elements: elements.map(([column, operator]) => ({ ...buildKey(column), operator })),
    include: [],
    deferrable: false,
    initiallyDeferred: false,
    ...extra,
  };
}

export function buildForeignKey(columns: string[], refTable: string, refColumns: string[], extra: Partial<ForeignKey> = {}): ForeignKey {
  return {
    columns,
    refTable,
    refColumns,
    onDelete: 'no action',
    onUpdate: 'no action',
    match: 'simple',
    deferrable: false,
    initiallyDeferred: false,
    ...extra,
  };
}

export function buildCheck(expression: string, extra: Partial<CheckConstraint> = {}): CheckConstraint {
  return { expression, noInherit: false, ...extra };
}

export function buildEnum(name: string, values: string[], extra: Partial<EnumType> = {}): EnumType {
  return { schema: 'public', name, values, ...extra };
}

export function buildSequence(name: string, extra: Partial<Sequence> = {}): Sequence {
  return {
    schema: 'public',
    name,
    type: 'bigint',
    start: '1',
    increment: '1',
    min: '1',
    max: '9223372036854775807',
    cache: '1',
    cycle: false,
    ...extra,
  };
}

export function buildView(name: string, definition: string, extra: Partial<View> = {}): View {
  return { schema: 'public', name, materialized: false, definition, ...extra };
}

/** A schema holding these objects, keyed as the parser and the introspector key them. */
export function buildSchema(
  objects: {
    tables?: Table[];
    enums?: EnumType[];
    sequences?: Sequence[];
    views?: View[];
    schemas?: Schema['schemas'];
    extensions?: Schema['extensions'];
  } = {},
): Schema {
  const schema = emptySchema();
  schema.schemas = objects.schemas ?? { public: {} };
  schema.extensions = objects.extensions ?? {};
  const key = (o: { schema: string; name: string }): string => displayQualified(o.schema, o.name);
  for (const t of objects.tables ?? []) schema.tables[key(t)] = t;
  for (const e of objects.enums ?? []) schema.enums[key(e)] = e;
  for (const s of objects.sequences ?? []) schema.sequences[key(s)] = s;
  for (const v of objects.views ?? []) schema.views[key(v)] = v;
  return schema;
}

export function buildScope(extra: Partial<Scope> = {}): Scope {
  return { schemas: ['public'], ignore: [], ...extra };
}
