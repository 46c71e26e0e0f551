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
const FILES = ['tsconfig.json', 'tsconfig.api.json', 'scripts/build.mjs', 'scripts/gen-sql.mjs', 'scripts/source-hash.mjs'];

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
 * The packages the sources import, which ncc bundles (a test keeps this list equal to the imports
 * of src/). They are devDependencies, as users install the bundles, not these.
 */
export const BUNDLED = ['@actions/core', '@actions/github', 'pg'];

/**
 * The packages that end up in a bundle: BUNDLED and everything they depend on, as the lockfile
 * resolves them, with their versions. A bump of a test or lint tool does not make dist/ stale.
 */
function runtimePackages(root) {
  const lockPath = join(root, 'package-lock.json');
  if (!existsSync(lockPath)) return BUNDLED.map((name) => `package ${name} unlocked`);
  const packages = JSON.parse(readFileSync(lockPath, 'utf8')).packages ?? {};
  /** Where npm resolves `name` required from the package at `from` (a lockfile path). */
  const resolve = (from, name) => {
    for (let dir = from; ; dir = dir.includes('/node_modules/') ? dir.slice(0, dir.lastIndexOf('/node_modules/')) : '') {
      const candidate = `${dir ? `${dir}/` : ''}node_modules/${name}`;
      if (packages[candidate]) return candidate;
      if (!dir) return undefined;
    }
  };
  const seen = new Set();
  const queue = BUNDLED.map((name) => resolve('', name)).filter(Boolean);
  while (queue.length) {
    const path = queue.pop();
    if (seen.has(path)) continue;
    seen.add(path);
    const entry = packages[path];
    for (const name of Object.keys({ ...entry.dependencies, ...entry.optionalDependencies, ...entry.peerDependencies })) {
      const found = resolve(path, name);
      if (found) queue.push(found);
    }
  }
  return [...seen].map((path) => `package ${path} ${packages[path].version ?? ''}`).sort();
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
  if (!existsSync(recordedPath))
    return `${where} is missing, so the bundles in ${relative(root, distDir) || distDir} cannot be checked against the sources: run \`npm run build\``;
  const recorded = readFileSync(recordedPath, 'utf8').trim();
  const current = sourceHash(root);
  if (recorded === current) return null;
  return `the bundles are stale: ${where} records sources ${recorded.slice(0, 12)}, the checkout has ${current.slice(0, 12)} (src/, sql/, runtime packages or the build scripts changed): run \`npm run build\``;
}
