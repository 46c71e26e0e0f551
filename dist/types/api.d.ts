import type { Report } from './core/report.js';
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
export declare function check(options: CheckOptions): Promise<Report>;
