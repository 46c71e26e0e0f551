/**
 * src/db/catalog-sql.ts is generated from sql/ by scripts/gen-sql.mjs (the build runs it first):
 * it must be what the script makes of the current .sql files, and the version-specific texts must
 * differ only where sql/ marks them.
 */
import { execFileSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { catalogSql, catalogSqlFrom15 } from '../../src/db/catalog-sql.js';
import { repoRoot } from '../helpers/cli.js';

describe('src/db/catalog-sql.ts', () => {
  it('is what scripts/gen-sql.mjs makes of sql/ now', () => {
    const rendered = execFileSync(
      process.execPath,
      ['--input-type=module', '-e', "import('./scripts/gen-sql.mjs').then((m) => process.stdout.write(m.renderCatalogModule()))"],
      { cwd: repoRoot, encoding: 'utf8' },
    );
    expect(readFileSync(`${repoRoot}src/db/catalog-sql.ts`, 'utf8')).toBe(rendered);
  });

  it('reads indnullsnotdistinct as a column from PostgreSQL 15 on, through to_jsonb before, and leaves no marker behind', () => {
    for (const key of ['indexes', 'constraints'] as const) {
      expect(catalogSql[key]).toContain(
        "COALESCE((pg_catalog.to_jsonb(i) ->> 'indnullsnotdistinct')::boolean, false) AS nulls_not_distinct",
      );
      expect(catalogSqlFrom15[key]).toContain('i.indnullsnotdistinct AS nulls_not_distinct');
      expect(catalogSqlFrom15[key]).not.toContain('to_jsonb(i)');
    }
    for (const text of [...Object.values(catalogSql), ...Object.values(catalogSqlFrom15)])
      expect(text).not.toMatch(/\/\* (before|from) 15: /);
    const same = Object.keys(catalogSql).filter(
      (k) => catalogSql[k as keyof typeof catalogSql] === catalogSqlFrom15[k as keyof typeof catalogSql],
    );
    expect(same.sort()).toEqual(['columns', 'enums', 'extensions', 'schemas', 'scope', 'sequences', 'tables', 'views']);
  });
});
