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
import { displayIdent, displayQualified, fitName } from './ident.js';
import {
  compareText,
  sameValue,
  type CheckConstraint,
  type Column,
  type ExclusionConstraint,
  type Extension,
  type ForeignKey,
  type IdentityKind,
  type Index,
  type IndexKey,
  type PrimaryKey,
  type Schema,
  type Scope,
  type Sequence,
  type Table,
  type UniqueConstraint,
  type View,
} from './model.js';
import { isIgnored } from './spec.js';

export const CHANGE_KINDS = [
  'add-schema',
  'add-extension',
  'alter-extension',
  'drop-extension',
  'add-enum',
  'add-enum-value',
  'alter-enum',
  'drop-enum',
  'add-sequence',
  'alter-sequence',
  'drop-sequence',
  'add-table',
  'drop-table',
  'add-column',
  'drop-column',
  'alter-column-type',
  'set-not-null',
  'drop-not-null',
  'set-default',
  'drop-default',
  'alter-column-identity',
  'alter-column-serial',
  'alter-column-generated',
  'alter-column-collation',
  'add-primary-key',
  'drop-primary-key',
  'alter-primary-key',
  'add-unique',
  'drop-unique',
  'add-foreign-key',
  'drop-foreign-key',
  'add-check',
  'drop-check',
  'add-exclusion',
  'drop-exclusion',
  'rename-constraint',
  'validate-constraint',
  'add-index',
  'drop-index',
  'alter-index',
  'rename-index',
  'add-view',
  'alter-view',
  'drop-view',
  'set-comment',
] as const;
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
export type RefOf<T extends ObjectType> = T extends 'schema' | 'extension'
  ? NameRef
  : T extends 'column' | 'constraint' | 'index'
    ? TableObjectRef
    : QualifiedRef;

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
  table: { schema: string; name: string };
  /** The columns of the enum's type (or arrays of it), with their live and desired defaults. */
  columns: Array<{ name: string; type: string; liveDefault?: string; default?: string }>;
  /** Named checks that mention one of those columns: dropped before and added back after. */
  checks: Array<CheckConstraint & { name: string }>;
}

export type AddSchema = ChangeBase<'add-schema', 'schema'>;
export type AddExtension = ChangeBase<'add-extension', 'extension'> & { after: Extension };
export type AlterExtension = ChangeBase<'alter-extension', 'extension'> & { before: Extension; after: Extension };
export type DropExtension = ChangeBase<'drop-extension', 'extension'> & { before: Extension };
export type AddEnum = ChangeBase<'add-enum', 'enum'> & { after: string[] };
export type AddEnumValue = ChangeBase<'add-enum-value', 'enum'> & { after: EnumValuePosition };
/**
 * Values removed or reordered: the enum is recreated and the columns of `uses` converted.
 * `comment`: the comment the new type carries (the spec's, or else the live one it replaces).
 */
export type AlterEnum = ChangeBase<'alter-enum', 'enum'> & { before: string[]; after: string[]; uses: EnumUse[]; comment?: string };
export type DropEnum = ChangeBase<'drop-enum', 'enum'> & { before: string[] };
export type AddSequence = ChangeBase<'add-sequence', 'sequence'> & { after: Sequence };
export type AlterSequence = ChangeBase<'alter-sequence', 'sequence'> & { before: Sequence; after: Sequence };
export type DropSequence = ChangeBase<'drop-sequence', 'sequence'> & { before: Sequence };
export type AddTable = ChangeBase<'add-table', 'table'> & { after: Table };
export type DropTable = ChangeBase<'drop-table', 'table'> & { before: Table };
export type AddColumn = ChangeBase<'add-column', 'column'> & { after: Column };
export type DropColumn = ChangeBase<'drop-column', 'column'> & { before: Column };
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
export type SetNotNull = ChangeBase<'set-not-null', 'column'> & { check: string };
export type DropNotNull = ChangeBase<'drop-not-null', 'column'>;
export type SetDefault = ChangeBase<'set-default', 'column'> & { before: string | null; after: string };
export type DropDefault = ChangeBase<'drop-default', 'column'> & { before: string };
/**
 * `notNullFirst`: the column becomes identity while it is nullable; PostgreSQL makes a column
 * identity only once it is NOT NULL, so the set-not-null change of the column runs before it.
 */
