/**
 * The major version of the test server, read once at collection time, so that a test of a feature
 * an older PostgreSQL lacks (NULLS NOT DISTINCT before 15) can say so instead of failing there.
 */
import pg from 'pg';
import { serverUrl } from './db.js';

let cached: number | undefined;

export async function serverMajor(): Promise<number> {
  if (cached !== undefined) return cached;
  const client = new pg.Client({ connectionString: serverUrl() });
  await client.connect();
  try {
    const { rows } = await client.query<{ v: string }>("SELECT current_setting('server_version_num') AS v");
    cached = Math.floor(Number(rows[0]?.v) / 10000);
    return cached;
  } finally {
    await client.end();
  }
}
