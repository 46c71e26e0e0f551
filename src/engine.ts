/**
 * The pipeline both entry points run, and its only owner: read the live catalog, compare it with
 * the spec, plan, apply. The CLI and the action translate their inputs into these calls and their
 * results into output; neither reads the catalog, diffs or plans itself.
 *
 * It lives above src/db (which it uses: connect, introspect, compare, apply) rather than in it,
 * because it decides how they are put together: how many connections read the catalog, what
 * overlaps with what, when the spec is checked.
 *
 * Reading: outside apply, the catalog is read on two connections sharing one snapshot (see
 * introspect), unless the host is a transaction-mode pooler, where one connection reads it all.
 * The catalog queries go out first, and the spec is checked while the server works on them.
 */
import { PlanError, UsageError } from './core/errors.js';
import type { Schema } from './core/model.js';
import type { Plan } from './core/plan.js';
import type { Report } from './core/report.js';
import { parseJson, parseSpecJson, specSchemas, type Json, type ParsedSpec } from './core/spec.js';
import { applySpec, type ApplyOptions, type ApplyResult } from './db/apply.js';
import { compare, desiredSchema, driftBetween, planComparison, reportOf, type Comparison, type PlanChoices } from './db/compare.js';
import {
  connect,
  describeTarget,
  neonDirectHost,
  parseDatabaseUrl,
  READ_SESSION_LIMITS,
  type ConnectOptions,
  type ParsedUrl,
} from './db/connect.js';
import { introspect, type Introspection } from './db/introspect.js';
import { Session } from './db/session.js';

export type { ApplyOptions, ApplyResult } from './db/apply.js';
export type { PlanChoices } from './db/compare.js';

/** Where the engine gets its sessions. */
export interface Database {
  /**
   * Opens a session. A `spare` one is a second reader for the catalog: opened alongside the
   * primary, given one attempt (no retries), and not waited for. A session that only `read`s
   * carries server-side limits (READ_SESSION_LIMITS), so that a killed client frees its backend.
   */
  open(role: 'primary' | 'spare', purpose?: 'read' | 'write'): Promise<Session>;
  /** Who is connected to: `user@host:port/db`, never the password; safe to print. */
  target: string;
  /** The host name (or socket folder) of the connection string. */
  host: string;
  /** The direct host of a Neon pooled (`-pooler`) host, which is PgBouncer in transaction mode; null otherwise. */
  directHost: string | null;
}

export interface DatabaseOptions extends ConnectOptions {
  /** `connectTimeout` wins over a connect_timeout in the connection string (a flag given on the command line). */
  timeoutOverridesUrl?: boolean;
  /**
   * Seconds to keep trying to connect, from the first attempt, while the server is not up yet (a
   * Neon compute waking, a container's database starting); then the work runs once.
   */
  wait?: number;
  /** Told, once, that pgdrift is waiting for the server, and why. */
  onWait?: (reason: string) => void;
}

/**
 * The database a connection string names. Nothing connects yet. When the string is not valid and
 * `spec` is not either, the spec's error is the one thrown, as when it was checked first.
 */
export function database(connectionString: string, options: DatabaseOptions, spec?: SpecSource): Database {
  let url: ParsedUrl;
  try {
    url = parseDatabaseUrl(connectionString);
  } catch (error) {
    spec?.parse();
    throw error;
  }
  if (options.timeoutOverridesUrl) url.connectTimeout = options.connectTimeout;
  const connectOptions: ConnectOptions = {
    connectTimeout: options.connectTimeout,
    retries: options.retries,
    ...(options.applicationName ? { applicationName: options.applicationName } : {}),
  };
  let waitUntil: number | undefined;
  let told = false;
  const waiting = (role: 'primary' | 'spare'): Partial<ConnectOptions> => {
    if (!options.wait || role === 'spare') return {};
    waitUntil ??= Date.now() + options.wait * 1000;
    const onWait = (reason: string): void => {
      if (!told) options.onWait?.(reason);
      told = true;
    };
    return { waitUntil, onWait };
  };
  return {
    open: async (role, purpose = 'read') =>
      new Session(
        await connect(url, {
          ...connectOptions,
          ...(role === 'spare' ? { retries: 0 } : {}),
          ...(purpose === 'read' ? { limits: READ_SESSION_LIMITS } : {}),
          ...waiting(role),
        }),
      ),
    target: describeTarget(url.target),
    host: url.target.host,
    directHost: neonDirectHost(url.target.host),
  };
}

/** A spec read as JSON and checked on first use, so that the catalog can be read meanwhile. */
export interface SpecSource {
  /** The schemas to read: those given, or those the spec manages. */
  schemas: string[];
  /** The checked spec (SpecError when it is not valid); the same object on every call. */
  parse: () => ParsedSpec;
  /** The spec file, for messages. */
  file?: string;
}

/** The spec in `text`; `schemas`, when not empty, replace the schemas it manages. */
export function specSource(text: string, file: string | undefined, schemas: readonly string[] = []): SpecSource {
  let json: Json | undefined = parseJson(text, file);
  let spec: ParsedSpec | undefined;
  return {
    schemas: schemas.length ? [...schemas] : specSchemas(json),
    parse: () => {
      if (!spec) {
        spec = parseSpecJson(json ?? null, file);
        if (schemas.length) spec.scope.schemas = [...schemas];
        json = undefined;
      }
      return spec;
    },
    ...(file === undefined ? {} : { file }),
  };
}

