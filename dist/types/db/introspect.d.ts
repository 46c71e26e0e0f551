import { type Schema } from '../core/model.js';
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
export declare const CATALOG_QUERIES: readonly ["schemas", "extensions", "enums", "sequences", "tables", "columns", "constraints", "indexes", "views"];
export type QueryName = (typeof CATALOG_QUERIES)[number];
/**
 * The statements that read a scope, the catalog queries last (all of them, or `queries` in
 * that order); the caller runs them inside a transaction. `serverVersion`, when known, lets the
 * queries use what that version has.
 */
export declare function catalogStatements(scope: CatalogScope, queries?: readonly QueryName[], serverVersion?: number): string[];
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
/**
 * Reads the live schema in a read-only repeatable-read transaction: one round trip, or three
 * with a helper connection (export the snapshot, the reads, COMMIT) and one on the helper.
 * `schemas` limits it to those schemas; without it every user schema is read.
 */
export declare function introspect(session: Session, schemas?: string[], options?: IntrospectOptions): Promise<Introspection>;
/**
 * Routes the rows of a streamed batch to `builder`: the statements from `first` on are the
 * catalog queries `queries` (all of them, in CATALOG_QUERIES order, by default). Rows of other
 * statements are ignored.
 */
export declare function catalogReader(builder: SchemaBuilder, first: number, queries?: readonly QueryName[]): RowHandler;
type Values = ReadonlyArray<string | null>;
/**
 * The key of an expression's tree in `SchemaBuilder.trees()`: the table or view key, then which
 * expression: `default, column`, `check, name`, `index, name, exprs | where`, or `view`.
 */
export declare const treeKey: (object: string, ...part: string[]) => string;
/**
 * Builds the model from catalog rows as they stream in, row by row, so that no result set is
 * held. Columns, constraints and indexes name their table by oid; a table is part of the result
 * when the tables query returned it. Pure: no I/O.
 */
export declare class SchemaBuilder {
    private readonly schema;
    private readonly tables;
    private readonly handlers;
    /** Adds one row of `query`, whose columns are named by `fields`. */
    add(query: QueryName, fields: readonly string[], values: Values): void;
    private readonly invalid;
    /** The read's result: `finish()`'s schema and the invalid indexes of its tables. */
    result(serverVersion: number): Introspection;
    private readonly viewTrees;
    /**
     * The stored expression trees read (only a read of the temporary schema has them), normalised
     * (see node-tree.ts), by `treeKey`.
     */
    trees(): Map<string, string>;
    private tree;
    /** The schema read so far: tables in key order, each with its indexes in name order. */
    finish(): Schema;
    private table;
    private handler;
}
export {};
