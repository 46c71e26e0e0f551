/**
 * Compares two schemas (current = live, desired = canonicalised spec) and lists what differs.
 * One keyed comparison per object kind: adds, drops and alters by qualified name; constraints the
 * spec leaves unnamed are matched by definition. Output order is fixed: object kinds in the order
 * a migration would run them, names sorted inside each.
 *
 * A change is typed by its kind: it names its object by a structured reference and carries what
 * planning it needs (the desired column of a type change, the columns that use an enum being
 * recreated, the final name of a constraint the spec leaves unnamed), so the planner never looks
 * anything up again.
 */
import type { HazardCode } from './hazards.js';
import { type CheckConstraint, type Column, type ExclusionConstraint, type Extension, type ForeignKey, type IdentityKind, type Index, type PrimaryKey, type Schema, type Scope, type Sequence, type Table, type UniqueConstraint, type View } from './model.js';
export declare const CHANGE_KINDS: readonly ["add-schema", "add-extension", "alter-extension", "drop-extension", "add-enum", "add-enum-value", "alter-enum", "drop-enum", "add-sequence", "alter-sequence", "drop-sequence", "add-table", "drop-table", "add-column", "drop-column", "alter-column-type", "set-not-null", "drop-not-null", "set-default", "drop-default", "alter-column-identity", "alter-column-serial", "alter-column-generated", "alter-column-collation", "add-primary-key", "drop-primary-key", "alter-primary-key", "add-unique", "drop-unique", "add-foreign-key", "drop-foreign-key", "add-check", "drop-check", "add-exclusion", "drop-exclusion", "rename-constraint", "validate-constraint", "add-index", "drop-index", "alter-index", "rename-index", "add-view", "alter-view", "drop-view", "set-comment"];
export type ChangeKind = (typeof CHANGE_KINDS)[number];
export type ObjectType = 'schema' | 'extension' | 'enum' | 'sequence' | 'table' | 'column' | 'constraint' | 'index' | 'view';
/** A schema or an extension. */
export interface NameRef {
    name: string;
}
/** An enum, sequence, table or view. */
export interface QualifiedRef {
    schema: string;
    name: string;
}
/** A column, constraint or index of table `schema.table`. */
export interface TableObjectRef {
    schema: string;
    table: string;
    name: string;
}
/** What a change is about, by its parts (never parsed back from a display string). */
export type ObjectRef = NameRef | QualifiedRef | TableObjectRef;
/** The reference that names an object of type `T`. */
export type RefOf<T extends ObjectType> = T extends 'schema' | 'extension' ? NameRef : T extends 'column' | 'constraint' | 'index' ? TableObjectRef : QualifiedRef;
interface ChangeBase<K extends ChangeKind, T extends ObjectType> {
    kind: K;
    objectType: T;
    object: RefOf<T>;
    /** True when carrying it out can delete data or remove an object users may depend on. */
    destructive: boolean;
    hazards: HazardCode[];
}
/** Where a new enum value goes: before the next old value, or after the last one. */
export interface EnumValuePosition {
    value: string;
    before?: string;
    after?: string;
}
/** A live table whose columns have the type of an enum that is recreated. */
export interface EnumUse {
    table: {
        schema: string;
        name: string;
    };
    /** The columns of the enum's type (or arrays of it), with their live and desired defaults. */
    columns: Array<{
        name: string;
        type: string;
        liveDefault?: string;
        default?: string;
    }>;
    /** Named checks that mention one of those columns: dropped before and added back after. */
    checks: Array<CheckConstraint & {
        name: string;
    }>;
}
export type AddSchema = ChangeBase<'add-schema', 'schema'>;
export type AddExtension = ChangeBase<'add-extension', 'extension'> & {
    after: Extension;
};
export type AlterExtension = ChangeBase<'alter-extension', 'extension'> & {
    before: Extension;
    after: Extension;
};
export type DropExtension = ChangeBase<'drop-extension', 'extension'> & {
    before: Extension;
};
export type AddEnum = ChangeBase<'add-enum', 'enum'> & {
    after: string[];
};
export type AddEnumValue = ChangeBase<'add-enum-value', 'enum'> & {
    after: EnumValuePosition;
};
/**
 * Values removed or reordered: the enum is recreated and the columns of `uses` converted.
 * `comment`: the comment the new type carries (the spec's, or else the live one it replaces).
 */
