import type { Schema } from '../core/model.js';
import type { Session } from './session.js';
/** Returns `desired` with expressions that PostgreSQL shows to be equal to live ones spelled as live. */
export declare function reprintBothSides(session: Session, desired: Schema, live: Schema, options?: {
    inTransaction?: boolean;
    file?: string;
}): Promise<Schema>;
