// Builds the bundles: inlines sql/ into src/db/catalog-sql.ts, then bundles each entry point with
// ncc into one ESM file: dist/cli.js (the CLI) and dist/index.js (the action).
import { execFileSync } from 'node:child_process';
import { chmodSync, existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = fileURLToPath(new URL('..', import.meta.url));
execFileSync(process.execPath, [join(root, 'scripts/gen-sql.mjs')], { stdio: 'inherit' });

const entries = [
  { src: 'src/cli/index.ts', out: 'dist/cli.js', executable: true },
  { src: 'src/action/index.ts', out: 'dist/index.js', executable: false },
].filter((entry) => existsSync(join(root, entry.src)));
for (const entry of entries) {
  const tmp = mkdtempSync(join(tmpdir(), 'pgdrift-build-'));
  try {
    execFileSync(join(root, 'node_modules/.bin/ncc'), ['build', join(root, entry.src), '-o', tmp, '--quiet', '--target', 'es2022'], { stdio: 'inherit', cwd: root });
    let code = readFileSync(join(tmp, 'index.js'), 'utf8');
    if (entry.executable && !code.startsWith('#!')) code = `#!/usr/bin/env node\n${code}`;
    writeFileSync(join(root, entry.out), code);
    if (entry.executable) chmodSync(join(root, entry.out), 0o755);
  } finally {
    rmSync(tmp, { recursive: true, force: true });
  }
}