export type AlterColumnIdentity = ChangeBase<'alter-column-identity', 'column'> & {
  before: IdentityKind | null;
  after: IdentityKind | null;
  notNullFirst: boolean;
};
export type AlterColumnSerial = ChangeBase<'alter-column-serial', 'column'> & { before: boolean; after: boolean; column: Column };
export type AlterColumnGenerated = ChangeBase<'alter-column-generated', 'column'> & {
  before: string | null;
  after: string | null;
  column: Column;
};
export type AddPrimaryKey = ChangeBase<'add-primary-key', 'constraint'> & { after: PrimaryKey };
export type DropPrimaryKey = ChangeBase<'drop-primary-key', 'constraint'> & { before: PrimaryKey };
export type AlterPrimaryKey = ChangeBase<'alter-primary-key', 'constraint'> & { before: PrimaryKey; after: PrimaryKey };
export type AddUnique = ChangeBase<'add-unique', 'constraint'> & { after: UniqueConstraint };
export type DropUnique = ChangeBase<'drop-unique', 'constraint'> & { before: UniqueConstraint };
export type AddForeignKey = ChangeBase<'add-foreign-key', 'constraint'> & { after: ForeignKey };
export type DropForeignKey = ChangeBase<'drop-foreign-key', 'constraint'> & { before: ForeignKey };
export type AddCheck = ChangeBase<'add-check', 'constraint'> & { after: CheckConstraint };
export type DropCheck = ChangeBase<'drop-check', 'constraint'> & { before: CheckConstraint };
export type AddExclusion = ChangeBase<'add-exclusion', 'constraint'> & { after: ExclusionConstraint };
export type DropExclusion = ChangeBase<'drop-exclusion', 'constraint'> & { before: ExclusionConstraint };
export type RenameConstraint = ChangeBase<'rename-constraint', 'constraint'> & { before: string; after: string };
/**
 * A foreign key or check the database has NOT VALID (rows from before it were never checked) and
 * the spec wants, as it wants every constraint, valid. `object` names it by the name it has once
 * any rename of the same plan has run. `before` is the live constraint.
 */
export type ValidateConstraint = ChangeBase<'validate-constraint', 'constraint'> &
  ({ constraint: 'foreign-key'; before: ForeignKey } | { constraint: 'check'; before: CheckConstraint });
/** `before`: the invalid index of the same name (left by a failed concurrent build) it replaces. */
export type AddIndex = ChangeBase<'add-index', 'index'> & { after: Index; before?: Index };
export type DropIndex = ChangeBase<'drop-index', 'index'> & { before: Index };
export type AlterIndex = ChangeBase<'alter-index', 'index'> & { before: Index; after: Index };
export type RenameIndex = ChangeBase<'rename-index', 'index'> & { before: string; after: string };
export type AddView = ChangeBase<'add-view', 'view'> & { after: View };
export type AlterView = ChangeBase<'alter-view', 'view'> & { before: View; after: View };
export type DropView = ChangeBase<'drop-view', 'view'> & { before: View };
export type CommentTarget = 'schema' | 'table' | 'column' | 'view' | 'enum' | 'sequence';
/** The object a comment is on, typed by its object type. */
export type CommentOn = { [T in CommentTarget]: { objectType: T; object: RefOf<T> } }[CommentTarget];
/** `materialized`: the comment is on a materialized view (COMMENT ON MATERIALIZED VIEW). */
export type SetComment = {
  [T in CommentTarget]: ChangeBase<'set-comment', T> & { before: string | null; after: string | null; materialized?: boolean };
}[CommentTarget];

export type Change =
  | AddSchema
  | AddExtension
  | AlterExtension
  | DropExtension
  | AddEnum
  | AddEnumValue
  | AlterEnum
  | DropEnum
  | AddSequence
  | AlterSequence
  | DropSequence
  | AddTable
  | DropTable
  | AddColumn
  | DropColumn
  | AlterColumnType
  | SetNotNull
  | DropNotNull
  | SetDefault
  | DropDefault
  | AlterColumnIdentity
  | AlterColumnSerial
  | AlterColumnGenerated
  | AlterColumnCollation
  | AddPrimaryKey
  | DropPrimaryKey
  | AlterPrimaryKey
  | AddUnique
  | DropUnique
  | AddForeignKey
  | DropForeignKey
  | AddCheck
  | DropCheck
  | AddExclusion
  | DropExclusion
  | RenameConstraint
  | ValidateConstraint
  | AddIndex
  | DropIndex
  | AlterIndex
  | RenameIndex
  | AddView
  | AlterView
  | DropView
  | SetComment;

/** The change of kind `K`. */
export type ChangeOf<K extends ChangeKind> = Extract<Change, { kind: K }>;

/** Fails to compile when a switch over change kinds misses one. */
export function unreachable(value: never): never {
  throw new Error(`unhandled change kind ${JSON.stringify((value as { kind?: unknown }).kind)}`);
}

/** The display name of an object: `app`, `public.messages`, `public.messages.role`. */
export function refName(ref: ObjectRef): string {
  if ('table' in ref) return `${displayQualified(ref.schema, ref.table)}.${displayIdent(ref.name)}`;
  if ('schema' in ref) return displayQualified(ref.schema, ref.name);
  return displayIdent(ref.name);
}

/** The display name of a change's object (the report's `object`). */
export function objectName(c: Change): string {
  return refName(c.object);
}

/**
 * The display key of the table a change belongs to (`public.messages`, the report's `table`), for
 * grouping; undefined for changes of objects outside tables (schemas, extensions, enums, sequences,
 * views).
 */
export function tableName(c: Change): string | undefined {
  if (c.objectType === 'table') return displayQualified(c.object.schema, c.object.name);
  if (c.objectType === 'column' || c.objectType === 'constraint' || c.objectType === 'index')
    return displayQualified(c.object.schema, c.object.table);
  return undefined;
}

export interface DiffOptions {
  /** The schemas the spec manages and the objects it ignores. */
  scope: Scope;
  /** Report extensions the spec does not list (only when the spec lists extensions at all). */
  manageExtensions?: boolean;
}

/** The same instant: PostgreSQL documents these as equivalent spellings of now(). */
const NOW_SPELLINGS = new Set(['now()', 'CURRENT_TIMESTAMP', 'transaction_timestamp()']);

