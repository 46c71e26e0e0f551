/**
 * Connecting: libpq-style connection strings (sslmode as libpq users expect it), bounded retries
 * to ride out a Neon compute waking up, and errors that say what to fix without ever printing the
 * password.
 */
import { readFileSync } from 'node:fs';
import pg from 'pg';
import { DatabaseError, UsageError } from '../core/errors.js';

export type SslMode = 'disable' | 'allow' | 'prefer' | 'require' | 'verify-ca' | 'verify-full';
const SSL_MODES: readonly SslMode[] = ['disable', 'allow', 'prefer', 'require', 'verify-ca', 'verify-full'];

export interface ConnectOptions {
  /** Seconds to wait for one connection attempt. */
  connectTimeout: number;
  /** Further attempts after a failure that may pass (time-out, reset, server starting up). */
  retries: number;
  /** application_name reported to the server. */
  applicationName?: string;
}

export const defaultConnectOptions: ConnectOptions = { connectTimeout: 10, retries: 3 };

/** What a connection string points at, without its secrets: safe to print. */
export interface Target {
  host: string;
  port: number;
  database: string;
  user: string;
  sslmode: SslMode;
}

export interface ParsedUrl {
  target: Target;
  password: string | undefined;
  config: pg.ClientConfig;
  sslrootcert?: string;
}

/**
 * Reads a `postgres://` / `postgresql://` URL. Query parameters libpq knows are honoured
 * (sslmode, sslrootcert, application_name, connect_timeout, options); unknown ones are refused so
 * that a typo is not silently ignored.
 */
