/**
 * Reads a live schema from pg_catalog into the model: one batch, one round trip, one consistent
 * snapshot, whatever the number of tables. Definitions are printed by PostgreSQL with the
 * search_path fixed to pg_catalog, so every user object is printed schema-qualified and the output
 * does not depend on the session.
 */
import { displayIdent, displayQualified, quoteLiteral } from '../core/ident.js';
import {
  compareText,
  emptySchema,
  sortRecord,
  type FkAction,
  type FkMatch,
  type IndexKey,
  type Schema,
  type Table,
} from '../core/model.js';
import { catalogSql, catalogSqlFrom15 } from './catalog-sql.js';
import { normalizeTree } from './node-tree.js';
import type { RowHandler, Session } from './session.js';

/**
 * Which schemas to read: exactly `schemas`, the session's temporary schema (`temp`), or, with
 * neither, all user schemas. `open`: every default is printed in the context of its table (see
 * sql/columns.sql).
 */
export interface CatalogScope {
  schemas?: string[];
  temp?: true;
  open?: true;
}

export const CATALOG_QUERIES = [
  'schemas',
  'extensions',
  'enums',
  'sequences',
  'tables',
  'columns',
  'constraints',
  'indexes',
  'views',
] as const;
export type QueryName = (typeof CATALOG_QUERIES)[number];

/**
 * The catalog queries a second connection runs when there is one (see `introspect`): the two that
 * print expressions in the context of their tables, which opens them, so that each table's
 * relation cache entry is built by one backend only.
 */
const HELPER_QUERIES: readonly QueryName[] = ['constraints', 'indexes'];

/**
 * The text of a catalog query for a server of `serverVersion`, when known. Some read a column
 * that PostgreSQL 15 added through to_jsonb of the whole row, which is valid on 14 too but costs
 * time (about 0.1 s for 10,000 indexes); from 15 on the column is read as a column. Both texts
 * come ready from sql/ (see scripts/gen-sql.mjs).
 */
function queryFor(name: QueryName, serverVersion: number | undefined): string {
  return (serverVersion !== undefined && serverVersion >= 150000 ? catalogSqlFrom15 : catalogSql)[name].trim();
}

/**
 * The statements that read a scope, the catalog queries last (all of them, or `queries` in
 * that order); the caller runs them inside a transaction. `serverVersion`, when known, lets the
 * queries use what that version has.
 */
export function catalogStatements(scope: CatalogScope, queries: readonly QueryName[] = CATALOG_QUERIES, serverVersion?: number): string[] {
  return [
    'SET LOCAL search_path = pg_catalog',
    // Catalog reads are short: compiling them with JIT costs more than it saves.
    'SET LOCAL jit = off',
    // Enough for the sort of the columns query to stay in memory (it spills at the default 4MB).
    "SET LOCAL work_mem = '64MB'",
    `SELECT pg_catalog.set_config('pgdrift.scope', ${quoteLiteral(JSON.stringify(scope))}, true)`,
    ...queries.map((name) => `WITH scope AS (\n${catalogSql.scope.trim()}\n)\n${queryFor(name, serverVersion)}`),
  ];
}

/** An index PostgreSQL marks invalid: left by a failed CREATE INDEX CONCURRENTLY, or being built by one. */
export interface InvalidIndex {
  /** The table's key: `public.t`. */
  table: string;
  name: string;
  /** The change object of the index: `public.t.t_idx`. */
  object: string;
  oid: number;
  /** A CREATE INDEX CONCURRENTLY is building it right now (it is invalid until that ends). */
  building: boolean;
}

export interface Introspection {
  schema: Schema;
  serverVersion: number;
  /** Invalid indexes of the tables read; they are in `schema` too, as PostgreSQL defines them. */
  invalidIndexes: InvalidIndex[];
}