export function sameDefault(a: string | undefined, b: string | undefined): boolean {
  if (a === b) return true;
  return a !== undefined && b !== undefined && NOW_SPELLINGS.has(a) && NOW_SPELLINGS.has(b);
}

type Push = (c: Change) => void;

/** Lists the changes that turn `current` into `desired`. Pure and deterministic. */
export function diffSchemas(current: Schema, desired: Schema, options: DiffOptions): Change[] {
  const scope = options.scope;
  const managed = new Set(scope.schemas);
  const inScope = (schema: string, name: string): boolean => managed.has(schema) && !isIgnored(scope, schema, name);
  const changes: Change[] = [];
  const push: Push = (change) => {
    changes.push(change);
  };

  for (const name of sortedKeys(desired.schemas)) {
    if (!current.schemas[name]) push({ kind: 'add-schema', objectType: 'schema', object: { name }, destructive: false, hazards: [] });
    else commentChange(push, { objectType: 'schema', object: { name } }, current.schemas[name]?.comment, desired.schemas[name]?.comment);
  }

  const manageExtensions = options.manageExtensions ?? Object.keys(desired.extensions).length > 0;
  for (const name of union(current.extensions, desired.extensions)) {
    const live = current.extensions[name];
    const want = desired.extensions[name];
    const object = { name };
    // Every database has plpgsql (introspection leaves it out): a spec that lists it asks for nothing.
    if (name === 'plpgsql' && !live) continue;
    if (want && !live) push({ kind: 'add-extension', objectType: 'extension', object, after: want, destructive: false, hazards: [] });
    else if (live && !want && manageExtensions)
      push({
        kind: 'drop-extension',
        objectType: 'extension',
        object,
        before: live,
        destructive: true,
        hazards: ['deletes-data', 'dependent-objects'],
      });
    else if (live && want && ((want.version !== undefined && want.version !== live.version) || want.schema !== live.schema)) {
      push({ kind: 'alter-extension', objectType: 'extension', object, before: live, after: want, destructive: false, hazards: [] });
    }
  }

  for (const key of union(current.enums, desired.enums)) {
    const live = current.enums[key];
    const want = desired.enums[key];
    const sample = (live ?? want)!;
    if (!inScope(sample.schema, sample.name)) continue;
    const object = { schema: sample.schema, name: sample.name };
    if (want && !live) push({ kind: 'add-enum', objectType: 'enum', object, after: want.values, destructive: false, hazards: [] });
    else if (live && !want)
      push({ kind: 'drop-enum', objectType: 'enum', object, before: live.values, destructive: true, hazards: ['dependent-objects'] });
    else if (live && want) {
      if (!arraysEqual(live.values, want.values)) {
        const onlyAdded = isSubsequence(live.values, want.values);
        if (onlyAdded) {
          for (const value of want.values.filter((v) => !live.values.includes(v))) {
            const index = want.values.indexOf(value);
            push({
              kind: 'add-enum-value',
              objectType: 'enum',
              object,
              after: { value, ...positionOf(want.values, live.values, index) },
              destructive: false,
              hazards: ['enum-value-usable-after-commit'],
            });
          }
        } else {
          const comment = want.comment ?? live.comment;
          push({
            kind: 'alter-enum',
            objectType: 'enum',
            object,
            before: live.values,
            after: want.values,
            uses: enumUses(key, current, desired),
            ...(comment ? { comment } : {}),
            destructive: true,
            hazards: ['deletes-data', 'rewrites-table', 'dependent-objects'],
          });
        }
      }
      commentChange(push, { objectType: 'enum', object }, live.comment, want.comment);
    }
  }

  for (const key of union(current.sequences, desired.sequences)) {
    const live = current.sequences[key];
    const want = desired.sequences[key];
    const sample = (live ?? want)!;
    if (!inScope(sample.schema, sample.name)) continue;
    const object = { schema: sample.schema, name: sample.name };
    if (want && !live) push({ kind: 'add-sequence', objectType: 'sequence', object, after: want, destructive: false, hazards: [] });
    else if (live && !want)
      push({
        kind: 'drop-sequence',
        objectType: 'sequence',
        object,
        before: live,
        destructive: true,
        hazards: ['deletes-data', 'dependent-objects'],
      });
    else if (live && want) {
      // A sequence's start value is only its initial value; the live counter is not drift.
      const { start: _a, ...restA } = sequenceOptions(live);
      const { start: _b, ...restB } = sequenceOptions(want);
      if (JSON.stringify(restA) !== JSON.stringify(restB))
        push({ kind: 'alter-sequence', objectType: 'sequence', object, before: live, after: want, destructive: false, hazards: [] });
      commentChange(push, { objectType: 'sequence', object }, live.comment, want.comment);
    }
  }

  for (const key of union(current.tables, desired.tables)) {
    const live = current.tables[key];
    const want = desired.tables[key];
    const sample = (live ?? want)!;
    if (!inScope(sample.schema, sample.name)) continue;
    const object = { schema: sample.schema, name: sample.name };
    if (want && !live) push({ kind: 'add-table', objectType: 'table', object, after: want, destructive: false, hazards: [] });
    else if (live && !want)
      push({
        kind: 'drop-table',
        objectType: 'table',
        object,
        before: live,
        destructive: true,
        hazards: ['deletes-data', 'access-exclusive-lock', 'dependent-objects'],
      });
    else if (live && want) diffTable(push, live, want);
  }

  for (const key of union(current.views, desired.views)) {
    const live = current.views[key];
    const want = desired.views[key];
    const sample = (live ?? want)!;
    if (!inScope(sample.schema, sample.name)) continue;
    const object = { schema: sample.schema, name: sample.name };
    if (want && !live) push({ kind: 'add-view', objectType: 'view', object, after: want, destructive: false, hazards: [] });
    else if (live && !want)
      push({ kind: 'drop-view', objectType: 'view', object, before: live, destructive: true, hazards: ['dependent-objects'] });
    else if (live && want) {
      if (live.definition !== want.definition || live.materialized !== want.materialized) {
        push({
          kind: 'alter-view',
          objectType: 'view',
          object,
          before: live,
          after: want,
          destructive: false,
          hazards: live.materialized || want.materialized ? ['access-exclusive-lock'] : [],
        });
      }
      commentChange(push, { objectType: 'view', object }, live.comment, want.comment, want.materialized);
    }
  }
  return changes;
}

