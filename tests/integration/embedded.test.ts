import { spawnSync } from 'node:child_process';
import { chmodSync, cpSync, existsSync, mkdirSync, mkdtempSync, readdirSync, rmSync } from 'node:fs';
import { connect as netConnect } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import pg from 'pg';
import { afterAll, describe, expect, it } from 'vitest';
import { findBinaries, startEmbedded, type EmbeddedServer } from '../../src/db/embedded.js';
import { bundle, repoRoot } from '../helpers/cli.js';

async function serverVersionNum(url: string): Promise<number> {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    const { rows } = await client.query<{ v: string }>("SELECT current_setting('server_version_num') AS v");
    return Number(rows[0]!.v);
  } finally {
    await client.end();
  }
}

function portAnswers(port: number): Promise<boolean> {
  return new Promise((resolve) => {
    const socket = netConnect({ host: '127.0.0.1', port });
    socket.once('connect', () => {
      socket.destroy();
      resolve(true);
    });
    socket.once('error', () => resolve(false));
  });
}

const started: EmbeddedServer[] = [];
afterAll(async () => {
  await Promise.all(started.map((s) => s.stop()));
});

describe('startEmbedded', () => {
  it.each([
    { version: 14 as const, min: 140000, max: 149999 },
    { version: 18 as const, min: 180000, max: 189999 },
  ])('starts PostgreSQL $version on 127.0.0.1, answers, and leaves nothing behind when stopped', async ({ version, min, max }) => {
    const server = await startEmbedded({ version });
    started.push(server);
    expect(server.version).toBe(version);
    expect(server.url).toMatch(/^postgres:\/\/postgres@127\.0\.0\.1:\d+\/postgres\?sslmode=disable$/);
    expect(existsSync(server.dir)).toBe(true);
    const num = await serverVersionNum(server.url);
    expect(num).toBeGreaterThanOrEqual(min);
    expect(num).toBeLessThanOrEqual(max);
    await server.stop();
    expect(existsSync(server.dir)).toBe(false);
    expect(await portAnswers(server.port)).toBe(false);
    await server.stop();
  });

  it('defaults to PostgreSQL 15 on the port it is given', async () => {
    const probe = await startEmbedded();
    started.push(probe);
    const port = probe.port;
    await probe.stop();
    const server = await startEmbedded({ port });
    started.push(server);
    expect(server.port).toBe(port);
    expect(Math.floor((await serverVersionNum(server.url)) / 10000)).toBe(15);
    await server.stop();
  });

  it('with scram auth accepts the password and refuses a wrong one', async () => {
    const password = 'emb-S3cret:/@pass';
    const server = await startEmbedded({ version: 16, auth: 'scram', password });
    started.push(server);
    expect(new URL(server.url).password).toBe(encodeURIComponent(password));
    expect(await serverVersionNum(server.url)).toBeGreaterThanOrEqual(160000);
    const wrong = new URL(server.url);
    wrong.password = 'not-the-password';
    const error = await serverVersionNum(wrong.toString()).catch((e: { code?: string }) => e);
    expect((error as { code?: string }).code).toBe('28P01');
    const noPassword = new URL(server.url);
    noPassword.password = '';
    await expect(serverVersionNum(noPassword.toString())).rejects.toThrow();
    await server.stop();
  });

  it('runs binaries that the unprivileged account cannot reach (a checkout under a private folder)', async () => {
    const hidden = mkdtempSync(join(tmpdir(), 'pgdrift-private-'));
    try {
      cpSync(findBinaries(17).packageDir, join(hidden, 'pg17'), { recursive: true, verbatimSymlinks: true });
      chmodSync(hidden, 0o700);
      const server = await startEmbedded({ version: 17, packageDir: join(hidden, 'pg17') });
      started.push(server);
      expect(Math.floor((await serverVersionNum(server.url)) / 10000)).toBe(17);
      await server.stop();
      expect(existsSync(server.dir)).toBe(false);
    } finally {
      rmSync(hidden, { recursive: true, force: true });
    }
  });

  it('says which binaries are missing and where it looked', async () => {
    const empty = mkdtempSync(join(tmpdir(), 'pgdrift-empty-'));
    try {
      await expect(startEmbedded({ packageDir: empty })).rejects.toThrow(
        `PostgreSQL 15: ${join(empty, 'native', 'bin', 'initdb')} is missing or not executable`,
      );
      await expect(startEmbedded({ version: 13 as never })).rejects.toThrow(
        'PostgreSQL 13 is not available embedded: choose one of 14, 15, 16, 17, 18',
      );
    } finally {
      rmSync(empty, { recursive: true, force: true });
    }
  });

  it('finds the binaries from the source tree and the bundle location alike', () => {
    const bins = findBinaries(18);
    expect(bins.packageDir).toBe(join(repoRoot, 'node_modules', 'pg18'));
    expect(bins.postgres).toBe(join(repoRoot, 'node_modules', 'pg18', 'native', 'bin', 'postgres'));
  });

  it.each(['exit', 'SIGTERM'])('cleans up a server its process never stopped (on %s)', (how) => {
    const script = `
      import { startEmbedded } from ${JSON.stringify(`${repoRoot}src/db/embedded.ts`)};
      const server = await startEmbedded({ version: 15 });
      process.stdout.write(JSON.stringify({ dir: server.dir, port: server.port }) + '\\n');
      if (${JSON.stringify(how)} === 'exit') process.exit(0);
      process.kill(process.pid, 'SIGTERM');
      await new Promise((resolve) => setTimeout(resolve, 10000));
    `;
    const child = spawnSync(process.execPath, ['--import', 'tsx', '--input-type=module', '-e', script], {
      cwd: repoRoot,
      encoding: 'utf8',
      timeout: 60_000,
    });
    const line = child.stdout.trim().split('\n').pop() ?? '';
    const { dir, port } = JSON.parse(line) as { dir: string; port: number };
    expect(how === 'exit' ? child.status : child.signal).toBe(how === 'exit' ? 0 : 'SIGTERM');
    expect(existsSync(dir)).toBe(false);
    return portAnswers(port).then((answers) => expect(answers).toBe(false));
  });

  it('runs from the bundle in another folder (dist/cli.js --embedded), and removes its folder', () => {
    // A private TMPDIR shows that nothing is left behind, whatever else runs on this machine.
    const tmp = mkdtempSync(join(tmpdir(), 'pgdrift-bundle-tmp-'));
    try {
      chmodSync(tmp, 0o755);
      const run = bundle(['snapshot', '--embedded', '--embedded-version', '14'], { TMPDIR: tmp });
      expect(run.stderr).toContain('Started an embedded PostgreSQL 14');
      expect(run.code).toBe(0);
      expect(JSON.parse(run.stdout)).toMatchObject({ version: 1, schemas: { public: {} } });
      expect(readdirSync(tmp)).toEqual([]);
    } finally {
      rmSync(tmp, { recursive: true, force: true });
    }
  });

  it('works for an ordinary user too (run as nobody when these tests run as root)', () => {
    // What a user installs, in a folder any account can read: the bundle and the PostgreSQL 18
    // package. The checkout itself may sit where nobody cannot reach it (/root, a mktemp -d folder).
    const install = mkdtempSync(join(tmpdir(), 'pgdrift-user-'));
    try {
      chmodSync(install, 0o755);
      cpSync(join(repoRoot, 'dist', 'cli.js'), join(install, 'cli.mjs'));
      cpSync(findBinaries(18).packageDir, join(install, 'node_modules', 'pg18'), { recursive: true, verbatimSymlinks: true });
      const tmp = join(install, 'tmp');
      mkdirSync(tmp, { mode: 0o777 });
      chmodSync(tmp, 0o777);
      const root = process.getuid?.() === 0;
      // `id -u` first, then the CLI: the account it ran as is part of the result.
      const child = spawnSync(
        '/bin/sh',
        ['-c', 'id -u; exec "$0" "$@"', process.execPath, join(install, 'cli.mjs'), 'snapshot', '--embedded', '--embedded-version', '18'],
        {
          cwd: install,
          encoding: 'utf8',
          timeout: 60_000,
          env: { PATH: process.env.PATH, HOME: tmp, TMPDIR: tmp },
          ...(root ? { uid: 65534, gid: 65534 } : {}),
        },
      );
      expect(child.stderr).toBe('Started an embedded PostgreSQL 18 (removed when pgdrift exits).\n');
      expect(child.status).toBe(0);
      const [uid, ...json] = child.stdout.split('\n');
      expect(Number(uid)).not.toBe(0);
      expect(JSON.parse(json.join('\n'))).toMatchObject({ version: 1, schemas: { public: {} } });
      expect(readdirSync(tmp)).toEqual([]);
    } finally {
      rmSync(install, { recursive: true, force: true });
    }
  });
});
