/**
 * Reads a live schema from pg_catalog into the model: one batch, one round trip, one consistent
 * snapshot, whatever the number of tables. Definitions are printed by PostgreSQL with the
 * search_path fixed to pg_catalog, so every user object is printed schema-qualified and the output
 * does not depend on the session.
 */
import type pg from 'pg';
import { displayQualified, quoteLiteral } from '../core/ident.js';
import {
  emptySchema,
  sortRecord,
  type FkAction,
  type FkMatch,
  type IndexKey,
  type Schema,
  type Table,
} from '../core/model.js';
import { catalogSql } from './catalog-sql.js';
import type { Session } from './session.js';

/** Which schemas to read: exactly these, the session's temporary schema, or all user schemas. */
export type CatalogScope = { schemas: string[] } | { temp: true } | Record<string, never>;

export const CATALOG_QUERIES = ['schemas', 'extensions', 'enums', 'sequences', 'tables', 'columns', 'constraints', 'indexes', 'views'] as const;
type QueryName = (typeof CATALOG_QUERIES)[number];

/** The statements that read a scope; the caller runs them inside a transaction. */
export function catalogStatements(scope: CatalogScope): string[] {
  return [
    'SET LOCAL search_path = pg_catalog',
    `SELECT pg_catalog.set_config('pgdrift.scope', ${quoteLiteral(JSON.stringify(scope))}, true)`,
    ...CATALOG_QUERIES.map((name) => `WITH scope AS (\n${catalogSql.scope.trim()}\n)\n${catalogSql[name].trim()}`),
  ];
}

export interface Introspection {
  schema: Schema;
  serverVersion: number;
}

/**
 * Reads the live schema in a read-only repeatable-read transaction: one round trip.
 * `schemas` limits it to those schemas; without it every user schema is read.
 */
export async function introspect(session: Session, schemas?: string[], options: { inTransaction?: boolean } = {}): Promise<Introspection> {
  // Inside a caller's transaction (apply), the reads join it and see its own changes.
  const statements = [
    options.inTransaction ? 'SAVEPOINT pgdrift_introspect' : 'BEGIN ISOLATION LEVEL REPEATABLE READ READ ONLY',
    "SELECT pg_catalog.current_setting('server_version_num')::int AS version",
    ...catalogStatements(schemas ? { schemas } : {}),
    options.inTransaction ? 'RELEASE SAVEPOINT pgdrift_introspect' : 'COMMIT',
  ];
  let results: pg.QueryResult[];
  try {
    results = await session.batch('introspecting the database', statements);
  } catch (error) {
    if (!options.inTransaction) await session.query('rolling back', 'ROLLBACK').catch(() => undefined);
    throw error;
  }
  const serverVersion = Number((results[1]?.rows[0] as { version: number }).version);
  return { schema: rowsToSchema(catalogRows(results, 4)), serverVersion };
}

/** Picks the catalog query results out of a batch, starting at `offset`. */
export function catalogRows(results: pg.QueryResult[], offset: number): Record<QueryName, Row[]> {
  const out = {} as Record<QueryName, Row[]>;
  CATALOG_QUERIES.forEach((name, i) => {
    out[name] = (results[offset + i]?.rows ?? []) as Row[];
  });
  return out;
}

type Row = Record<string, unknown>;

const FK_ACTIONS: Record<string, FkAction> = { a: 'no action', r: 'restrict', c: 'cascade', n: 'set null', d: 'set default' };
const FK_MATCH: Record<string, FkMatch> = { s: 'simple', f: 'full', p: 'partial' };

const str = (v: unknown): string => String(v);
const opt = (v: unknown): string | undefined => (v === null || v === undefined ? undefined : String(v));
const bool = (v: unknown): boolean => v === true || v === 't' || v === 'true';
const json = <T>(v: unknown): T => (typeof v === 'string' ? (JSON.parse(v) as T) : (v as T));

