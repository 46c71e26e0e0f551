import type { Schema } from './core/model.js';
import type { Plan } from './core/plan.js';
import type { Report } from './core/report.js';
import { type ParsedSpec } from './core/spec.js';
import { type ApplyOptions, type ApplyResult } from './db/apply.js';
import { type PlanChoices } from './db/compare.js';
import { type ConnectOptions } from './db/connect.js';
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
export declare function database(connectionString: string, options: DatabaseOptions, spec?: SpecSource): Database;
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
export declare function specSource(text: string, file: string | undefined, schemas?: readonly string[]): SpecSource;
export interface CheckOptions {
    /** Plan the changes as well, with these choices; a change that cannot be planned is `planError`. */
    plan?: PlanChoices;
    /** A pull request's base-branch spec: compared with the live database and with the spec. */
    base?: SpecSource;
}
/** A pull request's view: the live database against the base branch's spec, and what the pull request changes in the spec. */
export type BaseComparison = {
    baseDrift: Report;
    specChanges: Report;
} | {
    error: string;
};
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
export declare function check(db: Database, spec: SpecSource, options?: CheckOptions): Promise<CheckResult>;
/** The plan that takes the live database to the spec. Throws PlanError for a change it cannot plan. */
export declare function plan(db: Database, spec: SpecSource, choices: PlanChoices): Promise<PlanResult>;
/**
 * Applies the spec: plans and runs the statements in one transaction and commits only what the
 * re-read inside it verifies (see src/db/apply.ts). Refuses a transaction-mode pooler before
 * connecting. The result's report comes from that verifying read.
 */
export declare function apply(db: Database, spec: SpecSource, options: Omit<ApplyOptions, 'target' | 'file'>): Promise<ApplyResult>;
/** The live schema as a spec would hold it: `schemas`, or every user schema. */
export declare function snapshot(db: Database, schemas?: readonly string[]): Promise<Schema>;
