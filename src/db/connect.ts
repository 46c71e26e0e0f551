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
  /** Server-side limits for a session that only reads (check, plan): see `SessionLimits`. */
  limits?: SessionLimits;
  /**
   * Keep trying, until this time (ms since the epoch), while the server is not up yet: refused,
   * not found, starting up, or not answering (a Neon compute waking, a container's database
   * starting). `onWait` is told each failure before the next try.
   */
  waitUntil?: number;
  onWait?: (reason: string) => void;
}

export const defaultConnectOptions: ConnectOptions = { connectTimeout: 10, retries: 3 };

/**
 * Limits, in seconds, that make the server let go of a session whose client is gone or stuck, so
 * that a killed `check` never holds a backend (and the snapshot and locks of its transaction):
 * `statement_timeout` bounds any one statement (a spec's expression included),
 * `idle_in_transaction_session_timeout` ends a transaction nobody comes back to, and
 * `client_connection_check_interval` (PostgreSQL 14+, on platforms that support it) makes a running
 * query notice that its client has disconnected. They are sent as startup options, which costs no
 * round trip; not through a Neon pooler, which refuses startup options (and whose server
 * connections are not the client's anyway).
 */
export interface SessionLimits {
  statementTimeout: number;
  idleInTransactionTimeout: number;
  clientCheckInterval: number;
}

/** The limits of check and plan: far above what their catalog reads take on large schemas. */
export const READ_SESSION_LIMITS: SessionLimits = { statementTimeout: 300, idleInTransactionTimeout: 60, clientCheckInterval: 5 };

/** The startup `options` that set `limits`, after those the connection string gives. */
function limitOptions(given: string | undefined, limits: SessionLimits, checkInterval: boolean): string {
  const ms = (seconds: number): number => Math.max(1, Math.round(seconds * 1000));
  const settings = [
    `-c statement_timeout=${ms(limits.statementTimeout)}`,
    `-c idle_in_transaction_session_timeout=${ms(limits.idleInTransactionTimeout)}`,
    ...(checkInterval ? [`-c client_connection_check_interval=${ms(limits.clientCheckInterval)}`] : []),
  ];
  return [given, ...settings].filter(Boolean).join(' ');
}

/** What a connection string points at, without its secrets: safe to print. */
export interface Target {
  host: string;
  port: number;
  database: string;
  user: string;
  sslmode: SslMode;
}

export type ChannelBinding = 'disable' | 'prefer' | 'require';

export interface ParsedUrl {
  target: Target;
  password: string | undefined;
  config: pg.ClientConfig;
  /** A CA file, or `system` for the system's trusted CAs (libpq 16's meaning). */
  sslrootcert?: string;
  /** `connect_timeout` from the connection string, in seconds; overrides the caller's default. */
  connectTimeout?: number;
  channelBinding: ChannelBinding;
}

const KNOWN_PARAMS = new Set([
  'host',
  'port',
  'user',
  'dbname',
  'password',
  'sslmode',
  'sslrootcert',
  'application_name',
  'connect_timeout',
  'options',
  'channel_binding',
]);
const CHANNEL_BINDINGS: readonly ChannelBinding[] = ['disable', 'prefer', 'require'];

/**
 * Reads a connection string the way libpq does, in either of its two forms: a URI
 * (`postgres://` or `postgresql://user:password@host:port/dbname?param=value`) or keyword/value
 * pairs (`host=localhost dbname=app sslmode=require`). The parameters libpq users reach for are
 * honoured: sslmode (default `prefer`), sslrootcert (a file or `system`), channel_binding,
 * connect_timeout, application_name, options; a host that is a folder means a Unix socket, where
 * sslmode does not apply. Unknown parameters are refused so that a typo is not silently ignored.
 * No error message contains the password.
 */