export interface IntrospectOptions {
  /** Read inside the caller's transaction (apply): the read sees its changes. */
  inTransaction?: boolean;
  /**
   * A second connection to the same database, being opened. Outside a caller's transaction the
   * heaviest catalog queries run on it, in parallel, in this session's snapshot (exported and
   * imported as pg_dump -j does). It is closed when the read is done. When it cannot be used
   * (not connected by the time it is needed, a pooler or standby that refuses the snapshot), this
   * session reads everything, still in one snapshot.
   */
  helper?: Promise<Session>;
  /**
   * Called once the catalog queries are on their way on every connection that runs them (or the
   * read has ended): from then on the caller may keep the event loop busy, checking the spec,
   * without holding the server up. Until then a busy event loop would leave both backends idle.
   */
  dispatched?: () => void;
}

const CONTEXT = 'introspecting the database';
/** Read with the server's version, for canonicalize (which batches its temporary objects by it). */
const MAX_LOCKS = "pg_catalog.current_setting('max_locks_per_transaction')::int AS max_locks";
const BEGIN_READ = 'BEGIN ISOLATION LEVEL REPEATABLE READ READ ONLY';

/**
 * Reads the live schema in a read-only repeatable-read transaction: one round trip, or three
 * with a helper connection (export the snapshot, the reads, COMMIT) and one on the helper.
 * `schemas` limits it to those schemas; without it every user schema is read.
 */
export async function introspect(session: Session, schemas?: string[], options: IntrospectOptions = {}): Promise<Introspection> {
  const scope: CatalogScope = schemas ? { schemas } : {};
  let dispatchedCalled = false;
  const dispatched = (): void => {
    if (dispatchedCalled) return;
    dispatchedCalled = true;
    options.dispatched?.();
  };
  try {
    if (options.inTransaction) {
      void options.helper?.then(
        (helper) => helper.close(),
        () => undefined,
      );
      // Inside a caller's transaction (apply), the reads join it and see its own changes.
      scope.open = true;
      return await readAlone(session, scope, ['SAVEPOINT pgdrift_introspect'], 'RELEASE SAVEPOINT pgdrift_introspect', true, dispatched);
    }
    if (options.helper) return await readInParallel(session, options.helper, scope, dispatched);
    return await readAlone(session, scope, [BEGIN_READ], 'COMMIT', false, dispatched);
  } finally {
    dispatched();
  }
}

/** The whole read as one batch on one connection: `begin`, the version, the catalog queries, `end`. */
async function readAlone(
  session: Session,
  scope: CatalogScope,
  begin: string[],
  end: string,
  inTransaction: boolean,
  dispatched: () => void = () => undefined,
): Promise<Introspection> {
  const catalog = catalogStatements(scope);
  const statements = [...begin, `SELECT pg_catalog.current_setting('server_version_num')::int AS version, ${MAX_LOCKS}`, ...catalog, end];
  const builder = new SchemaBuilder();
  const reader = catalogReader(builder, statements.length - 1 - CATALOG_QUERIES.length);
  let serverVersion = 0;
  try {
    const reading = session.stream(CONTEXT, statements, (statement, fields, values) => {
      if (statement === begin.length) {
        serverVersion = Number(values[0]);
        session.maxLocksPerTransaction = Number(values[1]);
      } else reader(statement, fields, values);
    });
    dispatched();
    await reading;
  } catch (error) {
    if (!inTransaction) await session.query('rolling back', 'ROLLBACK').catch(() => undefined);
    throw error;
  }
  return builder.result(serverVersion);
}