/**
 * The names of a table's constraints and indexes, so that a constraint the spec leaves unnamed
 * gets, once, the name PostgreSQL would give it: the base name cut to 63 bytes, with a number
 * appended while the name is taken. The diff shows that name and the plan uses it.
 */
class ConstraintNames {
  private used: Set<string> | undefined;

  constructor(private readonly live: Table) {}

  take(base: string): string {
    const t = this.live;
    this.used ??= new Set(
      [
        t.primaryKey?.name,
        ...t.uniques.map((u) => u.name),
        ...t.foreignKeys.map((f) => f.name),
        ...t.checks.map((c) => c.name),
        ...(t.exclusions ?? []).map((x) => x.name),
        ...Object.keys(t.indexes),
      ].filter((n): n is string => Boolean(n)),
    );
    let name = fitName(base);
    for (let i = 1; this.used.has(name); i++) name = fitName(base, String(i));
    this.used.add(name);
    return name;
  }
}

function diffTable(push: Push, live: Table, want: Table): void {
  if (sameValue(live, want)) return;
  const names = new ConstraintNames(live);
  const on = (name: string): TableObjectRef => ({ schema: want.schema, table: want.name, name });
  const liveColumns = new Map(live.columns.map((c) => [c.name, c]));
  for (const column of want.columns) {
    const other = liveColumns.get(column.name);
    if (!other) {
      const hazards: HazardCode[] =
        column.notNull && column.default === undefined && !column.serial && !column.identity && column.generated === undefined
          ? ['may-fail-on-existing-rows']
          : [];
      if (column.generated !== undefined || column.identity) hazards.push('rewrites-table');
      push({ kind: 'add-column', objectType: 'column', object: on(column.name), after: column, destructive: false, hazards });
    } else diffColumn(push, on(column.name), names, want.name, other, column);
  }
  const wantColumns = new Set(want.columns.map((c) => c.name));
  for (const column of live.columns) {
    if (!wantColumns.has(column.name)) {
      push({
        kind: 'drop-column',
        objectType: 'column',
        object: on(column.name),
        before: column,
        destructive: true,
        hazards: ['deletes-data', 'dependent-objects'],
      });
    }
  }

  if (want.primaryKey && !live.primaryKey) {
    const name = want.primaryKey.name ?? names.take(`${want.name}_pkey`);
    push({
      kind: 'add-primary-key',
      objectType: 'constraint',
      object: on(name),
      after: want.primaryKey,
      destructive: false,
      hazards: ['may-fail-on-existing-rows', 'blocks-writes'],
    });
  } else if (!want.primaryKey && live.primaryKey) {
    push({
      kind: 'drop-primary-key',
      objectType: 'constraint',
      object: on(live.primaryKey.name ?? ''),
      before: live.primaryKey,
      destructive: true,
      hazards: ['dependent-objects'],
    });
  } else if (want.primaryKey && live.primaryKey) {
    if (!arraysEqual(want.primaryKey.columns, live.primaryKey.columns)) {
      push({
        kind: 'alter-primary-key',
        objectType: 'constraint',
        object: on(live.primaryKey.name ?? ''),
        before: live.primaryKey,
        after: want.primaryKey,
        destructive: true,
        hazards: ['may-fail-on-existing-rows', 'blocks-writes', 'dependent-objects'],
      });
    } else if (want.primaryKey.name !== undefined && want.primaryKey.name !== live.primaryKey.name) {
      push({
        kind: 'rename-constraint',
        objectType: 'constraint',
        object: on(live.primaryKey.name ?? ''),
        before: live.primaryKey.name ?? '',
        after: want.primaryKey.name,
        destructive: false,
        hazards: [],
      });
    }
  }

  // An unnamed constraint is shown and added under the name PostgreSQL's own pattern gives it.
  const constraints = { push, on, names };
  diffConstraints<UniqueConstraint>(
    constraints,
    live.uniques,
    want.uniques,
    uniqueSignature,
    (u) => `${want.name}_${[...u.columns, ...(u.include ?? [])].join('_')}_key`,
    {
      add: (object, after) => ({
        kind: 'add-unique',
        objectType: 'constraint',
        object,
        after,
        destructive: false,
        hazards: ['may-fail-on-existing-rows', 'blocks-writes'],
      }),
      drop: (object, before) => ({ kind: 'drop-unique', objectType: 'constraint', object, before, destructive: true, hazards: [] }),
    },
  );
  diffConstraints<ForeignKey>(
    constraints,
    live.foreignKeys,
    want.foreignKeys,
    fkSignature,
    (f) => `${want.name}_${f.columns.join('_')}_fkey`,
    {
      add: (object, after) => ({
        kind: 'add-foreign-key',
        objectType: 'constraint',
        object,
        after,
        destructive: false,
        hazards: ['may-fail-on-existing-rows'],
      }),
      drop: (object, before) => ({ kind: 'drop-foreign-key', objectType: 'constraint', object, before, destructive: true, hazards: [] }),
      validate: (object, before) => ({
        kind: 'validate-constraint',
        objectType: 'constraint',
        object,
        constraint: 'foreign-key',
        before,
        destructive: false,
        hazards: ['may-fail-on-existing-rows'],
      }),
    },
  );
  diffConstraints<CheckConstraint>(
    constraints,
    live.checks,
    want.checks,
    (c) => `${c.expression}|${c.noInherit}`,
    (c) => checkName(want, c.expression),
    {
      add: (object, after) => ({
        kind: 'add-check',
        objectType: 'constraint',
        object,
        after,
        destructive: false,
        hazards: ['may-fail-on-existing-rows'],
      }),
      drop: (object, before) => ({ kind: 'drop-check', objectType: 'constraint', object, before, destructive: true, hazards: [] }),
      validate: (object, before) => ({
        kind: 'validate-constraint',
        objectType: 'constraint',
        object,
        constraint: 'check',
        before,
        destructive: false,
        hazards: ['may-fail-on-existing-rows'],
      }),
    },
  );
  diffConstraints<ExclusionConstraint>(
    constraints,
    live.exclusions ?? [],
    want.exclusions ?? [],
    exclusionSignature,
    (x) => `${want.name}_${[...x.elements.map(keyName), ...x.include].join('_')}_excl`,
    {
      add: (object, after) => ({
        kind: 'add-exclusion',
        objectType: 'constraint',
        object,
        after,
        destructive: false,
        hazards: ['may-fail-on-existing-rows', 'blocks-writes'],
      }),
      drop: (object, before) => ({ kind: 'drop-exclusion', objectType: 'constraint', object, before, destructive: true, hazards: [] }),
    },
  );

  const liveIndexes = Object.values(live.indexes);
  const unmatchedLive = new Set(liveIndexes.map((i) => i.name));
  const signatures = new Map<Index, string>();
  const signature = (i: Index): string => {
    let text = signatures.get(i);
    if (text === undefined) signatures.set(i, (text = indexSignature(i)));
    return text;
  };
  const indexHazards = (index: Index): HazardCode[] => (index.unique ? ['blocks-writes', 'may-fail-on-existing-rows'] : ['blocks-writes']);
  const renames: Array<[Index, Index]> = [];
  const added: Index[] = [];
  for (const index of Object.values(want.indexes)) {
    const other = live.indexes[index.name];
    if (other) {
      unmatchedLive.delete(index.name);
      if (signature(other) !== signature(index)) {
        push({
          kind: 'alter-index',
          objectType: 'index',
          object: on(index.name),
          before: other,
          after: index,
          destructive: false,
          hazards: indexHazards(index),
        });
      }
    } else added.push(index);
  }
  for (const index of added) {
    const twin = liveIndexes.find((l) => unmatchedLive.has(l.name) && !want.indexes[l.name] && signature(l) === signature(index));
    if (twin) {
      unmatchedLive.delete(twin.name);
      renames.push([twin, index]);
    } else {
      push({
        kind: 'add-index',
        objectType: 'index',
        object: on(index.name),
        after: index,
        destructive: false,
        hazards: indexHazards(index),
      });
    }
  }
  for (const [from, to] of renames) {
    push({
      kind: 'rename-index',
      objectType: 'index',
      object: on(from.name),
      before: from.name,
      after: to.name,
      destructive: false,
      hazards: [],
    });
  }
  for (const index of liveIndexes.filter((i) => unmatchedLive.has(i.name)).sort((a, b) => compareText(a.name, b.name))) {
    push({ kind: 'drop-index', objectType: 'index', object: on(index.name), before: index, destructive: true, hazards: [] });
  }

  commentChange(push, { objectType: 'table', object: { schema: want.schema, name: want.name } }, live.comment, want.comment);
  for (const column of want.columns) {
    const other = liveColumns.get(column.name);
    if (other) commentChange(push, { objectType: 'column', object: on(column.name) }, other.comment, column.comment);
  }
}

