/**
 * A connection with a round-trip counter. Every message exchange with the server goes through
 * `query` or `batch`, so the counter is what the benchmark reports and what tests bound.
 */
import type pg from 'pg';
import { DatabaseError } from '../core/errors.js';
export declare class Session {
    readonly client: pg.Client;
    roundTrips: number;
    /**
     * The server's max_locks_per_transaction, once a catalog read has asked (see introspect): how
     * many objects one transaction may lock on average before the shared lock table runs out.
     */
    maxLocksPerTransaction: number | undefined;
    constructor(client: pg.Client);
    /** One parameterised statement: one round trip. */
    query<R extends pg.QueryResultRow = pg.QueryResultRow>(context: string, text: string, values?: unknown[]): Promise<pg.QueryResult<R>>;
    /**
     * Several statements without parameters, sent as one simple-protocol message: one round trip.
     * Returns one result per statement. On an error the server skips the rest of the batch.
     */
    batch(context: string, statements: string[]): Promise<pg.QueryResult[]>;
    /**
     * Like `batch`, but each row is handed to `onRow` as it arrives instead of being collected: the
     * statement's index in `statements`, its column names, and the values as PostgreSQL sent them
     * (text, or null). Nothing is kept, so a large catalog read never sits in memory twice.
     */
    stream(context: string, statements: string[], onRow: RowHandler): Promise<void>;
    close(): Promise<void>;
}
/** Receives one row of a streamed batch: see `Session.stream`. */
export type RowHandler = (statement: number, fields: readonly string[], values: ReadonlyArray<string | null>) => void;
/**
 * `introspecting columns: permission denied for schema app`, keeping pg's code, detail and hint.
 * Every server error enters pgdrift here, so its message is made safe to relay here (one line,
 * capped, no long quoted value: see serverMessage), on the server's error itself too, as callers
 * quote `cause.message`.
 */
export declare function wrapError(context: string, error: unknown): DatabaseError;
