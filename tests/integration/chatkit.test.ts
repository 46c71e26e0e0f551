import { readFileSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { cli, repoRoot } from '../helpers/cli.js';
import { createTestDatabase, type TestDatabase } from '../helpers/db.js';

const spec = `${repoRoot}examples/chatkit/schema.json`;
const broken = readFileSync(`${repoRoot}examples/chatkit/broken.sql`, 'utf8');
const repair = readFileSync(`${repoRoot}examples/chatkit/repair.sql`, 'utf8');

describe('the chatkit incident', () => {
  let db: TestDatabase;
  beforeAll(async () => {
    db = await createTestDatabase('chatkit');
  });
  afterAll(async () => {
    await db.drop();
  });

  it('reports exactly the missing columns, table and index on the hand-initialised database', async () => {
    await db.exec(broken);
    const run = await cli(['check', '--database-url', db.url, '--spec', spec, '--format', 'json']);
    expect(run.stderr).toBe('');
    expect(run.code).toBe(1);
    const report = JSON.parse(run.stdout);
    expect(report.changes.map((c: { kind: string; object: string }) => `${c.kind} ${c.object}`)).toEqual([
      'add-column public.conversations.updated_at',
      'add-column public.conversations.metadata',
      'add-table public.messages',
    ]);
    expect(report.summary).toMatchObject({ changes: 3, destructive: 0, tables: 2 });
  });

  it('is clean after the team repair script, whatever names PostgreSQL gave the constraints', async () => {
    await db.exec(repair);
    const run = await cli(['check', '--database-url', db.url, '--spec', spec]);
    expect(run.stdout).toBe('No drift: the database matches the spec.\n');
    expect(run.code).toBe(0);
  });
});
