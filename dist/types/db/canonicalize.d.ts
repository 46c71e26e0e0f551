import { type Schema } from '../core/model.js';
import type { Session } from './session.js';
/**
 * True when `text` names `name` as an identifier: quoted (`"My Seq"`), or unquoted and not part of
 * a longer identifier (`s` in `nextval('s')` or `s.x`, but not in `nosuchfn()` or `'yes'`'s
 * letters inside a word). PostgreSQL folds an unquoted name to lower case, so an unquoted mention
 * is compared without regard to case; a quoted one exactly.
 */
export declare function mentionsName(text: string, name: string): boolean;
export interface Canonicalized {
    schema: Schema;
    /** Spec objects PostgreSQL could not check yet (a view over a table that does not exist). */
    unverified: string[];
    /**
     * The normalised expression trees PostgreSQL stored for the spec's expressions (see
     * node-tree.ts), by `treeKey` of the spec's table or view key: `default, column`,
     * `check, position in the spec's list`, `index, name, exprs | where`, `view`.
     */
    trees: Map<string, string>;
}
/**
 * Returns the spec with every type and expression in PostgreSQL's spelling. Throws SpecError for
 * the first fragment PostgreSQL rejects (unknown type, bad expression), naming its JSON path.
 * `strict` (the default) also refuses a view query PostgreSQL rejects over what the database
 * has, and a foreign key to a table that exists nowhere; a reprint (see reprint.ts), which sees
 * only part of the spec, is not strict.
 */
export declare function canonicalize(session: Session, spec: Schema, live: Schema, file?: string, options?: {
    inTransaction?: boolean;
    probes?: Array<{
        path: string;
        sql: string;
    }>;
    strict?: boolean;
}): Promise<Canonicalized>;
