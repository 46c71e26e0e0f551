import { type Schema, type Scope } from './model.js';
export declare const SPEC_VERSION = 1;
/** Where the published JSON Schema lives, relative to a spec at the root of a repository. */
export declare const SPEC_SCHEMA_URL = "https://raw.githubusercontent.com/pgdrift/pgdrift/main/schema/pgdrift.schema.json";
export interface ParsedSpec {
    schema: Schema;
    scope: Scope;
}
export type Json = null | boolean | number | string | Json[] | {
    [key: string]: Json;
};
/** JSON path segment: `.name` when simple, `["odd name"]` otherwise. */
export declare function join(path: string, key: string | number): string;
/**
 * Parses JSON text strictly (see core/json): a syntax error names its line and column, a key
 * repeated in one object names both places and its JSON path.
 */
export declare function parseJson(text: string, file?: string): Json;
/**
 * Parses spec text into the schema model and the scope it manages. Throws SpecError naming the
 * file, the JSON path of the bad value and what was expected.
 */
export declare function parseSpec(text: string, file?: string): ParsedSpec;
/**
 * The schemas a spec manages: those it lists under "schemas" and those its enums, sequences,
 * tables and views are in (public when it names none). It reads the JSON as it is, unchecked, so
 * that the live catalog can be read while the spec is being checked; parseSpecJson takes the
 * spec's schemas from here too, so both always agree on a valid spec.
 */
export declare function specSchemas(json: Json): string[];
/** parseSpec of JSON already parsed (by parseJson, whose syntax errors carry line and column). */
export declare function parseSpecJson(json: Json, file?: string): ParsedSpec;
/**
 * Writes a schema as a spec: stable key order, defaults omitted, so that a snapshot reviews well
 * in a diff and `snapshot` → `check` on the same database is clean.
 */
export declare function toSpec(schema: Schema, schemaUrl?: string): Record<string, unknown>;
/**
 * True when `schemaName.name` is matched by one of the scope's ignore patterns: `schema.name`,
 * `name` (in public), with `*` standing for any run of characters (`audit.*`, `public.knex_*`).
 */
export declare function isIgnored(scope: Scope, schemaName: string, name: string): boolean;
/**
 * Whether `text` is matched by `pattern`, where `*` stands for any run of characters (none
 * included) and every other character for itself. Greedy with one backtrack point (the last `*`),
 * so it takes at most O(pattern × text) steps whatever the pattern: a spec's pattern of many `*`
 * cannot stall a check the way a backtracking regular expression would.
 */
export declare function globMatch(pattern: string, text: string): boolean;
