import type { Plan } from '../core/plan.js';
import { type Report } from '../core/report.js';
import type { ParsedSpec } from '../core/spec.js';
import { type PlanChoices } from './compare.js';
import type { Session } from './session.js';
/** How apply runs: what the plan may do, how long it may wait, and where its progress goes. */
export interface ApplyOptions extends PlanChoices {
    /** Run everything, verification included, then roll back. */
    dryRun: boolean;
    /** Seconds a statement may wait for a lock before giving up (lock_timeout). */
    lockTimeout: number;
    /** Seconds one statement may run (statement_timeout); 0 for no limit. */
    statementTimeout: number;
    /** Further attempts after a lock time-out, with backoff. */
    lockRetries: number;
    /** Seconds to wait for another pgdrift apply on the same database (or a concurrent index build) to finish. */
    lockWait: number;
    /** Progress lines for a person (never holds a secret). */
    log: (line: string) => void;
    /** Who is being changed, e.g. `user@host:5432/db`, for the target guard line. */
    target: string;
    /** The spec file, for error messages. */
    file?: string;
}
export type ApplyStatus = 'converged' | 'withheld' | 'dry-run';
export interface ApplyResult {
    status: ApplyStatus;
    plan: Plan;
    /** Statements that were run (and committed, unless a dry run). */
    applied: number;
    /** True when the re-read schema matched the spec (save withheld changes) before commit. */
    verified: boolean;
    /** Indexes built CONCURRENTLY that PostgreSQL left invalid. */
    invalidIndexes: string[];
    /** New enum values committed before the main transaction, because other statements use them. */
    committedFirst?: number;
    /**
     * The database against the spec afterwards, from the read that verified the plan inside its
     * transaction: the withheld changes, or nothing. After a dry run, the database as it still is
     * (the read the plan was made from).
     */
    report: Report;
}
/** The advisory lock every pgdrift apply takes: the bytes of "pgdrift" as a bigint. */
export declare const MIGRATION_LOCK_KEY = "31654854846457460";
/** Applies the spec to the database. Throws PgDriftError (exit 2) with the database unchanged. */
export declare function applySpec(session: Session, spec: ParsedSpec, options: ApplyOptions): Promise<ApplyResult>;
