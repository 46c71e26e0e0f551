/**
 * Each test file makes its own database on the server from TEST_DATABASE_URL and drops it after.
 */
import { randomBytes } from 'node:crypto';
import pg from 'pg';

export function serverUrl(): string {
  const url = process.env.TEST_DATABASE_URL;
  if (!url) throw new Error('TEST_DATABASE_URL is not set');
  return url;
}

/** The server URL with another database name. */
export function urlFor(database: string, base = serverUrl()): string {
  const u = new URL(base);
  u.pathname = `/${encodeURIComponent(database)}`;
  return u.toString();
}

export interface TestDatabase {
  name: string;
  url: string;
  /** Runs SQL (several statements allowed) on the test database. */
  exec(sql: string): Promise<pg.QueryResult[]>;
  query<R extends pg.QueryResultRow = pg.QueryResultRow>(sql: string, values?: unknown[]): Promise<R[]>;
  /** Drops every user schema's objects by recreating the database. */
  reset(): Promise<void>;
  drop(): Promise<void>;
}

async function admin<T>(fn: (client: pg.Client) => Promise<T>): Promise<T> {
  const client = new pg.Client({ connectionString: serverUrl() });
  await client.connect();
  try {
    return await fn(client);
  } finally {
    await client.end();
  }
}

export async function createTestDatabase(label: string): Promise<TestDatabase> {
  const name = `pgdrift_${label
    .replace(/[^a-z0-9_]/gi, '_')
    .toLowerCase()
    .slice(0, 30)}_${randomBytes(4).toString('hex')}`;
  await admin((c) => c.query(`CREATE DATABASE "${name}"`));
  const url = urlFor(name);
  let client: pg.Client | undefined;
  const connection = async (): Promise<pg.Client> => {
    if (!client) {
      client = new pg.Client({ connectionString: url });
      client.on('error', () => undefined);
      await client.connect();
    }
    return client;
  };
  const closeClient = async (): Promise<void> => {
    await client?.end().catch(() => undefined);
    client = undefined;
  };
  return {
    name,
    url,
    async exec(sql) {
      const result = (await (await connection()).query(sql)) as unknown as pg.QueryResult | pg.QueryResult[];
      return Array.isArray(result) ? result : [result];
    },
    async query(sql, values) {
      return (await (await connection()).query(sql, values)).rows;
    },
    async reset() {
      await closeClient();
      await admin(async (c) => {
        await c.query(`DROP DATABASE IF EXISTS "${name}" WITH (FORCE)`);
        await c.query(`CREATE DATABASE "${name}"`);
      });
    },
    async drop() {
      await closeClient();
      await admin((c) => c.query(`DROP DATABASE IF EXISTS "${name}" WITH (FORCE)`));
    },
  };
}
