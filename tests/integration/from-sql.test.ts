/**
 * Specs from SQL files: the team's SQL loaded into a throwaway database (a new database on a
 * scratch server, or an embedded PostgreSQL), read back as a spec, and compared with live ones.
 */
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { toSpec } from '../../src/core/spec.js';
import { schemaFromSql, SqlFileError } from '../../src/db/from-sql.js';
import { cli, repoRoot } from '../helpers/cli.js';
import { createTestDatabase, serverUrl, type TestDatabase } from '../helpers/db.js';

const schemaSql = { path: 'examples/chatkit/schema.sql', text: readFileSync(`${repoRoot}examples/chatkit/schema.sql`, 'utf8') };
const broken = readFileSync(`${repoRoot}examples/chatkit/broken.sql`, 'utf8');

describe('a spec from SQL files', () => {
  let db: TestDatabase;
  let dir: string;
  beforeAll(async () => {
    db = await createTestDatabase('from_sql');
    dir = mkdtempSync(join(tmpdir(), 'pgdrift-from-sql-'));
  });
  afterAll(async () => {
    await db.drop();
    rmSync(dir, { recursive: true, force: true });
  });

  it('reads the team SQL into a spec that is clean against a database built from the same SQL, and finds the incident on the broken one', async () => {
    const specFile = join(dir, 'spec.json');
    writeFileSync(specFile, JSON.stringify(toSpec(await schemaFromSql([schemaSql], { scratchUrl: serverUrl() }))));
    await db.exec(schemaSql.text);
    const clean = await cli(['check', '--database-url', db.url, '--spec', specFile]);
    expect(clean.stdout).toBe('No drift: the database matches the spec.\n');
    expect(clean.code).toBe(0);

    await db.reset();
    await db.exec(broken);
    const drift = await cli(['check', '--database-url', db.url, '--spec', specFile, '--format', 'json']);
    expect(drift.code).toBe(1);
    expect(JSON.parse(drift.stdout).changes.map((c: { kind: string; object: string }) => `${c.kind} ${c.object}`)).toEqual([
      'add-column public.conversations.updated_at',
      'add-column public.conversations.metadata',
      'add-table public.messages',
    ]);
  });

  it('leaves no scratch database behind', async () => {
    const rows = await db.query<{ n: string }>("SELECT count(*) AS n FROM pg_database WHERE datname LIKE 'pgdrift_scratch_%'");
    expect(rows[0]?.n).toBe('0');
  });

  it('names the file, line and column of a statement PostgreSQL rejects, with its message', async () => {
    const files = [
      { path: 'db/001.sql', text: 'CREATE TABLE a (id int);\n' },
      {
        path: 'db/002.sql',
        text: '-- second file\nCREATE TABLE b (\n  id int,\n  x nosuchtype\n);\nALTER TABLE nosuch ADD COLUMN y int;\n',
      },
    ];
    await expect(schemaFromSql(files, { scratchUrl: serverUrl() })).rejects.toThrow(
      new SqlFileError('db/002.sql:4:5: type "nosuchtype" does not exist'),
    );
    files[1]!.text = 'CREATE TABLE b (id int);\n\n  ALTER TABLE nosuch ADD COLUMN y int;\n';
    await expect(schemaFromSql(files, { scratchUrl: serverUrl() })).rejects.toThrow(
      new SqlFileError('db/002.sql:3:3: relation "nosuch" does not exist'),
    );
    const rows = await db.query<{ n: string }>("SELECT count(*) AS n FROM pg_database WHERE datname LIKE 'pgdrift_scratch_%'");
    expect(rows[0]?.n).toBe('0');
  });

  it('snapshot --from-sql writes the spec, and check --from-sql takes the SQL as the desired state, through the CLI', async () => {
    const specFile = join(dir, 'from-cli.json');
    const written = await cli([
      'snapshot',
      '--from-sql',
      `${repoRoot}examples/chatkit/schema.sql`,
      '--scratch-url',
      serverUrl(),
      '--output',
      specFile,
    ]);
    expect(written.stderr).toBe('');
    expect(written.code).toBe(0);
    await db.reset();
    await db.exec(schemaSql.text);
    expect(await cli(['check', '--database-url', db.url, '--spec', specFile])).toEqual({
      code: 0,
      stdout: 'No drift: the database matches the spec.\n',
      stderr: '',
    });

    await db.reset();
    await db.exec(broken);
    const drift = await cli([
      'check',
      '--database-url',
      db.url,
      '--from-sql',
      `${repoRoot}examples/chatkit/schema.sql`,
      '--scratch-url',
      serverUrl(),
      '--format',
      'json',
    ]);
    expect(drift.stderr).toBe('');
    expect(drift.code).toBe(1);
    expect(JSON.parse(drift.stdout).changes.map((c: { kind: string; object: string }) => `${c.kind} ${c.object}`)).toEqual([
      'add-column public.conversations.updated_at',
      'add-column public.conversations.metadata',
      'add-table public.messages',
    ]);
    const planned = await cli([
      'plan',
      '--database-url',
      db.url,
      '--from-sql',
      `${repoRoot}examples/chatkit/schema.sql`,
      '--scratch-url',
      serverUrl(),
    ]);
    expect(planned.code).toBe(1);
    expect(planned.stdout).toContain('CREATE TABLE "public"."messages"');
  });

  it('refuses --spec with --from-sql, and reports a SQL error as one line with file, line and column, exit 2', async () => {
    const both = await cli(['check', '--database-url', db.url, '--spec', 'x.json', '--from-sql', 'x.sql']);
    expect(both).toEqual({ code: 2, stdout: '', stderr: 'pgdrift: give either --spec or --from-sql, not both\n' });
    const bad = join(dir, 'bad.sql');
    writeFileSync(bad, 'CREATE TABLE a (id int);\nCREATE TABLE b (x nosuchtype);\n');
    const run = await cli(['check', '--database-url', db.url, '--from-sql', bad, '--scratch-url', serverUrl()]);
    expect(run).toEqual({ code: 2, stdout: '', stderr: `pgdrift: ${bad}:2:19: type "nosuchtype" does not exist\n` });
  });

  it('loads into an embedded PostgreSQL when no scratch server is given', async () => {
    const schema = await schemaFromSql([schemaSql]);
    expect(Object.keys(schema.tables)).toEqual(['public.conversations', 'public.messages']);
    expect(schema.tables['public.conversations']?.columns.map((c) => c.name)).toEqual(['id', 'created_at', 'updated_at', 'metadata']);
  }, 120_000);
});