export interface CheckOptions {
  /** Plan the changes as well, with these choices; a change that cannot be planned is `planError`. */
  plan?: PlanChoices;
  /** A pull request's base-branch spec: compared with the live database and with the spec. */
  base?: SpecSource;
}

/** A pull request's view: the live database against the base branch's spec, and what the pull request changes in the spec. */
export type BaseComparison = { baseDrift: Report; specChanges: Report } | { error: string };

export interface CheckResult {
  /** The live database against the spec. */
  report: Report;
  serverVersion: number;
  /** With `plan`: the plan, or why there is none. */
  plan?: Plan;
  planError?: string;
  /** With `base`. */
  base?: BaseComparison;
}

export interface PlanResult {
  plan: Plan;
  report: Report;
}

/** Compares the live database with the spec. Reads only; anything it creates is rolled back. */
export async function check(db: Database, spec: SpecSource, options: CheckOptions = {}): Promise<CheckResult> {
  return withRead(db, spec, async (session, parsed, comparison) => {
    const result: CheckResult = { report: reportOf(comparison.changes, comparison.unverified), serverVersion: comparison.serverVersion };
    if (options.plan) {
      try {
        result.plan = await planComparison(session, comparison, options.plan);
      } catch (error) {
        if (!(error instanceof PlanError)) throw error;
        result.planError = error.message;
      }
    }
    if (options.base) result.base = await compareBase(session, options.base, parsed, comparison);
    return result;
  });
}

/** The plan that takes the live database to the spec. Throws PlanError for a change it cannot plan. */
export async function plan(db: Database, spec: SpecSource, choices: PlanChoices): Promise<PlanResult> {
  return withRead(db, spec, async (session, _, comparison) => ({
    plan: await planComparison(session, comparison, choices),
    report: reportOf(comparison.changes, comparison.unverified),
  }));
}

/**
 * Applies the spec: plans and runs the statements in one transaction and commits only what the
 * re-read inside it verifies (see src/db/apply.ts). Refuses a transaction-mode pooler before
 * connecting. The result's report comes from that verifying read.
 */
export async function apply(db: Database, spec: SpecSource, options: Omit<ApplyOptions, 'target' | 'file'>): Promise<ApplyResult> {
  const parsed = spec.parse();
  if (db.directHost) {
    throw new UsageError(
      `${db.host} is a pooled Neon endpoint (PgBouncer in transaction mode), which is not safe for DDL: use the direct host ${db.directHost} in the database URL for apply`,
    );
  }
  const session = await db.open('primary', 'write');
  try {
    return await applySpec(session, parsed, { ...options, target: db.target, ...(spec.file === undefined ? {} : { file: spec.file }) });
  } finally {
    await session.close();
  }
}

/** The live schema as a spec would hold it: `schemas`, or every user schema. */
export async function snapshot(db: Database, schemas: readonly string[] = []): Promise<Schema> {
  const session = await db.open('primary');
  try {
    return (await introspect(session, schemas.length ? [...schemas] : undefined)).schema;
  } finally {
    await session.close();
  }
}

/**
 * Reads the catalog the one way check and plan read it, compares it with the spec, and hands
 * both to `use` on the session, which is closed afterwards.
 */
async function withRead<T>(
  db: Database,
  spec: SpecSource,
  use: (session: Session, parsed: ParsedSpec, comparison: Comparison) => Promise<T>,
): Promise<T> {
  // Through a transaction-mode pooler a second connection cannot share the snapshot.
  const spare = db.directHost ? undefined : db.open('spare');
  spare?.catch(() => undefined);
  let session: Session;
  try {
    session = await db.open('primary');
  } catch (error) {
    void spare?.then(
      (extra) => extra.close(),
      () => undefined,
    );
    // A bad spec is the error to report, as when it was checked before connecting.
    spec.parse();
    throw error;
  }
  try {
    // The catalog queries go out first and the spec is checked while the server works on them.
    let dispatched!: () => void;
    const sent = new Promise<void>((resolve) => (dispatched = resolve));
    const live: Promise<Introspection> = introspect(session, spec.schemas, { ...(spare ? { helper: spare } : {}), dispatched });
    live.catch(() => undefined);
    await sent;
    const parsed = spec.parse();
    const comparison = await compare(session, parsed, await live, spec.file === undefined ? {} : { file: spec.file });
    return await use(session, parsed, comparison);
  } finally {
    await session.close();
  }
}

/** The base branch's spec against the live database and against the spec; failures are the result, not thrown. */
async function compareBase(session: Session, base: SpecSource, spec: ParsedSpec, head: Comparison): Promise<BaseComparison> {
  try {
    const baseSpec = base.parse();
    const { desired } = await desiredSchema(session, baseSpec, head.live);
    return { baseDrift: driftBetween(head.live, desired, baseSpec.scope), specChanges: driftBetween(desired, head.desired, spec.scope) };
  } catch (error) {
    return { error: (error as Error).message };
  }
}
