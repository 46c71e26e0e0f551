/**
 * The benchmark's results as data, the targets of issue 2 evaluated on them, and their rendering
 * as a plain-text table (stdout) or Markdown (docs/benchmarks.md).
 */
import type { DriftComparison } from './drift.js';
import type { ProxyStats } from './proxy.js';
import { median } from './run.js';
import type { GeneratedSchema } from './schema.js';

export interface CaseResult {
  id: string;
  label: string;
  runsMs: number[];
  medianMs: number;
  peakRssMb?: number;
  roundTrips?: { connect: number; query: number; total: number; connections: number; queries: number; serverMb: number };
  /** The counting run through the proxy without added latency. */
  proxyMs?: number;
  /** Its query round trips: ms from the client's first message to the server's ReadyForQuery. */
  turnsMs?: number[];
  /**
   * CPU time, which a busy machine stretches far less than wall time: the client's (median over
   * the runs, from wait4) and the server backend's (the counting run, from /proc; null if unknown).
   */
  cpu?: { clientMs: number; serverMs: number | null };
  latency?: { ms: number; runsMs: number[]; medianMs: number; addedMs: number };
  failures: string[];
}

export interface SizeResult {
  tables: number;
  counts: GeneratedSchema['counts'];
  buildSeconds: number;
  snapshotMb: number;
  dumpMb: number;
  loadAverage: { before: number; after: number };
  cases: CaseResult[];
  drift: {
    drifts: number;
    kinds: Record<string, number>;
    comparison?: DriftComparison;
    /** The drift SQL applied to a copy of the database, then `check` of the drifted spec. */
    verification?: { exitCode: number; remaining: string[] };
  };
}

export interface StartupResult {
  runs: number;
  nodeMs: number;
  versionMs: number;
  /** `check` of an empty spec on an empty database, the URL as a user types it. */
  checkMs: number;
  checkRoundTrips?: ProxyStats;
  /** The same with sslmode=disable (one connection instead of two against a server without TLS). */
  checkNoSslMs: number;
}

export interface Machine {
  cpus: number;
  cpuModel: string;
  memoryGb: number;
  node: string;
  server: string;
  pgDump: string;
  platform: string;
}

export interface BenchResult {
  date: string;
  machine: Machine;
  /** The code measured: the commit, whether the tree had uncommitted changes, the bundle's age. */
  code: { commit: string; dirty: boolean; bundleBuilt: string; bundleSha256: string };
  options: { sizes: number[]; runs: number; drift: string; latencyMs: number; seed: number };
  startup: StartupResult;
  sizes: SizeResult[];
  targets: Target[];
}

export interface Target {
  id: string;
  text: string;
  measured: string;
  /** measured / limit, so ≤ 1 (or < 1 for strict limits) is met. */
  ratio: number;
  met: boolean;
}

const s = (ms: number): string => `${(ms / 1000).toFixed(2)} s`;
const signed = (ms: number): string => `${ms < 0 ? '−' : '+'}${(Math.abs(ms) / 1000).toFixed(2)} s`;
const mb = (v: number | undefined): string => (v === undefined ? '—' : `${Math.round(v)} MB`);
const int = (n: number): string => n.toLocaleString('en-US');

