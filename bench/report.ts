/**
 * The benchmark's results as data, the targets of issue 2 (check) and of issues 3 and 5 (plan,
 * and plan beside @pgkit/migra) evaluated on them, and their rendering as a plain-text table
 * (stdout) or Markdown (docs/benchmarks.md: one block for check, one for plan and migra).
 */
import type { DriftComparison } from './drift.js';
import type { ProxyStats } from './proxy.js';
import { median } from './run.js';
import type { GeneratedSchema } from './schema.js';

export interface CaseResult {
  id: string;
  label: string;
  group: 'check' | 'repair';
  /** Another tool than pgdrift. */
  peer?: boolean;
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
  /** How many different outputs the runs wrote (1: the same bytes every time). */
  outputs?: number;
  /** Runs that reached the time bound; the case is not run again at this size after one. */
  timedOut?: number;
  failures: string[];
}

/** A tool's SQL applied to a fresh copy of the live database, and what differs afterwards. */
export interface Convergence {
  /** Run by psql, stopping at the first error. */
  applied: { ok: boolean; ms: number; statements: number; error?: string };
  /** pgdrift check of the drifted spec on the result: exit 0 is clean; what remains, by kind. */
  check: { exitCode: number; remaining: Record<string, number>; examples: string[] };
  /** migra from the result to the target database: statements it still prints (0: alike to migra). */
  migraRerun?: { exitCode: number; statements: number; examples: string[]; kinds?: Record<string, number> };
}

export interface RepairResult {
  /** The SQL `plan --allow-destructive` printed, run by psql as it is (it has its own BEGIN/COMMIT). */
  plan?: Convergence;
  /** `apply --allow-destructive` on another copy: exit 0 means verified and committed. */
  apply?: { exitCode: number; ms: number; applied?: number; error?: string };
  /** migra's output (of the last timed run), run by psql in one transaction. */
  migra?: Convergence;
  /** Why migra's output was not applied. */
  migraSkipped?: string;
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
  repair?: RepairResult;
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
  options: { sizes: number[]; runs: number; drift: string; latencyMs: number; seed: number; timeoutS?: number };
  /** Versions of the peer tools measured. */
  peers?: { migra?: string };
  startup: StartupResult;
  sizes: SizeResult[];
  targets: Target[];
}

export interface Target {
  id: string;
  group: 'check' | 'repair';
  text: string;
  measured: string;
  /** measured / limit, so ≤ 1 (or < 1 for strict limits) is met; null for a yes/no target. */
  ratio: number | null;
  met: boolean;
}

const s = (ms: number): string => `${(ms / 1000).toFixed(2)} s`;
const signed = (ms: number): string => `${ms < 0 ? '−' : '+'}${(Math.abs(ms) / 1000).toFixed(2)} s`;
const mb = (v: number | undefined): string => (v === undefined ? '—' : `${Math.round(v)} MB`);
const int = (n: number): string => n.toLocaleString('en-US');

/** Evaluates the targets: issue 2's on `check`, issues 3 and 5's on `plan` and migra. */
export function evaluateTargets(result: Omit<BenchResult, 'targets'>): Target[] {
  return [...checkTargets(result), ...repairTargets(result)];
}

