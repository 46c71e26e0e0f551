/**
 * Finds the PostgreSQL server the integration tests use: TEST_DATABASE_URL when set. Without it
 * the run fails here, loudly, rather than skipping anything.
 */
import pg from 'pg';

export default async function setup(): Promise<void> {
  const url = process.env.TEST_DATABASE_URL;
  if (!url) {
    throw new Error('TEST_DATABASE_URL is not set: point it at a PostgreSQL server the tests may create databases on, e.g. postgres://postgres@127.0.0.1:5432/postgres');
  }
  const client = new pg.Client({ connectionString: url });
  try {
    await client.connect();
    await client.query('SELECT 1');
  } catch (error) {
    throw new Error(`TEST_DATABASE_URL does not answer: ${(error as Error).message}`, { cause: error });
  } finally {
    await client.end().catch(() => undefined);
  }
}
