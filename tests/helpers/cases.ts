/**
 * Golden acceptance cases: one folder per case under tests/cases/<area>/<case>/, found by walking
 * the tree, so adding a case means adding a folder. Each folder holds:
 *
 * - before.sql    builds the live database (may be empty);
 * - spec.json     the desired schema;
 * - changes.json  the changes `check` must report, in order: [{kind, object, destructive, hazards}];
 * - desired.sql   builds the spec's schema straight; `check` of that database must be clean;
 * - requires.json  (optional) `{"postgres": 15}`: the first PostgreSQL major version the case runs on.
 *
 * Other expected files (a plan.sql for the planner, say) can sit beside these: `files` lists every
 * file of the folder so a runner for them can pick up the cases that have one.
 */
import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { join, relative } from 'node:path';
import { repoRoot } from './cli.js';

export const casesRoot = join(repoRoot, 'tests', 'cases');

export interface ExpectedChange {
  kind: string;
  object: string;
  destructive: boolean;
  hazards: string[];
}

export interface GoldenCase {
  /** `<area>/<case>` */
  name: string;
  dir: string;
  before: string;
  specFile: string;
  changes: ExpectedChange[];
  desired: string;
  /** The first PostgreSQL major version that has what the case uses. */
  minVersion: number;
  /** Every file in the folder, by name. */
  files: string[];
}

const REQUIRED = ['before.sql', 'spec.json', 'changes.json', 'desired.sql'];

function folders(dir: string): string[] {
  const entries = readdirSync(dir).sort();
  if (entries.includes('spec.json')) return [dir];
  return entries
    .map((e) => join(dir, e))
    .filter((p) => statSync(p).isDirectory())
    .flatMap(folders);
}

/** Every case folder, sorted by name. Throws when a folder lacks one of the required files. */
export function loadCases(root = casesRoot): GoldenCase[] {
  return folders(root).map((dir) => {
    const name = relative(root, dir);
    for (const file of REQUIRED) {
      if (!existsSync(join(dir, file))) throw new Error(`golden case ${name} has no ${file}`);
    }
    const read = (file: string): string => readFileSync(join(dir, file), 'utf8');
    return {
      name,
      dir,
      before: read('before.sql'),
      specFile: join(dir, 'spec.json'),
      changes: JSON.parse(read('changes.json')) as ExpectedChange[],
      desired: read('desired.sql'),
      minVersion: existsSync(join(dir, 'requires.json')) ? (JSON.parse(read('requires.json')) as { postgres: number }).postgres : 0,
      files: readdirSync(dir).sort(),
    };
  });
}

/** Drops every user schema and extension, leaving an empty `public`: a fresh database, fast. */
export const CLEAN_DATABASE = `
DO $clean$
DECLARE r record;
BEGIN
  FOR r IN SELECT extname FROM pg_catalog.pg_extension WHERE extname <> 'plpgsql' LOOP
    EXECUTE pg_catalog.format('DROP EXTENSION %I CASCADE', r.extname);
  END LOOP;
  FOR r IN SELECT nspname FROM pg_catalog.pg_namespace
    WHERE nspname NOT IN ('pg_catalog', 'information_schema', 'pg_toast') AND nspname !~ '^pg_(toast_)?temp_' LOOP
    EXECUTE pg_catalog.format('DROP SCHEMA %I CASCADE', r.nspname);
  END LOOP;
END
$clean$;
CREATE SCHEMA public;
`;
