/**
 * Identifier and literal quoting. Every piece of SQL that pgdrift writes takes names through
 * `quoteIdent` and values through `quoteLiteral`; nothing else builds SQL from strings.
 */
/** Quotes an identifier for SQL, always, so that case, spaces, quotes and keywords are safe. */
export declare function quoteIdent(name: string): string;
/** `"schema"."name"` */
export declare function quoteQualified(schema: string, name: string): string;
/**
 * Truncates a generated name to what PostgreSQL keeps (63 bytes), on a character boundary, and
 * appends `suffix` within those bytes (so names that differ only past byte 63 still differ).
 */
export declare function fitName(name: string, suffix?: string): string;
/**
 * Quotes a string literal so that it reads the same whatever `standard_conforming_strings` is: a
 * value with a backslash is written in the escape form (`E'…'`, backslashes doubled), which
 * PostgreSQL lexes the same way under either setting; any other value in the standard form.
 */
export declare function quoteLiteral(value: string): string;
/** A readable name for reports and spec keys: bare when simple, double-quoted otherwise. */
export declare function displayIdent(name: string): string;
/** `schema.name` for reports and spec keys; the inverse of `parseQualifiedName`. */
export declare function displayQualified(schema: string, name: string): string;
/**
 * Splits `name`, `schema.name`, `"My Schema"."My Table"` into parts. Unquoted parts are taken as
 * written (pgdrift does not fold case: a spec says the name it means). Returns null when the text
 * is not one or two identifiers separated by a dot.
 */
export declare function parseQualifiedName(text: string): {
    schema: string | undefined;
    name: string;
} | null;
/**
 * Checks that a piece of SQL text supplied by a user (a default, a check, an index expression, a
 * view query) is one self-contained fragment: quotes, dollar quotes and comments are closed,
 * parentheses never close more than they open, and there is no statement separator outside of
 * them. pgdrift wraps such fragments in parentheses, so a fragment that passes cannot end the
 * surrounding statement or start another one. Returns a reason, or null when the text is safe.
 *
 * The text is split into tokens the way PostgreSQL's lexer splits it (with
 * standard_conforming_strings on), because every place where the two disagree is a way to hide a
 * separator: a name runs on through letters, digits, `$` and every non-ASCII character (so `é$$`
 * and `x$$t$` are names, not dollar quotes), an E string is only the one-letter name `e` glued to a
 * quote (so `ée'\'` is a name and a standard string), and a string continued on the next line keeps
 * the escaping of its first part. Where the lexers of PostgreSQL versions differ (a number running
 * into a name: `1e'…'`), the fragment is refused.
 */
export declare function fragmentProblem(text: string, allowTrailingSemicolon?: boolean): string | null;
export declare const isDigit: (c: string) => boolean;
/** PostgreSQL: ident_start [A-Za-z\200-\377_], ident_cont adds digits and $. */
export declare const isIdentStart: (c: string) => boolean;
export declare const isIdentCont: (c: string) => boolean;
/** End (exclusive) of a number: digits with `_`, a fraction, an exponent, or 0x / 0o / 0b digits. */
export declare function numberEnd(body: string, start: number): number;
/**
 * End (exclusive) of the string starting at the quote `start`, or -1. Quotes are doubled; in an
 * E string a backslash escapes the next character. A quote that follows the closing one across
 * whitespace holding a newline (and perhaps `--` comments) continues the same string.
 */
export declare function stringEnd(body: string, start: number, escapes: boolean): number;
export declare function quotedEnd(body: string, start: number): number;
export declare function commentEnd(body: string, start: number): number;