/** Issue 2's targets, on the largest size that ran, over the cases of the drift report. */
function checkTargets(result: Omit<BenchResult, 'targets'>): Target[] {
  const largest = result.sizes[result.sizes.length - 1];
  const targets: Array<Omit<Target, 'group'>> = [];
  const own = (c: CaseResult): boolean => c.group === 'check' && !c.peer;
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
      targets.push({
        id: 'check-vs-pg_dump',
        text: `check(${n}) ≤ 0.5× pg_dump --schema-only`,
        measured: `${ratio.toFixed(2)}× (medians ${s(check.medianMs)} vs ${s(dump.medianMs)}${cpuText})`,
        ratio: ratio / 0.5,
        met: ratio <= 0.5,
      });
    }
    const pgdrift = largest.cases.filter(own);
    const rss = Math.max(...pgdrift.map((c) => c.peakRssMb ?? 0));
    const worst = pgdrift.find((c) => c.peakRssMb === rss);
    targets.push({
      id: 'peak-rss',
      text: `peak RSS < 200 MB at ${n} tables`,
      measured: `${mb(rss)} (${worst?.label ?? '?'})`,
      ratio: rss / 200,
      met: rss < 200,
    });
    if (check?.latency) {
      const added = check.latency.addedMs;
      const floor = check.roundTrips
        ? ` ≈ ${check.roundTrips.total} round trips × ${check.latency.ms} ms = ${s(check.roundTrips.total * check.latency.ms)}`
        : '';
      targets.push({
        id: 'latency',
        text: `check(${n}) with +${check.latency.ms} ms per round trip ≤ loopback + 0.5 s`,
        measured: `${signed(added)} (medians ${s(check.latency.medianMs)} vs ${s(check.medianMs)}; expected${floor})`,
        ratio: Math.max(0, added) / 500,
        met: added <= 500,
      });
    }
  }
  const trips = result.sizes.flatMap((size) => size.cases.filter((c) => own(c) && c.roundTrips).map((c) => ({ size: size.tables, c })));
  if (trips.length) {
    const max = Math.max(...trips.map((t) => t.c.roundTrips!.total));
    const at = trips.find((t) => t.c.roundTrips!.total === max)!;
    targets.push({
      id: 'round-trips',
      text: 'round trips ≤ 15, whatever N',
      measured: `${max} at most (${at.c.label}, N=${int(at.size)})`,
      ratio: max / 15,
      met: max <= 15,
    });
  }
  const startup = result.startup.checkMs;
  targets.push({
    id: 'startup',
    text: 'bundle start + connect < 0.4 s',
    measured: `${s(startup)} (check, empty spec, empty database)`,
    ratio: startup / 400,
    met: startup < 400,
  });
  return targets.map((t) => ({ ...t, group: 'check' }));
}

const cpuTotal = (c: CaseResult): number | undefined => (c.cpu && c.cpu.serverMs !== null ? c.cpu.clientMs + c.cpu.serverMs : undefined);

/** Runs of `a` and `b` that both finished in the same round, paired. */
function paired(a: CaseResult, b: CaseResult): Array<[number, number]> {
  const pairs: Array<[number, number]> = [];
  a.runsMs.forEach((ms, k) => {
    const other = b.runsMs[k];
    if (other !== undefined && !Number.isNaN(ms) && !Number.isNaN(other)) pairs.push([ms, other]);
  });
  return pairs;
}

/** What `plan` costs beside `check` of the same drifted spec, and how it compares with migra. */
export interface RepairComparison {
  /** Median over rounds of plan / check (drifted), and the same of CPU client + server. */
  planOverCheck?: { wall: number; cpu?: number };
  /** Median over rounds of migra / plan (how many times faster plan is), CPU, peak RSS plan / migra. */
  migraOverPlan?: { wall: number; cpu?: number; rss?: number };
  /** Median over rounds of apply / check (drifted), and the same of CPU client + server. */
  applyOverCheck?: { wall: number; cpu?: number };
}

export function compareRepair(size: SizeResult): RepairComparison {
  const byId = (id: string): CaseResult | undefined => size.cases.find((c) => c.id === id);
  const check = byId('check-drifted');
  const plan = byId('plan');
  const migra = byId('migra');
  const out: RepairComparison = {};
  if (plan && check && !plan.failures.length) {
    const pairs = paired(plan, check);
    const cp = cpuTotal(plan);
    const cc = cpuTotal(check);
    if (pairs.length)
      out.planOverCheck = { wall: median(pairs.map(([p, c]) => p / c)), ...(cp !== undefined && cc !== undefined ? { cpu: cp / cc } : {}) };
  }
  const apply = byId('apply');
  if (apply && check && !apply.failures.length) {
    const pairs = paired(apply, check);
    const ca = cpuTotal(apply);
    const cc = cpuTotal(check);
    if (pairs.length)
      out.applyOverCheck = {
        wall: median(pairs.map(([a, c]) => a / c)),
        ...(ca !== undefined && cc !== undefined ? { cpu: ca / cc } : {}),
      };
  }
  if (plan && migra && !plan.failures.length && !migra.failures.length) {
    const pairs = paired(migra, plan);
    const cm = cpuTotal(migra);
    const cp = cpuTotal(plan);
    if (pairs.length) {
      out.migraOverPlan = {
        wall: median(pairs.map(([m, p]) => m / p)),
        ...(cm !== undefined && cp !== undefined ? { cpu: cm / cp } : {}),
        ...(plan.peakRssMb !== undefined && migra.peakRssMb !== undefined ? { rss: plan.peakRssMb / migra.peakRssMb } : {}),
      };
    }
  }
  return out;
}

