/**
 * `npm run build` (scripts/build.mjs), built into a temporary folder: it writes both bundles and
 * records the hash of the sources it built from, which the guard in tests/helpers/cli.ts checks.
 */
import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { HASH_FILE, sourceHash, staleBundleReason } from '../../scripts/source-hash.mjs';
import { VERSION } from '../../src/version.js';
import { repoRoot } from '../helpers/cli.js';

describe('scripts/build.mjs --out', () => {
  let out: string;
  let build: ReturnType<typeof spawnSync>;
  beforeAll(() => {
    out = join(mkdtempSync(join(tmpdir(), 'pgdrift-build-test-')), 'dist');
    build = spawnSync(process.execPath, [join(repoRoot, 'scripts/build.mjs'), '--out', out], {
      cwd: repoRoot,
      encoding: 'utf8',
      timeout: 170_000,
    });
  }, 180_000);
  afterAll(() => rmSync(join(out, '..'), { recursive: true, force: true }));

  it('builds both bundles into the folder and records the hash of these sources', () => {
    expect(build.stderr, 'build stderr').toBe('');
    expect(build.status).toBe(0);
    expect(existsSync(join(out, 'cli.js'))).toBe(true);
    expect(existsSync(join(out, 'index.js'))).toBe(true);
    expect(readFileSync(join(out, HASH_FILE), 'utf8')).toBe(`${sourceHash(repoRoot)}\n`);
    expect(staleBundleReason(repoRoot, out)).toBeNull();
  });

  it('the bundle it built runs from another folder', () => {
    const run = spawnSync(process.execPath, [join(out, 'cli.js'), '--version'], {
      cwd: tmpdir(),
      encoding: 'utf8',
      env: { PATH: process.env.PATH },
    });
    expect(run.status).toBe(0);
    expect(run.stdout.trim()).toContain(VERSION);
  });
});
