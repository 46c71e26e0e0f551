/**
 * A connection with a round-trip counter. Every message exchange with the server goes through
 * `query` or `batch`, so the counter is what the benchmark reports and what tests bound.
 */
import type pg from 'pg';
import { DatabaseError } from '../core/errors.js';

export class Session {
  roundTrips = 0;
  constructor(readonly client: pg.Client) {}

  /** One parameterised statement: one round trip. */
  async query<R extends pg.QueryResultRow = pg.QueryResultRow>(context: string, text: string, values: unknown[] = []): Promise<pg.QueryResult<R>> {
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

  async close(): Promise<void> {
    await this.client.end().catch(() => undefined);
  }
}

/** `introspecting columns: permission denied for schema app`, keeping pg's code, detail and hint. */
export function wrapError(context: string, error: unknown): DatabaseError {
  if (error instanceof DatabaseError) return error;
  const e = error as { code?: string; message?: string; detail?: string; hint?: string };
  return new DatabaseError(`${context}: ${e.message ?? String(error)}`, {
    ...(e.code ? { sqlState: e.code } : {}),
    ...(e.detail ? { detail: e.detail } : {}),
    ...(e.hint ? { hint: e.hint } : {}),
    cause: error,
  });
}