/** Issues 3 and 5's targets, on the largest size where `plan` ran. */
function repairTargets(result: Omit<BenchResult, 'targets'>): Target[] {
  const size = [...result.sizes].reverse().find((z) => z.cases.some((c) => c.id === 'plan'));
  if (!size) return [];
  const targets: Array<Omit<Target, 'group'>> = [];
  const n = int(size.tables);
  const plan = size.cases.find((c) => c.id === 'plan')!;
  const check = size.cases.find((c) => c.id === 'check-drifted');
  const migra = size.cases.find((c) => c.id === 'migra');
  const cmp = compareRepair(size);
  const pct = (x: number): string => `${x >= 1 ? '+' : '−'}${Math.abs((x - 1) * 100).toFixed(0)}%`;
  if (check) {
    const o = cmp.planOverCheck;
    const text = `plan(${n}) adds < 20% to check of the same drifted spec`;
    if (o)
      targets.push({
        id: 'plan-vs-check',
        text,
        measured: `${pct(o.wall)} (medians ${s(plan.medianMs)} vs ${s(check.medianMs)}${o.cpu !== undefined ? `; CPU client+server ${pct(o.cpu)}` : ''})`,
        ratio: Math.max(0, o.wall - 1) / 0.2,
        met: o.wall < 1.2,
      });
    else
      targets.push({
        id: 'plan-vs-check',
        text,
        measured: `not measured: ${plan.failures[0] ?? 'no paired runs'}`,
        ratio: null,
        met: false,
      });
  }
  const apply = size.cases.find((c) => c.id === 'apply');
  if (apply && check) {
    const o = cmp.applyOverCheck;
    const text = `apply(${n}) ≤ 2× check of the same drifted spec`;
    if (o)
      targets.push({
        id: 'apply-vs-check',
        text,
        measured: `${o.wall.toFixed(2)}× (medians ${s(apply.medianMs)} vs ${s(check.medianMs)}${o.cpu !== undefined ? `; CPU client+server ${o.cpu.toFixed(2)}×` : ''})`,
        ratio: o.wall / 2,
        met: o.wall <= 2,
      });
    else
      targets.push({
        id: 'apply-vs-check',
        text,
        measured: `not measured: ${apply.failures[0] ?? 'no paired runs'}`,
        ratio: null,
        met: false,
      });
  }
  if (migra) {
    const o = cmp.migraOverPlan;
    const why = migra.failures[0] ?? plan.failures[0] ?? 'no paired runs';
    if (o) {
      targets.push({
        id: 'plan-vs-migra-time',
        text: `plan(${n}) ≥ 10× faster than migra`,
        measured: `${o.wall.toFixed(1)}× (medians ${s(plan.medianMs)} vs ${s(migra.medianMs)}${o.cpu !== undefined ? `; CPU client+server ${o.cpu.toFixed(1)}×` : ''})`,
        ratio: 10 / o.wall,
        met: o.wall >= 10,
      });
      if (o.rss !== undefined)
        targets.push({
          id: 'plan-vs-migra-memory',
          text: `plan(${n}) peak RSS < 0.5× migra's`,
          measured: `${o.rss.toFixed(2)}× (${mb(plan.peakRssMb)} vs ${mb(migra.peakRssMb)})`,
          ratio: o.rss / 0.5,
          met: o.rss < 0.5,
        });
    } else if (migra.timedOut && !plan.failures.length && result.options.timeoutS) {
      // A lower bound: migra ran for at least the bound.
      const least = (result.options.timeoutS * 1000) / plan.medianMs;
      targets.push({
        id: 'plan-vs-migra-time',
        text: `plan(${n}) ≥ 10× faster than migra`,
        measured: `≥ ${least.toFixed(1)}× (migra timed out after ${result.options.timeoutS} s; plan ${s(plan.medianMs)})`,
        ratio: 10 / least,
        met: least >= 10,
      });
      targets.push({
        id: 'plan-vs-migra-memory',
        text: `plan(${n}) peak RSS < 0.5× migra's`,
        measured: `not measured: migra timed out`,
        ratio: null,
        met: false,
      });
    } else {
      targets.push({
        id: 'plan-vs-migra-time',
        text: `plan(${n}) ≥ 10× faster than migra`,
        measured: `not measured: ${why}`,
        ratio: null,
        met: false,
      });
      targets.push({
        id: 'plan-vs-migra-memory',
        text: `plan(${n}) peak RSS < 0.5× migra's`,
        measured: `not measured: ${why}`,
        ratio: null,
        met: false,
      });
    }
  }
  const r = size.repair;
  if (r?.plan || r?.apply) {
    const p = r.plan;
    const parts: string[] = [];
    if (p)
      parts.push(
        `plan SQL: ${p.applied.ok ? `${int(p.applied.statements)} statements ran` : `failed: ${p.applied.error ?? '?'}`}, then check ${p.check.exitCode === 0 ? 'clean' : `exits ${p.check.exitCode}`}`,
      );
    if (r.apply)
      parts.push(
        `apply: exit ${r.apply.exitCode}${r.apply.applied !== undefined ? ` (${int(r.apply.applied)} statements, verified before commit)` : ''}`,
      );
    const met = (!p || (p.applied.ok && p.check.exitCode === 0)) && (!r.apply || r.apply.exitCode === 0);
    targets.push({ id: 'plan-converges', text: `plan(${n}) applies cleanly and converges`, measured: parts.join('; '), ratio: null, met });
  }
  return targets.map((t) => ({ ...t, group: 'repair' }));
}

