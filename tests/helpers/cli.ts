/**
 * Runs the CLI in-process (through runCli, with real files and a real database) or as the bundled
 * dist/cli.js in a child process.
 */
import { spawnSync } from 'node:child_process';
import { readFileSync, writeFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { staleBundleReason } from '../../scripts/source-hash.mjs';
import { runCli } from '../../src/cli/main.js';
import { readSpecFile } from '../../src/spec-file.js';

export const repoRoot = fileURLToPath(new URL('../../', import.meta.url));

/** The bundles the tests run: dist/, or PGDRIFT_DIST (a folder built elsewhere, to test a change without rebuilding dist/). */
export const distDir = process.env.PGDRIFT_DIST ? `${process.env.PGDRIFT_DIST.replace(/\/$/, '')}/` : `${repoRoot}dist/`;

let bundleVerdict: { stale: string | null } | undefined;

/**
 * Throws, with one line that says to run `npm run build`, unless the bundles the tests run were
 * built from the sources of this checkout (their sources.sha256 against the hash of src/, sql/,
 * the bundled packages and the build scripts). Every test helper that runs a bundle calls it first.
 */
export function assertFreshBundle(): void {
  bundleVerdict ??= { stale: staleBundleReason(repoRoot, distDir.replace(/\/$/, '')) };
  if (bundleVerdict.stale) throw new Error(`dist/ cannot be tested: ${bundleVerdict.stale}`);
}

export interface CliRun {
  code: number;
  stdout: string;
  stderr: string;
}

export async function cli(args: string[], env: Record<string, string | undefined> = {}): Promise<CliRun> {
  let stdout = '';
  let stderr = '';
  const code = await runCli(args, {
    env,
    stdout: (t) => {
      stdout += t;
    },
    stderr: (t) => {
      stderr += t;
    },
    readFile: (p) => readFileSync(p, 'utf8'),
    readSpec: (p) => readSpecFile(p),
    writeFile: (p, t) => writeFileSync(p, t),
  });
  return { code, stdout, stderr };
}

/** Runs `node dist/cli.js` from another working directory. */
export function bundle(args: string[], env: Record<string, string | undefined> = {}, cwd = '/tmp'): CliRun {
  assertFreshBundle();
  const result = spawnSync(process.execPath, [`${distDir}cli.js`, ...args], {
    cwd,
    env: { PATH: process.env.PATH, ...env },
    encoding: 'utf8',
    timeout: 60_000,
  });
  return { code: result.status ?? -1, stdout: result.stdout, stderr: result.stderr };
}
