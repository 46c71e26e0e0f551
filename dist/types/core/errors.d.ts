/**
 * The one error hierarchy of pgdrift. Every error carries a stable `code` that scripts may rely on;
 * only the two entry points (CLI, action) catch and map these to exit codes or `setFailed`.
 * A message is always one line (line breaks from server messages are folded into spaces), so that
 * the CLI prints exactly one line per error.
 */
export declare class PgDriftError extends Error {
    readonly code: string;
    constructor(code: string, message: string, options?: {
        cause?: unknown;
    });
}
/** Bad command-line flags or action inputs. */
export declare class UsageError extends PgDriftError {
    constructor(message: string);
}
/** A spec that cannot be read or is invalid; `path` is the JSON path of the bad value. */
export declare class SpecError extends PgDriftError {
    readonly file: string | undefined;
    readonly path: string;
    constructor(message: string, path: string, file?: string);
}
/** A failure talking to PostgreSQL; keeps the server's SQLSTATE, detail and hint. */
export declare class DatabaseError extends PgDriftError {
    readonly sqlState: string | undefined;
    readonly detail: string | undefined;
    readonly hint: string | undefined;
    constructor(message: string, fields?: {
        sqlState?: string;
        detail?: string;
        hint?: string;
        cause?: unknown;
    });
}
/**
 * The migration transaction committed, but a step that must run after it (a concurrent index
 * build) failed: the database changed, and is not yet at the spec. The CLI exits 3 for it.
 */
export declare class PartiallyAppliedError extends PgDriftError {
    constructor(message: string);
}
/** The plan cannot be carried out safely (for example a NOT NULL column with no default on rows). */
export declare class PlanError extends PgDriftError {
    constructor(message: string);
}
/** The longest server message pgdrift relays. */
export declare const SERVER_MESSAGE_LIMIT = 300;
/**
 * A PostgreSQL error message as pgdrift relays it: one line, at most SERVER_MESSAGE_LIMIT
 * characters, and no quoted text too long to be a name: the value a data error quotes
 * (`invalid input syntax for type integer: "…"`) may be a whole table rendered as XML by an
 * expression of the spec. With `values: 'none'` (errors of a spec's own expressions, which a pull
 * request controls), a data error's value is dropped however short; otherwise a short one is kept
 * (`invalid input value for enum status: "stale"` tells an operator which rows are in the way).
 * Without `sqlState` (an error caught in SQL), the wording tells a data error.
 */
export declare function serverMessage(message: string, sqlState?: string, values?: 'short' | 'none'): string;
/** Folds line breaks (and the indentation after them) into single spaces. */
export declare function oneLine(text: string): string;