export function parseDatabaseUrl(url: string): ParsedUrl {
  const params = /^\s*postgres(ql)?:\/\//i.test(url) || !/^\s*[A-Za-z_]+\s*=/.test(url) ? uriParams(url) : keywordParams(url);
  for (const key of params.keys()) {
    if (!KNOWN_PARAMS.has(key)) throw malformed(parameterName(key), `unknown parameter; expected one of ${[...KNOWN_PARAMS].join(', ')}`);
  }
  const rootCert = params.get('sslrootcert') || undefined;
  const rawMode = (params.get('sslmode') ?? (rootCert === 'system' ? 'verify-full' : 'prefer')).toLowerCase();
  if (!(SSL_MODES as readonly string[]).includes(rawMode)) throw malformed('parameter sslmode', `expected one of ${SSL_MODES.join(', ')}`);
  const sslmode = rawMode as SslMode;
  if (rootCert === 'system' && sslmode !== 'verify-full') {
    throw new UsageError(
      `the database URL has sslrootcert=system with sslmode=${sslmode}; the system's CAs are only used with sslmode=verify-full`,
    );
  }
  const rawBinding = (params.get('channel_binding') ?? 'prefer').toLowerCase();
  if (!(CHANNEL_BINDINGS as readonly string[]).includes(rawBinding))
    throw malformed('parameter channel_binding', `expected one of ${CHANNEL_BINDINGS.join(', ')}`);
  const channelBinding = rawBinding as ChannelBinding;
  if (channelBinding === 'require' && sslmode === 'disable') {
    throw new UsageError('the database URL has channel_binding=require with sslmode=disable; channel binding needs TLS');
  }
  const host = params.get('host') || 'localhost';
  const rawPort = params.get('port') || '5432';
  const port = Number(rawPort);
  if (!/^\d+$/.test(rawPort) || port < 1 || port > 65535) throw malformed('port', 'expected a number from 1 to 65535');
  const user = params.get('user') || 'postgres';
  const database = params.get('dbname') || user;
  const password = params.get('password') || undefined;
  const config: pg.ClientConfig = { host, port, user, database };
  if (password !== undefined) config.password = password;
  const appName = params.get('application_name');
  if (appName) config.application_name = appName;
  const options = params.get('options');
  if (options) config.options = options;
  const result: ParsedUrl = { target: { host, port, database, user, sslmode }, password, config, channelBinding };
  if (rootCert) result.sslrootcert = rootCert;
  const timeout = params.get('connect_timeout');
  if (timeout) {
    if (!/^-?\d+$/.test(timeout.trim())) throw malformed('parameter connect_timeout', 'expected whole seconds');
    // libpq: zero or less waits forever, and anything under 2 seconds means 2.
    const seconds = Number(timeout);
    result.connectTimeout = seconds <= 0 ? 0 : Math.max(2, seconds);
  }
  return result;
}

/**
 * A complaint about a connection string that names the part that is wrong and never quotes it: a
 * password typed in the wrong place (an unencoded `/` or `@`, a shifted keyword) would otherwise be
 * printed in a log.
 */
function malformed(component: string, why: string): UsageError {
  return new UsageError(`the connection string is malformed at ${component}: ${why}`);
}

/** `parameter sslmode` for a name that is a plain identifier; a name that is not may be a secret. */
function parameterName(key: string): string {
  return /^[A-Za-z_][A-Za-z0-9_]{0,63}$/.test(key) ? `parameter ${key}` : 'a parameter name';
}

const NO_HOST = 'pgdrift-no-host.invalid';
const BAD_PERCENT = /%(?![0-9A-Fa-f]{2})/;
const ENCODE_HINT = 'characters such as / ? # @ : in it must be percent-encoded (%2F %3F %23 %40 %3A)';

/**
 * Checks the layout of a URI connection string before the URL parser sees it, naming the component
 * that is malformed. WHATWG's parser takes `postgres://u:pa/ss@h/db` as host `u`, port `pa` … and
 * the password would come back in a later message as part of a database name.
 */