/** Evaluates issue 2's targets on the largest size that ran. */
export function evaluateTargets(result: Omit<BenchResult, 'targets'>): Target[] {
  const largest = result.sizes[result.sizes.length - 1];
  const targets: Target[] = [];
  if (largest) {
    const byId = (id: string): CaseResult | undefined => largest.cases.find((c) => c.id === id);
    const dump = byId('pg_dump');
    const check = byId('check');
    const n = int(largest.tables);
    if (dump && check) {
      // Each round's check against the same round's pg_dump, so that a busy moment cancels out.
      const ratio = median(check.runsMs.map((ms, k) => ms / dump.runsMs[k]!));
      const total = (c: CaseResult): number | undefined => (c.cpu && c.cpu.serverMs !== null ? c.cpu.clientMs + c.cpu.serverMs : undefined);
      const cpuCheck = total(check);
      const cpuDump = total(dump);
      const cpuText = cpuCheck !== undefined && cpuDump !== undefined ? `; CPU client+server ${(cpuCheck / cpuDump).toFixed(2)}×` : '';
      targets.push({ id: 'check-vs-pg_dump', text: `check(${n}) ≤ 0.5× pg_dump --schema-only`, measured: `${ratio.toFixed(2)}× (medians ${s(check.medianMs)} vs ${s(dump.medianMs)}${cpuText})`, ratio: ratio / 0.5, met: ratio <= 0.5 });
    }
    const pgdrift = largest.cases.filter((c) => c.id !== 'pg_dump');
    const rss = Math.max(...pgdrift.map((c) => c.peakRssMb ?? 0));
    const worst = pgdrift.find((c) => c.peakRssMb === rss);
    targets.push({ id: 'peak-rss', text: `peak RSS < 200 MB at ${n} tables`, measured: `${mb(rss)} (${worst?.label ?? '?'})`, ratio: rss / 200, met: rss < 200 });
    if (check?.latency) {
      const added = check.latency.addedMs;
      const floor = check.roundTrips ? ` ≈ ${check.roundTrips.total} round trips × ${check.latency.ms} ms = ${s(check.roundTrips.total * check.latency.ms)}` : '';
      targets.push({ id: 'latency', text: `check(${n}) with +${check.latency.ms} ms per round trip ≤ loopback + 0.5 s`, measured: `${signed(added)} (medians ${s(check.latency.medianMs)} vs ${s(check.medianMs)}; expected${floor})`, ratio: Math.max(0, added) / 500, met: added <= 500 });
    }
  }
  const trips = result.sizes.flatMap((size) => size.cases.filter((c) => c.id !== 'pg_dump' && c.roundTrips).map((c) => ({ size: size.tables, c })));
  if (trips.length) {
    const max = Math.max(...trips.map((t) => t.c.roundTrips!.total));
    const at = trips.find((t) => t.c.roundTrips!.total === max)!;
    targets.push({ id: 'round-trips', text: 'round trips ≤ 15, whatever N', measured: `${max} at most (${at.c.label}, N=${int(at.size)})`, ratio: max / 15, met: max <= 15 });
  }
  const startup = result.startup.checkMs;
  targets.push({ id: 'startup', text: 'bundle start + connect < 0.4 s', measured: `${s(startup)} (check, empty spec, empty database)`, ratio: startup / 400, met: startup < 400 });
  return targets;
}

type Table = string[][];

function textTable(rows: Table): string {
  const widths = rows[0]!.map((_, i) => Math.max(...rows.map((r) => (r[i] ?? '').length)));
  return rows.map((r) => r.map((cell, i) => (i === 0 ? cell.padEnd(widths[i]!) : cell.padStart(widths[i]!))).join('  ').trimEnd()).join('\n');
}

function markdownTable(rows: Table): string {
  const [head, ...body] = rows;
  const align = head!.map((_, i) => (i === 0 ? ':--' : '--:'));
  return [head!, align, ...body].map((r) => `| ${r.join(' | ')} |`).join('\n');
}

function sizeTable(size: SizeResult, latencyMs: number): Table {
  const rows: Table = [['', 'median', 'runs', 'CPU client+server', 'peak RSS', 'round trips', `+${latencyMs} ms/rt`]];
  for (const c of size.cases) {
    const rt = c.roundTrips ? `${int(c.roundTrips.total)} (${c.roundTrips.connect}+${int(c.roundTrips.query)})` : '—';
    const lat = c.latency ? `${s(c.latency.medianMs)} (${signed(c.latency.addedMs)})` : '—';
    const fail = c.failures.length ? ' FAILED' : '';
    const cpu = c.cpu ? `${(c.cpu.clientMs / 1000).toFixed(2)} + ${c.cpu.serverMs === null ? '?' : (c.cpu.serverMs / 1000).toFixed(2)} s` : '—';
    rows.push([`${c.label}${fail}`, s(c.medianMs), c.runsMs.map((ms) => (ms / 1000).toFixed(2)).join(' '), cpu, mb(c.peakRssMb), rt, lat]);
  }
  return rows;
}

function targetTable(targets: Target[]): Table {
  return [['target', 'measured', 'ratio to target', 'met'], ...targets.map((t) => [t.text, t.measured, `${t.ratio.toFixed(2)}`, t.met ? 'yes' : 'NO'])];
}

