// What the bundles in dist/ are built from, as one content hash. `npm run build` writes it to
// dist/sources.sha256; the tests that run dist/ compare it with the hash of the checkout and refuse
// a stale bundle. File contents only, never mtimes: a fresh clone gives every file the same mtime.
import { createHash } from 'node:crypto';
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join, relative, sep } from 'node:path';

/** Where the build records the hash, relative to the bundle folder. */
export const HASH_FILE = 'sources.sha256';

/** Folders whose every file goes into the bundles, and single files that shape them. */
const TREES = ['src', 'sql'];
const FILES = ['tsconfig.json', 'scripts/build.mjs', 'scripts/gen-sql.mjs', 'scripts/source-hash.mjs'];

function walk(root, dir) {
  const out = [];
  for (const entry of readdirSync(join(root, dir), { withFileTypes: true })) {
    const path = join(dir, entry.name);
    if (entry.isDirectory()) out.push(...walk(root, path));
    else if (entry.isFile()) out.push(path);
  }
  return out;
}

/** The files the hash covers, relative to `root` with forward slashes, sorted. */
export function bundleInputs(root) {
  const files = [];
  for (const tree of TREES) if (existsSync(join(root, tree))) files.push(...walk(root, tree));
  for (const file of FILES) if (existsSync(join(root, file))) files.push(file);
  return files.map((f) => relative(root, join(root, f)).split(sep).join('/')).sort();
}

/**
 * The packages that can end up in a bundle: package.json's dependencies and every package of the
 * lockfile that is not dev-only, with its version. A devDependency bump does not make dist/ stale.
 */
function runtimePackages(root) {
  const pkg = JSON.parse(readFileSync(join(root, 'package.json'), 'utf8'));
  const lines = Object.entries(pkg.dependencies ?? {}).map(([name, range]) => `dependency ${name} ${range}`);
  const lockPath = join(root, 'package-lock.json');
  if (existsSync(lockPath)) {
    const lock = JSON.parse(readFileSync(lockPath, 'utf8'));
    for (const [path, entry] of Object.entries(lock.packages ?? {})) {
      if (path === '' || entry.dev) continue;
      lines.push(`package ${path} ${entry.version ?? ''}`);
    }
  }
  return lines.sort();
}

/** sha256 (hex) of the bundle inputs: each file's path and bytes, then the runtime packages. */
export function sourceHash(root) {
  const hash = createHash('sha256');
  for (const file of bundleInputs(root)) {
    hash.update(`file ${file}\0`);
    hash.update(readFileSync(join(root, file)));
    hash.update('\0');
  }
  for (const line of runtimePackages(root)) hash.update(`${line}\n`);
  return hash.digest('hex');
}

/**
 * Whether the bundles in `distDir` were built from the sources in `root`. Returns null when they
 * were, otherwise the one-line reason, which ends by saying to run `npm run build`.
 */
export function staleBundleReason(root, distDir = join(root, 'dist')) {
  const recordedPath = join(distDir, HASH_FILE);
  const where = relative(root, recordedPath).split(sep).join('/') || recordedPath;
  if (!existsSync(recordedPath)) return `${where} is missing, so the bundles in ${relative(root, distDir) || distDir} cannot be checked against the sources: run \`npm run build\``;
  const recorded = readFileSync(recordedPath, 'utf8').trim();
  const current = sourceHash(root);
  if (recorded === current) return null;
  return `the bundles are stale: ${where} records sources ${recorded.slice(0, 12)}, the checkout has ${current.slice(0, 12)} (src/, sql/, runtime packages or the build scripts changed): run \`npm run build\``;
}