type Table = string[][];

function textTable(rows: Table): string {
  const widths = rows[0]!.map((_, i) => Math.max(...rows.map((r) => (r[i] ?? '').length)));
  return rows
    .map((r) =>
      r
        .map((cell, i) => (i === 0 ? cell.padEnd(widths[i]!) : cell.padStart(widths[i]!)))
        .join('  ')
        .trimEnd(),
    )
    .join('\n');
}

function markdownTable(rows: Table): string {
  const [head, ...body] = rows;
  const align = head!.map((_, i) => (i === 0 ? ':--' : '--:'));
  return [head!, align, ...body].map((r) => `| ${r.join(' | ')} |`).join('\n');
}

function sizeTable(cases: CaseResult[], latencyMs: number, latencyColumn = true): Table {
  const rows: Table = [
    ['', 'median', 'runs', 'CPU client+server', 'peak RSS', 'round trips', ...(latencyColumn ? [`+${latencyMs} ms/rt`] : [])],
  ];
  for (const c of cases) {
    const rt = c.roundTrips ? `${int(c.roundTrips.total)} (${c.roundTrips.connect}+${int(c.roundTrips.query)})` : '—';
    const lat = c.latency ? `${s(c.latency.medianMs)} (${signed(c.latency.addedMs)})` : '—';
    const fail = c.failures.length ? ' FAILED' : '';
    const cpu = c.cpu
      ? `${(c.cpu.clientMs / 1000).toFixed(2)} + ${c.cpu.serverMs === null ? '?' : (c.cpu.serverMs / 1000).toFixed(2)} s`
      : '—';
    rows.push([
      `${c.label}${fail}`,
      s(c.medianMs),
      c.runsMs.map((ms) => (ms / 1000).toFixed(2)).join(' '),
      cpu,
      mb(c.peakRssMb),
      rt,
      ...(latencyColumn ? [lat] : []),
    ]);
  }
  return rows;
}

function targetTable(targets: Target[]): Table {
  return [
    ['target', 'measured', 'ratio to target', 'met'],
    ...targets.map((t) => [t.text, t.measured, t.ratio === null ? '—' : `${t.ratio.toFixed(2)}`, t.met ? 'yes' : 'NO']),
  ];
}

const byKind = (counts: Record<string, number>): string =>
  Object.entries(counts)
    .sort((a, b) => b[1] - a[1] || a[0].localeCompare(b[0]))
    .map(([k, n]) => `${k} ${n}`)
    .join(', ');

