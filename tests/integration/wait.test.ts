/**
 * check --wait: a database that is not up yet (a Neon compute waking, a container's PostgreSQL
 * starting) is waited for, then the check runs once. Here the server is an embedded PostgreSQL
 * started on a port the check is already knocking on.
 */
import { createServer } from 'node:net';
import { describe, expect, it } from 'vitest';
import { startEmbedded } from '../../src/db/embedded.js';
import { cli, repoRoot } from '../helpers/cli.js';

const spec = `${repoRoot}examples/chatkit/schema.json`;

function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const address = server.address();
      const port = typeof address === 'object' && address ? address.port : 0;
      server.close(() => resolve(port));
    });
  });
}

describe('check --wait', () => {
  it('waits for a server that starts after it, says so once, then checks', async () => {
    const port = await freePort();
    const url = `postgres://postgres@127.0.0.1:${port}/postgres?sslmode=disable`;
    const run = cli(['check', '--database-url', url, '--spec', spec, '--wait', '90', '--format', 'json']);
    await new Promise((resolve) => setTimeout(resolve, 500));
    const server = await startEmbedded({ port });
    try {
      const result = await run;
      expect(result.stderr.split('\n').filter(Boolean)).toEqual([
        `Waiting up to 90s for the database: could not connect to postgres@127.0.0.1:${port}/postgres: connection refused. Is PostgreSQL running there, and are the host and port right?`,
      ]);
      expect(result.code).toBe(1);
      expect(JSON.parse(result.stdout).summary.changes).toBe(2);
    } finally {
      await server.stop();
    }
  }, 120_000);

  it('gives up after the time given, with the connection error, exit 2', async () => {
    const port = await freePort();
    const url = `postgres://postgres@127.0.0.1:${port}/postgres?sslmode=disable`;
    const started = Date.now();
    const result = await cli(['check', '--database-url', url, '--spec', spec, '--wait', '1']);
    expect(Date.now() - started).toBeGreaterThanOrEqual(1000);
    expect(result.code).toBe(2);
    expect(result.stderr).toBe(
      `Waiting up to 1s for the database: could not connect to postgres@127.0.0.1:${port}/postgres: connection refused. Is PostgreSQL running there, and are the host and port right?\n` +
        `pgdrift: could not connect to postgres@127.0.0.1:${port}/postgres: connection refused. Is PostgreSQL running there, and are the host and port right?\n`,
    );
  });

  it('does not wait for a wrong password: that will not pass', async () => {
    const port = await freePort();
    const server = await startEmbedded({ port, auth: 'scram', password: 'right' });
    try {
      const started = Date.now();
      const result = await cli([
        'check',
        '--database-url',
        `postgres://postgres:wrong@127.0.0.1:${port}/postgres?sslmode=disable`,
        '--spec',
        spec,
        '--wait',
        '30',
      ]);
      expect(result.code).toBe(2);
      expect(result.stderr).toMatch(/^pgdrift: could not connect to .*password authentication failed/);
      expect(Date.now() - started).toBeLessThan(20_000);
    } finally {
      await server.stop();
    }
  }, 120_000);
});
