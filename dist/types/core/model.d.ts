/**
 * The one schema model. The spec is parsed into it and the live database is introspected into it;
 * the diff only ever compares two values of this type. Expressions and types are held in
 * PostgreSQL's own canonical spelling (format_type, pg_get_expr, pg_get_indexdef) once the
 * canonicaliser has run, so comparing them is comparing catalog to catalog.
 *
 * Maps are keyed by display names (`public.conversations`, see ident.displayQualified) and kept
 * sorted so every rendering is deterministic.
 */
export interface Schema {
    /** Schemas that exist (or should), by name. */
    schemas: Record<string, {
        comment?: string;
    }>;
    extensions: Record<string, Extension>;
    enums: Record<string, EnumType>;
    sequences: Record<string, Sequence>;
    tables: Record<string, Table>;
    views: Record<string, View>;
}
export interface Extension {
    name: string;
    schema: string;
    /** Compared only when the spec names a version. */
    version?: string;
}
export interface EnumType {
    schema: string;
    name: string;
    values: string[];
    comment?: string;
}
export interface Sequence {
    schema: string;
    name: string;
    type: string;
    start: string;
    increment: string;
    min: string;
    max: string;
    cache: string;
    cycle: boolean;
    comment?: string;
}
export type IdentityKind = 'always' | 'by default';
export interface Column {
    name: string;
    /** Canonical type, e.g. `character varying(36)`, `timestamp with time zone`, `public.mood[]`. */
    type: string;
    notNull: boolean;
    /** Canonical default expression; absent for serial and identity columns. */
    default?: string;
    /** A serial column: a sequence owned by the column feeds its default. */
    serial?: boolean;
    identity?: IdentityKind;
    /** Expression of a generated column (STORED unless `virtual`). */
    generated?: string;
    /** A VIRTUAL generated column (PostgreSQL 18). */
    virtual?: boolean;
    /** Only when it differs from the type's default collation. */
    collation?: string;
    comment?: string;
    /**
     * Spec only, never compared: how to convert existing values when the type changes and
     * PostgreSQL has no automatic cast (the expression of `ALTER COLUMN … TYPE … USING`).
     */
    using?: string;
}
export interface PrimaryKey {
    name?: string;
    columns: string[];
}
export interface UniqueConstraint {
    name?: string;
    columns: string[];
    /** INCLUDE columns of its index, in order; absent when there are none. */
    include?: string[];
    nullsNotDistinct: boolean;
    deferrable: boolean;
    initiallyDeferred: boolean;
}
export type FkAction = 'no action' | 'restrict' | 'cascade' | 'set null' | 'set default';
export type FkMatch = 'simple' | 'full' | 'partial';
export interface ForeignKey {
    name?: string;
    columns: string[];
    /** Display key of the referenced table. */
    refTable: string;
    refColumns: string[];
    onDelete: FkAction;
    onUpdate: FkAction;
    match: FkMatch;
    deferrable: boolean;
    initiallyDeferred: boolean;
    /**
     * Live only: added NOT VALID and not validated since, so rows from before it may violate it.
     * A spec never asks for it; the diff reports it as validate-constraint.
     */
    notValid?: boolean;
}
export interface CheckConstraint {
    name?: string;
    /** Canonical boolean expression, without the surrounding `CHECK (…)`. */
    expression: string;
    noInherit: boolean;
    /** Live only: see ForeignKey.notValid. */
    notValid?: boolean;
}
export interface IndexKey {
    /** A column name, or the canonical text of an expression. */
    expression: string;
    /** True when `expression` is a plain column name. */
    column: boolean;
    descending: boolean;
    nullsFirst: boolean;
    /** Only when it is not the default operator class for the column's type. */
    opclass?: string;
    collation?: string;
}
export interface Index {
    name: string;
    unique: boolean;
    method: string;
    keys: IndexKey[];
    include: string[];
    where?: string;
    nullsNotDistinct: boolean;
}
/** One element of an exclusion constraint: an index key and the operator rows are compared with. */
export interface ExclusionElement extends IndexKey {
    /** `&&`, `=`; an operator outside pg_catalog as `OPERATOR(schema.op)`. */
    operator: string;
}
/** EXCLUDE USING method (element WITH operator, …) [INCLUDE (…)] [WHERE (…)]. */
export interface ExclusionConstraint {
    name?: string;
    method: string;
    elements: ExclusionElement[];
    include: string[];
    where?: string;
    deferrable: boolean;
    initiallyDeferred: boolean;
}
export interface Table {
    schema: string;
    name: string;
    columns: Column[];
    primaryKey?: PrimaryKey;
    uniques: UniqueConstraint[];
    foreignKeys: ForeignKey[];
    checks: CheckConstraint[];
    /** Exclusion constraints; absent when there are none. */
    exclusions?: ExclusionConstraint[];
    /** Secondary indexes: indexes that back a primary key or unique constraint are not listed. */
    indexes: Record<string, Index>;
    comment?: string;
}
export interface View {
    schema: string;
    name: string;
    materialized: boolean;
    /** Canonical query text (pg_get_viewdef). */
    definition: string;
    comment?: string;
}
/** What the spec leaves alone: these are never reported. */
export interface Scope {
    /** Schemas the spec manages. */
    schemas: string[];
    /** Patterns (`schema.name`, `schema.*`) of tables, views, sequences and enums to ignore. */
    ignore: string[];
}
/** The serial pseudo-type that makes a column of `type` with its own sequence: serial, smallserial, bigserial. */
export declare function serialType(type: string): string;
export declare function emptySchema(): Schema;
/** Returns a copy of `record` with keys in code-point order. */
export declare function sortRecord<T>(record: Record<string, T>): Record<string, T>;
/** Locale-independent ordering used everywhere output order matters. */
export declare function compareText(a: string, b: string): number;
/**
 * True when two values of the model are the same: equal primitives, arrays of the same values in
 * the same order, objects with the same keys (in any order) holding the same values. Two tables
 * that are the same have nothing to compare; checks of a large schema, almost all of whose tables
 * are unchanged, take this short way before comparing piece by piece.
 */
export declare function sameValue(a: unknown, b: unknown): boolean;
