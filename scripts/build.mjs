// Builds the bundles: inlines sql/ into src/db/catalog-sql.ts, then bundles each entry point with
// ncc into one ESM file: dist/cli.js (the CLI), dist/index.js (the action) and dist/api.js (the
// library, with its declarations in dist/types), and records the hash
// of the sources in dist/sources.sha256 so that a stale bundle can be told apart from a fresh one.
// `--out DIR` builds into DIR instead of dist/.
import { execFileSync } from 'node:child_process';
import { chmodSync, existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { HASH_FILE, sourceHash } from './source-hash.mjs';

const root = fileURLToPath(new URL('..', import.meta.url));
const outFlag = process.argv.indexOf('--out');
const outDir = outFlag === -1 ? join(root, 'dist') : resolve(process.argv[outFlag + 1] ?? '');
if (outFlag !== -1 && !process.argv[outFlag + 1]) throw new Error('--out needs a folder');
mkdirSync(outDir, { recursive: true });
// The hash goes first and comes back last: a build that stops half way leaves no hash, so the
// half-written bundles count as stale.
rmSync(join(outDir, HASH_FILE), { force: true });
execFileSync(process.execPath, [join(root, 'scripts/gen-sql.mjs')], { stdio: 'inherit' });

const entries = [
  { src: 'src/cli/index.ts', out: 'cli.js', executable: true },
  { src: 'src/action/index.ts', out: 'index.js', executable: false },
  { src: 'src/api.ts', out: 'api.js', executable: false },
].filter((entry) => existsSync(join(root, entry.src)));
for (const entry of entries) {
  const tmp = mkdtempSync(join(tmpdir(), 'pgdrift-build-'));
  try {
    execFileSync(join(root, 'node_modules/.bin/ncc'), ['build', join(root, entry.src), '-o', tmp, '--quiet', '--target', 'es2022'], {
      stdio: 'inherit',
      cwd: root,
    });
    let code = readFileSync(join(tmp, 'index.js'), 'utf8');
    if (entry.executable && !code.startsWith('#!')) code = `#!/usr/bin/env node\n${code}`;
    writeFileSync(join(outDir, entry.out), code);
    if (entry.executable) chmodSync(join(outDir, entry.out), 0o755);
  } finally {
    rmSync(tmp, { recursive: true, force: true });
  }
}
// The library's types (`import { check } from 'pgdrift'`): declarations of src/api.ts and what it names.
rmSync(join(outDir, 'types'), { recursive: true, force: true });
execFileSync(join(root, 'node_modules/.bin/tsc'), ['-p', join(root, 'tsconfig.api.json'), '--outDir', join(outDir, 'types')], {
  stdio: 'inherit',
  cwd: root,
});
writeFileSync(join(outDir, HASH_FILE), `${sourceHash(root)}\n`);
