/**
 * Runs a command as a child process and measures it from outside: wall time from spawn to exit,
 * and the child's peak RSS and CPU time as the kernel accounts them when it is reaped (GNU time's
 * %M %U %S, from wait4). Without GNU time, a Node child reports the same from a one-line preload
 * (bench/maxrss.mjs); other children then go without. A run can be bounded in time: the child
 * then runs in its own process group, which is killed as a whole when the bound is reached.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { closeSync, existsSync, openSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';

const PRELOAD = fileURLToPath(new URL('./maxrss.mjs', import.meta.url));
const GNU_TIME = '/usr/bin/time';
const hasGnuTime = existsSync(GNU_TIME);

export interface RunResult {
  ms: number;
  code: number;
  /** Peak RSS in MiB, when measured. */
  maxRssMb?: number;
  /** User + system CPU time of the process in ms, when measured. */
  cpuMs?: number;
  /** The run reached its time bound and was killed. */
  timedOut?: boolean;
  stdout: string;
  stderr: string;
}

export interface RunOptions {
  env?: Record<string, string | undefined>;
  cwd?: string;
  /** Write the child's standard output to this file instead of keeping it. */
  stdoutFile?: string;
  /** Kill the child (its whole process group) after this many ms. */
  timeoutMs?: number;
}

/** Process groups of the bounded children still running, killed by `killRunning`. */
const running = new Set<ChildProcess>();

/** Kills the process groups of the bounded children still running (on Ctrl-C). */
export function killRunning(): void {
  for (const child of running) killGroup(child);
}

function killGroup(child: ChildProcess): void {
  try {
    if (child.pid !== undefined) process.kill(-child.pid, 'SIGKILL');
  } catch {
    // Already gone.
  }
}

let counter = 0;

/** Runs `program args…` and resolves when it exits. Output is kept (up to 1 MiB each). */
export function run(program: string, args: string[], options: RunOptions = {}): Promise<RunResult> {
  const usageFile = join(tmpdir(), `pgdrift-bench-usage-${process.pid}-${(counter += 1)}`);
  const node = program === process.execPath;
  let command = program;
  let argv = args;
  let env = { ...process.env, ...options.env };
  if (hasGnuTime) {
    command = GNU_TIME;
    argv = ['-f', '%M %U %S', '-o', usageFile, program, ...args];
  } else if (node) {
    argv = ['--import', PRELOAD, ...args];
    env = { ...env, PGDRIFT_BENCH_RSS: usageFile };
  }
  const out = options.stdoutFile === undefined ? 'pipe' : openSync(options.stdoutFile, 'w');
  const bounded = options.timeoutMs !== undefined;
  return new Promise((resolve, reject) => {
    const started = performance.now();
    const child = spawn(command, argv, { env, cwd: options.cwd ?? tmpdir(), stdio: ['ignore', out, 'pipe'], detached: bounded });
    if (typeof out === 'number') closeSync(out);
    let timedOut = false;
    let timer: NodeJS.Timeout | undefined;
    if (bounded) {
      running.add(child);
      timer = setTimeout(() => {
        timedOut = true;
        killGroup(child);
      }, options.timeoutMs);
    }
    let stdout = '';
    let stderr = '';
    child.stdout?.on('data', (d: Buffer) => {
      if (stdout.length < 1 << 20) stdout += d.toString();
    });
    child.stderr!.on('data', (d: Buffer) => {
      if (stderr.length < 1 << 20) stderr += d.toString();
    });
    child.on('error', reject);
    child.on('exit', (code, signal) => {
      const ms = performance.now() - started;
      if (timer) clearTimeout(timer);
      running.delete(child);
      // GNU time is killed with its child: there is no usage line then.
      const usage = readUsage(usageFile, hasGnuTime);
      // 'exit' can come before the pipes are drained: wait for 'close' to keep the whole output.
      child.once('close', () =>
        resolve({ ms, code: code ?? (signal ? 128 : -1), stdout, stderr, ...usage, ...(timedOut ? { timedOut } : {}) }),
      );
    });
  });
}

function readUsage(file: string, gnu: boolean): { maxRssMb?: number; cpuMs?: number } {
  try {
    const lines = readFileSync(file, 'utf8').trim().split('\n');
    // GNU time puts "Command exited with non-zero status N" before its line when the exit is not 0.
    const [rss, user, system] = (lines[lines.length - 1] ?? '').split(' ').map(Number) as [number, number, number];
    if (![rss, user, system].every(Number.isFinite)) return {};
    return gnu ? { maxRssMb: rss / 1024, cpuMs: (user + system) * 1000 } : { maxRssMb: rss / 1024, cpuMs: (user + system) / 1000 };
  } catch {
    return {};
  } finally {
    rmSync(file, { force: true });
  }
}

export function median(values: number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  const mid = Math.floor(sorted.length / 2);
  return sorted.length % 2 ? (sorted[mid] as number) : ((sorted[mid - 1] as number) + (sorted[mid] as number)) / 2;
}
