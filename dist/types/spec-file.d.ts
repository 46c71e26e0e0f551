/** The largest spec pgdrift reads: far above any real schema (40,000 tables take about 15 MB). */
export declare const SPEC_SIZE_LIMIT: number;
/**
 * The text of the spec file at `path`. Throws an Error whose message says what is wrong in a few
 * words (the caller names the file); errors from the file system (ENOENT …) are thrown as they
 * are, with their `code`.
 */
export declare function readSpecFile(path: string, limit?: number): string;
/** Strict UTF-8 (a leading byte-order mark dropped); an error names the offset of the first bad byte. */
export declare function decodeUtf8(bytes: Uint8Array): string;
/** The offset of the first byte that is not part of a well-formed UTF-8 sequence (RFC 3629). */
export declare function firstInvalidUtf8(bytes: Uint8Array): number;
