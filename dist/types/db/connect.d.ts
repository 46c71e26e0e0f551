import pg from 'pg';
import { DatabaseError } from '../core/errors.js';
export type SslMode = 'disable' | 'allow' | 'prefer' | 'require' | 'verify-ca' | 'verify-full';
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
export declare const defaultConnectOptions: ConnectOptions;
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
export declare const READ_SESSION_LIMITS: SessionLimits;
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
/**
 * Reads a connection string the way libpq does, in either of its two forms: a URI
 * (`postgres://` or `postgresql://user:password@host:port/dbname?param=value`) or keyword/value
 * pairs (`host=localhost dbname=app sslmode=require`). The parameters libpq users reach for are
 * honoured: sslmode (default `prefer`), sslrootcert (a file or `system`), channel_binding,
 * connect_timeout, application_name, options; a host that is a folder means a Unix socket, where
 * sslmode does not apply. Unknown parameters are refused so that a typo is not silently ignored.
 * No error message contains the password.
 */
export declare function parseDatabaseUrl(url: string): ParsedUrl;
/**
 * Every piece of a connection string pgdrift cannot read that might be its password: the runs of
 * text between `:`, `@`, `/`, `?`, `&`, `=`, `#` and spaces longer than three characters, as written
 * and percent-decoded. For masking in logs, where hiding too much is harmless and too little is not.
 */
export declare function passwordCandidates(url: string): string[];
/** `user@host:port/database` — never the password. */
export declare function describeTarget(t: Target): string;
/** Neon's pooled endpoints carry `-pooler` in the first label of the host name. */
export declare function neonDirectHost(host: string): string | null;
/** A host that is a folder names a Unix socket; libpq never uses TLS there, whatever the sslmode. */
export declare function isSocketHost(host: string): boolean;
/** Turns a connection failure into one line that names the target and says what to do. */
export declare function connectionError(error: unknown, target: Target): DatabaseError;
/**
 * Opens one client. With sslmode allow/prefer a server without TLS is retried in the clear, as
 * libpq does; over a Unix socket TLS is never tried. channel_binding=require fails unless the
 * server authenticated with SCRAM-SHA-256-PLUS. A connect_timeout in the connection string wins
 * over `options.connectTimeout`. Failures that may pass are retried with jittered backoff,
 * `options.retries` times.
 */
export declare function connect(url: ParsedUrl, options?: ConnectOptions): Promise<pg.Client>;
