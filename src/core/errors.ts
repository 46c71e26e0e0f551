/**
 * The one error hierarchy of pgdrift. Every error carries a stable `code` that scripts may rely on;
 * only the two entry points (CLI, action) catch and map these to exit codes or `setFailed`.
 * A message is always one line (line breaks from server messages are folded into spaces), so that
 * the CLI prints exactly one line per error.
 */
export class PgDriftError extends Error {
  readonly code: string;
  constructor(code: string, message: string, options?: { cause?: unknown }) {
    super(oneLine(message), options);
    this.name = 'PgDriftError';
    this.code = code;
  }
}

/** Bad command-line flags or action inputs. */
export class UsageError extends PgDriftError {
  constructor(message: string) {
    super('usage', message);
    this.name = 'UsageError';
  }
}

/** A spec that cannot be read or is invalid; `path` is the JSON path of the bad value. */
export class SpecError extends PgDriftError {
  readonly file: string | undefined;
  readonly path: string;
  constructor(message: string, path: string, file?: string) {
    super('spec', `${file ? `${file}: ` : ''}${path ? `${path}: ` : ''}${message}`);
    this.name = 'SpecError';
    this.file = file;
    this.path = path;
  }
}

/** A failure talking to PostgreSQL; keeps the server's SQLSTATE, detail and hint. */
export class DatabaseError extends PgDriftError {
  readonly sqlState: string | undefined;
  readonly detail: string | undefined;
  readonly hint: string | undefined;
  constructor(message: string, fields: { sqlState?: string; detail?: string; hint?: string; cause?: unknown } = {}) {
    super('database', message, { cause: fields.cause });
    this.name = 'DatabaseError';
    this.sqlState = fields.sqlState;
    this.detail = fields.detail;
    this.hint = fields.hint;
  }
}

/**
 * The migration transaction committed, but a step that must run after it (a concurrent index
 * build) failed: the database changed, and is not yet at the spec. The CLI exits 3 for it.
 */
export class PartiallyAppliedError extends PgDriftError {
  constructor(message: string) {
    super('partially-applied', message);
    this.name = 'PartiallyAppliedError';
  }
}

/** The plan cannot be carried out safely (for example a NOT NULL column with no default on rows). */
export class PlanError extends PgDriftError {
  constructor(message: string) {
    super('plan', message);
    this.name = 'PlanError';
  }
}

/** Folds line breaks (and the indentation after them) into single spaces. */
export function oneLine(text: string): string {
  return text.replace(/\s*[\r\n]+\s*/g, ' ').trim();
}