/** The read split over `session` and a helper connection that shares its snapshot. */
async function readInParallel(
  session: Session,
  pending: Promise<Session>,
  scope: CatalogScope,
  dispatched: () => void,
): Promise<Introspection> {
  let connected: Session | undefined;
  void pending.then(
    (helper) => (connected = helper),
    () => undefined,
  );
  let serverVersion = 0;
  let snapshot = '';
  try {
    await session.stream(
      CONTEXT,
      [
        BEGIN_READ,
        `SELECT pg_catalog.current_setting('server_version_num')::int AS version, pg_catalog.pg_export_snapshot() AS snapshot, ${MAX_LOCKS}`,
      ],
      (_, __, values) => {
        serverVersion = Number(values[0]);
        snapshot = values[1] ?? '';
        session.maxLocksPerTransaction = Number(values[2]);
      },
    );
  } catch {
    // No snapshot to share: this session reads it all, after ending the failed transaction.
    void pending.then(
      (helper) => helper.close(),
      () => undefined,
    );
    return readAlone(session, scope, ['ROLLBACK', BEGIN_READ], 'COMMIT', false, dispatched);
  }

  const builder = new SchemaBuilder();
  const helperStatements = [
    BEGIN_READ,
    `SET TRANSACTION SNAPSHOT ${quoteLiteral(snapshot)}`,
    ...catalogStatements(scope, HELPER_QUERIES, serverVersion),
    'COMMIT',
  ];
  const helperReader = catalogReader(builder, helperStatements.length - 1 - HELPER_QUERIES.length, HELPER_QUERIES);
  let helperRows = 0;
  // Changed by `run` as well as here: a holder, so that the checks below read it afresh.
  const helper: { state: 'waiting' | 'running' | 'declined'; ownSent: boolean } = { state: 'waiting', ownSent: false };
  const run = async (connection: Session): Promise<boolean> => {
    try {
      if (helper.state !== 'waiting') return false;
      helper.state = 'running';
      const reading = connection.stream(`${CONTEXT} (second connection)`, helperStatements, (statement, fields, values) => {
        helperRows += 1;
        helperReader(statement, fields, values);
      });
      if (helper.ownSent) dispatched();
      await reading;
      return true;
    } catch {
      return false;
    } finally {
      await connection.close();
    }
  };
  // Started now if the helper is connected, or as soon as it is, unless this session has moved on.
  const helped = connected ? run(connected) : pending.then(run, () => false);

  const own = CATALOG_QUERIES.filter((query) => !HELPER_QUERIES.includes(query));
  // The snapshot only has to outlive the helper's import, its first statement: when the helper
  // has started, this session's reads (which take far longer) may end the transaction too.
  const commitNow = helper.state === 'running';
  const statements = [...catalogStatements(scope, own, serverVersion), ...(commitNow ? ['COMMIT'] : [])];
  const ownReader = catalogReader(builder, statements.length - (commitNow ? 1 : 0) - own.length, own);
  try {
    const reading = session.stream(CONTEXT, statements, ownReader);
    helper.ownSent = true;
    if (helper.state === 'running') dispatched();
    await reading;
  } catch (error) {
    if (helper.state === 'waiting') helper.state = 'declined';
    await session.query('rolling back', 'ROLLBACK').catch(() => undefined);
    throw error;
  }
  if (helper.state === 'waiting') helper.state = 'declined';
  dispatched();
  const ok = helper.state === 'running' && (await helped);
  if (ok && commitNow) return builder.result(serverVersion);
  if (ok) {
    await session.query(CONTEXT, 'COMMIT');
    return builder.result(serverVersion);
  }
  if (helperRows > 0 || commitNow) {
    // The helper failed part-way, or after this transaction ended: read it all again here.
    return readAlone(session, scope, commitNow ? [BEGIN_READ] : ['ROLLBACK', BEGIN_READ], 'COMMIT', false, dispatched);
  }
  // The helper's queries run here instead, in the same transaction.
  const rest = [...catalogStatements(scope, HELPER_QUERIES, serverVersion), 'COMMIT'];
  try {
    await session.stream(CONTEXT, rest, catalogReader(builder, rest.length - 1 - HELPER_QUERIES.length, HELPER_QUERIES));
  } catch (error) {
    await session.query('rolling back', 'ROLLBACK').catch(() => undefined);
    throw error;
  }
  return builder.result(serverVersion);
}