function checkUriLayout(text: string): void {
  const scheme = /^([A-Za-z][A-Za-z0-9+.-]*):\/\//.exec(text);
  if (!scheme) throw malformed('scheme', 'expected postgres://user:password@host:port/database (or host=… dbname=… pairs)');
  if (!/^postgres(ql)?$/i.test(scheme[1] as string)) throw malformed('scheme', 'expected postgres:// or postgresql://');
  const rest = text.slice(scheme[0].length);
  const authEnd = rest.search(/[/?#]/);
  const authority = authEnd < 0 ? rest : rest.slice(0, authEnd);
  const firstAt = rest.indexOf('@');
  // An @ after the first / ? or # (and not inside a query value): the user or password holds one.
  if (firstAt > authority.length && !rest.slice(authority.length, firstAt).includes('=')) {
    throw malformed(authority.includes(':') ? 'password' : 'user', ENCODE_HINT);
  }
  const at = authority.indexOf('@');
  const credentials = at < 0 ? null : authority.slice(0, at);
  const hostPort = at < 0 ? authority : authority.slice(at + 1);
  if (credentials !== null) {
    const colon = credentials.indexOf(':');
    if (hostPort.includes('@')) throw malformed(colon < 0 ? 'user' : 'password', ENCODE_HINT);
    const user = colon < 0 ? credentials : credentials.slice(0, colon);
    const password = colon < 0 ? '' : credentials.slice(colon + 1);
    if (!decodes(user)) throw malformed('user', 'a % must start a percent-encoded byte (%XX) of UTF-8');
    if (!decodes(password)) throw malformed('password', 'a % must start a percent-encoded byte (%XX) of UTF-8');
  }
  if (hostPort.includes(',')) throw malformed('host', 'several hosts in one connection string are not supported');
  const bracketed = /^\[[0-9A-Za-z:.%]+\](?::(.*))?$/.exec(hostPort);
  let host = hostPort;
  let port: string | undefined;
  if (bracketed) {
    host = '';
    port = bracketed[1];
  } else if (hostPort.startsWith('[')) {
    throw malformed('host', 'an IPv6 address goes in brackets: [::1]');
  } else {
    const colon = hostPort.indexOf(':');
    if (colon >= 0) {
      host = hostPort.slice(0, colon);
      port = hostPort.slice(colon + 1);
    }
  }
  if (!/^[A-Za-z0-9._~%-]*$/.test(host) || !decodes(host))
    throw malformed('host', 'expected a host name, an IP address or a percent-encoded socket folder');
  if (port !== undefined && port !== '' && (!/^\d{1,5}$/.test(port) || Number(port) < 1 || Number(port) > 65535))
    throw malformed('port', 'expected a number from 1 to 65535');
  if (authEnd < 0) return;
  const tail = rest.slice(authEnd);
  if (tail.includes('#'))
    throw malformed(tail.indexOf('#') < tail.search(/\?|$/) ? 'database' : 'a parameter', 'a # in it must be percent-encoded (%23)');
  const query = tail.indexOf('?');
  const path = query < 0 ? tail : tail.slice(0, query);
  if (!decodes(path)) throw malformed('database', 'a % must start a percent-encoded byte (%XX) of UTF-8');
  if (query < 0) return;
  for (const pair of tail.slice(query + 1).split('&')) {
    if (pair === '') continue;
    const eq = pair.indexOf('=');
    if (eq < 0) throw malformed('a parameter', 'expected name=value after ? and between &');
    const name = pair.slice(0, eq);
    if (!decodes(name)) throw malformed('a parameter name', 'a % must start a percent-encoded byte (%XX) of UTF-8');
    if (!decodes(pair.slice(eq + 1)))
      throw malformed(parameterName(safeDecode(name)), 'a % in its value must start a percent-encoded byte (%XX) of UTF-8');
  }
}

function decodes(text: string): boolean {
  if (BAD_PERCENT.test(text)) return false;
  try {
    decodeURIComponent(text);
    return true;
  } catch {
    return false;
  }
}

function safeDecode(text: string): string {
  try {
    return decodeURIComponent(text);
  } catch {
    return text;
  }
}

/** The parameters of a URI connection string, its user, password, host, port and dbname included. */
function uriParams(url: string): Map<string, string> {
  let parsed: URL;
  checkUriLayout(url.trim());
  // libpq takes `postgres://user@/db?host=/socket/folder` (credentials, no host); WHATWG URL does
  // not, so a placeholder host stands in and is dropped again below.
  const text = url.trim().replace(/^(postgres(?:ql)?:\/\/[^/?#]*@)(?=[:/?#]|$)/i, `$1${NO_HOST}`);
  try {
    parsed = new URL(text);
  } catch {
    throw new UsageError(
      'the connection string is malformed: expected postgres://user:password@host:port/database (or host=… dbname=… pairs)',
    );
  }
  const params = new Map<string, string>();
  // A percent-encoded host that starts with a slash is a Unix socket folder (postgres://%2Ftmp/db).
  const host = safeDecode(parsed.hostname).replace(/^\[(.*)\]$/, '$1');
  if (host && host !== NO_HOST) params.set('host', host);
  if (parsed.port) params.set('port', parsed.port);
  if (parsed.username) params.set('user', safeDecode(parsed.username));
  if (parsed.password) params.set('password', safeDecode(parsed.password));
  const dbname = safeDecode(parsed.pathname.replace(/^\//, ''));
  if (dbname) params.set('dbname', dbname);
  // Query parameters override what the URI spelled before them, as in libpq.
  for (const [key, value] of parsed.searchParams) params.set(key, value);
  return params;
}

/** `key=value` pairs separated by spaces; a value may be single-quoted, `\'` and `\\` escape. */
function keywordParams(text: string): Map<string, string> {
  const params = new Map<string, string>();
  let i = 0;
  let previous: string | undefined;
  const skipSpace = (): void => {
    while (i < text.length && /\s/.test(text[i] as string)) i += 1;
  };
  for (;;) {
    skipSpace();
    if (i >= text.length) return params;
    const keyStart = i;
    while (i < text.length && /[A-Za-z0-9_]/.test(text[i] as string)) i += 1;
    const key = text.slice(keyStart, i);
    skipSpace();
    if (!key || text[i] !== '=') {
      // What stands here may be the rest of a value with a space in it: a password, so not quoted.
      const where = previous === undefined ? 'the first parameter' : `the parameter after ${previous}`;
      throw malformed(where, "expected keyword=value pairs separated by spaces (quote a value that holds spaces: key='a b')");
    }
    i += 1;
    skipSpace();
    let value = '';
    if (text[i] === "'") {
      i += 1;
      for (;;) {
        if (i >= text.length) throw malformed(parameterName(key), 'its quoted value has no closing quote');
        const c = text[i] as string;
        if (c === '\\' && i + 1 < text.length) {
          value += text[i + 1];
          i += 2;
        } else if (c === "'") {
          i += 1;
          break;
        } else {
          value += c;
          i += 1;
        }
      }
    } else {
      while (i < text.length && !/\s/.test(text[i] as string)) {
        if (text[i] === '\\' && i + 1 < text.length) i += 1;
        value += text[i];
        i += 1;
      }
    }
    params.set(key, value);
    previous = parameterName(key).replace(/^parameter /, '');
  }
}

/**
 * Every piece of a connection string pgdrift cannot read that might be its password: the runs of
 * text between `:`, `@`, `/`, `?`, `&`, `=`, `#` and spaces longer than three characters, as written
 * and percent-decoded. For masking in logs, where hiding too much is harmless and too little is not.
 */
export function passwordCandidates(url: string): string[] {
  const pieces = new Set<string>();
  for (const piece of url.split(/[:@/?&=#\s]+/)) {
    if (piece.length <= 3) continue;
    pieces.add(piece);
    const decoded = safeDecode(piece);
    if (decoded.length > 3) pieces.add(decoded);
    // A quoted keyword value: its text without the quotes, as the server would get it.
    const unquoted = piece.replace(/^'|'$/g, '');
    if (unquoted.length > 3) pieces.add(unquoted);
  }
  return [...pieces];
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

/** A host that is a folder names a Unix socket; libpq never uses TLS there, whatever the sslmode. */
export function isSocketHost(host: string): boolean {
  return host.startsWith('/');
}

/** The CA certificates named by sslrootcert: undefined for none or `system` (Node's trusted CAs). */
function readRootCert(url: ParsedUrl): string | undefined {
  if (!url.sslrootcert || url.sslrootcert === 'system') return undefined;
  try {
    return readFileSync(url.sslrootcert, 'utf8');
  } catch (error) {
    const reason = (error as { code?: string }).code === 'ENOENT' ? 'no such file' : (error as Error).message;
    throw new UsageError(`cannot read the sslrootcert file ${url.sslrootcert} named in the database URL: ${reason}`);
  }
}

function sslConfig(mode: SslMode, ca: string | undefined, attemptTls: boolean): pg.ClientConfig['ssl'] {
  if (!attemptTls || mode === 'disable') return false;
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

/** A failure that means the server is not there or not ready yet, rather than a wrong setting. */
function notUpYet(error: unknown): boolean {
  const e = error as { code?: string };
  return isRetryable(error) || ['ECONNREFUSED', 'ENOTFOUND', 'EAI_AGAIN', 'ENOENT', 'EHOSTUNREACH', '57P03'].includes(e.code ?? '');
}

/** Turns a connection failure into one line that names the target and says what to do. */
export function connectionError(error: unknown, target: Target): DatabaseError {
  const e = error as { code?: string; message?: string; detail?: string; hint?: string };
  const where = describeTarget(target);
  const code = e.code ?? '';
  const fields = {
    ...(e.code ? { sqlState: e.code } : {}),
    ...(e.detail ? { detail: e.detail } : {}),
    ...(e.hint ? { hint: e.hint } : {}),
    cause: error,
  };
  let message: string;
  if (code === 'ECONNREFUSED')
    message = `could not connect to ${where}: connection refused. Is PostgreSQL running there, and are the host and port right?`;
  else if (code === 'ENOTFOUND' || code === 'EAI_AGAIN')
    message = `could not connect to ${where}: host "${target.host}" was not found. Check the host name in the database URL.`;
  else if (code === '28P01')
    message = `could not connect to ${where}: password authentication failed for user "${target.user}". Check the password in the database URL (or the secret it comes from).`;
  else if (code === '28000') {
    const tlsHint = /no encryption/i.test(e.message ?? '')
      ? ' The server requires TLS: use sslmode=require (or stronger) in the database URL.'
      : '';
    message = `could not connect to ${where}: the server refused this connection (${e.message ?? 'no pg_hba.conf entry'}).${tlsHint}`;
  } else if (/client password must be|no password supplied/i.test(e.message ?? ''))
    message = `could not connect to ${where}: the server asks for a password and the database URL has none. Add it to the URL (or set PGPASSWORD).`;
  else if (code === 'ENOENT' && isSocketHost(target.host))
    message = `could not connect to ${where}: there is no PostgreSQL socket in ${target.host} for port ${target.port}. Is the server running, and is that its socket folder?`;
  else if (code === '3D000')
    message = `could not connect to ${where}: database "${target.database}" does not exist. Check the database name at the end of the URL.`;
  else if (/does not support SSL/i.test(e.message ?? ''))
    message = `could not connect to ${where}: sslmode=${target.sslmode} requires TLS but the server does not offer it. Use sslmode=prefer or disable for a server without TLS.`;
  else if (/altnames|does not match certificate/i.test(e.message ?? ''))
    message = `could not connect to ${where}: the server's TLS certificate is not for host "${target.host}" (${e.message ?? ''}). Connect by the name the certificate carries, or use sslmode=verify-ca.`;
  else if (/self[- ]signed|certificate|unable to verify/i.test(e.message ?? ''))
    message = `could not connect to ${where}: the server's TLS certificate was not accepted (${e.message ?? ''}). With sslmode=${target.sslmode}, give its CA with sslrootcert=, or use sslmode=require.`;
  else if (/timeout/i.test(e.message ?? '') || code === 'ETIMEDOUT')
    message = `could not connect to ${where}: no answer in time. Check the host and port, or raise the connect timeout if the database is waking up.`;
  else message = `could not connect to ${where}: ${e.message ?? String(error)}`;
  return new DatabaseError(message, fields);
}

const sleep = (ms: number): Promise<void> => new Promise((resolve) => setTimeout(resolve, ms));

/**
 * Opens one client. With sslmode allow/prefer a server without TLS is retried in the clear, as
 * libpq does; over a Unix socket TLS is never tried. channel_binding=require fails unless the
 * server authenticated with SCRAM-SHA-256-PLUS. A connect_timeout in the connection string wins
 * over `options.connectTimeout`. Failures that may pass are retried with jittered backoff,
 * `options.retries` times.
 */
export async function connect(url: ParsedUrl, options: ConnectOptions = defaultConnectOptions): Promise<pg.Client> {
  const mode = url.target.sslmode;
  const socket = isSocketHost(url.target.host);
  const ca = socket ? undefined : readRootCert(url);
  const timeoutSeconds = url.connectTimeout ?? options.connectTimeout;
  let attempt = 0;
  let tls = !socket && mode !== 'disable' && mode !== 'allow';
  const limits = options.limits && !neonDirectHost(url.target.host) ? options.limits : undefined;
  let checkInterval = true;
  for (;;) {
    const client = new pg.Client({
      ...url.config,
      ...(limits ? { options: limitOptions(url.config.options, limits, checkInterval) } : {}),
      ssl: sslConfig(mode, ca, tls),
      enableChannelBinding: tls && url.channelBinding !== 'disable',
      connectionTimeoutMillis: Math.round(timeoutSeconds * 1000),
      application_name: url.config.application_name ?? options.applicationName ?? 'pgdrift',
    });
    // An idle client whose server goes away emits 'error'; the query that follows reports it.
    client.on('error', () => undefined);
    let mechanisms: string[] | undefined;
    (client as unknown as { connection: NodeJS.EventEmitter }).connection.once('authenticationSASL', (msg: { mechanisms?: string[] }) => {
      mechanisms = msg.mechanisms ?? [];
    });
    try {
      await client.connect();
    } catch (error) {
      await client.end().catch(() => undefined);
      const message = (error as Error).message ?? '';
      if (tls && /does not support SSL/i.test(message) && mode === 'prefer') {
        tls = false;
        continue;
      }
      if (!tls && !socket && mode === 'allow' && (error as { code?: string }).code === '28000') {
        tls = true;
        continue;
      }
      // Before PostgreSQL 14, or on a platform without the check, the server refuses the setting.
      if (limits && checkInterval && /client_connection_check_interval/.test(message)) {
        checkInterval = false;
        continue;
      }
      if (attempt < options.retries && isRetryable(error)) {
        attempt += 1;
        await sleep(Math.min(4000, 250 * 2 ** attempt) * (0.5 + Math.random()));
        continue;
      }
      if (options.waitUntil !== undefined && notUpYet(error) && Date.now() < options.waitUntil) {
        options.onWait?.(connectionError(error, url.target).message);
        await sleep(Math.max(0, Math.min(1000, options.waitUntil - Date.now())));
        continue;
      }
      throw connectionError(error, url.target);
    }
    if (url.channelBinding === 'require' && !(tls && mechanisms?.includes('SCRAM-SHA-256-PLUS'))) {
      await client.end().catch(() => undefined);
      const how = mechanisms ? `it offered only ${mechanisms.join(', ')}` : 'it did not ask for a SCRAM password';
      throw new DatabaseError(
        `could not connect to ${describeTarget(url.target)}: channel_binding=require, but the server did not authenticate with channel binding (${how}${socket ? ' over a Unix socket' : ''})`,
      );
    }
    return client;
  }
}
