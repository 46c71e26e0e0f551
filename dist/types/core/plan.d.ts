/**
 * Turns changes into an ordered migration. Pure: the SQL text comes only from quoted identifiers,
 * quoted literals and expressions PostgreSQL itself printed (or that passed the fragment guard).
 *
 * Ordering lives here, in one fixed phase list; statements keep the diff's order inside a phase.
 * Destructive changes are withheld unless allowed. Risky changes use the online pattern: foreign
 * keys and checks are added NOT VALID and validated after, SET NOT NULL goes through a validated
 * check, and a NOT NULL column without a default is refused on a table that has rows.
 */
import { type Change } from './diff.js';
import type { HazardCode } from './hazards.js';
import { type ExclusionConstraint, type Index, type IndexKey, type Schema } from './model.js';
/** Phases in the order a migration runs them. */
export declare const PHASES: readonly ["schemas", "drop-foreign-keys", "drop-replaced", "types", "tables", "columns", "constraints", "indexes", "foreign-keys", "views", "comments", "drop-views", "drop-constraints", "drop-columns", "drop-tables", "drop-types"];
export type Phase = (typeof PHASES)[number];
export interface Statement {
    sql: string;
    phase: Phase;
    hazards: HazardCode[];
    /**
     * When it runs: `first`, in a transaction of its own committed before the main one (a new enum
     * value that other statements use: PostgreSQL lets a value be used only once the transaction
     * that added it has committed); `main`, in the main transaction; `after`, on its own after it,
     * as it cannot run inside a transaction (CREATE INDEX CONCURRENTLY).
     */
    stage: Stage;
    /** Index of the change (in Plan.changes) the statement carries out. */
    change: number;
}
export type Stage = 'first' | 'main' | 'after';
export interface Plan {
    changes: Change[];
    statements: Statement[];
    /** Destructive changes left out because they were not allowed. */
    withheld: Change[];
    /**
     * The search_path the statements run with (`SET LOCAL` in the script and in apply): the one
     * PostgreSQL checked the spec's fragments with, so that a fragment compared as written (a view
     * over a table the plan creates) finds what it names.
     */
    searchPath: string;
}
/**
 * The search_path of the spec's fragments: the spec's schemas first, then public and the schemas
 * of extensions (citext, uuid_generate_v4() where they were installed). pg_catalog comes first
 * anyway, as it is not listed. Quoted, comma-separated.
 */
export declare function specSearchPath(desired: Schema, live: Schema): string;
export interface PlanOptions {
    allowDestructive: boolean;
    /**
     * Destructive changes approved one by one (a reviewed pull request's): planned even without
     * `allowDestructive`. Every other destructive change is withheld.
     */
    approved?: (change: Change) => boolean;
    /** Build indexes on existing tables with CREATE INDEX CONCURRENTLY, after the transaction. */
    concurrently: boolean;
    /** Tables (display keys) that hold at least one row. */
    tablesWithRows: ReadonlySet<string>;
    /** The search_path the statements run with: `specSearchPath(desired, live)`. */
    searchPath: string;
}
/**
 * `"schema"."name"` from a display key such as `public.messages` or `"My Schema".t`: for the keys
 * the model holds (a foreign key's referenced table); changes name their objects by parts.
 */
export declare function qualifiedSql(key: string): string;
/** One key of CREATE INDEX: the column or parenthesised expression, then COLLATE, operator class and order. */
export declare function keySql(k: IndexKey): string;
/** CREATE INDEX for `index` on `table` (already quoted). */
export declare function indexSql(index: Index, table: string, concurrently: boolean): string;
/** EXCLUDE USING … for `x`; also how the canonicaliser creates the spec's. */
export declare function exclusionBody(x: ExclusionConstraint): string;
/**
 * Plans the changes. Destructive ones are withheld unless `allowDestructive` or `approved`; the statements of
 * the rest come out phase by phase, in the diff's order inside each phase. Throws PlanError for a
 * change that cannot be carried out safely. Everything it needs is in the changes and `options`.
 */
export declare function planMigration(changes: Change[], options: PlanOptions): Plan;
