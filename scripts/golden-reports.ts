/**
 * Writes the JSON reports of every golden case (check --format json, plan --format json, and plan
 * with --allow-destructive) into a folder, one file per case and command, so that two revisions of
 * pgdrift can be compared byte for byte: run it at each, then `diff -r` the two folders.
 *
 *   TEST_DATABASE_URL=postgres://postgres@127.0.0.1:5432/postgres node --import tsx scripts/golden-reports.ts OUT_DIR
 */
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import pg from 'pg';
import { cli } from '../tests/helpers/cli.js';
import { CLEAN_DATABASE, loadCases } from '../tests/helpers/cases.js';
import { createTestDatabase } from '../tests/helpers/db.js';

const out = process.argv[2];
if (!out) {
  console.error('usage: scripts/golden-reports.ts OUT_DIR');
  process.exit(2);
}
mkdirSync(out, { recursive: true });
const db = await createTestDatabase('golden_reports');
const client = new pg.Client({ connectionString: db.url });
await client.connect();
const major = Math.floor(Number((await client.query<{ v: string }>('SHOW server_version_num')).rows[0]?.v) / 10000);
try {
  for (const c of loadCases()) {
    if (c.minVersion > major) continue;
    await client.query(CLEAN_DATABASE);
    if (c.before.trim()) await client.query(c.before);
    const base = ['--database-url', db.url, '--spec', c.specFile, '--format', 'json'];
    const runs: Array<[string, string[]]> = [
      ['check', ['check', ...base]],
      ['plan', ['plan', ...base]],
      ['plan-destructive', ['plan', ...base, '--allow-destructive']],
    ];
    for (const [label, args] of runs) {
      const r = await cli(args);
      writeFileSync(join(out, `${c.name.replaceAll('/', '__')}.${label}.json`), `exit ${r.code}\n${r.stdout}\n--- stderr\n${r.stderr}`);
    }
  }
} finally {
  await client.end();
  await db.drop();
}
console.log(`golden reports written to ${out}`);