/** Builds the model from catalog rows. Pure: exported for tests. */
export function rowsToSchema(rows: Record<QueryName, Row[]>): Schema {
  const schema = emptySchema();
  for (const r of rows.schemas) {
    const comment = opt(r.comment);
    schema.schemas[str(r.name)] = comment === undefined ? {} : { comment };
  }
  for (const r of rows.extensions) {
    schema.extensions[str(r.name)] = { name: str(r.name), schema: str(r.schema), version: str(r.version) };
  }
  for (const r of rows.enums) {
    const comment = opt(r.comment);
    schema.enums[displayQualified(str(r.schema), str(r.name))] = {
      schema: str(r.schema),
      name: str(r.name),
      values: json<string[]>(r.values),
      ...(comment === undefined ? {} : { comment }),
    };
  }
  for (const r of rows.sequences) {
    const comment = opt(r.comment);
    schema.sequences[displayQualified(str(r.schema), str(r.name))] = {
      schema: str(r.schema),
      name: str(r.name),
      type: str(r.type),
      start: str(r.start),
      increment: str(r.increment),
      min: str(r.min),
      max: str(r.max),
      cache: str(r.cache),
      cycle: bool(r.cycle),
      ...(comment === undefined ? {} : { comment }),
    };
  }
  const tables = schema.tables;
  for (const r of rows.tables) {
    const table: Table = { schema: str(r.schema), name: str(r.name), columns: [], uniques: [], foreignKeys: [], checks: [], indexes: {} };
    const comment = opt(r.comment);
    if (comment !== undefined) table.comment = comment;
    tables[displayQualified(table.schema, table.name)] = table;
  }
  const tableOf = (r: Row): Table | undefined => tables[displayQualified(str(r.schema), str(r.table))];
  for (const r of rows.columns) {
    const table = tableOf(r);
    if (!table) continue;
    const identity = str(r.identity ?? '');
    const generated = str(r.generated ?? '');
    const column: Table['columns'][number] = { name: str(r.name), type: str(r.type), notNull: bool(r.not_null) };
    const def = opt(r.default);
    if (bool(r.serial_default)) column.serial = true;
    else if (generated === 's' || generated === 'v') {
      if (def !== undefined) column.generated = def;
      if (generated === 'v') column.virtual = true;
    } else if (def !== undefined) column.default = def;
    if (identity === 'a') column.identity = 'always';
    if (identity === 'd') column.identity = 'by default';
    const collation = opt(r.collation);
    if (collation !== undefined) column.collation = collation;
    const comment = opt(r.comment);
    if (comment !== undefined) column.comment = comment;
    table.columns.push(column);
  }
  for (const r of rows.constraints) {
    const table = tableOf(r);
    if (!table) continue;
    const name = str(r.name);
    const columns = json<string[]>(r.columns);
    const deferrable = bool(r.deferrable);
    const initiallyDeferred = bool(r.deferred);
    switch (str(r.type)) {
      case 'p':
        table.primaryKey = { name, columns };
        break;
      case 'u':
        table.uniques.push({ name, columns, nullsNotDistinct: bool(r.nulls_not_distinct), deferrable, initiallyDeferred });
        break;
      case 'f':
        table.foreignKeys.push({
          name,
          columns,
          refTable: displayQualified(str(r.ref_schema), str(r.ref_table)),
          refColumns: json<string[]>(r.ref_columns),
          onDelete: FK_ACTIONS[str(r.on_delete)] ?? 'no action',
          onUpdate: FK_ACTIONS[str(r.on_update)] ?? 'no action',
          match: FK_MATCH[str(r.match)] ?? 'simple',
          deferrable,
          initiallyDeferred,
        });
        break;
      case 'c':
        table.checks.push({ name, expression: str(r.expression), noInherit: bool(r.no_inherit) });
        break;
    }
  }
  for (const r of rows.indexes) {
    const table = tableOf(r);
    if (!table) continue;
    const keys = json<Array<IndexKey & { opclass: string | null; collation: string | null }>>(r.keys).map((k) => {
      const key: IndexKey = { expression: k.expression, column: k.column, descending: k.descending, nullsFirst: k.nullsFirst };
      if (k.opclass) key.opclass = k.opclass;
      if (k.collation) key.collation = k.collation;
      return key;
    });
    const where = opt(r.where);
    table.indexes[str(r.name)] = {
      name: str(r.name),
      unique: bool(r.unique),
      method: str(r.method),
      keys,
      include: json<string[]>(r.include),
      nullsNotDistinct: bool(r.nulls_not_distinct),
      ...(where === undefined ? {} : { where }),
    };
  }
  for (const r of rows.views) {
    const comment = opt(r.comment);
    schema.views[displayQualified(str(r.schema), str(r.name))] = {
      schema: str(r.schema),
      name: str(r.name),
      materialized: bool(r.materialized),
      definition: str(r.definition).trim().replace(/;$/, ''),
      ...(comment === undefined ? {} : { comment }),
    };
  }
  for (const table of Object.values(tables)) table.indexes = sortRecord(table.indexes);
  schema.tables = sortRecord(tables);
  return schema;
}