/**
 * The changes of one column, in the order their statements must run: a generated column whose
 * expression changes (or appears, or goes) is dropped and added whole; otherwise what the old
 * definition has and the new one has not goes first (identity, the serial sequence, the default:
 * an identity column cannot change type or take a default, and a new sequence may want the old
 * one's name), then the type, then what the new one adds, then NOT NULL.
 */
function diffColumn(push: Push, object: TableObjectRef, names: ConstraintNames, table: string, live: Column, want: Column): void {
  const column = { objectType: 'column', object } as const;
  if (live.generated !== want.generated || Boolean(live.virtual) !== Boolean(want.virtual)) {
    push({
      ...column,
      kind: 'alter-column-generated',
      before: live.generated ?? null,
      after: want.generated ?? null,
      column: want,
      destructive: true,
      hazards: ['deletes-data', 'rewrites-table'],
    });
    return;
  }
  const identityChanges = (live.identity ?? null) !== (want.identity ?? null);
  const identity = (): void => {
    const notNullFirst = live.identity === undefined && want.identity !== undefined && !live.notNull;
    push({
      ...column,
      kind: 'alter-column-identity',
      before: live.identity ?? null,
      after: want.identity ?? null,
      notNullFirst,
      destructive: false,
      hazards: [],
    });
  };
  const serial = (): void => {
    push({
      ...column,
      kind: 'alter-column-serial',
      before: Boolean(live.serial),
      after: Boolean(want.serial),
      column: want,
      destructive: false,
      hazards: [],
    });
  };
  // The default of a serial column is its sequence's: compared only when neither side is serial,
  // and a serial column that stops being one loses its default with its sequence.
  const liveDefault = live.serial ? undefined : live.default;
  const defaultChanges = !want.serial && live.generated === undefined && !sameDefault(liveDefault, want.default);

  if (identityChanges && want.identity === undefined) identity();
  if (live.serial && !want.serial) serial();
  if (defaultChanges && want.default === undefined && liveDefault !== undefined)
    push({ ...column, kind: 'drop-default', before: liveDefault, destructive: false, hazards: [] });

  if (live.type !== want.type || (live.collation ?? '') !== (want.collation ?? '')) {
    if (live.type !== want.type) {
      const safety = typeChangeSafety(live.type, want.type);
      const hazards: HazardCode[] =
        safety === 'widening-in-place'
          ? ['access-exclusive-lock']
          : safety === 'widening'
            ? ['rewrites-table']
            : ['rewrites-table', 'may-lose-precision'];
      const keptDefault = defaultChanges && want.default === undefined ? undefined : liveDefault;
      push({
        ...column,
        kind: 'alter-column-type',
        before: live.type,
        after: want.type,
        column: want,
        ...(keptDefault !== undefined ? { liveDefault: keptDefault } : {}),
        destructive: safety === 'narrowing',
        hazards,
      });
    } else {
      push({
        ...column,
        kind: 'alter-column-collation',
        before: live.collation ?? null,
        after: want.collation ?? null,
        type: want.type,
        destructive: false,
        hazards: ['rewrites-table'],
      });
    }
  }

  if (!live.serial && want.serial) serial();
  if (identityChanges && want.identity !== undefined) identity();
  if (defaultChanges && want.default !== undefined)
    push({ ...column, kind: 'set-default', before: liveDefault ?? null, after: want.default, destructive: false, hazards: [] });
  if (live.notNull !== want.notNull) {
    // Through a validated CHECK (col IS NOT NULL): the scan runs without blocking writes, and
    // SET NOT NULL then only takes its ACCESS EXCLUSIVE lock for a moment.
    if (want.notNull)
      push({
        ...column,
        kind: 'set-not-null',
        check: names.take(`${table}_${want.name}_not_null_check`),
        destructive: false,
        hazards: ['may-fail-on-existing-rows', 'access-exclusive-lock'],
      });
    else push({ ...column, kind: 'drop-not-null', destructive: false, hazards: [] });
  }
}

