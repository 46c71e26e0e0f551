/**
 * Runs a command as a child process and measures it from outside: wall time from spawn to exit,
 * and, for the CLI, peak RSS reported by a one-line preload (bench/maxrss.mjs) on exit.
 */
import { spawn } from 'node:child_process';
import { readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';

const PRELOAD = fileURLToPath(new URL('./maxrss.mjs', import.meta.url));

export interface RunResult {
  ms: number;
  code: number;
  /** Peak RSS in MiB, when measured. */
  maxRssMb?: number;
  stdout: string;
  stderr: string;
}

export interface RunOptions {
  env?: Record<string, string | undefined>;
  /** Measure peak RSS (node processes only). */
  rss?: boolean;
  cwd?: string;
}

let counter = 0;

/** Runs `command args…` and resolves when it exits. Standard output is kept (up to 1 MiB). */
export function run(command: string, args: string[], options: RunOptions = {}): Promise<RunResult> {
  const rssFile = options.rss ? join(tmpdir(), `pgdrift-bench-rss-${process.pid}-${(counter += 1)}`) : undefined;
  const argv = rssFile ? ['--import', PRELOAD, ...args] : args;
  const env = { ...process.env, ...options.env, ...(rssFile ? { PGDRIFT_BENCH_RSS: rssFile } : {}) };
  return new Promise((resolve, reject) => {
    const started = performance.now();
    const child = spawn(command, argv, { env, cwd: options.cwd ?? tmpdir(), stdio: ['ignore', 'pipe', 'pipe'] });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (d: Buffer) => {
      if (stdout.length < 1 << 20) stdout += d.toString();
    });
    child.stderr.on('data', (d: Buffer) => {
      if (stderr.length < 1 << 20) stderr += d.toString();
    });
    child.on('error', reject);
    child.on('exit', (code, signal) => {
      const ms = performance.now() - started;
      let maxRssMb: number | undefined;
      if (rssFile) {
        try {
          maxRssMb = Number(readFileSync(rssFile, 'utf8')) / 1024;
        } catch {
          maxRssMb = undefined;
        }
        rmSync(rssFile, { force: true });
      }
      // 'exit' can come before the pipes are drained: wait for 'close' to keep the whole output.
      child.once('close', () => resolve({ ms, code: code ?? (signal ? 128 : -1), stdout, stderr, ...(maxRssMb === undefined ? {} : { maxRssMb }) }));
    });
  });
}

export function median(values: number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  const mid = Math.floor(sorted.length / 2);
  return sorted.length % 2 ? (sorted[mid] as number) : ((sorted[mid - 1] as number) + (sorted[mid] as number)) / 2;
}
