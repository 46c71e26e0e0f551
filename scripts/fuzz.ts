/**
 * `npm run fuzz`: runs check on 10,000 fuzzed specs (tests/fuzz/specs.ts) against a scratch
 * database on TEST_DATABASE_URL's server, then prints the figures docs/fuzz.md records. Options:
 * --seed N (default 20261201), --count N (default 10000), --from N (default 0). Exits 1 when a
 * check failed (an exit other than 0, 1 or 2, an unexpected error or a stack trace) or left
 * something in the database.
 */
import { randomBytes } from 'node:crypto';
import pg from 'pg';
import { runFuzz } from '../tests/fuzz/run.js';

function option(name: string, fallback: number): number {
  const i = process.argv.indexOf(`--${name}`);
  return i >= 0 ? Number(process.argv[i + 1]) : fallback;
}

const server = process.env.TEST_DATABASE_URL;
if (!server) {
  console.error('TEST_DATABASE_URL is not set');
  process.exit(2);
}
const seed = option('seed', 20261201);
const count = option('count', 10_000);
const from = option('from', 0);
const name = `pgdrift_fuzz_${randomBytes(4).toString('hex')}`;
const admin = new pg.Client({ connectionString: server });
await admin.connect();
await admin.query(`CREATE DATABASE "${name}"`);
const url = new URL(server);
url.pathname = `/${name}`;
try {
  const setup = new pg.Client({ connectionString: url.toString() });
  await setup.connect();
  await setup.query(`CREATE TABLE t0 (id bigint PRIMARY KEY, name text); CREATE TYPE mood AS ENUM ('sad', 'ok'); CREATE SEQUENCE s;`);
  await setup.end();
  const result = await runFuzz(url.toString(), seed, count, from, (done) => {
    if (done % 500 === 0) process.stderr.write(`${done} of ${count}\n`);
  });
  console.log(
    JSON.stringify(
      {
        seed,
        from,
        runs: result.runs,
        seconds: result.seconds,
        exits: result.exits,
        failures: result.failures.length,
        leftovers: result.leftovers,
      },
      null,
      2,
    ),
  );
  for (const f of result.failures) console.log(f);
  process.exitCode = result.failures.length || result.leftovers.length ? 1 : 0;
} finally {
  await admin.query(`DROP DATABASE "${name}" WITH (FORCE)`);
  await admin.end();
}
