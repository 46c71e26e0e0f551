// Refuse to start a Node backend on a database that lacks what it needs.
//
// guard.sql is written by `pgdrift guard --spec examples/chatkit/schema.json > examples/chatkit/guard.sql`: one read-only query
// over the catalog, one row per missing or incompatible piece, zero rows when all is there.
//
//   import { requireSchema } from './guard.mjs';
//   await requireSchema(process.env.DATABASE_URL);   // before app.listen(...)
//
// For a pgdrift check from Node itself (the full report, not only what the app needs), use the
// package's API instead.
import { readFileSync } from 'node:fs';
import pg from 'pg';

const GUARD_SQL = readFileSync(new URL('./guard.sql', import.meta.url), 'utf8');

/** Connects, retrying while the database starts (a Neon compute waking up, a container booting). */
async function connect(connectionString, waitSeconds) {
  const deadline = Date.now() + waitSeconds * 1000;
  for (let delay = 250; ; delay = Math.min(delay * 2, 5000)) {
    const client = new pg.Client({ connectionString, connectionTimeoutMillis: 10_000 });
    try {
      await client.connect();
      return client;
    } catch (error) {
      await client.end().catch(() => {});
      if (Date.now() + delay > deadline)
        throw new Error(`schema guard: the database did not answer within ${waitSeconds}s (${error.message})`, { cause: error });
      await new Promise((resolve) => setTimeout(resolve, delay));
    }
  }
}

/** Rows of { problem, object, detail } for each thing the database lacks; [] when all is there. */
export async function missingSchema(connectionString, { waitSeconds = 30 } = {}) {
  const client = await connect(connectionString, waitSeconds);
  try {
    return (await client.query(GUARD_SQL)).rows;
  } finally {
    await client.end();
  }
}

/** Logs every missing piece and throws, so the process does not start serving half-broken. */
export async function requireSchema(connectionString, options) {
  const rows = await missingSchema(connectionString, options);
  for (const r of rows) console.error(`schema guard: ${r.problem} ${r.object}: ${r.detail}`);
  if (rows.length) throw new Error(`the database lacks ${rows.length} thing(s) the application needs (see the log above)`);
}

if (import.meta.url === `file://${process.argv[1]}`) {
  requireSchema(process.env.DATABASE_URL).then(
    () => console.log('schema guard: the database has what the application needs'),
    (error) => {
      console.error(error.message);
      process.exit(1);
    },
  );
}