function describeSize(size: SizeResult): string {
  const c = size.counts;
  return `${int(c.tables)} tables, ${int(c.columns)} columns, ${int(c.indexes)} secondary indexes, ${int(c.foreignKeys)} foreign keys, ${int(c.checks)} checks, ${int(c.enums)} enums, ${int(c.views)} views; built in ${size.buildSeconds.toFixed(1)} s; snapshot ${size.snapshotMb.toFixed(1)} MB, pg_dump ${size.dumpMb.toFixed(1)} MB; load average ${size.loadAverage.before.toFixed(2)} → ${size.loadAverage.after.toFixed(2)}`;
}

function describeDrift(size: SizeResult): string {
  const d = size.drift;
  const kinds = Object.entries(d.kinds).map(([k, n]) => `${k} ${n}`).join(', ');
  const cmp = d.comparison;
  const parts = [`drifted spec: ${d.drifts} drifts (${kinds})`];
  if (cmp) parts.push(`check reported ${cmp.reported} changes, ${cmp.matched}/${cmp.expected} expected ones found${cmp.missing.length ? `; missing: ${cmp.missing.slice(0, 5).join('; ')}` : ''}${cmp.unexpected.length ? `; unexpected: ${cmp.unexpected.slice(0, 5).join('; ')}` : ''}`);
  if (d.verification) {
    parts.push(d.verification.exitCode === 0 ? 'drift SQL applied to a copy: check of the drifted spec is clean' : `drift SQL applied to a copy: check exits ${d.verification.exitCode}${d.verification.remaining.length ? `, remaining: ${d.verification.remaining.slice(0, 5).join('; ')}` : ''}`);
  }
  return parts.join('; ');
}

function describeStartup(st: StartupResult): string[] {
  return [
    `node -e 0: ${s(st.nodeMs)}; pgdrift --version: ${s(st.versionMs)}`,
    `check, empty spec, empty database: ${s(st.checkMs)} (URL without sslmode)${st.checkRoundTrips ? `, ${st.checkRoundTrips.connections} connections, ${st.checkRoundTrips.connectRoundTrips}+${st.checkRoundTrips.queryRoundTrips} round trips` : ''}; ${s(st.checkNoSslMs)} with sslmode=disable`,
  ];
}

export function renderText(result: BenchResult): string {
  const m = result.machine;
  const code = `commit ${result.code.commit.slice(0, 7)}${result.code.dirty ? '+dirty' : ''}`;
  const out = [`pgdrift benchmark — ${m.cpus} CPUs (${m.cpuModel}), ${m.memoryGb} GB, Node ${m.node}, ${m.server}, pg_dump ${m.pgDump}; ${code}; ${result.options.runs} runs each, seed ${result.options.seed}`, ''];
  out.push('Start-up', ...describeStartup(result.startup).map((l) => `  ${l}`), '');
  for (const size of result.sizes) {
    out.push(`N = ${int(size.tables)}: ${describeSize(size)}`);
    out.push(textTable(sizeTable(size, result.options.latencyMs)));
    out.push(`  ${describeDrift(size)}`, '');
  }
  out.push('Targets (issue 2)', textTable(targetTable(result.targets)), '');
  return out.join('\n');
}

export function renderMarkdown(result: BenchResult): string {
  const m = result.machine;
  const out = [
    `Run of ${result.date.slice(0, 10)}: ${m.cpus} CPUs (${m.cpuModel}), ${m.memoryGb} GB RAM, ${m.platform}, Node ${m.node}, ${m.server}, pg_dump ${m.pgDump}. ` +
      `${result.options.runs} runs per figure (median), seed ${result.options.seed}, ${result.options.drift} drifts, +${result.options.latencyMs} ms per round trip for the latency column. ` +
      `Code: commit ${result.code.commit.slice(0, 7)}${result.code.dirty ? ' plus uncommitted changes in the tree' : ''}, bundle built ${result.code.bundleBuilt} (sha256 ${result.code.bundleSha256}…).`,
    '',
    '### Targets',
    '',
    markdownTable(targetTable(result.targets)),
    '',
    '### Start-up',
    '',
    ...describeStartup(result.startup).map((l) => `- ${l}`),
    '',
  ];
  for (const size of result.sizes) {
    out.push(`### N = ${int(size.tables)}`, '', describeSize(size), '', markdownTable(sizeTable(size, result.options.latencyMs)), '', describeDrift(size), '');
  }
  return out.join('\n');
}
