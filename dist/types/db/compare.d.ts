/**
 * One comparison of a catalog read with the spec, as check, plan, apply and its verification all
 * make it: let PostgreSQL spell the spec next to the live schema, diff, and plan. This is the one
 * place that calls the core's diff, planner and report builder; callers own the session and the
 * read (see src/engine.ts).
 */
import { type Change } from '../core/diff.js';
import { type Schema, type Scope } from '../core/model.js';
import { type Plan, type PlanOptions } from '../core/plan.js';
import { type Report } from '../core/report.js';
import type { ParsedSpec } from '../core/spec.js';
import type { InvalidIndex, Introspection } from './introspect.js';
import type { Session } from './session.js';
/** What the caller chooses about a plan; the rest of the core's PlanOptions is read from the database. */
export type PlanChoices = Pick<PlanOptions, 'allowDestructive' | 'concurrently' | 'approved'>;
export interface Desired {
    desired: Schema;
    unverified: string[];
    /** Keys of the spec's tables that are the same as the live ones: nothing to compare there. */
    unchangedTables: ReadonlySet<string>;
}
/**
 * The spec as PostgreSQL spells it, next to `live`: canonicalised, then both sides reprinted
 * (expressions that PostgreSQL prints differently but shows to be equal take the live spelling).
 * A table the same as the live one is already spelled as PostgreSQL spells it; only the others
 * are worked on.
 */
export declare function desiredSchema(session: Session, spec: ParsedSpec, live: Schema, options?: {
    inTransaction?: boolean;
    file?: string;
}): Promise<Desired>;
/** The live schema as check and plan compare it with the spec, and the invalid indexes it leaves out. */
export interface LiveToCompare {
    live: Schema;
    /** Invalid indexes the spec wants: missing from `live`, so they are reported and planned as add-index. */
    rebuild: InvalidIndex[];
    /** Invalid indexes the spec wants that another session is building now: left in `live`. */
    building: InvalidIndex[];
}
/**
 * An index PostgreSQL marks invalid (a failed CREATE INDEX CONCURRENTLY) is not used by queries
 * and does not enforce uniqueness: where the spec wants it, it counts as missing, and the plan
 * drops it before building it again. One that a concurrent build is still working on counts as
 * there. An invalid index the spec does not want is a drop-index either way.
 */
export declare function liveToCompare(read: Introspection, spec: ParsedSpec): LiveToCompare;
/** The live database against the spec: what differs, and what a plan needs to know. */
export interface Comparison extends LiveToCompare {
    desired: Schema;
    changes: Change[];
    /** Spec paths PostgreSQL could not check yet. */
    unverified: string[];
    serverVersion: number;
}
/**
 * Compares a catalog read with the spec. Reads only; anything it creates is rolled back (to a
 * savepoint when `inTransaction`: apply).
 */
export declare function compare(session: Session, spec: ParsedSpec, read: Introspection, options?: {
    inTransaction?: boolean;
    file?: string;
}): Promise<Comparison>;
/** The report of `changes` (the JSON report of check, and of apply afterwards). */
export declare function reportOf(changes: Change[], unverified?: string[]): Report;
/** What differs between two schemas, as a report: the pull request's base-branch comparisons. */
export declare function driftBetween(current: Schema, desired: Schema, scope: Scope): Report;
/**
 * Plans the comparison's changes. Asks the database, in one round trip, which tables that get a
 * NOT NULL column without a default hold rows. Throws PlanError for a change it cannot plan.
 */
export declare function planComparison(session: Session, comparison: Comparison, choices: PlanChoices): Promise<Plan>;