/**
 * Routes the rows of a streamed batch to `builder`: the statements from `first` on are the
 * catalog queries `queries` (all of them, in CATALOG_QUERIES order, by default). Rows of other
 * statements are ignored.
 */
export function catalogReader(builder: SchemaBuilder, first: number, queries: readonly QueryName[] = CATALOG_QUERIES): RowHandler {
  return (statement, fields, values) => {
    const query = queries[statement - first];
    if (query) builder.add(query, fields, values);
  };
}

type Values = ReadonlyArray<string | null>;

const FK_ACTIONS: Record<string, FkAction> = { a: 'no action', r: 'restrict', c: 'cascade', n: 'set null', d: 'set default' };
const FK_MATCH: Record<string, FkMatch> = { s: 'simple', f: 'full', p: 'partial' };

// Values arrive as PostgreSQL's text output: booleans are t/f, arrays and records are JSON text.
const str = (v: string | null | undefined): string => String(v);
const opt = (v: string | null | undefined): string | undefined => (v === null || v === undefined ? undefined : v);
const bool = (v: string | null | undefined): boolean => v === 't';
const json = <T>(v: string | null | undefined): T => JSON.parse(str(v)) as T;

/** Positions of the named columns in a row; a column the query does not return is a bug here. */
function positions(fields: readonly string[], ...names: string[]): number[] {
  return names.map((name) => {
    const i = fields.indexOf(name);
    if (i < 0) throw new Error(`the catalog query returned no column "${name}"`);
    return i;
  });
}

/** What a table collects before its own row is read (rows of several connections interleave). */
interface TableParts {
  row?: { schema: string; name: string; comment: string | undefined };
  columns: Table['columns'];
  primaryKey?: Table['primaryKey'];
  uniques: Table['uniques'];
  foreignKeys: Table['foreignKeys'];
  checks: Table['checks'];
  exclusions: NonNullable<Table['exclusions']>;
  indexes: Table['indexes'];
  /** Normalised expression trees (temporary schema only), by `treeKey`'s part. */
  trees?: Map<string, string>;
}

/**
 * The key of an expression's tree in `SchemaBuilder.trees()`: the table or view key, then which
 * expression: `default, column`, `check, name`, `index, name, exprs | where`, or `view`.
 */
export const treeKey = (object: string, ...part: string[]): string => [object, ...part].join('\u0000');

/**
 * Builds the model from catalog rows as they stream in, row by row, so that no result set is
 * held. Columns, constraints and indexes name their table by oid; a table is part of the result
 * when the tables query returned it. Pure: no I/O.
 */
export class SchemaBuilder {
  private readonly schema = emptySchema();
  private readonly tables = new Map<string, TableParts>();
  private readonly handlers = new Map<QueryName, { fields: readonly string[]; handle: (v: Values) => void }>();

  /** Adds one row of `query`, whose columns are named by `fields`. */
  add(query: QueryName, fields: readonly string[], values: Values): void {
    let handler = this.handlers.get(query);
    if (handler?.fields !== fields) {
      handler = { fields, handle: this.handler(query, fields) };
      this.handlers.set(query, handler);
    }
    handler.handle(values);
  }

  private readonly invalid: Array<{ tableOid: string; name: string; oid: number; building: boolean }> = [];

  /** The read's result: `finish()`'s schema and the invalid indexes of its tables. */
  result(serverVersion: number): Introspection {
    const schema = this.finish();
    const invalidIndexes: InvalidIndex[] = [];
    for (const x of this.invalid) {
      const row = this.tables.get(x.tableOid)?.row;
      if (!row) continue;
      const table = displayQualified(row.schema, row.name);
      invalidIndexes.push({ table, name: x.name, object: `${table}.${displayIdent(x.name)}`, oid: x.oid, building: x.building });
    }
    invalidIndexes.sort((a, b) => (a.object < b.object ? -1 : a.object > b.object ? 1 : 0));
    return { schema, serverVersion, invalidIndexes };
  }

