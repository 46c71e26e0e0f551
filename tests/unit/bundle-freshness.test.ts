/**
 * The guard that keeps tests from running a stale dist/: the build records a content hash of what
 * the bundles are made from, and staleBundleReason compares it with the checkout.
 */
import { cpSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, utimesSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { BUNDLED, bundleInputs, HASH_FILE, sourceHash, staleBundleReason } from '../../scripts/source-hash.mjs';
import { repoRoot } from '../helpers/cli.js';

/** A lockfile: pg (bundled, so a devDependency too) needs pg-pool; vitest is a test tool. */
const lock = (pgVersion: string, vitestVersion: string, poolVersion = '3.0.0'): string =>
  JSON.stringify({
    name: 'fixture',
    lockfileVersion: 3,
    packages: {
      '': { name: 'fixture', devDependencies: { pg: '^8.0.0', vitest: '^4.0.0' } },
      'node_modules/pg': { version: pgVersion, dev: true, dependencies: { 'pg-pool': '^3.0.0' } },
      'node_modules/pg-pool': { version: poolVersion, dev: true },
      'node_modules/vitest': { version: vitestVersion, dev: true },
    },
  });

const FILES: Record<string, string> = {
  'src/cli/index.ts': "console.log('hello');\n",
  'src/db/introspect.ts': 'export const n = 1;\n',
  'sql/tables.sql': 'SELECT 1;\n',
  'tsconfig.json': '{}\n',
  'scripts/build.mjs': '// build\n',
  'package.json': JSON.stringify({ name: 'fixture', devDependencies: { pg: '^8.0.0', vitest: '^4.0.0' } }),
  'package-lock.json': lock('8.1.0', '4.0.1'),
  'README.md': '# fixture\n',
  'tests/unit/a.test.ts': 'test\n',
};

const roots: string[] = [];
afterEach(() => {
  for (const root of roots.splice(0)) rmSync(root, { recursive: true, force: true });
});

/** A checkout with FILES and a dist/ built from it (its hash recorded). */
function checkout(): string {
  const root = mkdtempSync(join(tmpdir(), 'pgdrift-bundle-'));
  roots.push(root);
  for (const [path, text] of Object.entries(FILES)) write(root, path, text);
  write(root, `dist/${HASH_FILE}`, `${sourceHash(root)}\n`);
  return root;
}

function write(root: string, path: string, text: string): void {
  mkdirSync(dirname(join(root, path)), { recursive: true });
  writeFileSync(join(root, path), text);
}

describe('staleBundleReason', () => {
  it('accepts a dist/ whose recorded hash is that of the sources', () => {
    expect(staleBundleReason(checkout())).toBeNull();
  });

  it.each([
    { name: 'a source file edited', change: (root: string) => write(root, 'src/db/introspect.ts', 'export const n = 2;\n') },
    { name: 'a source file added', change: (root: string) => write(root, 'src/core/new.ts', 'export {};\n') },
    { name: 'a catalog query edited', change: (root: string) => write(root, 'sql/tables.sql', 'SELECT 2;\n') },
    { name: 'the build script edited', change: (root: string) => write(root, 'scripts/build.mjs', '// build, changed\n') },
    { name: 'tsconfig.json edited', change: (root: string) => write(root, 'tsconfig.json', '{ "compilerOptions": {} }\n') },
    { name: 'a bundled package at another version', change: (root: string) => write(root, 'package-lock.json', lock('8.2.0', '4.0.1')) },
    {
      name: 'a package a bundled one needs at another version',
      change: (root: string) => write(root, 'package-lock.json', lock('8.1.0', '4.0.1', '3.1.0')),
    },
  ])('refuses dist/ after $name, in one line that says to run npm run build', ({ change }) => {
    const root = checkout();
    change(root);
    const reason = staleBundleReason(root);
    expect(reason).toMatch(
      /^the bundles are stale: dist\/sources\.sha256 records sources [0-9a-f]{12}, the checkout has [0-9a-f]{12} .*: run `npm run build`$/,
    );
    expect(reason).not.toContain('\n');
  });

  it('refuses a dist/ with no recorded hash (built before the hash existed, or a build that stopped half way)', () => {
    const root = checkout();
    rmSync(join(root, 'dist', HASH_FILE));
    expect(staleBundleReason(root)).toBe(
      'dist/sources.sha256 is missing, so the bundles in dist cannot be checked against the sources: run `npm run build`',
    );
  });

  it.each([
    {
      name: 'tests, docs and other files outside the bundle edited',
      change: (root: string) => (write(root, 'README.md', '# changed\n'), write(root, 'tests/unit/a.test.ts', 'changed\n')),
    },
    { name: 'a test tool at another version', change: (root: string) => write(root, 'package-lock.json', lock('8.1.0', '4.9.9')) },
    {
      name: 'every mtime set equal, as in a fresh clone',
      change: (root: string) => {
        for (const path of [...Object.keys(FILES), `dist/${HASH_FILE}`]) utimesSync(join(root, path), 0, 0);
      },
    },
    {
      name: 'the sources touched after the bundle (newer mtimes, same bytes)',
      change: (root: string) => {
        for (const path of Object.keys(FILES)) utimesSync(join(root, path), new Date(), new Date(Date.now() + 60_000));
      },
    },
  ])('still accepts dist/ after $name', ({ change }) => {
    const root = checkout();
    change(root);
    expect(staleBundleReason(root)).toBeNull();
  });

  it('gives the same hash to a copy in another folder (a clone elsewhere)', () => {
    const root = checkout();
    const copy = mkdtempSync(join(tmpdir(), 'pgdrift-clone-'));
    roots.push(copy);
    cpSync(root, copy, { recursive: true });
    expect(sourceHash(copy)).toBe(sourceHash(root));
    expect(staleBundleReason(copy)).toBeNull();
  });

  it('covers src/, sql/ and the build inputs, not tests or docs', () => {
    expect(bundleInputs(checkout())).toEqual([
      'scripts/build.mjs',
      'sql/tables.sql',
      'src/cli/index.ts',
      'src/db/introspect.ts',
      'tsconfig.json',
    ]);
  });

  it('checks a bundle folder other than dist/ when given one', () => {
    const root = checkout();
    const out = join(root, 'elsewhere');
    mkdirSync(out);
    expect(staleBundleReason(root, out)).toMatch(/^elsewhere\/sources\.sha256 is missing.*run `npm run build`$/);
    writeFileSync(join(out, HASH_FILE), sourceHash(root));
    expect(staleBundleReason(root, out)).toBeNull();
  });
});

describe('BUNDLED', () => {
  it('names exactly the packages src/ imports', () => {
    const files = (readdirSync(join(repoRoot, 'src'), { recursive: true }) as string[]).filter((f) => f.endsWith('.ts'));
    const imported = new Set<string>();
    for (const f of files) {
      for (const m of readFileSync(join(repoRoot, 'src', f), 'utf8').matchAll(/^import [^;]*? from '([^.'][^']*)';/gms)) {
        const name = m[1] as string;
        if (name.startsWith('node:')) continue;
        imported.add(name.startsWith('@') ? name.split('/').slice(0, 2).join('/') : (name.split('/')[0] as string));
      }
    }
    expect([...imported].sort()).toEqual([...BUNDLED].sort());
  });
});