export type AlterEnum = ChangeBase<'alter-enum', 'enum'> & {
    before: string[];
    after: string[];
    uses: EnumUse[];
    comment?: string;
};
export type DropEnum = ChangeBase<'drop-enum', 'enum'> & {
    before: string[];
};
export type AddSequence = ChangeBase<'add-sequence', 'sequence'> & {
    after: Sequence;
};
export type AlterSequence = ChangeBase<'alter-sequence', 'sequence'> & {
    before: Sequence;
    after: Sequence;
};
export type DropSequence = ChangeBase<'drop-sequence', 'sequence'> & {
    before: Sequence;
};
export type AddTable = ChangeBase<'add-table', 'table'> & {
    after: Table;
};
export type DropTable = ChangeBase<'drop-table', 'table'> & {
    before: Table;
};
export type AddColumn = ChangeBase<'add-column', 'column'> & {
    after: Column;
};
export type DropColumn = ChangeBase<'drop-column', 'column'> & {
    before: Column;
};
/** `column` is the desired column (its `using`, collation and default); `liveDefault` the live default. */
export type AlterColumnType = ChangeBase<'alter-column-type', 'column'> & {
    before: string;
    after: string;
    column: Column;
    liveDefault?: string;
};
export type AlterColumnCollation = ChangeBase<'alter-column-collation', 'column'> & {
    before: string | null;
    after: string | null;
    type: string;
};
/** `check` names the temporary CHECK (col IS NOT NULL) that spares SET NOT NULL its scan. */
export type SetNotNull = ChangeBase<'set-not-null', 'column'> & {
    check: string;
};
export type DropNotNull = ChangeBase<'drop-not-null', 'column'>;
export type SetDefault = ChangeBase<'set-default', 'column'> & {
    before: string | null;
    after: string;
};
export type DropDefault = ChangeBase<'drop-default', 'column'> & {
    before: string;
};
/**
 * `notNullFirst`: the column becomes identity while it is nullable; PostgreSQL makes a column
 * identity only once it is NOT NULL, so the set-not-null change of the column runs before it.
 */
export type AlterColumnIdentity = ChangeBase<'alter-column-identity', 'column'> & {
    before: IdentityKind | null;
    after: IdentityKind | null;
    notNullFirst: boolean;
};
export type AlterColumnSerial = ChangeBase<'alter-column-serial', 'column'> & {
    before: boolean;
    after: boolean;
    column: Column;
};
export type AlterColumnGenerated = ChangeBase<'alter-column-generated', 'column'> & {
    before: string | null;
    after: string | null;
    column: Column;
};
export type AddPrimaryKey = ChangeBase<'add-primary-key', 'constraint'> & {
    after: PrimaryKey;
};
export type DropPrimaryKey = ChangeBase<'drop-primary-key', 'constraint'> & {
    before: PrimaryKey;
};
export type AlterPrimaryKey = ChangeBase<'alter-primary-key', 'constraint'> & {
    before: PrimaryKey;
    after: PrimaryKey;
};
export type AddUnique = ChangeBase<'add-unique', 'constraint'> & {
    after: UniqueConstraint;
};
export type DropUnique = ChangeBase<'drop-unique', 'constraint'> & {
    before: UniqueConstraint;
};
export type AddForeignKey = ChangeBase<'add-foreign-key', 'constraint'> & {
    after: ForeignKey;
};
export type DropForeignKey = ChangeBase<'drop-foreign-key', 'constraint'> & {
    before: ForeignKey;
};
export type AddCheck = ChangeBase<'add-check', 'constraint'> & {
    after: CheckConstraint;
};
export type DropCheck = ChangeBase<'drop-check', 'constraint'> & {
    before: CheckConstraint;
};
export type AddExclusion = ChangeBase<'add-exclusion', 'constraint'> & {
    after: ExclusionConstraint;
};
export type DropExclusion = ChangeBase<'drop-exclusion', 'constraint'> & {
    before: ExclusionConstraint;
};
export type RenameConstraint = ChangeBase<'rename-constraint', 'constraint'> & {
    before: string;
    after: string;
};
/**
 * A foreign key or check the database has NOT VALID (rows from before it were never checked) and
 * the spec wants, as it wants every constraint, valid. `object` names it by the name it has once
 * any rename of the same plan has run. `before` is the live constraint.
 */