  private readonly viewTrees = new Map<string, string>();

  /**
   * The stored expression trees read (only a read of the temporary schema has them), normalised
   * (see node-tree.ts), by `treeKey`.
   */
  trees(): Map<string, string> {
    const out = new Map(this.viewTrees);
    for (const parts of this.tables.values()) {
      if (!parts.row || !parts.trees) continue;
      const key = displayQualified(parts.row.schema, parts.row.name);
      for (const [part, tree] of parts.trees) out.set(treeKey(key, part), tree);
    }
    return out;
  }

  private tree(parts: TableParts, part: string, text: string | null | undefined): void {
    if (text === null || text === undefined) return;
    (parts.trees ??= new Map()).set(part, normalizeTree(text));
  }

  /** The schema read so far: tables in key order, each with its indexes in name order. */
  finish(): Schema {
    const tables: Record<string, Table> = {};
    for (const parts of this.tables.values()) {
      if (!parts.row) continue;
      const { schema, name, comment } = parts.row;
      const table: Table = {
        schema,
        name,
        columns: parts.columns,
        uniques: parts.uniques,
        foreignKeys: parts.foreignKeys,
        checks: parts.checks,
        indexes: sortRecord(parts.indexes),
      };
      if (comment !== undefined) table.comment = comment;
      if (parts.primaryKey) table.primaryKey = parts.primaryKey;
      if (parts.exclusions.length) table.exclusions = parts.exclusions.sort((a, b) => compareText(a.name ?? '', b.name ?? ''));
      tables[displayQualified(schema, name)] = table;
    }
    this.schema.tables = sortRecord(tables);
    return this.schema;
  }

  private table(oid: string | null | undefined): TableParts {
    const key = str(oid);
    let parts = this.tables.get(key);
    if (!parts) {
      parts = { columns: [], uniques: [], foreignKeys: [], checks: [], exclusions: [], indexes: {} };
      this.tables.set(key, parts);
    }
    return parts;
  }

