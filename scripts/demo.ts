/**
 * `npm run demo`: the outage and its repair, on a real PostgreSQL started from npm's binaries.
 * Loads examples/chatkit/broken.sql with a few conversations, then runs the bundled CLI:
 * check (the drift that broke production), plan, apply, check again, and shows the rows survived.
 * Cleans up after itself; works as root and as a normal user.
 */
import { spawnSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import pg from 'pg';
import { startEmbedded, type EmbeddedServer } from '../src/db/embedded.js';

const root = fileURLToPath(new URL('..', import.meta.url));
const bold = (s: string): string => (process.stdout.isTTY ? `\u001b[1m${s}\u001b[0m` : s);

function step(title: string): void {
  process.stdout.write(`\n${bold(`━━ ${title}`)}\n\n`);
}

function pgdrift(args: string[], url: string): number {
  process.stdout.write(`$ pgdrift ${args.join(' ')}\n`);
  const run = spawnSync(process.execPath, [`${root}dist/cli.js`, ...args], {
    env: { ...process.env, DATABASE_URL: url },
    stdio: ['ignore', 'inherit', 'inherit'],
  });
  process.stdout.write(`(exit code ${run.status})\n`);
  return run.status ?? -1;
}

async function rows(url: string): Promise<Array<{ id: string; created_at: string }>> {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    return (await client.query("SELECT id, to_char(created_at, 'YYYY-MM-DD HH24:MI') AS created_at FROM conversations ORDER BY id")).rows;
  } finally {
    await client.end();
  }
}

async function main(): Promise<number> {
  let server: EmbeddedServer | undefined;
  try {
    step('Starting a throwaway PostgreSQL 15 (real server binaries from npm)');
    server = await startEmbedded({ version: 15 });
    const admin = new pg.Client({ connectionString: server.url });
    await admin.connect();
    await admin.query('CREATE DATABASE chatkit');
    await admin.end();
    const url = server.url.replace(/\/postgres(\?|$)/, '/chatkit$1');
    const db = new pg.Client({ connectionString: url });
    await db.connect();
    await db.query(readFileSync(`${root}examples/chatkit/broken.sql`, 'utf8'));
    await db.query(`INSERT INTO conversations (id, created_at) VALUES
      ('2f1c0a52-0001-4c1e-9a57-000000000001', '2025-12-20 09:15'),
      ('2f1c0a52-0002-4c1e-9a57-000000000002', '2025-12-22 14:02'),
      ('2f1c0a52-0003-4c1e-9a57-000000000003', '2025-12-26 18:40')`);
    await db.end();
    process.stdout.write('Loaded examples/chatkit/broken.sql (the hand-initialised production database) and 3 conversations.\n');
    const before = await rows(url);

    step('1. check: what the database lacks compared with the spec (why every new chat session failed)');
    const drift = pgdrift(['check', '--spec', 'examples/chatkit/schema.json'], url);
    step('2. plan: the repair, in order, with its hazards');
    pgdrift(['plan', '--spec', 'examples/chatkit/schema.json'], url);
    step('3. apply: one transaction, verified against the spec before commit');
    const applied = pgdrift(['apply', '--spec', 'examples/chatkit/schema.json'], url);
    step('4. check again');
    const clean = pgdrift(['check', '--spec', 'examples/chatkit/schema.json'], url);

    step('5. The conversations survived');
    const after = await rows(url);
    for (const r of after) process.stdout.write(`  ${r.id}  created ${r.created_at}\n`);
    const kept = JSON.stringify(before) === JSON.stringify(after);
    process.stdout.write(`\n${kept ? `All ${after.length} rows kept, unchanged.` : 'ROWS CHANGED: this is a bug.'}\n`);

    const ok = drift === 1 && applied === 0 && clean === 0 && kept;
    step(
      ok
        ? 'Verdict: drift found, repaired, verified. The outage cannot ship again.'
        : 'Verdict: the demo did not go as expected (see above).',
    );
    return ok ? 0 : 1;
  } finally {
    await server?.stop();
  }
}

main().then(
  (code) => {
    process.exitCode = code;
  },
  (error: unknown) => {
    process.stderr.write(`demo failed: ${(error as Error).message}\n`);
    process.exitCode = 2;
  },
);
