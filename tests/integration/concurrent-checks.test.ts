/**
 * Many checks at once on one database, some killed part-way: the server is left as it was, with no
 * connection, temporary relation or open transaction of theirs behind.
 */
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startBundle } from '../helpers/apply.js';
import { scratchDir } from '../helpers/check.js';
import { createTestDatabase, type TestDatabase } from '../helpers/db.js';

let db: TestDatabase;
let scratch: { dir: string; remove: () => void };

beforeAll(async () => {
  db = await createTestDatabase('concurrent_checks');
  scratch = scratchDir('concurrent-checks');
  const tables = Array.from(
    { length: 40 },
    (_, i) => `CREATE TABLE t${i} (id bigint PRIMARY KEY, name text, n int CHECK (n > 0)); CREATE INDEX t${i}_name ON t${i} (lower(name));`,
  );
  await db.exec(tables.join('\n'));
});

afterAll(async () => {
  await db?.drop();
  scratch?.remove();
});

const sleep = (ms: number): Promise<void> => new Promise((resolve) => setTimeout(resolve, ms));

describe('50 concurrent checks, some killed', () => {
  it('leave no connection, temporary relation or open transaction behind', async () => {
    // Every table differs from the live one, so every check canonicalises all of them.
    const tables: Record<string, unknown> = {};
    for (let i = 0; i < 80; i++) {
      tables[`t${i}`] = {
        columns: { id: 'bigint', name: 'text', n: { type: 'int', default: `${i}` } },
        primaryKey: ['id'],
        checks: ['n > 1'],
        indexes: { [`t${i}_name`]: { columns: [{ expression: 'upper(name)' }] } },
      };
    }
    const file = join(scratch.dir, 'spec.json');
    writeFileSync(file, JSON.stringify({ version: 1, tables }));
    const children = Array.from({ length: 50 }, () =>
      startBundle(['check', '--database-url', db.url, '--spec', file, '--format', 'json'], 120_000),
    );
    // Every third is killed, spread over the first seconds: before it connects, while it reads
    // the catalog, or while it canonicalises the spec (they take seconds, 50 at once).
    const killed = new Set<number>();
    const timers = children.map((child, i) =>
      i % 3 === 0 ? setTimeout(() => (killed.add(i), child.kill('SIGKILL')), 200 + i * 150) : undefined,
    );
    const runs = await Promise.all(children.map((c) => c.done));
    for (const timer of timers) clearTimeout(timer);
    for (const [i, run] of runs.entries()) {
      if (killed.has(i) && run.code === -1) continue;
      // A check may lose the race for a connection slot (exit 2, "too many clients"); it must not crash.
      expect([0, 1, 2], `check ${i}: ${run.stderr}`).toContain(run.code);
      expect(run.stderr).not.toMatch(/unexpected error|\n\s+at /);
    }
    expect(runs.filter((r, i) => !killed.has(i) && r.code === 1).length).toBeGreaterThan(0);

    // The server notices a killed client within client_connection_check_interval (or at its next read).
    let left = { connections: -1, temp: -1, idleInTransaction: -1 };
    for (let attempt = 0; attempt < 100; attempt++) {
      const [row] = await db.query<{ connections: number; temp: number; idle_in_transaction: number }>(`
        SELECT (SELECT count(*)::int FROM pg_stat_activity WHERE datname = current_database() AND pid <> pg_backend_pid()) AS connections,
               (SELECT count(*)::int FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace WHERE n.nspname LIKE 'pg\\_temp\\_%') AS temp,
               (SELECT count(*)::int FROM pg_stat_activity WHERE datname = current_database() AND state LIKE 'idle in transaction%') AS idle_in_transaction`);
      left = { connections: row!.connections, temp: row!.temp, idleInTransaction: row!.idle_in_transaction };
      if (left.connections === 0 && left.temp === 0 && left.idleInTransaction === 0) break;
      await sleep(100);
    }
    expect(left).toEqual({ connections: 0, temp: 0, idleInTransaction: 0 });
  }, 180_000);
});