export type ValidateConstraint = ChangeBase<'validate-constraint', 'constraint'> & ({
    constraint: 'foreign-key';
    before: ForeignKey;
} | {
    constraint: 'check';
    before: CheckConstraint;
});
/** `before`: the invalid index of the same name (left by a failed concurrent build) it replaces. */
export type AddIndex = ChangeBase<'add-index', 'index'> & {
    after: Index;
    before?: Index;
};
export type DropIndex = ChangeBase<'drop-index', 'index'> & {
    before: Index;
};
export type AlterIndex = ChangeBase<'alter-index', 'index'> & {
    before: Index;
    after: Index;
};
export type RenameIndex = ChangeBase<'rename-index', 'index'> & {
    before: string;
    after: string;
};
export type AddView = ChangeBase<'add-view', 'view'> & {
    after: View;
};
export type AlterView = ChangeBase<'alter-view', 'view'> & {
    before: View;
    after: View;
};
export type DropView = ChangeBase<'drop-view', 'view'> & {
    before: View;
};
export type CommentTarget = 'schema' | 'table' | 'column' | 'view' | 'enum' | 'sequence';
/** The object a comment is on, typed by its object type. */
export type CommentOn = {
    [T in CommentTarget]: {
        objectType: T;
        object: RefOf<T>;
    };
}[CommentTarget];
/** `materialized`: the comment is on a materialized view (COMMENT ON MATERIALIZED VIEW). */
export type SetComment = {
    [T in CommentTarget]: ChangeBase<'set-comment', T> & {
        before: string | null;
        after: string | null;
        materialized?: boolean;
    };
}[CommentTarget];
export type Change = AddSchema | AddExtension | AlterExtension | DropExtension | AddEnum | AddEnumValue | AlterEnum | DropEnum | AddSequence | AlterSequence | DropSequence | AddTable | DropTable | AddColumn | DropColumn | AlterColumnType | SetNotNull | DropNotNull | SetDefault | DropDefault | AlterColumnIdentity | AlterColumnSerial | AlterColumnGenerated | AlterColumnCollation | AddPrimaryKey | DropPrimaryKey | AlterPrimaryKey | AddUnique | DropUnique | AddForeignKey | DropForeignKey | AddCheck | DropCheck | AddExclusion | DropExclusion | RenameConstraint | ValidateConstraint | AddIndex | DropIndex | AlterIndex | RenameIndex | AddView | AlterView | DropView | SetComment;
/** The change of kind `K`. */
export type ChangeOf<K extends ChangeKind> = Extract<Change, {
    kind: K;
}>;
/** Fails to compile when a switch over change kinds misses one. */
export declare function unreachable(value: never): never;
/** The display name of an object: `app`, `public.messages`, `public.messages.role`. */
export declare function refName(ref: ObjectRef): string;
/** The display name of a change's object (the report's `object`). */
export declare function objectName(c: Change): string;
/**
 * The display key of the table a change belongs to (`public.messages`, the report's `table`), for
 * grouping; undefined for changes of objects outside tables (schemas, extensions, enums, sequences,
 * views).
 */
export declare function tableName(c: Change): string | undefined;
export interface DiffOptions {
    /** The schemas the spec manages and the objects it ignores. */
    scope: Scope;
    /** Report extensions the spec does not list (only when the spec lists extensions at all). */
    manageExtensions?: boolean;
}
export declare function sameDefault(a: string | undefined, b: string | undefined): boolean;
/** Lists the changes that turn `current` into `desired`. Pure and deterministic. */
export declare function diffSchemas(current: Schema, desired: Schema, options: DiffOptions): Change[];
export declare function uniqueSignature(u: UniqueConstraint): string;
export declare function exclusionSignature(x: ExclusionConstraint): string;
export declare function fkSignature(f: ForeignKey): string;
export declare function indexSignature(i: Index): string;
export type TypeChangeSafety = 'widening-in-place' | 'widening' | 'narrowing';
/**
 * Classifies a type change. In place: varchar(n) → varchar(m ≥ n), varchar → text, numeric(p,s)
 * → numeric(p' ≥ p, s), no typmod; bit varying likewise; a timestamp, time or interval precision
 * raised or dropped (PostgreSQL changes only the catalog when no value can change). A rewrite that
 * cannot lose values: smallint → integer → bigint, integer → numeric. Anything else may fail or
 * change values: narrowing.
 */
export declare function typeChangeSafety(from: string, to: string): TypeChangeSafety;
/** The options of a sequence, as the report shows them. */
export declare function sequenceOptions(s: Sequence): Record<string, string | boolean>;
/** The name PostgreSQL gives an unnamed check of `table` (before making it unique). */
export declare function checkName(table: Table, expression: string): string;
/**
 * The table's columns a check expression (as PostgreSQL prints it) refers to, in order of first
 * use. PostgreSQL names an unnamed check `<table>_<column>_check` when it refers to exactly one
 * column, `<table>_check` otherwise. Names inside string literals, after `::` (types) and before
 * `(` (functions) are not column references; keywords are printed in capitals, columns are not.
 */
export declare function checkColumns(expression: string, columns: readonly string[]): string[];
export {};
