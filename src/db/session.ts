/**
 * A connection with a round-trip counter. Every message exchange with the server goes through
 * `query` or `batch`, so the counter is what the benchmark reports and what tests bound.
 */
import type pg from 'pg';
import { DatabaseError, serverMessage } from '../core/errors.js';

export class Session {
  roundTrips = 0;
  /**
   * The server's max_locks_per_transaction, once a catalog read has asked (see introspect): how
   * many objects one transaction may lock on average before the shared lock table runs out.
   */
  maxLocksPerTransaction: number | undefined;
  constructor(readonly client: pg.Client) {}

  /** One parameterised statement: one round trip. */
  async query<R extends pg.QueryResultRow = pg.QueryResultRow>(
    context: string,
    text: string,
    values: unknown[] = [],
  ): Promise<pg.QueryResult<R>> {
    this.roundTrips += 1;
    try {
      return await this.client.query<R>(text, values);
    } catch (error) {
      throw wrapError(context, error);
    }
  }

  /**
   * Several statements without parameters, sent as one simple-protocol message: one round trip.
   * Returns one result per statement. On an error the server skips the rest of the batch.
   */
  async batch(context: string, statements: string[]): Promise<pg.QueryResult[]> {
    this.roundTrips += 1;
    try {
      const result = (await this.client.query(statements.join(';\n'))) as unknown as pg.QueryResult | pg.QueryResult[];
      return Array.isArray(result) ? result : [result];
    } catch (error) {
      throw wrapError(context, error);
    }
  }

  /**
   * Like `batch`, but each row is handed to `onRow` as it arrives instead of being collected: the
   * statement's index in `statements`, its column names, and the values as PostgreSQL sent them
   * (text, or null). Nothing is kept, so a large catalog read never sits in memory twice.
   */
  async stream(context: string, statements: string[], onRow: RowHandler): Promise<void> {
    this.roundTrips += 1;
    const batch = new StreamedBatch(statements.join(';\n'), onRow);
    this.client.query(batch);
    try {
      await batch.done;
    } catch (error) {
      throw wrapError(context, error);
    }
  }

  async close(): Promise<void> {
    await this.client.end().catch(() => undefined);
  }
}

/** Receives one row of a streamed batch: see `Session.stream`. */
export type RowHandler = (statement: number, fields: readonly string[], values: ReadonlyArray<string | null>) => void;

/**
 * A simple-protocol query in node-postgres's submittable form (the interface pg-cursor uses): the
 * server ends each statement with CommandComplete, which is how a row is told to its statement.
 */
class StreamedBatch implements pg.Submittable {
  readonly done: Promise<void>;
  private resolve!: () => void;
  private reject!: (error: unknown) => void;
  private statement = 0;
  private fields: string[] = [];
  private failure: unknown;

  constructor(
    private readonly text: string,
    private readonly onRow: RowHandler,
  ) {
    this.done = new Promise((resolve, reject) => {
      this.resolve = resolve;
      this.reject = reject;
    });
  }

  submit(connection: pg.Connection): void {
    connection.query(this.text);
  }

  handleRowDescription(message: { fields: Array<{ name: string }> }): void {
    this.fields = message.fields.map((f) => f.name);
  }

  handleDataRow(message: { fields: Array<string | null> }): void {
    if (this.failure !== undefined) return;
    try {
      this.onRow(this.statement, this.fields, message.fields);
    } catch (error) {
      // Kept until ReadyForQuery, so that the connection is idle again when the caller hears of it.
      this.failure = error;
    }
  }

  handleCommandComplete(): void {
    this.statement += 1;
  }

  handleEmptyQuery(): void {}

  handlePortalSuspended(): void {}

  handleCopyInResponse(connection: pg.Connection): void {
    (connection as unknown as { sendCopyFail(message: string): void }).sendCopyFail('pgdrift does not send COPY data');
  }

  handleCopyData(): void {}

  handleError(error: unknown): void {
    this.reject(error);
  }

  handleReadyForQuery(): void {
    if (this.failure !== undefined) this.reject(this.failure);
    else this.resolve();
  }
}

/**
 * `introspecting columns: permission denied for schema app`, keeping pg's code, detail and hint.
 * Every server error enters pgdrift here, so its message is made safe to relay here (one line,
 * capped, no long quoted value: see serverMessage), on the server's error itself too, as callers
 * quote `cause.message`.
 */
export function wrapError(context: string, error: unknown): DatabaseError {
  if (error instanceof DatabaseError) return error;
  const e = error as { code?: string; message?: string; detail?: string; hint?: string };
  if (error instanceof Error) error.message = serverMessage(error.message, e.code);
  return new DatabaseError(`${context}: ${e.message ?? String(error)}`, {
    ...(e.code ? { sqlState: e.code } : {}),
    ...(e.detail ? { detail: e.detail } : {}),
    ...(e.hint ? { hint: e.hint } : {}),
    cause: error,
  });
}
