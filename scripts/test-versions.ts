/**
 * `npm run test:versions [-- 14 18]`: runs the integration tests and golden cases (all but the
 * version-agnostic ones below) against real
 * PostgreSQL 14, 15, 16, 17 and 18 (server binaries from npm), one version after another, and
 * prints one line per version. Exits non-zero when any version fails.
 */
import { spawn } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { EMBEDDED_VERSIONS, startEmbedded, type EmbeddedVersion } from '../src/db/embedded.js';

const root = fileURLToPath(new URL('..', import.meta.url));
const requested = process.argv.slice(2).map(Number);
const versions = (requested.length ? requested : [...EMBEDDED_VERSIONS]) as EmbeddedVersion[];
for (const v of versions) {
  if (!(EMBEDDED_VERSIONS as readonly number[]).includes(v)) {
    process.stderr.write(`unknown PostgreSQL version ${v}: expected one of ${EMBEDDED_VERSIONS.join(', ')}\n`);
    process.exit(2);
  }
}

/**
 * Integration tests whose outcome does not depend on the server's version (they test the client:
 * spec files, waiting, embedded servers of their own, the fuzzer's and the concurrent checks'
 * bookkeeping), left out of the matrix to keep CI short; they run on the suite's server.
 */
const VERSION_AGNOSTIC = ['fuzz', 'concurrent-checks', 'wait', 'from-sql', 'spec-file', 'embedded', 'sticky-trust', 'read-only-role'];
const excluded = VERSION_AGNOSTIC.flatMap((name) => ['--exclude', `tests/integration/${name}.test.ts`]);

const results: Array<{ version: number; ok: boolean; seconds: number }> = [];
for (const version of versions) {
  const started = Date.now();
  process.stdout.write(`\n== PostgreSQL ${version}\n`);
  const server = await startEmbedded({ version });
  try {
    // Asynchronously: this process must keep draining the embedded server's log pipe meanwhile.
    const child = spawn(process.execPath, [`${root}node_modules/vitest/vitest.mjs`, 'run', 'tests/integration', ...excluded], {
      cwd: root,
      env: { ...process.env, TEST_DATABASE_URL: server.url },
      stdio: 'inherit',
    });
    const status = await new Promise<number | null>((resolve) => child.on('exit', (code) => resolve(code)));
    results.push({ version, ok: status === 0, seconds: Math.round((Date.now() - started) / 1000) });
  } finally {
    await server.stop();
  }
}

process.stdout.write('\nPostgreSQL version matrix:\n');
for (const r of results) process.stdout.write(`  ${r.version}: ${r.ok ? 'passed' : 'FAILED'} (${r.seconds}s)\n`);
process.exitCode = results.every((r) => r.ok) ? 0 : 1;