function commentChange(push: Push, on: CommentOn, live: string | undefined, want: string | undefined, materialized?: boolean): void {
  // A spec that says nothing about a comment leaves it alone; "" asks for no comment.
  if (want === undefined || (live ?? '') === want) return;
  push({
    kind: 'set-comment',
    ...on,
    before: live ?? null,
    after: want === '' ? null : want,
    ...(materialized ? { materialized } : {}),
    destructive: false,
    hazards: [],
  });
}

/** The live tables whose columns have the type of enum `key` (or an array of it). */
function enumUses(key: string, current: Schema, desired: Schema): EnumUse[] {
  const uses: EnumUse[] = [];
  for (const [tableKey, table] of Object.entries(current.tables)) {
    const columns = table.columns.filter((col) => col.type.replace(/(\[\])+$/, '') === key);
    if (columns.length === 0) continue;
    const wanted = desired.tables[tableKey];
    // A check comparing the column with a value of the renamed type has no operator for the new
    // one: such checks (any that names the column) are dropped first and added back after.
    const checks = table.checks.filter(
      (ch): ch is CheckConstraint & { name: string } => ch.name !== undefined && columns.some((col) => ch.expression.includes(col.name)),
    );
    uses.push({
      table: { schema: table.schema, name: table.name },
      columns: columns.map((col) => {
        const desiredDefault = wanted?.columns.find((x) => x.name === col.name)?.default ?? col.default;
        return {
          name: col.name,
          type: col.type,
          ...(col.default !== undefined ? { liveDefault: col.default } : {}),
          ...(desiredDefault !== undefined ? { default: desiredDefault } : {}),
        };
      }),
      checks,
    });
  }
  return uses;
}

interface ConstraintContext {
  push: Push;
  on: (name: string) => TableObjectRef;
  names: ConstraintNames;
}

