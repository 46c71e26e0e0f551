/**
 * pgdrift as a library for Node backends: `import { check } from 'pgdrift'`. It runs the same
 * engine as the CLI and returns the same report as `pgdrift check --format json`, so a backend
 * can compare its database with its spec at start-up (or on a health endpoint) and decide what to
 * do: refuse to start, degrade, or log. It only reads; anything it creates is rolled back.
 *
 * Errors are thrown as PgDriftError, whose `code` says what kind ('usage', 'spec', 'database'…)
 * and whose message is one line that never holds the password.
 */
import { UsageError } from './core/errors.js';
import type { Report } from './core/report.js';
import { DEFAULTS } from './defaults.js';
import { check as checkDatabase, database, specSource } from './engine.js';
import { readSpecFile } from './spec-file.js';

export { PgDriftError } from './core/errors.js';
export type { Report, ReportChange } from './core/report.js';

export interface CheckOptions {
  /** The connection string: `postgres://user:password@host:port/db?sslmode=require`, or `host=… dbname=…`. */
  databaseUrl: string;
  /** Path of the JSON spec file. Default `pgdrift.json` (in the working directory), unless `specJson` is given. */
  spec?: string;
  /** The spec itself, as an object or as JSON text, instead of a file. */
  specJson?: unknown;
  /** Schemas to compare instead of those the spec names. */
  schemas?: string[];
  /** Seconds to keep trying to connect while the database starts (a Neon compute waking). Default 0. */
  wait?: number;
  /** Seconds to wait for one connection attempt. Default 10 (a connect_timeout in the URL wins). */
  connectTimeout?: number;
}

/**
 * Compares the live database with the spec: `report.drift` is true when they differ, and
 * `report.changes` says how (the JSON report of the CLI, version 1).
 */
export async function check(options: CheckOptions): Promise<Report> {
  if (typeof options?.databaseUrl !== 'string' || options.databaseUrl === '')
    throw new UsageError('check needs databaseUrl: the connection string of the database to compare');
  if (options.spec !== undefined && options.specJson !== undefined)
    throw new UsageError('give check either spec (a file) or specJson (the spec itself), not both');
  const file = options.specJson === undefined ? (options.spec ?? DEFAULTS.spec) : undefined;
  const text =
    file !== undefined ? readSpec(file) : typeof options.specJson === 'string' ? options.specJson : JSON.stringify(options.specJson);
  const spec = specSource(text, file, options.schemas ?? []);
  const db = database(
    options.databaseUrl,
    {
      connectTimeout: options.connectTimeout ?? DEFAULTS.connectTimeout,
      retries: DEFAULTS.connectRetries,
      wait: options.wait ?? 0,
      applicationName: 'pgdrift-api',
    },
    spec,
  );
  return (await checkDatabase(db, spec)).report;
}

function readSpec(file: string): string {
  try {
    return readSpecFile(file);
  } catch (error) {
    if ((error as { code?: string }).code === 'ENOENT')
      throw new UsageError(`spec file ${file} does not exist (pass spec: the path of the JSON spec, or specJson)`);
    throw new UsageError(`cannot read spec file ${file}: ${(error as Error).message}`);
  }
}
