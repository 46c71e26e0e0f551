/**
 * What the benchmark measures on each synthetic database: one case per command, all measured the
 * same way (median wall time over the runs, peak RSS, round trips through the counting proxy, and
 * optionally the time through the proxy with added latency). A later command (`plan`) or a peer
 * tool (migra) is one more entry here.
 */

export interface CaseContext {
  /** Node binary and the bundle under test. */
  node: string;
  cli: string;
  /** Database URL to use: direct, or through the proxy. */
  url: string;
  /** Files prepared for this size. */
  files: { snapshot: string; dump: string; drifted: string; output: string };
}

export interface BenchCase {
  id: string;
  label: string;
  /** The program and its arguments. */
  command: (ctx: CaseContext) => { program: string; args: string[] };
  /** Exit codes that mean the run did what it should. */
  expect: number[];
  /** Also run through the proxy with added latency. */
  latency: boolean;
}

const cli = (ctx: CaseContext, args: string[]): { program: string; args: string[] } => ({ program: ctx.node, args: [ctx.cli, ...args, '--database-url', ctx.url] });

export const PG_DUMP: BenchCase = {
  id: 'pg_dump',
  label: 'pg_dump --schema-only',
  command: (ctx) => ({ program: 'pg_dump', args: ['--schema-only', '--file', ctx.files.dump, '--dbname', ctx.url] }),
  expect: [0],
  latency: false,
};

export const SNAPSHOT: BenchCase = {
  id: 'snapshot',
  label: 'snapshot',
  command: (ctx) => cli(ctx, ['snapshot', '--output', ctx.files.output]),
  expect: [0],
  latency: false,
};

export const CHECK_CLEAN: BenchCase = {
  id: 'check',
  label: 'check (clean)',
  command: (ctx) => cli(ctx, ['check', '--spec', ctx.files.snapshot, '--format', 'json', '--output', ctx.files.output]),
  expect: [0],
  latency: true,
};

export const CHECK_DRIFTED: BenchCase = {
  id: 'check-drifted',
  label: 'check (drifted)',
  command: (ctx) => cli(ctx, ['check', '--spec', ctx.files.drifted, '--format', 'json', '--output', ctx.files.output]),
  expect: [1],
  latency: true,
};

/** The cases of issue 2, in the order each round runs them. */
export const CASES: BenchCase[] = [PG_DUMP, SNAPSHOT, CHECK_CLEAN, CHECK_DRIFTED];
