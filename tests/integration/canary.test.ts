/**
 * A spec's expression may read the database when PostgreSQL evaluates it; the error it raises must
 * not carry the data into pgdrift's output (a pull-request comment, a CI log).
 */
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { cli } from '../helpers/cli.js';
import { createTestDatabase, type TestDatabase } from '../helpers/db.js';

const CANARY = 'Canary-Secret-7f3a9c';
let db: TestDatabase;
let dir: string;

beforeAll(async () => {
  db = await createTestDatabase('canary');
  await db.exec(`CREATE TABLE canary (secret text); INSERT INTO canary VALUES ('${CANARY}');`);
  dir = mkdtempSync(join(tmpdir(), 'pgdrift-canary-'));
});

afterAll(async () => {
  await db?.drop();
  if (dir) rmSync(dir, { recursive: true, force: true });
});

describe('errors of expressions that read the database', () => {
  it.each([{ name: 'the whole database as XML', expression: "(database_to_xml(true, false, ''))::text::int" }])(
    'never show the data: $name',
    async ({ expression }) => {
      const spec = join(dir, 'spec.json');
      writeFileSync(
        spec,
        JSON.stringify({ version: 1, tables: { canary: { columns: { secret: 'text', n: { type: 'int', default: expression } } } } }),
      );
      const runs = [
        await cli(['check', '--database-url', db.url, '--spec', spec]),
        await cli(['check', '--database-url', db.url, '--spec', spec, '--format', 'json']),
        await cli(['plan', '--database-url', db.url, '--spec', spec, '--format', 'json']),
        // apply adds the column to a table with a row: PostgreSQL evaluates the default, and fails.
        await cli(['apply', '--database-url', db.url, '--spec', spec]),
      ];
      expect(runs[3]!.code).toBe(2);
      expect(runs[3]!.stderr).toContain('invalid input syntax for type integer: "…"');
      for (const run of runs) expect(run.stdout + run.stderr).not.toContain(CANARY);
      const [row] = await db.query<{ secret: string }>('SELECT secret FROM canary');
      expect(row?.secret).toBe(CANARY);
    },
  );
});
