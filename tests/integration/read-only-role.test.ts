/**
 * docs/read-only-role.sql, run as written (with the test database's name), gives a role that can
 * run check and plan, and cannot change the database.
 */
import { readFileSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { bundle, repoRoot } from '../helpers/cli.js';
import { createTestDatabase, type TestDatabase } from '../helpers/db.js';

const roleSql = readFileSync(`${repoRoot}docs/read-only-role.sql`, 'utf8');
const spec = `${repoRoot}examples/chatkit/schema.json`;

describe('the read-only role of docs/read-only-role.sql', () => {
  let db: TestDatabase;
  let url: string;
  beforeAll(async () => {
    db = await createTestDatabase('read_only_role');
    await db.exec('DROP ROLE IF EXISTS pgdrift_check');
    // PUBLIC keeps no privileges beyond PostgreSQL 15's defaults, so only the script's grants count.
    await db.exec(`REVOKE ALL ON DATABASE "${db.name}" FROM PUBLIC; REVOKE ALL ON SCHEMA public FROM PUBLIC;`);
    await db.exec(roleSql.replaceAll('DATABASE app', `DATABASE "${db.name}"`));
    await db.exec(readFileSync(`${repoRoot}examples/chatkit/broken.sql`, 'utf8'));
    const u = new URL(db.url);
    u.username = 'pgdrift_check';
    u.password = 'change-me';
    url = u.toString();
  });
  afterAll(async () => {
    await db.drop();
    await db.exec('DROP ROLE IF EXISTS pgdrift_check').catch(() => undefined);
  });

  it('runs check and plan of the bundled CLI and sees the incident', () => {
    const checked = bundle(['check', '--database-url', url, '--spec', spec, '--format', 'json']);
    expect(checked.stderr).toBe('');
    expect(checked.code).toBe(1);
    expect(JSON.parse(checked.stdout).summary.changes).toBe(3);
    const planned = bundle(['plan', '--database-url', url, '--spec', spec]);
    expect(planned.code).toBe(1);
    expect(planned.stdout).toContain('CREATE TABLE "public"."messages"');
  });

  it('cannot apply: the migration needs the owner', async () => {
    const applied = bundle(['apply', '--database-url', url, '--spec', spec]);
    expect(applied.code).toBe(2);
    expect(applied.stderr.trimEnd().split('\n').pop()).toMatch(/^pgdrift: .*(permission denied|must be owner)/);
    expect(await db.query("SELECT 1 FROM pg_class WHERE relname = 'messages'")).toEqual([]);
  });
});