/**
 * Matches constraints: a spec constraint with a name is matched by name first, then one without a
 * name (or whose name is not found) by definition. A named match with another definition is a
 * drop and an add; a definition match under another name is a rename.
 */
function diffConstraints<T extends { name?: string }>(
  { push, on, names }: ConstraintContext,
  live: T[],
  want: T[],
  signatureOf: (c: T) => string,
  defaultName: (c: T) => string,
  make: {
    add: (object: TableObjectRef, after: T) => Change;
    drop: (object: TableObjectRef, before: T) => Change;
    validate?: (object: TableObjectRef, before: T) => Change;
  },
): void {
  if (live.length === 0 && want.length === 0) return;
  const signatures = new Map<T, string>();
  const signature = (c: T): string => {
    let text = signatures.get(c);
    if (text === undefined) signatures.set(c, (text = signatureOf(c)));
    return text;
  };
  const remaining = [...live];
  const take = (matches: (c: T) => boolean): T | undefined => {
    const i = remaining.findIndex(matches);
    return i < 0 ? undefined : remaining.splice(i, 1)[0];
  };
  const pending: T[] = [];
  // Live constraints the spec keeps that are NOT VALID, under the name they end up with.
  const validate: Array<[string, T]> = [];
  const needsValidation = (l: T): boolean => make.validate !== undefined && (l as { notValid?: boolean }).notValid === true;
  for (const c of want) {
    const byName = c.name !== undefined ? take((l) => l.name === c.name && signature(l) === signature(c)) : undefined;
    if (!byName) pending.push(c);
    else if (needsValidation(byName)) validate.push([byName.name ?? '', byName]);
  }
  const adds: T[] = [];
  for (const c of pending) {
    const twin = take((l) => signature(l) === signature(c) && (c.name === undefined || !want.some((w) => w.name === l.name)));
    if (!twin) adds.push(c);
    else if (c.name !== undefined && twin.name !== c.name) {
      push({
        kind: 'rename-constraint',
        objectType: 'constraint',
        object: on(twin.name ?? ''),
        before: twin.name ?? '',
        after: c.name,
        destructive: false,
        hazards: [],
      });
    }
    if (twin && needsValidation(twin)) validate.push([c.name ?? twin.name ?? '', twin]);
  }
  for (const [name, l] of validate) push(make.validate!(on(name), l));
  for (const c of remaining.sort((a, b) => compareText(a.name ?? '', b.name ?? ''))) push(make.drop(on(c.name ?? ''), c));
  // An unnamed constraint whose default name is that of a live one being dropped replaces it under
  // that name (as the table built from the spec would have it), so the two go or stay together.
  const freed = new Set(remaining.map((c) => c.name).filter((n): n is string => n !== undefined && !want.some((w) => w.name === n)));
  for (const c of adds) {
    const reuse = c.name === undefined ? fitName(defaultName(c)) : undefined;
    const name = reuse !== undefined && freed.delete(reuse) ? reuse : (c.name ?? names.take(defaultName(c)));
    push(make.add(on(name), c));
  }
}

/**
 * The part of PostgreSQL's name for an index or constraint that a key gives: a column's name, the
 * function an expression calls (`lower(email)` → `lower`), or `expr`.
 */