function describeConvergence(c: Convergence, migraName: string): string {
  const parts = [
    c.applied.ok
      ? `${int(c.applied.statements)} statements ran without error (${s(c.applied.ms)})`
      : `${int(c.applied.statements)} statements, psql stopped at an error: ${c.applied.error ?? '?'}`,
  ];
  if (c.check.exitCode === 0) parts.push('check of the drifted spec afterwards: clean');
  else if (c.check.exitCode === 1)
    parts.push(
      `check of the drifted spec afterwards: ${Object.values(c.check.remaining).reduce((a, b) => a + b, 0)} changes remain (${byKind(c.check.remaining)}; e.g. ${c.check.examples.join('; ')})`,
    );
  else parts.push(`check of the drifted spec afterwards: exit ${c.check.exitCode}: ${c.check.examples.join('; ')}`);
  const m = c.migraRerun;
  if (m) {
    if (m.exitCode !== 0) parts.push(`${migraName} re-run to the target: exit ${m.exitCode}: ${m.examples.join('; ')}`);
    else if (m.statements === 0) parts.push(`${migraName} re-run to the target: no statements`);
    else
      parts.push(
        `${migraName} re-run to the target: ${m.statements} statements (${byKind(m.kinds ?? {})}; e.g. \`${m.examples[0] ?? ''}\`)`,
      );
  }
  return parts.join('; ');
}

/** The comparison and correctness lines of one size, for plan and migra. */
function describeRepair(size: SizeResult): string[] {
  const lines: string[] = [];
  const cmp = compareRepair(size);
  const byId = (id: string): CaseResult | undefined => size.cases.find((c) => c.id === id);
  const plan = byId('plan');
  const migra = byId('migra');
  const o = cmp.planOverCheck;
  if (o)
    lines.push(
      `plan / check (drifted): ${o.wall.toFixed(2)}× wall (median of per-round ratios)${o.cpu !== undefined ? `, ${o.cpu.toFixed(2)}× CPU client+server` : ''}`,
    );
  const a = cmp.applyOverCheck;
  if (a)
    lines.push(
      `apply / check (drifted): ${a.wall.toFixed(2)}× wall (median of per-round ratios)${a.cpu !== undefined ? `, ${a.cpu.toFixed(2)}× CPU client+server` : ''}; each run on a fresh copy of the live database`,
    );
  const m = cmp.migraOverPlan;
  if (m)
    lines.push(
      `migra / plan: ${m.wall.toFixed(1)}× wall (median of per-round ratios)${m.cpu !== undefined ? `, ${m.cpu.toFixed(1)}× CPU client+server` : ''}${m.rss !== undefined ? `; peak RSS plan / migra ${m.rss.toFixed(2)}×` : ''}`,
    );
  const outputs = [plan, migra]
    .filter((c): c is CaseResult => c?.outputs !== undefined)
    .map((c) => `${c.label}: ${c.outputs === 1 ? 'the same output on every run' : `${c.outputs} different outputs over the runs`}`);
  if (outputs.length) lines.push(outputs.join('; '));
  for (const c of [plan, byId('apply'), migra]) for (const f of c?.failures ?? []) lines.push(`failure: ${f}`);
  const r = size.repair;
  if (r?.plan) lines.push(`pgdrift plan applied: ${describeConvergence(r.plan, 'migra')}`);
  if (r?.apply)
    lines.push(
      `pgdrift apply --allow-destructive on another copy: exit ${r.apply.exitCode}${r.apply.applied !== undefined ? `, ${int(r.apply.applied)} statements applied` : ''} in ${s(r.apply.ms)}${r.apply.exitCode === 0 ? ' (verified before commit: converged)' : ''}${r.apply.error ? `: ${r.apply.error}` : ''}`,
    );
  if (r?.migra) lines.push(`migra's output applied (one transaction): ${describeConvergence(r.migra, 'migra')}`);
  if (r?.migraSkipped) lines.push(`migra's output not applied: ${r.migraSkipped}`);
  return lines;
}

function describeSize(size: SizeResult): string {
  const c = size.counts;
  return `${int(c.tables)} tables, ${int(c.columns)} columns, ${int(c.indexes)} secondary indexes, ${int(c.foreignKeys)} foreign keys, ${int(c.checks)} checks, ${int(c.enums)} enums, ${int(c.views)} views; built in ${size.buildSeconds.toFixed(1)} s; snapshot ${size.snapshotMb.toFixed(1)} MB, pg_dump ${size.dumpMb.toFixed(1)} MB; load average ${size.loadAverage.before.toFixed(2)} → ${size.loadAverage.after.toFixed(2)}`;
}

