import type { Schema } from '../core/model.js';
import type { Session } from './session.js';
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
 */
export declare function canonicalize(session: Session, spec: Schema, live: Schema, file?: string, options?: {
    inTransaction?: boolean;
    probes?: Array<{
        path: string;
        sql: string;
    }>;
}): Promise<Canonicalized>;
