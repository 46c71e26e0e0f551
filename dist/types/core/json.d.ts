/**
 * A strict JSON reader for text that comes from a pull request. Unlike `JSON.parse` it places every
 * syntax error at the character where the text stops being JSON (a trailing comma is reported at
 * the comma), refuses a key repeated in one object (naming both places and the key's JSON path,
 * where `JSON.parse` silently keeps the last), refuses nesting deeper than `MAX_DEPTH`, and keeps
 * `"__proto__"` an ordinary key.
 */
export type JsonValue = null | boolean | number | string | JsonValue[] | {
    [key: string]: JsonValue;
};
/** Deeper nesting than any spec needs; it bounds the reader's recursion on hostile input. */
export declare const MAX_DEPTH = 256;
/** A JSON text that cannot be read: its message says where (line, column) and why; `path` is the JSON path, if any. */
export declare class JsonTextError extends Error {
    readonly offset: number;
    readonly path: string;
    constructor(message: string, offset: number, path: string);
}
/** 1-based line and column (in characters, not UTF-16 units) of `offset` in `text`. */
export declare function lineColumn(text: string, offset: number): {
    line: number;
    column: number;
};
/**
 * Parses JSON text (RFC 8259; a leading byte-order mark is skipped). Throws JsonTextError whose
 * message says `invalid JSON at line L, column C: why`.
 */
export declare function parseJsonText(text: string): JsonValue;
