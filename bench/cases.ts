/**
 * What the benchmark measures on each synthetic database: one case per command, all measured the
 * same way (median wall time over the runs, peak RSS and CPU time, round trips through the
 * counting proxy, and optionally the time through the proxy with added latency): pg_dump and
 * pgdrift's snapshot and check (issue 2), pgdrift's plan and @pgkit/migra (issues 3 and 5), and
 * pgdrift's apply.
 */

export interface CaseContext {
  /** Node binary and the bundle under test. */
  node: string;
  cli: string;
  /** @pgkit/migra's command-line entry point (dist/command.js). */
  migra: string;
  /** Database URL to use: direct, or through the proxy. */
  url: string;
  /** The copy of the database with the drift SQL applied, the same way (direct or proxied). */
  targetUrl: string;
  /** Files prepared for this size. */
  files: { snapshot: string; dump: string; drifted: string; output: string };
}

export interface Command {
  program: string;
  args: string[];
  /** The file the program's standard output goes to, for tools that only print to it. */
  stdout?: string;
}

export interface BenchCase {
  id: string;
  label: string;
  /** The program and its arguments. */
  command: (ctx: CaseContext) => Command;
  /** Exit codes that mean the run did what it should. */
  expect: number[];
  /** Also run through the proxy with added latency. */
  latency: boolean;
  /** Which results it belongs to: the drift report (issue 2) or the repair (`plan`, migra: issues 3 and 5). */
  group: 'check' | 'repair';
  /** Another tool than pgdrift: left out of pgdrift's own memory and round-trip targets. */
  peer?: boolean;
  /**
   * It changes the database: every run (timed or counted) gets a fresh copy of the live database,
   * made before the clock starts, as `url`.
   */
  fresh?: boolean;
}

const cli = (ctx: CaseContext, args: string[]): Command => ({ program: ctx.node, args: [ctx.cli, ...args, '--database-url', ctx.url] });

export const PG_DUMP: BenchCase = {
  id: 'pg_dump',
  label: 'pg_dump --schema-only',
  command: (ctx) => ({ program: 'pg_dump', args: ['--schema-only', '--file', ctx.files.dump, '--dbname', ctx.url] }),
  expect: [0],
  latency: false,
  group: 'check',
  peer: true,
};

export const SNAPSHOT: BenchCase = {
  id: 'snapshot',
  label: 'snapshot',
  command: (ctx) => cli(ctx, ['snapshot', '--output', ctx.files.output]),
  expect: [0],
  latency: false,
  group: 'check',
};

export const CHECK_CLEAN: BenchCase = {
  id: 'check',
  label: 'check (clean)',
  command: (ctx) => cli(ctx, ['check', '--spec', ctx.files.snapshot, '--format', 'json', '--output', ctx.files.output]),
  expect: [0],
  latency: true,
  group: 'check',
};

export const CHECK_DRIFTED: BenchCase = {
  id: 'check-drifted',
  label: 'check (drifted)',
  command: (ctx) => cli(ctx, ['check', '--spec', ctx.files.drifted, '--format', 'json', '--output', ctx.files.output]),
  expect: [1],
  latency: true,
  group: 'check',
};

/**
 * `plan` of the drifted spec with destructive changes allowed, so that the plan is the whole way
 * to the spec (without the flag the drops are withheld and the database cannot converge), and so
 * that it does what `migra --unsafe` does. JSON to a file, as `check` writes its report.
 */
export const PLAN: BenchCase = {
  id: 'plan',
  label: 'plan --allow-destructive',
  command: (ctx) =>
    cli(ctx, ['plan', '--allow-destructive', '--spec', ctx.files.drifted, '--format', 'json', '--output', ctx.files.output]),
  expect: [1],
  latency: false,
  group: 'repair',
};

/**
 * `apply` of the same drifted spec, destructive changes allowed as for `plan`, on a fresh copy of
 * the live database each run: it reads the catalog to plan, runs the statements, reads it again
 * inside its transaction to verify, and commits. Its report afterwards comes from that second
 * read, so its cost beside `check (drifted)` is the statements plus one read.
 */
export const APPLY: BenchCase = {
  id: 'apply',
  label: 'apply --allow-destructive',
  command: (ctx) =>
    cli(ctx, ['apply', '--allow-destructive', '--spec', ctx.files.drifted, '--format', 'json', '--output', ctx.files.output]),
  expect: [0],
  latency: false,
  group: 'repair',
  fresh: true,
};

/**
 * @pgkit/migra as its command line is documented: `migra run <from> <target> --unsafe` prints the
 * statements that take the first database to the second (`--unsafe` lets it print drops instead
 * of refusing). The target is the copy with the drift SQL applied: a database-to-database differ
 * needs one, where pgdrift reads the spec.
 */
export const MIGRA: BenchCase = {
  id: 'migra',
  label: 'migra --unsafe',
  command: (ctx) => ({ program: ctx.node, args: [ctx.migra, 'run', ctx.url, ctx.targetUrl, '--unsafe'], stdout: ctx.files.output }),
  expect: [0],
  latency: false,
  group: 'repair',
  peer: true,
};

/** Every case, in the order each round runs them. */
export const CASES: BenchCase[] = [PG_DUMP, SNAPSHOT, CHECK_CLEAN, CHECK_DRIFTED, PLAN, APPLY, MIGRA];