  private handler(query: QueryName, f: readonly string[]): (v: Values) => void {
    const schema = this.schema;
    switch (query) {
      case 'schemas': {
        const [name, comment] = positions(f, 'name', 'comment') as [number, number];
        return (v) => {
          const c = opt(v[comment]);
          schema.schemas[str(v[name])] = c === undefined ? {} : { comment: c };
        };
      }
      case 'extensions': {
        const [name, ns, version] = positions(f, 'name', 'schema', 'version') as [number, number, number];
        return (v) => {
          schema.extensions[str(v[name])] = { name: str(v[name]), schema: str(v[ns]), version: str(v[version]) };
        };
      }
      case 'enums': {
        const [ns, name, values, comment] = positions(f, 'schema', 'name', 'values', 'comment') as [number, number, number, number];
        return (v) => {
          const c = opt(v[comment]);
          schema.enums[displayQualified(str(v[ns]), str(v[name]))] = {
            schema: str(v[ns]),
            name: str(v[name]),
            values: json<string[]>(v[values]),
            ...(c === undefined ? {} : { comment: c }),
          };
        };
      }
      case 'sequences': {
        const [ns, name, type, start, increment, min, max, cache, cycle, comment] = positions(
          f,
          'schema',
          'name',
          'type',
          'start',
          'increment',
          'min',
          'max',
          'cache',
          'cycle',
          'comment',
        ) as number[] as [number, number, number, number, number, number, number, number, number, number];
        return (v) => {
          const c = opt(v[comment]);
          schema.sequences[displayQualified(str(v[ns]), str(v[name]))] = {
            schema: str(v[ns]),
            name: str(v[name]),
            type: str(v[type]),
            start: str(v[start]),
            increment: str(v[increment]),
            min: str(v[min]),
            max: str(v[max]),
            cache: str(v[cache]),
            cycle: bool(v[cycle]),
            ...(c === undefined ? {} : { comment: c }),
          };
        };
      }
      case 'tables': {
        const [oid, ns, name, comment] = positions(f, 'oid', 'schema', 'name', 'comment') as [number, number, number, number];
        return (v) => {
          this.table(v[oid]).row = { schema: str(v[ns]), name: str(v[name]), comment: opt(v[comment]) };
        };
      }
      case 'columns': {
        const [table, name, type, notNull, def, identity, generated, collation, serial, comment] = positions(
          f,
          'table_oid',
          'name',
          'type',
          'not_null',
          'default',
          'identity',
          'generated',
          'collation',
          'serial_default',
          'comment',
        ) as number[] as [number, number, number, number, number, number, number, number, number, number];
        const defaultTree = f.indexOf('default_tree');
        return (v) => {
          const id = v[identity] ?? '';
          const gen = v[generated] ?? '';
          const column: Table['columns'][number] = { name: str(v[name]), type: str(v[type]), notNull: bool(v[notNull]) };
          const d = opt(v[def]);
          if (bool(v[serial])) column.serial = true;
          else if (gen === 's' || gen === 'v') {
            if (d !== undefined) column.generated = d;
            if (gen === 'v') column.virtual = true;
          } else if (d !== undefined) column.default = d;
          if (id === 'a') column.identity = 'always';
          if (id === 'd') column.identity = 'by default';
          const coll = opt(v[collation]);
          if (coll !== undefined) column.collation = coll;
          const c = opt(v[comment]);
          if (c !== undefined) column.comment = c;
          const parts = this.table(v[table]);
          parts.columns.push(column);
          if (defaultTree >= 0) this.tree(parts, treeKey('default', column.name), v[defaultTree]);
        };
      }
      case 'constraints': {
        const [
          table,
          name,
          type,
          columns,
          refSchema,
          refTable,
          refColumns,
          onUpdate,
          onDelete,
          match,
          deferrable,
          deferred,
          noInherit,
          expression,
          nullsNotDistinct,
        ] = positions(
          f,
          'table_oid',
          'name',
          'type',
          'columns',
          'ref_schema',
          'ref_table',
          'ref_columns',
          'on_update',
          'on_delete',
          'match',
          'deferrable',
          'deferred',
          'no_inherit',
          'expression',
          'nulls_not_distinct',
        ) as number[] as [
          number,
          number,
          number,
          number,
          number,
          number,
          number,
          number,
          number,
          number,
          number,
          number,
          number,
          number,
          number,
        ];
        const tree = f.indexOf('tree');
        const validated = f.indexOf('validated');
        const includeAt = f.indexOf('include');
        return (v) => {
          const parts = this.table(v[table]);
          const n = str(v[name]);
          // Only foreign keys and checks can be NOT VALID; absent unless they are.
          const notValid = validated >= 0 && v[validated] === 'f' ? { notValid: true } : {};
          // A check has no column list (null): it is only read for the other kinds.
          const cols = (): string[] => json<string[]>(v[columns]);
          const isDeferrable = bool(v[deferrable]);
          const initiallyDeferred = bool(v[deferred]);
          switch (str(v[type])) {
            case 'p':
              parts.primaryKey = { name: n, columns: cols() };
              break;
            case 'u':
              parts.uniques.push({
                name: n,
                columns: cols(),
                ...(includeAt >= 0 && v[includeAt] !== null && v[includeAt] !== undefined ? { include: json<string[]>(v[includeAt]) } : {}),
                nullsNotDistinct: bool(v[nullsNotDistinct]),
                deferrable: isDeferrable,
                initiallyDeferred,
              });
              break;
            case 'f':
              parts.foreignKeys.push({
                name: n,
                columns: cols(),
                refTable: displayQualified(str(v[refSchema]), str(v[refTable])),
                refColumns: json<string[]>(v[refColumns]),
                onDelete: FK_ACTIONS[str(v[onDelete])] ?? 'no action',
                onUpdate: FK_ACTIONS[str(v[onUpdate])] ?? 'no action',
                match: FK_MATCH[str(v[match])] ?? 'simple',
                deferrable: isDeferrable,
                initiallyDeferred,
                ...notValid,
              });
              break;
            case 'c':
              parts.checks.push({ name: n, expression: str(v[expression]), noInherit: bool(v[noInherit]), ...notValid });
              if (tree >= 0) this.tree(parts, treeKey('check', n), v[tree]);
              break;
          }
        };
      }
      case 'indexes': {
        const [table, name, method, unique, nullsNotDistinct, where, keys, include, invalidOid, building] = positions(
          f,
          'table_oid',
          'name',
          'method',
          'unique',
          'nulls_not_distinct',
          'where',
          'keys',
          'include',
          'invalid_oid',
          'building',
        ) as number[] as [number, number, number, number, number, number, number, number, number, number];
        const exprsTree = f.indexOf('exprs_tree');
        const whereTree = f.indexOf('where_tree');
        const [exclusion, operators, deferrable, deferred] = positions(f, 'exclusion', 'operators', 'deferrable', 'deferred') as [
          number,
          number,
          number,
          number,
        ];
        return (v) => {
          const invalid = v[invalidOid];
          if (invalid !== null && invalid !== undefined)
            this.invalid.push({ tableOid: str(v[table]), name: str(v[name]), oid: Number(invalid), building: bool(v[building]) });
          const parsed = json<Array<IndexKey & { opclass: string | null; collation: string | null }>>(v[keys]).map((k) => {
            const key: IndexKey = { expression: k.expression, column: k.column, descending: k.descending, nullsFirst: k.nullsFirst };
            if (k.opclass) key.opclass = k.opclass;
            if (k.collation) key.collation = k.collation;
            return key;
          });
          const w = opt(v[where]);
          const n = str(v[name]);
          const parts = this.table(v[table]);
          const excl = opt(v[exclusion]);
          if (excl !== undefined) {
            const ops = json<string[]>(v[operators]);
            parts.exclusions.push({
              name: excl,
              method: str(v[method]),
              elements: parsed.map((k, i) => ({ ...k, operator: ops[i] ?? '' })),
              include: json<string[]>(v[include]),
              ...(w === undefined ? {} : { where: w }),
              deferrable: bool(v[deferrable]),
              initiallyDeferred: bool(v[deferred]),
            });
            return;
          }
          if (exprsTree >= 0) this.tree(parts, treeKey('index', n, 'exprs'), v[exprsTree]);
          if (whereTree >= 0) this.tree(parts, treeKey('index', n, 'where'), v[whereTree]);
          parts.indexes[n] = {
            name: n,
            unique: bool(v[unique]),
            method: str(v[method]),
            keys: parsed,
            include: json<string[]>(v[include]),
            nullsNotDistinct: bool(v[nullsNotDistinct]),
            ...(w === undefined ? {} : { where: w }),
          };
        };
      }
      case 'views': {
        const [ns, name, materialized, definition, comment] = positions(f, 'schema', 'name', 'materialized', 'definition', 'comment') as [
          number,
          number,
          number,
          number,
          number,
        ];
        const tree = f.indexOf('tree');
        return (v) => {
          const c = opt(v[comment]);
          const key = displayQualified(str(v[ns]), str(v[name]));
          const t = tree >= 0 ? v[tree] : null;
          if (t !== null && t !== undefined) this.viewTrees.set(treeKey(key, 'view'), normalizeTree(t));
          schema.views[key] = {
            schema: str(v[ns]),
            name: str(v[name]),
            materialized: bool(v[materialized]),
            definition: str(v[definition]).trim().replace(/;$/, ''),
            ...(c === undefined ? {} : { comment: c }),
          };
        };
      }
    }
  }
}
