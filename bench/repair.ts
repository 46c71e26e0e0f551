/**
 * Correctness of the repair, for pgdrift's `plan` and for @pgkit/migra alike: a fresh copy of the
 * live database gets the tool's SQL (run by psql, stopping at the first error), then pgdrift's
 * `check` of the drifted spec says what, if anything, still differs, and migra re-run from the
 * result to the target database gives a second opinion that owes nothing to pgdrift. Every copy
 * is dropped before the next one is made.
 */
import { readFileSync } from 'node:fs';
import type { Command } from './cases.js';
import { createDatabase, dropDatabase, urlFor } from './db.js';
import type { Convergence } from './report.js';
import { run, type RunResult } from './run.js';

export interface RepairContext {
  adminUrl: string;
  /** The live database (template of the copies) and the target the drift SQL produced. */
  live: string;
  targetUrl: string;
  node: string;
  cli: string;
  migra: string | undefined;
  drifted: string;
  /** Where to write the outputs of this size. */
  file: (name: string) => string;
  timeoutMs: number;
  keep: boolean;
}

const firstLines = (text: string, n = 2): string => text.trim().split('\n').slice(0, n).join(' | ');

/** Statements of a script as migra prints them: each ends with `;` at the end of a line. */
export function splitStatements(sql: string): string[] {
  return sql
    .split(/;[ \t]*(?:\r?\n|$)/)
    .map((s) => s.replace(/^(?:\s*--[^\n]*\n)*/, '').trim())
    .filter((s) => s !== '' && !/^(BEGIN|COMMIT)$/i.test(s));
}

const short = (sql: string): string => {
  const line = sql.replace(/\s+/g, ' ');
  return line.length > 110 ? `${line.slice(0, 107)}…` : line;
};

async function exec(c: Command, ctx: RepairContext): Promise<RunResult> {
  return run(c.program, c.args, { timeoutMs: ctx.timeoutMs, ...(c.stdout ? { stdoutFile: c.stdout } : {}) });
}

/** Runs a SQL file with psql, stopping at the first error; `single` wraps it in one transaction. */
async function psql(url: string, file: string, single: boolean, timeoutMs: number): Promise<{ ok: boolean; ms: number; error?: string }> {
  const args = ['-X', '-q', '-v', 'ON_ERROR_STOP=1', ...(single ? ['--single-transaction'] : []), '-d', url, '-f', file];
  const r = await run('psql', args, { timeoutMs });
  if (r.timedOut) return { ok: false, ms: r.ms, error: `timed out after ${Math.round(timeoutMs / 1000)} s` };
  if (r.code === 0) return { ok: true, ms: r.ms };
  const error = r.stderr.split('\n').filter((l) => /ERROR|FATAL/.test(l));
  return { ok: false, ms: r.ms, error: firstLines(error.join('\n') || r.stderr, 3) };
}

/** `check` of the drifted spec: its exit code and what remains, counted by kind. */
async function checkDrifted(url: string, ctx: RepairContext, name: string): Promise<Convergence['check']> {
  const out = ctx.file(`${name}-check.json`);
  const r = await exec(
    { program: ctx.node, args: [ctx.cli, 'check', '--spec', ctx.drifted, '--format', 'json', '--output', out, '--database-url', url] },
    ctx,
  );
  if (r.code !== 0 && r.code !== 1) return { exitCode: r.code, remaining: {}, examples: [firstLines(r.stderr)] };
  if (r.code === 0) return { exitCode: 0, remaining: {}, examples: [] };
  const report = JSON.parse(readFileSync(out, 'utf8')) as {
    summary: { byKind: Record<string, number> };
    changes: Array<{ kind: string; object: string }>;
  };
  return { exitCode: r.code, remaining: report.summary.byKind, examples: report.changes.slice(0, 3).map((c) => `${c.kind} ${c.object}`) };
}

/** migra from `url` to the target: the statements it still prints (none when they are alike to migra). */
async function migraRerun(url: string, ctx: RepairContext, name: string): Promise<Convergence['migraRerun']> {
  if (!ctx.migra) return undefined;
  const out = ctx.file(`${name}-migra-rerun.sql`);
  const r = await exec({ program: ctx.node, args: [ctx.migra, 'run', url, ctx.targetUrl, '--unsafe'], stdout: out }, ctx);
  if (r.code !== 0)
    return {
      exitCode: r.code,
      statements: 0,
      examples: [r.timedOut ? `timed out after ${Math.round(ctx.timeoutMs / 1000)} s` : firstLines(r.stderr)],
    };
  const statements = splitStatements(readFileSync(out, 'utf8'));
  return { exitCode: 0, statements: statements.length, examples: statements.slice(0, 3).map(short), kinds: kindsOf(statements) };
}

/** Statements counted by their first words (`alter table … add constraint`, `drop index` …). */
function kindsOf(statements: string[]): Record<string, number> {
  const out: Record<string, number> = {};
  for (const s of statements) {
    const words = s
      .toLowerCase()
      .replace(/"[^"]*"(\."[^"]*")*/g, '…')
      .split(/\s+/);
    const key = words[0] === 'alter' && words[1] === 'table' ? words.slice(0, 5).join(' ') : words.slice(0, 2).join(' ');
    out[key] = (out[key] ?? 0) + 1;
  }
  return out;
}

/** Applies `sqlFile` to a fresh copy of the live database and checks the result both ways. */
export async function converge(ctx: RepairContext, name: string, sqlFile: string, singleTransaction: boolean): Promise<Convergence> {
  const copy = `${ctx.live}_${name}`;
  await createDatabase(ctx.adminUrl, copy, ctx.live);
  const url = urlFor(ctx.adminUrl, copy);
  try {
    const statements = splitStatements(readFileSync(sqlFile, 'utf8')).length;
    const applied = await psql(url, sqlFile, singleTransaction, ctx.timeoutMs);
    const result: Convergence = { applied: { ...applied, statements }, check: await checkDrifted(url, ctx, name) };
    const rerun = await migraRerun(url, ctx, name);
    if (rerun) result.migraRerun = rerun;
    return result;
  } finally {
    if (!ctx.keep) await dropDatabase(ctx.adminUrl, copy);
  }
}

/**
 * pgdrift's own path on another fresh copy: `apply --allow-destructive`, which verifies inside its
 * transaction and commits only if the database then matches the spec (exit 0).
 */
export async function applyOnCopy(ctx: RepairContext): Promise<{ exitCode: number; ms: number; applied?: number; error?: string }> {
  const copy = `${ctx.live}_apply`;
  await createDatabase(ctx.adminUrl, copy, ctx.live);
  const url = urlFor(ctx.adminUrl, copy);
  try {
    const out = ctx.file('apply.json');
    const r = await exec(
      {
        program: ctx.node,
        args: [ctx.cli, 'apply', '--allow-destructive', '--spec', ctx.drifted, '--format', 'json', '--output', out, '--database-url', url],
      },
      ctx,
    );
    if (r.code === 0 || r.code === 1) {
      const result = JSON.parse(readFileSync(out, 'utf8')) as { applied: number };
      return { exitCode: r.code, ms: r.ms, applied: result.applied };
    }
    return {
      exitCode: r.code,
      ms: r.ms,
      error: r.timedOut ? `timed out after ${Math.round(ctx.timeoutMs / 1000)} s` : firstLines(r.stderr),
    };
  } finally {
    if (!ctx.keep) await dropDatabase(ctx.adminUrl, copy);
  }
}
