/**
 * Runs `check` in-process on fuzzed specs against one database and says what went wrong: an exit
 * other than 0, 1 or 2, an unexpected error, a stack trace, or anything the checks left in the
 * database (relations, types, schemas, temporary objects, sessions idle in a transaction).
 */
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import pg from 'pg';
import { runCli } from '../../src/cli/main.js';
import { readSpecFile } from '../../src/spec-file.js';
import { fuzzSpec } from './specs.js';

export interface FuzzResult {
  seed: number;
  runs: number;
  exits: Record<string, number>;
  /** `spec n: what` for each failure, the spec's text cut short. */
  failures: string[];
  /** What the checks left in the database, or [] when nothing. */
  leftovers: string[];
  seconds: number;
}

const STATE = `SELECT
  (SELECT count(*)::int FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace WHERE n.nspname NOT IN ('pg_catalog', 'information_schema') AND n.nspname NOT LIKE 'pg_toast%') AS relations,
  (SELECT count(*)::int FROM pg_type t JOIN pg_namespace n ON n.oid = t.typnamespace WHERE n.nspname NOT IN ('pg_catalog', 'information_schema') AND n.nspname NOT LIKE 'pg_toast%') AS types,
  (SELECT count(*)::int FROM pg_namespace WHERE nspname NOT LIKE 'pg_temp%' AND nspname NOT LIKE 'pg_toast_temp%') AS schemas,
  (SELECT count(*)::int FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace WHERE n.nspname LIKE 'pg\\_temp\\_%') AS temp,
  (SELECT count(*)::int FROM pg_stat_activity WHERE datname = current_database() AND state LIKE 'idle in transaction%') AS idle_in_transaction,
  (SELECT count(*)::int FROM pg_stat_activity WHERE datname = current_database() AND pid <> pg_backend_pid()) AS sessions`;

type State = Record<string, number>;

async function state(url: string): Promise<State> {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    return (await client.query<State>(STATE)).rows[0] as State;
  } finally {
    await client.end();
  }
}

/** Runs specs `from` … `from + count - 1` of `seed` against `url`. */
export async function runFuzz(url: string, seed: number, count: number, from = 0, progress?: (done: number) => void): Promise<FuzzResult> {
  const started = Date.now();
  const dir = mkdtempSync(join(tmpdir(), 'pgdrift-fuzz-'));
  const before = await state(url);
  const exits: Record<string, number> = {};
  const failures: string[] = [];
  try {
    for (let n = from; n < from + count; n++) {
      const text = fuzzSpec(seed, n);
      const file = join(dir, 'spec.json');
      writeFileSync(file, text);
      let stdout = '';
      let stderr = '';
      let code: number;
      try {
        code = await runCli(['check', '--database-url', url, '--spec', file, '--format', n % 2 ? 'json' : 'text'], {
          env: {},
          stdout: (t) => (stdout += t),
          stderr: (t) => (stderr += t),
          readFile: (p) => readFileSync(p, 'utf8'),
          readSpec: (p) => readSpecFile(p),
          writeFile: () => undefined,
        });
      } catch (error) {
        code = -1;
        stderr += `threw: ${(error as Error).stack ?? String(error)}`;
      }
      exits[String(code)] = (exits[String(code)] ?? 0) + 1;
      const what = ![0, 1, 2].includes(code)
        ? `exit ${code}`
        : /unexpected error/i.test(stderr)
          ? 'unexpected error'
          : /\n\s+at .+:\d+:\d+/.test(stderr + stdout)
            ? 'stack trace'
            : '';
      if (what) failures.push(`spec ${n}: ${what}: ${stderr.slice(0, 400)} — spec: ${text.slice(0, 300)}`);
      progress?.(n - from + 1);
    }
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
  // The server notices a session's end at once here (the checks close their connections), but
  // allow it a moment.
  let after = await state(url);
  for (let i = 0; i < 50 && (after.sessions !== before.sessions || after.idle_in_transaction !== 0); i++) {
    await new Promise((resolve) => setTimeout(resolve, 100));
    after = await state(url);
  }
  const leftovers = Object.keys(after)
    .filter((k) => (k === 'idle_in_transaction' ? after[k] !== 0 : after[k] !== before[k]))
    .map((k) => `${k}: ${before[k]} before, ${after[k]} after`);
  return { seed, runs: count, exits, failures, leftovers, seconds: (Date.now() - started) / 1000 };
}