export function parseDatabaseUrl(url: string): ParsedUrl {
  let parsed: URL;
  try {
    parsed = new URL(url);
  } catch {
    throw new UsageError('the database URL is not a URL: expected postgres://user:password@host:port/database');
  }
  if (parsed.protocol !== 'postgres:' && parsed.protocol !== 'postgresql:') {
    throw new UsageError(`the database URL starts with "${parsed.protocol}//"; expected postgres:// or postgresql://`);
  }
  const params = parsed.searchParams;
  const known = new Set(['sslmode', 'sslrootcert', 'application_name', 'connect_timeout', 'options', 'channel_binding', 'host', 'port', 'user', 'dbname', 'password']);
  for (const key of params.keys()) {
    if (!known.has(key)) throw new UsageError(`the database URL has an unknown parameter "${key}"`);
  }
  const rawMode = (params.get('sslmode') ?? 'prefer').toLowerCase();
  if (!(SSL_MODES as readonly string[]).includes(rawMode)) {
    throw new UsageError(`the database URL has sslmode=${rawMode}; expected one of ${SSL_MODES.join(', ')}`);
  }
  const sslmode = rawMode as SslMode;
  const decode = (s: string): string => {
    try {
      return decodeURIComponent(s);
    } catch {
      return s;
    }
  };
  const socketHost = params.get('host');
  const host = socketHost ?? (decode(parsed.hostname).replace(/^\[(.*)\]$/, '$1') || 'localhost');
  const port = Number(params.get('port') ?? (parsed.port || 5432));
  const user = params.get('user') ?? (decode(parsed.username) || 'postgres');
  const database = params.get('dbname') ?? (decode(parsed.pathname.replace(/^\//, '')) || user);
  const password = params.get('password') ?? (parsed.password ? decode(parsed.password) : undefined);
  const config: pg.ClientConfig = { host, port, user, database };
  if (password !== undefined) config.password = password;
  const appName = params.get('application_name');
  if (appName) config.application_name = appName;
  const options = params.get('options');
  if (options) config.options = options;
  const result: ParsedUrl = { target: { host, port, database, user, sslmode }, password, config };
  const rootCert = params.get('sslrootcert');
  if (rootCert) result.sslrootcert = rootCert;
  return result;
}

/** `user@host:port/database` — never the password. */
export function describeTarget(t: Target): string {
  return `${t.user}@${t.host}:${t.port}/${t.database}`;
}

/** Neon's pooled endpoints carry `-pooler` in the first label of the host name. */
export function neonDirectHost(host: string): string | null {
  const [first, ...rest] = host.split('.');
  if (!first || !first.endsWith('-pooler')) return null;
  return [first.slice(0, -'-pooler'.length), ...rest].join('.');
}

function sslConfig(url: ParsedUrl, attemptTls: boolean): pg.ClientConfig['ssl'] {
  const mode = url.target.sslmode;
  if (!attemptTls || mode === 'disable') return false;
  const ca = url.sslrootcert ? readFileSync(url.sslrootcert, 'utf8') : undefined;
  if (mode === 'verify-full') return { rejectUnauthorized: true, ...(ca ? { ca } : {}) };
  if (mode === 'verify-ca') return { rejectUnauthorized: true, checkServerIdentity: () => undefined, ...(ca ? { ca } : {}) };
  // allow, prefer, require: encrypt, without verifying the certificate (libpq's meaning).
  return { rejectUnauthorized: false };
}

const RETRYABLE_CODES = new Set(['ETIMEDOUT', 'ECONNRESET', 'EPIPE', 'EAI_AGAIN', '57P03', '53300']);

function isRetryable(error: unknown): boolean {
  const e = error as { code?: string; message?: string };
  if (e.code && RETRYABLE_CODES.has(e.code)) return true;
  return /timeout|terminated unexpectedly|Connection terminated/i.test(e.message ?? '');
}

/** Turns a connection failure into one line that names the target and says what to do. */
export function connectionError(error: unknown, target: Target): DatabaseError {
  const e = error as { code?: string; message?: string; detail?: string; hint?: string };
  const where = describeTarget(target);
  const code = e.code ?? '';
  const fields = { ...(e.code ? { sqlState: e.code } : {}), ...(e.detail ? { detail: e.detail } : {}), ...(e.hint ? { hint: e.hint } : {}), cause: error };
  let message: string;
  if (code === 'ECONNREFUSED') message = `could not connect to ${where}: connection refused. Is PostgreSQL running there, and are the host and port right?`;
  else if (code === 'ENOTFOUND' || code === 'EAI_AGAIN') message = `could not connect to ${where}: host "${target.host}" was not found. Check the host name in the database URL.`;
  else if (code === '28P01') message = `could not connect to ${where}: password authentication failed for user "${target.user}". Check the password in the database URL (or the secret it comes from).`;
  else if (code === '28000') message = `could not connect to ${where}: the server refused this connection (${e.message ?? 'no pg_hba.conf entry'}). If the server requires TLS, add ?sslmode=require to the database URL.`;
  else if (code === '3D000') message = `could not connect to ${where}: database "${target.database}" does not exist. Check the database name at the end of the URL.`;
  else if (/does not support SSL/i.test(e.message ?? '')) message = `could not connect to ${where}: sslmode=${target.sslmode} requires TLS but the server does not offer it. Use sslmode=prefer or disable for a server without TLS.`;
  else if (/self[- ]signed|certificate|unable to verify/i.test(e.message ?? '')) message = `could not connect to ${where}: the server's TLS certificate was not accepted (${e.message ?? ''}). With sslmode=${target.sslmode}, give its CA with sslrootcert=, or use sslmode=require.`;
  else if (/timeout/i.test(e.message ?? '') || code === 'ETIMEDOUT') message = `could not connect to ${where}: no answer in time. Check the host and port, or raise the connect timeout if the database is waking up.`;
  else message = `could not connect to ${where}: ${e.message ?? String(error)}`;
  return new DatabaseError(message, fields);
}

const sleep = (ms: number): Promise<void> => new Promise((resolve) => setTimeout(resolve, ms));

/**
 * Opens one client. With sslmode allow/prefer a server without TLS is retried in the clear, as
 * libpq does. Failures that may pass are retried with jittered backoff, `options.retries` times.
 */
export async function connect(url: ParsedUrl, options: ConnectOptions = defaultConnectOptions): Promise<pg.Client> {
  let attempt = 0;
  let tls = url.target.sslmode !== 'disable' && url.target.sslmode !== 'allow';
  for (;;) {
    const client = new pg.Client({
      ...url.config,
      ssl: sslConfig(url, tls),
      connectionTimeoutMillis: Math.round(options.connectTimeout * 1000),
      application_name: url.config.application_name ?? options.applicationName ?? 'pgdrift',
    });
    // An idle client whose server goes away emits 'error'; the query that follows reports it.
    client.on('error', () => undefined);
    try {
      await client.connect();
      return client;
    } catch (error) {
      await client.end().catch(() => undefined);
      const message = (error as Error).message ?? '';
      if (tls && /does not support SSL/i.test(message) && (url.target.sslmode === 'prefer')) {
        tls = false;
        continue;
      }
      if (!tls && url.target.sslmode === 'allow' && (error as { code?: string }).code === '28000') {
        tls = true;
        continue;
      }
      if (attempt < options.retries && isRetryable(error)) {
        attempt += 1;
        await sleep(Math.min(4000, 250 * 2 ** attempt) * (0.5 + Math.random()));
        continue;
      }
      throw connectionError(error, url.target);
    }
  }
}