function describeDrift(size: SizeResult): string {
  const d = size.drift;
  const kinds = Object.entries(d.kinds)
    .map(([k, n]) => `${k} ${n}`)
    .join(', ');
  const cmp = d.comparison;
  const parts = [`drifted spec: ${d.drifts} drifts (${kinds})`];
  if (cmp)
    parts.push(
      `check reported ${cmp.reported} changes, ${cmp.matched}/${cmp.expected} expected ones found${cmp.missing.length ? `; missing: ${cmp.missing.slice(0, 5).join('; ')}` : ''}${cmp.unexpected.length ? `; unexpected: ${cmp.unexpected.slice(0, 5).join('; ')}` : ''}`,
    );
  if (d.verification) {
    parts.push(
      d.verification.exitCode === 0
        ? 'drift SQL applied to a copy: check of the drifted spec is clean'
        : `drift SQL applied to a copy: check exits ${d.verification.exitCode}${d.verification.remaining.length ? `, remaining: ${d.verification.remaining.slice(0, 5).join('; ')}` : ''}`,
    );
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
  const out = [
    `pgdrift benchmark — ${m.cpus} CPUs (${m.cpuModel}), ${m.memoryGb} GB, Node ${m.node}, ${m.server}, pg_dump ${m.pgDump}; ${code}; ${result.options.runs} runs each, seed ${result.options.seed}`,
    '',
  ];
  out.push('Start-up', ...describeStartup(result.startup).map((l) => `  ${l}`), '');
  for (const size of result.sizes) {
    out.push(`N = ${int(size.tables)}: ${describeSize(size)}`);
    out.push(textTable(sizeTable(size.cases, result.options.latencyMs)));
    out.push(`  ${describeDrift(size)}`, ...describeRepair(size).map((l) => `  ${l}`), '');
  }
  out.push('Targets (issue 2: check; issues 3 and 5: plan, migra)', textTable(targetTable(result.targets)), '');
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
    markdownTable(targetTable(result.targets.filter((t) => t.group === 'check'))),
    '',
    '### Start-up',
    '',
    ...describeStartup(result.startup).map((l) => `- ${l}`),
    '',
  ];
  for (const size of result.sizes) {
    out.push(
      `### N = ${int(size.tables)}`,
      '',
      describeSize(size),
      '',
      markdownTable(
        sizeTable(
          size.cases.filter((c) => c.group === 'check'),
          result.options.latencyMs,
        ),
      ),
      '',
      describeDrift(size),
      '',
    );
  }
  return out.join('\n');
}

/** Whether the run measured `plan` (and so has a block of its own to write). */
export function hasRepair(result: BenchResult): boolean {
  return result.sizes.some((z) => z.cases.some((c) => c.group === 'repair'));
}

/**
 * The block for `plan` and migra: their targets, then per size `check` of the drifted spec (the
 * baseline), `plan` and migra from the same rounds, and what their SQL did to copies of the database.
 */
export function renderRepairMarkdown(result: BenchResult): string {
  const m = result.machine;
  const migra = result.peers?.migra ? `@pgkit/migra ${result.peers.migra}` : 'migra not run';
  const out = [
    `Run of ${result.date.slice(0, 10)}: ${m.cpus} CPUs (${m.cpuModel}), ${m.memoryGb} GB RAM, Node ${m.node}, ${m.server}, ${migra}. ` +
      `${result.options.runs} runs per figure (median), seed ${result.options.seed}, ${result.options.drift} drifts${result.options.timeoutS ? `, each run bounded at ${result.options.timeoutS} s` : ''}. ` +
      `Code: commit ${result.code.commit.slice(0, 7)}${result.code.dirty ? ' plus uncommitted changes in the tree' : ''}, bundle sha256 ${result.code.bundleSha256}….`,
    '',
    '#### Targets',
    '',
    markdownTable(targetTable(result.targets.filter((t) => t.group === 'repair'))),
    '',
  ];
  for (const size of result.sizes) {
    const cases = size.cases.filter((c) => c.id === 'check-drifted' || c.group === 'repair');
    if (!cases.some((c) => c.group === 'repair')) continue;
    out.push(
      `#### N = ${int(size.tables)}`,
      '',
      `load average ${size.loadAverage.before.toFixed(2)} → ${size.loadAverage.after.toFixed(2)}`,
      '',
      markdownTable(sizeTable(cases, result.options.latencyMs, false)),
      '',
      ...describeRepair(size).map((l) => `- ${l}`),
      '',
    );
  }
  return out.join('\n');
}