function keyName(k: IndexKey): string {
  if (k.column) return k.expression;
  return /^([a-z_][a-z0-9_]*)\s*\(/.exec(k.expression)?.[1] ?? 'expr';
}

export function uniqueSignature(u: UniqueConstraint): string {
  return JSON.stringify([u.columns, u.nullsNotDistinct, u.deferrable, u.initiallyDeferred, u.include ?? []]);
}

export function exclusionSignature(x: ExclusionConstraint): string {
  return JSON.stringify([
    x.method,
    x.elements.map((e) => [e.expression, e.column, e.operator, e.descending, e.nullsFirst, e.opclass ?? null, e.collation ?? null]),
    x.include,
    x.where ?? null,
    x.deferrable,
    x.initiallyDeferred,
  ]);
}

export function fkSignature(f: ForeignKey): string {
  return JSON.stringify([f.columns, f.refTable, f.refColumns, f.onDelete, f.onUpdate, f.match, f.deferrable, f.initiallyDeferred]);
}

export function indexSignature(i: Index): string {
  return JSON.stringify([
    i.unique,
    i.method,
    i.keys.map((k) => [k.expression, k.descending, k.nullsFirst, k.opclass ?? null, k.collation ?? null]),
    i.include,
    i.where ?? null,
    i.nullsNotDistinct,
  ]);
}

export type TypeChangeSafety = 'widening-in-place' | 'widening' | 'narrowing';

const INTEGER_RANK: Record<string, number> = { smallint: 1, integer: 2, bigint: 3 };

/**
 * Classifies a type change. In place: varchar(n) → varchar(m ≥ n), varchar → text, numeric(p,s)
 * → numeric(p' ≥ p, s), no typmod; bit varying likewise; a timestamp, time or interval precision
 * raised or dropped (PostgreSQL changes only the catalog when no value can change). A rewrite that
 * cannot lose values: smallint → integer → bigint, integer → numeric. Anything else may fail or
 * change values: narrowing.
 */
export function typeChangeSafety(from: string, to: string): TypeChangeSafety {
  const lengthOrPrecision = (x: RegExpExecArray, y: RegExpExecArray): TypeChangeSafety =>
    y[1] === undefined || (x[1] !== undefined && Number(y[1]) >= Number(x[1])) ? 'widening-in-place' : 'narrowing';
  const varchar = /^character varying(?:\((\d+)\))?$/;
  const a = varchar.exec(from);
  const b = varchar.exec(to);
  if (a && b) return lengthOrPrecision(a, b);
  const varbit = /^bit varying(?:\((\d+)\))?$/;
  const va = varbit.exec(from);
  const vb = varbit.exec(to);
  if (va && vb) return lengthOrPrecision(va, vb);
  // The same date/time type with another precision; 6 (microseconds) is the most there is.
  const temporal = /^(timestamp|time|interval)(?:\((\d+)\))?((?: with(?:out)? time zone)?)$/;
  const ta = temporal.exec(from);
  const tb = temporal.exec(to);
  if (ta && tb && ta[1] === tb[1] && ta[3] === tb[3]) {
    const precision = (m: RegExpExecArray): number => (m[2] === undefined ? 6 : Math.min(Number(m[2]), 6));
    return precision(tb) >= precision(ta) ? 'widening-in-place' : 'narrowing';
  }
  if (a && to === 'text') return 'widening-in-place';
  if ((from === 'text' && to === 'character varying') || (/^character\(\d+\)$/.test(from) && to === 'text')) return 'widening-in-place';
  const numeric = /^numeric(?:\((\d+),(\d+)\))?$/;
  const na = numeric.exec(from);
  const nb = numeric.exec(to);
  if (na && nb) {
    if (nb[1] === undefined) return 'widening-in-place';
    if (na[1] !== undefined && na[2] === nb[2] && Number(nb[1]) >= Number(na[1])) return 'widening-in-place';
    return 'narrowing';
  }
  const ia = INTEGER_RANK[from];
  const ib = INTEGER_RANK[to];
  if (ia !== undefined && ib !== undefined) return ib > ia ? 'widening' : 'narrowing';
  if (ia !== undefined && (to === 'numeric' || (to === 'double precision' && ia < 3))) return 'widening';
  if (from === 'real' && to === 'double precision') return 'widening';
  return 'narrowing';
}

/** The options of a sequence, as the report shows them. */
export function sequenceOptions(s: Sequence): Record<string, string | boolean> {
  return { type: s.type, start: s.start, increment: s.increment, min: s.min, max: s.max, cache: s.cache, cycle: s.cycle };
}

function positionOf(want: string[], live: string[], index: number): { before?: string; after?: string } {
  const next = want.slice(index + 1).find((v) => live.includes(v));
  if (next !== undefined) return { before: next };
  const previous = want
    .slice(0, index)
    .reverse()
    .find((v) => live.includes(v));
  return previous !== undefined ? { after: previous } : {};
}

function isSubsequence(small: string[], big: string[]): boolean {
  let i = 0;
  for (const v of big) if (v === small[i]) i += 1;
  return i === small.length;
}

function arraysEqual(a: readonly string[], b: readonly string[]): boolean {
  return a.length === b.length && a.every((v, i) => v === b[i]);
}

function union(a: Record<string, unknown>, b: Record<string, unknown>): string[] {
  return [...new Set([...Object.keys(a), ...Object.keys(b)])].sort(compareText);
}

function sortedKeys(a: Record<string, unknown>): string[] {
  return Object.keys(a).sort(compareText);
}

/** The name PostgreSQL gives an unnamed check of `table` (before making it unique). */
export function checkName(table: Table, expression: string): string {
  const only = checkColumns(
    expression,
    table.columns.map((col) => col.name),
  );
  return `${table.name}${only.length === 1 ? `_${only[0]}` : ''}_check`;
}

/**
 * The table's columns a check expression (as PostgreSQL prints it) refers to, in order of first
 * use. PostgreSQL names an unnamed check `<table>_<column>_check` when it refers to exactly one
 * column, `<table>_check` otherwise. Names inside string literals, after `::` (types) and before
 * `(` (functions) are not column references; keywords are printed in capitals, columns are not.
 */
export function checkColumns(expression: string, columns: readonly string[]): string[] {
  const known = new Set(columns);
  const found: string[] = [];
  const token = /'(?:[^']|'')*'|"((?:[^"]|"")*)"|([A-Za-z_][A-Za-z0-9_$]*)|::\s*|\S/g;
  // A name followed by `(` is a function, by `.` a table or schema.
  const callOrQualifier = /\s*[(.]/y;
  let afterCast = false;
  for (let m = token.exec(expression); m; m = token.exec(expression)) {
    const text = m[0];
    if (text.startsWith('::')) {
      afterCast = true;
      continue;
    }
    const name = m[1] !== undefined ? m[1].replaceAll('""', '"') : m[2];
    if (name === undefined) {
      // A type name ends at anything but a dot or a further word of it (`character varying`).
      if (text !== '.') afterCast = false;
      continue;
    }
    // Type names print in lower case (or quoted); a keyword in capitals ends one.
    if (afterCast && (m[1] !== undefined || name === name.toLowerCase())) continue;
    afterCast = false;
    callOrQualifier.lastIndex = token.lastIndex;
    if (callOrQualifier.test(expression)) continue;
    if (known.has(name) && !found.includes(name)) found.push(name);
  }
  return found;
}
