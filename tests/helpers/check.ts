/**
 * Runs `pgdrift check` (in-process, real files, real database) on a spec given as a value, and
 * reads the JSON report back.
 */
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { ReportChange } from '../../src/core/report.js';
import { cli } from './cli.js';

export interface CheckRun {
  code: number;
  stderr: string;
  changes: ReportChange[];
  unverified: string[];
}

/** A scratch directory for spec files, removed by the returned cleanup. */
export function scratchDir(label: string): { dir: string; remove: () => void } {
  const dir = mkdtempSync(join(tmpdir(), `pgdrift-${label}-`));
  return { dir, remove: () => rmSync(dir, { recursive: true, force: true }) };
}

let counter = 0;

/** Writes `spec` to a file under `dir` and runs `check --format json` against `url`. */
export async function checkSpec(url: string, spec: unknown, dir: string, extraArgs: string[] = []): Promise<CheckRun> {
  counter += 1;
  const file = join(dir, `spec-${counter}.json`);
  writeFileSync(file, typeof spec === 'string' ? spec : JSON.stringify(spec, null, 2));
  const run = await cli(['check', '--database-url', url, '--spec', file, '--format', 'json', ...extraArgs]);
  if (run.code === 2) return { code: 2, stderr: run.stderr, changes: [], unverified: [] };
  const report = JSON.parse(run.stdout) as { changes: ReportChange[]; unverified: string[] };
  return { code: run.code, stderr: run.stderr, changes: report.changes, unverified: report.unverified };
}

/** `kind object` lines: what a failing assertion should show. */
export function changeLines(changes: Array<{ kind: string; object: string }>): string[] {
  return changes.map((c) => `${c.kind} ${c.object}`);
}
