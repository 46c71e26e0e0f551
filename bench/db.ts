/**
 * Scratch databases for the benchmark: created on the server of the admin URL, dropped at the end
 * (also when the run is interrupted).
 */
import pg from 'pg';
import { quoteIdent } from '../src/core/ident.js';
import type { DdlPlan } from './schema.js';

/** The same server URL with another database name. */
export function urlFor(base: string, database: string, params: Record<string, string> = {}): string {
  const u = new URL(base);
  u.pathname = `/${encodeURIComponent(database)}`;
  for (const [k, v] of Object.entries(params)) u.searchParams.set(k, v);
  return u.toString();
}

/** The same URL pointing at another host and port (the proxy). */
export function viaPort(url: string, port: number): string {
  const u = new URL(url);
  u.hostname = '127.0.0.1';
  u.port = String(port);
  return u.toString();
}

export async function withClient<T>(url: string, fn: (client: pg.Client) => Promise<T>): Promise<T> {
  const client = new pg.Client({ connectionString: url });
  client.on('error', () => undefined);
  await client.connect();
  try {
    return await fn(client);
  } finally {
    await client.end().catch(() => undefined);
  }
}

const created = new Set<string>();
let adminUrl: string | undefined;

export async function createDatabase(admin: string, name: string, template?: string): Promise<void> {
  adminUrl = admin;
  await withClient(admin, async (c) => {
    await c.query(`DROP DATABASE IF EXISTS ${quoteIdent(name)} WITH (FORCE)`);
    await c.query(`CREATE DATABASE ${quoteIdent(name)}${template ? ` TEMPLATE ${quoteIdent(template)}` : ''}`);
  });
  created.add(name);
}

export async function dropDatabase(admin: string, name: string): Promise<void> {
  await withClient(admin, (c) => c.query(`DROP DATABASE IF EXISTS ${quoteIdent(name)} WITH (FORCE)`));
  created.delete(name);
}

/** Drops every scratch database this process created and has not dropped yet. */
export async function dropAll(): Promise<void> {
  if (!adminUrl) return;
  for (const name of [...created]) await dropDatabase(adminUrl, name).catch(() => undefined);
}

/**
 * Runs the DDL: the prelude, the table chunks on `concurrency` connections, the foreign keys on
 * one, the views, then ANALYZE so the catalogs have statistics as a live database's would.
 */
export async function buildSchema(url: string, ddl: DdlPlan, concurrency = 2): Promise<void> {
  await withClient(url, (c) => c.query(ddl.prelude));
  const queue = [...ddl.tableChunks];
  const worker = (): Promise<void> =>
    withClient(url, async (c) => {
      for (let chunk = queue.shift(); chunk !== undefined; chunk = queue.shift()) await c.query(chunk);
    });
  await Promise.all(Array.from({ length: concurrency }, worker));
  await withClient(url, async (c) => {
    for (const chunk of ddl.foreignKeyChunks) await c.query(chunk);
    if (ddl.epilogue) await c.query(ddl.epilogue);
    await c.query('ANALYZE');
  });
}

/** Runs statements on a database in one transaction. */
export async function runSql(url: string, statements: string[]): Promise<void> {
  if (statements.length === 0) return;
  await withClient(url, (c) => c.query(['BEGIN', ...statements, 'COMMIT'].join(';\n')));
}
