/**
 * `npm run bench`: builds synthetic schemas of N tables in scratch databases on a real PostgreSQL
 * and measures the bundled CLI (dist/cli.js) beside `pg_dump --schema-only` and @pgkit/migra:
 * median wall time, peak RSS and CPU time, round trips counted by a loopback proxy, the time
 * through that proxy with added latency, and the start-up time; then applies the SQL of `plan`
 * and of migra to copies of the database and checks what they converge to, and times `apply` on
 * fresh copies. Prints a table,
 * optionally writes JSON and updates the results sections of docs/benchmarks.md. Scratch
 * databases are dropped at the end.
 *
 *   npm run bench                      # N = 1,000 and 5,000
 *   npm run bench -- --sizes 200       # quick run
 *   npm run bench -- --json .tmp/bench.json --docs docs/benchmarks.md
 */
import { execFileSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { copyFileSync, existsSync, mkdtempSync, readFileSync, readdirSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import os from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import { CASES, CHECK_DRIFTED, type BenchCase, type CaseContext } from './cases.js';
import { buildSchema, createDatabase, dropAll, dropDatabase, runSql, urlFor, viaPort, withClient } from './db.js';
import { compareDrift, driftSpec, type SpecJson } from './drift.js';
import { startProxy, type Proxy } from './proxy.js';
import { applyOnCopy, converge, type RepairContext } from './repair.js';
import {
  evaluateTargets,
  hasRepair,
  renderMarkdown,
  renderRepairMarkdown,
  renderText,
  type BenchResult,
  type CaseResult,
  type Machine,
  type SizeResult,
  type StartupResult,
} from './report.js';
import { killRunning, median, run, type RunResult } from './run.js';
import { generateSchema, schemaDdl } from './schema.js';

const root = fileURLToPath(new URL('..', import.meta.url));

interface Options {
  sizes: number[];
  runs: number;
  startupRuns: number;
  drift: number | undefined;
  latencyMs: number;
  seed: number;
  adminUrl: string;
  cli: string;
  json: string | undefined;
  docs: string | undefined;
  keep: boolean;
  verify: boolean;
  plan: boolean;
  /** @pgkit/migra's dist/command.js, or undefined with --no-migra. */
  migra: string | undefined;
  timeoutMs: number;
}

const USAGE = `npm run bench -- [options]
  --sizes 1000,5000     numbers of tables (default 1000,5000)
  --runs 3              timed runs per figure (median; at least 3)
  --drift N             drifts in the drifted spec (default min(300, 30% of N))
  --latency 20          ms added per round trip by the proxy for the latency runs
  --seed 1              seed of the synthetic schema and of the drift
  --database-url URL    server to use (default $BENCH_DATABASE_URL or postgres://postgres@127.0.0.1:5432/postgres)
  --cli PATH            bundle under test (default dist/cli.js)
  --json FILE           write the results as JSON
  --docs FILE           replace the results section of FILE (docs/benchmarks.md)
  --timeout 600         seconds a single run may take before it is killed and reported as timed out
  --no-plan             skip plan and migra (the check benchmark alone)
  --no-migra            skip @pgkit/migra
  --keep                keep the scratch databases
  --no-verify           skip applying the drift SQL, plan's SQL and migra's SQL to copies and checking them`;

function readOptions(argv: string[]): Options {
  const { values } = parseArgs({
    args: argv,
    options: {
      sizes: { type: 'string' },
      runs: { type: 'string' },
      'startup-runs': { type: 'string' },
      drift: { type: 'string' },
      latency: { type: 'string' },
      seed: { type: 'string' },
      'database-url': { type: 'string' },
      cli: { type: 'string' },
      json: { type: 'string' },
      docs: { type: 'string' },
      keep: { type: 'boolean' },
      'no-verify': { type: 'boolean' },
      timeout: { type: 'string' },
      'no-plan': { type: 'boolean' },
      'no-migra': { type: 'boolean' },
      help: { type: 'boolean', short: 'h' },
    },
  });
  if (values.help) {
    console.log(USAGE);
    process.exit(0);
  }
  const num = (name: string, raw: string | undefined, fallback: number, min: number): number => {
    const n = raw === undefined ? fallback : Number(raw);
    if (!Number.isInteger(n) || n < min) throw new Error(`--${name} ${raw} is not a whole number of at least ${min}`);
    return n;
  };
  const sizes = (values.sizes ?? '1000,5000').split(',').map((v) => num('sizes', v.trim(), 0, 2));
  const plan = !(values['no-plan'] ?? false);
  return {
    sizes,
    runs: num('runs', values.runs, 3, 3),
    startupRuns: num('startup-runs', values['startup-runs'], 10, 3),
    drift: values.drift === undefined ? undefined : num('drift', values.drift, 0, 1),
    latencyMs: num('latency', values.latency, 20, 0),
    seed: num('seed', values.seed, 1, 0),
    adminUrl: values['database-url'] ?? process.env.BENCH_DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/postgres',
    cli: values.cli ?? join(root, 'dist/cli.js'),
    json: values.json,
    docs: values.docs,
    keep: values.keep ?? false,
    verify: !(values['no-verify'] ?? false),
    plan,
    migra: plan && !(values['no-migra'] ?? false) ? migraCommand() : undefined,
    timeoutMs: num('timeout', values.timeout, 600, 1) * 1000,
  };
}

const require = createRequire(import.meta.url);

/** The command-line entry point of the installed @pgkit/migra (a dev dependency). */
function migraCommand(): string {
  try {
    return require.resolve('@pgkit/migra/dist/command.js');
  } catch {
    throw new Error('@pgkit/migra is not installed (a dev dependency): run npm ci, or pass --no-migra');
  }
}

function migraVersion(command: string): string {
  return (JSON.parse(readFileSync(join(dirname(command), '..', 'package.json'), 'utf8')) as { version: string }).version;
}

/** A short digest of a file, to tell whether runs wrote the same output. */
function digest(file: string): string | undefined {
  try {
    return createHash('sha256').update(readFileSync(file)).digest('hex');
  } catch {
    return undefined;
  }
}

function log(text: string): void {
  process.stderr.write(`${text}\n`);
}

/** Warns when a source file is newer than the bundle: the figures would not be of the code. */
function checkBundle(cli: string): void {
  if (!existsSync(cli)) throw new Error(`${cli} does not exist: run npm run build first`);
  const built = statSync(cli).mtimeMs;
  const newer = (dir: string): string[] =>
    readdirSync(join(root, dir), { recursive: true, withFileTypes: true })
      .filter((e) => e.isFile() && /\.(ts|sql)$/.test(e.name) && statSync(join(e.parentPath, e.name)).mtimeMs > built)
      .map((e) => join(e.parentPath, e.name).slice(root.length));
  const stale = [...newer('src'), ...newer('sql')];
  if (stale.length)
    log(
      `warning: ${stale.slice(0, 3).join(', ')}${stale.length > 3 ? ' …' : ''} newer than ${cli}: run npm run build to measure the current code`,
    );
}

function codeInfo(cli: string): BenchResult['code'] {
  const git = (args: string[]): string => {
    try {
      return execFileSync('git', args, { cwd: root, encoding: 'utf8' }).trim();
    } catch {
      return '';
    }
  };
  return {
    commit: git(['rev-parse', 'HEAD']) || 'unknown',
    dirty: git(['status', '--porcelain', '--', 'src', 'sql']) !== '',
    bundleBuilt: statSync(cli).mtime.toISOString(),
    bundleSha256: createHash('sha256').update(readFileSync(cli)).digest('hex').slice(0, 16),
  };
}

async function machine(adminUrl: string): Promise<Machine> {
  const server = await withClient(adminUrl, async (c) => (await c.query<{ v: string }>('SELECT version() AS v')).rows[0]!.v);
  const pgDump = execFileSync('pg_dump', ['--version'], { encoding: 'utf8' })
    .trim()
    .replace(/^pg_dump \(PostgreSQL\) /, '');
  const serverShort = /^PostgreSQL [\d.]+/.exec(server)?.[0] ?? server;
  if (serverShort.split(' ')[1]?.split('.')[0] !== pgDump.split('.')[0])
    log(`warning: pg_dump ${pgDump} and ${serverShort} are not the same major version`);
  return {
    cpus: os.cpus().length,
    cpuModel: os.cpus()[0]?.model.trim() ?? 'unknown',
    memoryGb: Math.round(os.totalmem() / 2 ** 30),
    node: process.version,
    server: serverShort,
    pgDump,
    platform: `${os.type()} ${os.release()}`,
  };
}

function failure(c: BenchCase, r: RunResult, how: string): string | undefined {
  if (c.expect.includes(r.code)) return undefined;
  return `${c.label} ${how}: exit ${r.code} (expected ${c.expect.join(' or ')}): ${r.stderr.trim().split('\n').slice(0, 3).join(' | ')}`;
}

async function measureStartup(opts: Options, proxy: Proxy, dir: string): Promise<StartupResult> {
  const name = `pgdrift_bench_${process.pid}_empty`;
  await createDatabase(opts.adminUrl, name);
  const url = urlFor(opts.adminUrl, name);
  const spec = join(dir, 'empty.json');
  writeFileSync(spec, '{ "version": 1 }\n');
  const times = async (program: string, args: string[], expect = 0): Promise<number> => {
    const ms: number[] = [];
    for (let i = 0; i < opts.startupRuns; i += 1) {
      const r = await run(program, args);
      if (r.code !== expect) throw new Error(`${args.join(' ')}: exit ${r.code}: ${r.stderr}`);
      ms.push(r.ms);
    }
    return median(ms);
  };
  const check = (u: string): string[] => [opts.cli, 'check', '--spec', spec, '--database-url', u];
  const result: StartupResult = {
    runs: opts.startupRuns,
    nodeMs: await times(process.execPath, ['-e', '0']),
    versionMs: await times(process.execPath, [opts.cli, '--version']),
    checkMs: await times(process.execPath, check(url)),
    checkNoSslMs: await times(process.execPath, check(urlFor(opts.adminUrl, name, { sslmode: 'disable' }))),
  };
  proxy.reset();
  await run(process.execPath, check(viaPort(url, proxy.port)));
  result.checkRoundTrips = proxy.stats();
  await dropDatabase(opts.adminUrl, name);
  return result;
}

async function measureSize(opts: Options, proxy: Proxy, tables: number, dir: string): Promise<SizeResult> {
  // The pid keeps two runs on one server (a shared machine) from dropping each other's databases.
  const name = `pgdrift_bench_${process.pid}_${tables}`;
  const url = urlFor(opts.adminUrl, name);
  const loadBefore = os.loadavg()[0]!;

  log(`N=${tables}: generating and building the schema`);
  const schema = generateSchema(tables, opts.seed);
  const started = performance.now();
  await createDatabase(opts.adminUrl, name);
  await buildSchema(url, schemaDdl(schema));
  const buildSeconds = (performance.now() - started) / 1000;
  log(`N=${tables}: built in ${buildSeconds.toFixed(1)} s (${schema.counts.columns} columns, ${schema.counts.indexes} indexes)`);

  const files = {
    snapshot: join(dir, `snapshot-${tables}.json`),
    dump: join(dir, `dump-${tables}.sql`),
    drifted: join(dir, `drifted-${tables}.json`),
    output: '',
  };
  const target = `${name}_target`;
  const targetUrl = urlFor(opts.adminUrl, target);
  const ctx = (u: string, t: string, c: BenchCase): CaseContext => ({
    node: process.execPath,
    cli: opts.cli,
    migra: opts.migra ?? '',
    url: u,
    targetUrl: t,
    files: { ...files, output: join(dir, `${c.id}-${tables}.out`) },
  });
  // A case that changes the database runs on a fresh copy of it, made before each run.
  const fresh = `${name}_fresh`;
  const freshUrl = urlFor(opts.adminUrl, fresh);
  const urlOf = (c: BenchCase): string => (c.fresh ? freshUrl : url);
  const direct = (c: BenchCase): CaseContext => ctx(urlOf(c), targetUrl, c);
  const proxied = (c: BenchCase): CaseContext => ctx(viaPort(urlOf(c), proxy.port), viaPort(targetUrl, proxy.port), c);
  const exec = async (c: BenchCase, context: CaseContext): Promise<RunResult> => {
    if (c.fresh) await createDatabase(opts.adminUrl, fresh, name);
    const { program, args, stdout } = c.command(context);
    return run(program, args, { timeoutMs: opts.timeoutMs, ...(stdout ? { stdoutFile: stdout } : {}) });
  };

  // The spec of the database, written once before the timed runs (it also warms the caches).
  const first = await run(process.execPath, [opts.cli, 'snapshot', '--database-url', url, '--output', files.snapshot]);
  if (first.code !== 0) throw new Error(`snapshot failed: ${first.stderr}`);
  const snapshot = JSON.parse(readFileSync(files.snapshot, 'utf8')) as SpecJson;
  const driftCount = opts.drift ?? Math.min(300, Math.max(1, Math.round(tables * 0.3)));
  const drift = driftSpec(snapshot, driftCount, opts.seed + 6);
  writeFileSync(files.drifted, `${JSON.stringify(drift.spec, null, 2)}\n`);
  const kinds: Record<string, number> = {};
  for (const d of drift.drifts) kinds[d.kind] = (kinds[d.kind] ?? 0) + 1;

  // The target: a copy with the drift SQL applied. migra diffs against it; the check below proves it.
  log(`N=${tables}: making the target database (a copy with the drift SQL applied)`);
  await createDatabase(opts.adminUrl, target, name);
  await runSql(
    targetUrl,
    drift.drifts.flatMap((d) => d.sql.filter((sql) => !sql.startsWith('ALTER TYPE'))),
  );
  // ALTER TYPE … ADD VALUE is run outside the transaction (its value is unusable until commit).
  for (const d of drift.drifts)
    for (const sql of d.sql.filter((q) => q.startsWith('ALTER TYPE'))) await withClient(targetUrl, (c) => c.query(sql));

  const cases = CASES.filter((c) => (c.group !== 'repair' || opts.plan) && (c.id !== 'migra' || opts.migra !== undefined));
  const results: CaseResult[] = cases.map((c) => ({
    id: c.id,
    label: c.label,
    group: c.group,
    ...(c.peer ? { peer: true } : {}),
    runsMs: [],
    medianMs: 0,
    failures: [],
  }));
  const latencyRuns = new Map<string, number[]>();
  const cpu = new Map<string, number[]>();
  const outputs = new Map<string, Set<string>>();
  const record = (c: BenchCase, context: CaseContext): void => {
    if (c.group !== 'repair') return;
    const h = digest(context.files.output);
    if (h) (outputs.get(c.id) ?? outputs.set(c.id, new Set()).get(c.id)!).add(h);
  };
  // A case that reached the time bound is not run again at this size: the bound is its figure.
  const abandoned = (res: CaseResult): boolean => (res.timedOut ?? 0) > 0;
  // Rounds interleave the cases, so that a slow moment of a shared machine falls on all of them.
  for (let round = 1; round <= opts.runs; round += 1) {
    log(`N=${tables}: round ${round}/${opts.runs}`);
    for (const [i, c] of cases.entries()) {
      const res = results[i]!;
      if (abandoned(res)) continue;
      const r = await exec(c, direct(c));
      res.runsMs.push(r.ms);
      if (r.timedOut) {
        res.timedOut = (res.timedOut ?? 0) + 1;
        res.failures.push(`${c.label}: timed out after ${opts.timeoutMs / 1000} s (round ${round}); not run again at this size`);
        continue;
      }
      if (r.maxRssMb !== undefined) res.peakRssMb = Math.max(res.peakRssMb ?? 0, r.maxRssMb);
      if (r.cpuMs !== undefined) (cpu.get(c.id) ?? cpu.set(c.id, []).get(c.id)!).push(r.cpuMs);
      const f = failure(c, r, 'direct');
      if (f) res.failures.push(f);
      else record(c, direct(c));
      if (c.latency && opts.latencyMs > 0) {
        proxy.setLatency(opts.latencyMs);
        const lr = await exec(c, proxied(c));
        proxy.setLatency(0);
        latencyRuns.set(c.id, [...(latencyRuns.get(c.id) ?? []), lr.ms]);
        const lf = failure(c, lr, `with +${opts.latencyMs} ms`);
        if (lf) res.failures.push(lf);
      }
    }
  }

  // One run of each case through the proxy without latency, to count round trips.
  for (const [i, c] of cases.entries()) {
    const res = results[i]!;
    res.medianMs = median(res.runsMs);
    if (abandoned(res)) continue;
    proxy.reset();
    const r = await exec(c, proxied(c));
    const st = proxy.stats();
    res.proxyMs = r.ms;
    res.roundTrips = {
      connect: st.connectRoundTrips,
      query: st.queryRoundTrips,
      total: st.connectRoundTrips + st.queryRoundTrips,
      connections: st.connections,
      queries: st.queries,
      serverMb: st.serverBytes / 2 ** 20,
    };
    res.turnsMs = st.turns.map((t) => Math.round(t.ms));
    const clientCpu = cpu.get(c.id);
    if (clientCpu?.length) res.cpu = { clientMs: median(clientCpu), serverMs: st.serverCpuMs };
    const f = r.timedOut ? `${c.label} through the proxy: timed out after ${opts.timeoutMs / 1000} s` : failure(c, r, 'through the proxy');
    if (f) res.failures.push(f);
    else record(c, proxied(c));
    if (outputs.has(c.id)) res.outputs = outputs.get(c.id)!.size;
    const lat = latencyRuns.get(c.id);
    // Paired with the loopback run of the same round, so that a busy moment cancels out.
    if (lat)
      res.latency = { ms: opts.latencyMs, runsMs: lat, medianMs: median(lat), addedMs: median(lat.map((ms, k) => ms - res.runsMs[k]!)) };
  }

  const reported = JSON.parse(readFileSync(direct(CHECK_DRIFTED).files.output, 'utf8')) as {
    changes: Array<{ kind: string; object: string; table?: string }>;
  };
  const sizeResult: SizeResult = {
    tables,
    counts: schema.counts,
    buildSeconds,
    snapshotMb: statSync(files.snapshot).size / 2 ** 20,
    dumpMb: statSync(files.dump).size / 2 ** 20,
    loadAverage: { before: loadBefore, after: os.loadavg()[0]! },
    cases: results,
    drift: { drifts: drift.drifts.length, kinds, comparison: compareDrift(drift.drifts, reported.changes) },
  };

  if (opts.verify) {
    log(`N=${tables}: checking the drifted spec against the target (the copy with the drift SQL applied)`);
    const r = await exec(CHECK_DRIFTED, ctx(targetUrl, targetUrl, CHECK_DRIFTED));
    let remaining: string[] = [];
    if (r.code === 1)
      remaining = (JSON.parse(readFileSync(direct(CHECK_DRIFTED).files.output, 'utf8')) as typeof reported).changes.map(
        (c) => `${c.kind} ${c.object}`,
      );
    else if (r.code !== 0) remaining = [r.stderr.trim()];
    sizeResult.drift.verification = { exitCode: r.code, remaining };
    if (opts.plan) sizeResult.repair = await verifyRepair(opts, name, targetUrl, files.drifted, dir, tables, results);
  }
  if (!opts.keep) await dropDatabase(opts.adminUrl, fresh);
  if (!opts.keep) await dropDatabase(opts.adminUrl, target);
  if (!opts.keep) await dropDatabase(opts.adminUrl, name);
  return sizeResult;
}

/**
 * Applies pgdrift's plan and migra's output to fresh copies of the live database and checks what
 * they converge to (bench/repair.ts), and runs pgdrift's `apply` on another copy.
 */
async function verifyRepair(
  opts: Options,
  live: string,
  targetUrl: string,
  drifted: string,
  dir: string,
  tables: number,
  results: CaseResult[],
): Promise<SizeResult['repair']> {
  const rc: RepairContext = {
    adminUrl: opts.adminUrl,
    live,
    targetUrl,
    node: process.execPath,
    cli: opts.cli,
    migra: opts.migra,
    drifted,
    file: (f) => join(dir, `${f}-${tables}`),
    timeoutMs: opts.timeoutMs,
    keep: opts.keep,
  };
  const repair: NonNullable<SizeResult['repair']> = {};
  log(`N=${tables}: applying the plan's SQL to a copy, then check and migra from it to the target`);
  const planSql = join(dir, `plan-${tables}.sql`);
  const p = await run(
    process.execPath,
    [opts.cli, 'plan', '--allow-destructive', '--spec', drifted, '--output', planSql, '--database-url', urlFor(opts.adminUrl, live)],
    { timeoutMs: opts.timeoutMs },
  );
  if (p.code === 0 || p.code === 1) repair.plan = await converge(rc, 'plan', planSql, false);
  else
    repair.plan = {
      applied: {
        ok: false,
        ms: 0,
        statements: 0,
        error: `plan exited ${p.code}: ${p.timedOut ? 'timed out' : p.stderr.trim().split('\n')[0]}`,
      },
      check: { exitCode: -1, remaining: {}, examples: ['not run'] },
    };
  log(`N=${tables}: apply --allow-destructive on another copy`);
  repair.apply = await applyOnCopy(rc);
  if (opts.migra) {
    const migra = results.find((c) => c.id === 'migra');
    const output = join(dir, `migra-${tables}.out`);
    if (!migra || migra.failures.length || !existsSync(output)) repair.migraSkipped = migra?.failures[0] ?? 'migra did not run';
    else {
      log(`N=${tables}: applying migra's output to a copy, then check and migra from it to the target`);
      repair.migra = await converge(rc, 'migra', output, true);
    }
  }
  return repair;
}

const RESULTS = { start: '<!-- bench:results -->', end: '<!-- /bench:results -->', heading: '## Results' };
const REPAIR = {
  start: '<!-- bench:plan-migra -->',
  end: '<!-- /bench:plan-migra -->',
  heading: '## Results: plan beside check and migra',
};

/**
 * Replaces one generated section of the docs page, leaving the hand-written method and the other
 * section alone (each is rewritten only by a run that measured what it reports).
 */
function updateDocs(file: string, markdown: string, marks: typeof RESULTS): void {
  const block = `${marks.start}\n${markdown.trim()}\n${marks.end}`;
  const text = existsSync(file) ? readFileSync(file, 'utf8') : '';
  const start = text.indexOf(marks.start);
  const end = text.indexOf(marks.end);
  const next =
    start >= 0 && end > start
      ? `${text.slice(0, start)}${block}${text.slice(end + marks.end.length)}`
      : `${text.trimEnd()}\n\n${marks.heading}\n\n${block}\n`;
  writeFileSync(file, next);
}

async function main(): Promise<void> {
  const opts = readOptions(process.argv.slice(2));
  checkBundle(opts.cli);
  const target = new URL(opts.adminUrl);
  if (!['127.0.0.1', 'localhost', '[::1]'].includes(target.hostname))
    throw new Error('the benchmark proxy only talks to 127.0.0.1: use a local server');
  const proxy = await startProxy(Number(target.port || 5432));
  const dir = mkdtempSync(join(os.tmpdir(), 'pgdrift-bench-'));
  // Measure a private copy: a rebuild of dist/ during the run must not change the code measured.
  const code = codeInfo(opts.cli);
  const bundle = join(dir, 'cli.js');
  copyFileSync(opts.cli, bundle);
  opts.cli = bundle;
  const interrupt = (): void => {
    log('interrupted: dropping the scratch databases');
    killRunning();
    void dropAll().finally(() => process.exit(130));
  };
  process.once('SIGINT', interrupt);
  process.once('SIGTERM', interrupt);
  try {
    const info = await machine(opts.adminUrl);
    log(`pgdrift benchmark: ${info.cpus} CPUs, ${info.server}, pg_dump ${info.pgDump}, sizes ${opts.sizes.join(', ')}`);
    const startup = await measureStartup(opts, proxy, dir);
    const sizes: SizeResult[] = [];
    for (const n of opts.sizes) sizes.push(await measureSize(opts, proxy, n, dir));
    const partial: Omit<BenchResult, 'targets'> = {
      date: new Date().toISOString(),
      machine: info,
      code,
      options: {
        sizes: opts.sizes,
        runs: opts.runs,
        drift: opts.drift === undefined ? 'min(300, 30% of N)' : String(opts.drift),
        latencyMs: opts.latencyMs,
        seed: opts.seed,
        timeoutS: opts.timeoutMs / 1000,
      },
      ...(opts.migra ? { peers: { migra: migraVersion(opts.migra) } } : {}),
      startup,
      sizes,
    };
    const result: BenchResult = { ...partial, targets: evaluateTargets(partial) };
    process.stdout.write(renderText(result));
    if (opts.json) writeFileSync(opts.json, `${JSON.stringify(result, null, 2)}\n`);
    if (opts.docs) {
      updateDocs(opts.docs, renderMarkdown(result), RESULTS);
      if (hasRepair(result)) updateDocs(opts.docs, renderRepairMarkdown(result), REPAIR);
    }
    const failures = sizes.flatMap((s) => s.cases.flatMap((c) => c.failures));
    for (const f of failures) log(`failure: ${f}`);
    if (failures.length) process.exitCode = 1;
  } finally {
    await proxy.close();
    if (!opts.keep) await dropAll();
    rmSync(dir, { recursive: true, force: true });
  }
}

main().catch(async (error: unknown) => {
  log(`bench: ${(error as Error).stack ?? String(error)}`);
  await dropAll();
  process.exit(2);
});
