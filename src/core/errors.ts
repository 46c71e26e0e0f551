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

/** The longest server message pgdrift relays. */
export const SERVER_MESSAGE_LIMIT = 300;
/** No identifier is longer (NAMEDATALEN - 1 bytes): a longer quoted text is a value. */
const MAX_NAME = 63;
/** Messages of data errors (SQLSTATE class 22), which quote the value at fault. */
const DATA_MESSAGE =
  /^(invalid input syntax|invalid input value|malformed|value .* is out of range|.*\bout of range\b|invalid (hexadecimal|value|byte sequence|escape|regular expression)|numeric field overflow|could not parse|unterminated|character with byte sequence)/i;

/**
 * A PostgreSQL error message as pgdrift relays it: one line, at most SERVER_MESSAGE_LIMIT
 * characters, and no quoted text too long to be a name: the value a data error quotes
 * (`invalid input syntax for type integer: "…"`) may be a whole table rendered as XML by an
 * expression of the spec. With `values: 'none'` (errors of a spec's own expressions, which a pull
 * request controls), a data error's value is dropped however short; otherwise a short one is kept
 * (`invalid input value for enum status: "stale"` tells an operator which rows are in the way).
 * Without `sqlState` (an error caught in SQL), the wording tells a data error.
 */
export function serverMessage(message: string, sqlState?: string, values: 'short' | 'none' = 'short'): string {
  let text = oneLine(message);
  const data = sqlState ? sqlState.startsWith('22') : DATA_MESSAGE.test(text);
  // From the first quote to the last: a value may itself hold quotes (XML, JSON).
  if (data) text = text.replace(/"[\s\S]*"/, (quoted) => (values === 'none' || quoted.length - 2 > MAX_NAME ? '"…"' : quoted));
  text = text.replace(/"([^"]*)"/g, (whole, inner: string) => (inner.length > MAX_NAME ? '"…"' : whole));
  return text.length > SERVER_MESSAGE_LIMIT ? `${text.slice(0, SERVER_MESSAGE_LIMIT - 1)}…` : text;
}

/** Folds line breaks (and the indentation after them) into single spaces. */
export function oneLine(text: string): string {
  return text.replace(/\s*[\r\n]+\s*/g, ' ').trim();
}
