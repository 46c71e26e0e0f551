/**
 * Compares two schemas (current = live, desired = canonicalised spec) and lists what differs.
 * One keyed comparison per object kind: adds, drops and alters by qualified name; constraints the
 * spec leaves unnamed are matched by definition. Output order is fixed: object kinds in the order
 * a migration would run them, names sorted inside each.
 */
import type { HazardCode } from './hazards.js';
import { displayIdent, displayQualified } from './ident.js';
import {
  compareText,
  sameValue,
  type CheckConstraint,
  type Column,
  type ForeignKey,
  type Index,
  type Schema,
  type Scope,
  type Sequence,
  type Table,
  type UniqueConstraint,
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
  'rename-constraint',
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

export interface Change {
  kind: ChangeKind;
  objectType: ObjectType;
  /** Qualified display name of the object: `public.messages`, `public.messages.role`, … */
  object: string;
  /** Display key of the table the change belongs to, for grouping (absent for schema-level objects). */
  table?: string;
  before?: unknown;
  after?: unknown;
  /** True when carrying it out can delete data or remove an object users may depend on. */
  destructive: boolean;
  hazards: HazardCode[];
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

/** Lists the changes that turn `current` into `desired`. Pure and deterministic. */
export function diffSchemas(current: Schema, desired: Schema, options: DiffOptions): Change[] {
  const scope = options.scope;
  const managed = new Set(scope.schemas);
  const inScope = (schema: string, name: string): boolean => managed.has(schema) && !isIgnored(scope, schema, name);
  const changes: Change[] = [];
  const push = (change: Change): void => {
    changes.push(change);
  };

  for (const name of sortedKeys(desired.schemas)) {
    if (!current.schemas[name]) push({ kind: 'add-schema', objectType: 'schema', object: displayIdent(name), destructive: false, hazards: [] });
    else commentChange(push, 'schema', displayIdent(name), undefined, current.schemas[name]?.comment, desired.schemas[name]?.comment);
  }

  const manageExtensions = options.manageExtensions ?? Object.keys(desired.extensions).length > 0;
  for (const name of union(current.extensions, desired.extensions)) {
    const live = current.extensions[name];
    const want = desired.extensions[name];
    if (want && !live) push({ kind: 'add-extension', objectType: 'extension', object: displayIdent(name), after: want, destructive: false, hazards: [] });
    else if (live && !want && manageExtensions) push({ kind: 'drop-extension', objectType: 'extension', object: displayIdent(name), before: live, destructive: true, hazards: ['deletes-data', 'dependent-objects'] });
    else if (live && want && ((want.version !== undefined && want.version !== live.version) || want.schema !== live.schema)) {
      push({ kind: 'alter-extension', objectType: 'extension', object: displayIdent(name), before: live, after: want, destructive: false, hazards: [] });
    }
  }

  for (const key of union(current.enums, desired.enums)) {
    const live = current.enums[key];
    const want = desired.enums[key];
    const sample = (live ?? want)!;
    if (!inScope(sample.schema, sample.name)) continue;
    if (want && !live) push({ kind: 'add-enum', objectType: 'enum', object: key, after: want.values, destructive: false, hazards: [] });
    else if (live && !want) push({ kind: 'drop-enum', objectType: 'enum', object: key, before: live.values, destructive: true, hazards: ['dependent-objects'] });
    else if (live && want) {
      if (!arraysEqual(live.values, want.values)) {
        const onlyAdded = isSubsequence(live.values, want.values);
        if (onlyAdded) {
          for (const value of want.values.filter((v) => !live.values.includes(v))) {
            const index = want.values.indexOf(value);
            push({
              kind: 'add-enum-value',
              objectType: 'enum',
              object: key,
              after: { value, ...positionOf(want.values, live.values, index) },
              destructive: false,
              hazards: ['enum-value-usable-after-commit'],
            });
          }
        } else {
          push({ kind: 'alter-enum', objectType: 'enum', object: key, before: live.values, after: want.values, destructive: true, hazards: ['deletes-data', 'rewrites-table', 'dependent-objects'] });
        }
      }
      commentChange(push, 'enum', key, undefined, live.comment, want.comment);
    }
  }

  for (const key of union(current.sequences, desired.sequences)) {
    const live = current.sequences[key];
    const want = desired.sequences[key];
    const sample = (live ?? want)!;
    if (!inScope(sample.schema, sample.name)) continue;
    if (want && !live) push({ kind: 'add-sequence', objectType: 'sequence', object: key, after: sequenceOptions(want), destructive: false, hazards: [] });
    else if (live && !want) push({ kind: 'drop-sequence', objectType: 'sequence', object: key, before: sequenceOptions(live), destructive: true, hazards: ['deletes-data', 'dependent-objects'] });
    else if (live && want) {
      const a = sequenceOptions(live);
      const b = sequenceOptions(want);
      // A sequence's start value is only its initial value; the live counter is not drift.
      const { start: _a, ...restA } = a;
      const { start: _b, ...restB } = b;
      if (JSON.stringify(restA) !== JSON.stringify(restB)) push({ kind: 'alter-sequence', objectType: 'sequence', object: key, before: a, after: b, destructive: false, hazards: [] });
      commentChange(push, 'sequence', key, undefined, live.comment, want.comment);
    }
  }

  for (const key of union(current.tables, desired.tables)) {
    const live = current.tables[key];
    const want = desired.tables[key];
    const sample = (live ?? want)!;
    if (!inScope(sample.schema, sample.name)) continue;
    if (want && !live) push({ kind: 'add-table', objectType: 'table', object: key, table: key, after: want, destructive: false, hazards: [] });
    else if (live && !want) push({ kind: 'drop-table', objectType: 'table', object: key, table: key, before: live, destructive: true, hazards: ['deletes-data', 'access-exclusive-lock', 'dependent-objects'] });
    else if (live && want) diffTable(push, key, live, want);
  }

  for (const key of union(current.views, desired.views)) {
    const live = current.views[key];
    const want = desired.views[key];
    const sample = (live ?? want)!;
    if (!inScope(sample.schema, sample.name)) continue;
    if (want && !live) push({ kind: 'add-view', objectType: 'view', object: key, after: want, destructive: false, hazards: [] });
    else if (live && !want) push({ kind: 'drop-view', objectType: 'view', object: key, before: live, destructive: true, hazards: ['dependent-objects'] });
    else if (live && want) {
      if (live.definition !== want.definition || live.materialized !== want.materialized) {
        push({ kind: 'alter-view', objectType: 'view', object: key, before: live, after: want, destructive: false, hazards: live.materialized || want.materialized ? ['access-exclusive-lock'] : [] });
      }
      commentChange(push, 'view', key, undefined, live.comment, want.comment);
    }
  }
  return changes;
}

function diffTable(push: (c: Change) => void, key: string, live: Table, want: Table): void {
  if (sameValue(live, want)) return;
  const col = (name: string): string => `${key}.${displayIdent(name)}`;
  const liveColumns = new Map(live.columns.map((c) => [c.name, c]));
  for (const column of want.columns) {
    const other = liveColumns.get(column.name);
    if (!other) {
      const hazards: HazardCode[] = column.notNull && column.default === undefined && !column.serial && !column.identity && column.generated === undefined ? ['may-fail-on-existing-rows'] : [];
      if (column.generated !== undefined || column.identity) hazards.push('rewrites-table');
      push({ kind: 'add-column', objectType: 'column', object: col(column.name), table: key, after: column, destructive: false, hazards });
    } else diffColumn(push, key, other, column);
  }
  const wantColumns = new Set(want.columns.map((c) => c.name));
  for (const column of live.columns) {
    if (!wantColumns.has(column.name)) {
      push({ kind: 'drop-column', objectType: 'column', object: col(column.name), table: key, before: column, destructive: true, hazards: ['deletes-data', 'dependent-objects'] });
    }
  }

  if (want.primaryKey && !live.primaryKey) {
    push({ kind: 'add-primary-key', objectType: 'constraint', object: `${key}.${displayIdent(want.primaryKey.name ?? `${want.name}_pkey`)}`, table: key, after: want.primaryKey, destructive: false, hazards: ['may-fail-on-existing-rows', 'blocks-writes'] });
  } else if (!want.primaryKey && live.primaryKey) {
    push({ kind: 'drop-primary-key', objectType: 'constraint', object: `${key}.${displayIdent(live.primaryKey.name ?? '')}`, table: key, before: live.primaryKey, destructive: true, hazards: ['dependent-objects'] });
  } else if (want.primaryKey && live.primaryKey) {
    if (!arraysEqual(want.primaryKey.columns, live.primaryKey.columns)) {
      push({ kind: 'alter-primary-key', objectType: 'constraint', object: `${key}.${displayIdent(live.primaryKey.name ?? '')}`, table: key, before: live.primaryKey, after: want.primaryKey, destructive: true, hazards: ['may-fail-on-existing-rows', 'blocks-writes', 'dependent-objects'] });
    } else if (want.primaryKey.name !== undefined && want.primaryKey.name !== live.primaryKey.name) {
      push({ kind: 'rename-constraint', objectType: 'constraint', object: `${key}.${displayIdent(live.primaryKey.name ?? '')}`, table: key, before: live.primaryKey.name, after: want.primaryKey.name, destructive: false, hazards: [] });
    }
  }

  // An unnamed constraint is shown under the name the plan gives it (PostgreSQL's own pattern).
  diffConstraints<UniqueConstraint>(push, key, live.uniques, want.uniques, uniqueSignature, (u) => `${want.name}_${u.columns.join('_')}_key`, 'add-unique', 'drop-unique', ['may-fail-on-existing-rows', 'blocks-writes']);
  diffConstraints<ForeignKey>(push, key, live.foreignKeys, want.foreignKeys, fkSignature, (f) => `${want.name}_${f.columns.join('_')}_fkey`, 'add-foreign-key', 'drop-foreign-key', ['may-fail-on-existing-rows']);
  diffConstraints<CheckConstraint>(push, key, live.checks, want.checks, (c) => `${c.expression}|${c.noInherit}`, (c) => checkName(want, c.expression), 'add-check', 'drop-check', ['may-fail-on-existing-rows']);

  const liveIndexes = Object.values(live.indexes);
  const unmatchedLive = new Set(liveIndexes.map((i) => i.name));
  const signatures = new Map<Index, string>();
  const signature = (i: Index): string => {
    let text = signatures.get(i);
    if (text === undefined) signatures.set(i, (text = indexSignature(i)));
    return text;
  };
  const renames: Array<[Index, Index]> = [];
  const added: Index[] = [];
  for (const index of Object.values(want.indexes)) {
    const other = live.indexes[index.name];
    if (other) {
      unmatchedLive.delete(index.name);
      if (signature(other) !== signature(index)) {
        push({ kind: 'alter-index', objectType: 'index', object: `${key}.${displayIdent(index.name)}`, table: key, before: other, after: index, destructive: false, hazards: index.unique ? ['blocks-writes', 'may-fail-on-existing-rows'] : ['blocks-writes'] });
      }
    } else added.push(index);
  }
  for (const index of added) {
    const twin = liveIndexes.find((l) => unmatchedLive.has(l.name) && !want.indexes[l.name] && signature(l) === signature(index));
    if (twin) {
      unmatchedLive.delete(twin.name);
      renames.push([twin, index]);
    } else {
      push({ kind: 'add-index', objectType: 'index', object: `${key}.${displayIdent(index.name)}`, table: key, after: index, destructive: false, hazards: index.unique ? ['blocks-writes', 'may-fail-on-existing-rows'] : ['blocks-writes'] });
    }
  }
  for (const [from, to] of renames) {
    push({ kind: 'rename-index', objectType: 'index', object: `${key}.${displayIdent(from.name)}`, table: key, before: from.name, after: to.name, destructive: false, hazards: [] });
  }
  for (const name of [...unmatchedLive].sort(compareText)) {
    push({ kind: 'drop-index', objectType: 'index', object: `${key}.${displayIdent(name)}`, table: key, before: live.indexes[name], destructive: true, hazards: [] });
  }

  commentChange(push, 'table', key, key, live.comment, want.comment);
  for (const column of want.columns) {
    const other = liveColumns.get(column.name);
    if (other) commentChange(push, 'column', col(column.name), key, other.comment, column.comment);
  }
}

function diffColumn(push: (c: Change) => void, table: string, live: Column, want: Column): void {
  // Named only when something differs: most columns of a large schema do not.
  let named: { objectType: 'column'; object: string; table: string } | undefined;
  const base = (): { objectType: 'column'; object: string; table: string } => (named ??= { objectType: 'column', object: `${table}.${displayIdent(want.name)}`, table });
  if (live.type !== want.type || (live.collation ?? '') !== (want.collation ?? '')) {
    if (live.type !== want.type) {
      const safety = typeChangeSafety(live.type, want.type);
      push({ ...base(), kind: 'alter-column-type', before: live.type, after: want.type, destructive: safety === 'narrowing', hazards: safety === 'widening-in-place' ? ['access-exclusive-lock'] : safety === 'widening' ? ['rewrites-table'] : ['rewrites-table', 'may-lose-precision'] });
    } else {
      push({ ...base(), kind: 'alter-column-collation', before: live.collation ?? null, after: want.collation ?? null, destructive: false, hazards: ['rewrites-table'] });
    }
  }
  if (Boolean(live.serial) !== Boolean(want.serial)) {
    push({ ...base(), kind: 'alter-column-serial', before: Boolean(live.serial), after: Boolean(want.serial), destructive: false, hazards: [] });
  }
  if ((live.identity ?? null) !== (want.identity ?? null)) {
    push({ ...base(), kind: 'alter-column-identity', before: live.identity ?? null, after: want.identity ?? null, destructive: false, hazards: [] });
  }
  if (live.generated !== want.generated || Boolean(live.virtual) !== Boolean(want.virtual)) {
    push({ ...base(), kind: 'alter-column-generated', before: live.generated ?? null, after: want.generated ?? null, destructive: true, hazards: ['deletes-data', 'rewrites-table'] });
  }
  if (!live.serial && !want.serial && live.generated === undefined && want.generated === undefined && !sameDefault(live.default, want.default)) {
    if (want.default === undefined) push({ ...base(), kind: 'drop-default', before: live.default, destructive: false, hazards: [] });
    else push({ ...base(), kind: 'set-default', before: live.default ?? null, after: want.default, destructive: false, hazards: [] });
  }
  if (live.notNull !== want.notNull) {
    if (want.notNull) push({ ...base(), kind: 'set-not-null', destructive: false, hazards: ['may-fail-on-existing-rows', 'blocks-writes'] });
    else push({ ...base(), kind: 'drop-not-null', destructive: false, hazards: [] });
  }
}

function commentChange(push: (c: Change) => void, objectType: ObjectType, object: string, table: string | undefined, live: string | undefined, want: string | undefined): void {
  // A spec that says nothing about a comment leaves it alone; "" asks for no comment.
  if (want === undefined || (live ?? '') === want) return;
  push({ kind: 'set-comment', objectType, object, ...(table ? { table } : {}), before: live ?? null, after: want === '' ? null : want, destructive: false, hazards: [] });
}

/**
 * Matches constraints: a spec constraint with a name is matched by name first, then one without a
 * name (or whose name is not found) by definition. A named match with another definition is a
 * drop and an add; a definition match under another name is a rename.
 */
function diffConstraints<T extends { name?: string }>(
  push: (c: Change) => void,
  table: string,
  live: T[],
  want: T[],
  signatureOf: (c: T) => string,
  defaultName: (c: T) => string,
  addKind: ChangeKind,
  dropKind: ChangeKind,
  addHazards: HazardCode[],
): void {
  if (live.length === 0 && want.length === 0) return;
  const signatures = new Map<T, string>();
  const signature = (c: T): string => {
    let text = signatures.get(c);
    if (text === undefined) signatures.set(c, (text = signatureOf(c)));
    return text;
  };
  const remaining = [...live];
  const take = (pred: (c: T) => boolean): T | undefined => {
    const i = remaining.findIndex(pred);
    return i < 0 ? undefined : remaining.splice(i, 1)[0];
  };
  const pending: T[] = [];
  for (const c of want) {
    const byName = c.name !== undefined ? take((l) => l.name === c.name && signature(l) === signature(c)) : undefined;
    if (!byName) pending.push(c);
  }
  const adds: T[] = [];
  for (const c of pending) {
    const twin = take((l) => signature(l) === signature(c) && (c.name === undefined || !want.some((w) => w.name === l.name)));
    if (!twin) adds.push(c);
    else if (c.name !== undefined && twin.name !== c.name) {
      push({ kind: 'rename-constraint', objectType: 'constraint', object: `${table}.${displayIdent(twin.name ?? '')}`, table, before: twin.name, after: c.name, destructive: false, hazards: [] });
    }
  }
  for (const c of remaining.sort((a, b) => compareText(a.name ?? '', b.name ?? ''))) {
    push({ kind: dropKind, objectType: 'constraint', object: `${table}.${displayIdent(c.name ?? '')}`, table, before: c, destructive: true, hazards: [] });
  }
  for (const c of adds) {
    push({ kind: addKind, objectType: 'constraint', object: `${table}.${displayIdent(c.name ?? defaultName(c))}`, table, after: c, destructive: false, hazards: addHazards });
  }
}

export function uniqueSignature(u: UniqueConstraint): string {
  return JSON.stringify([u.columns, u.nullsNotDistinct, u.deferrable, u.initiallyDeferred]);
}

export function fkSignature(f: ForeignKey): string {
  return JSON.stringify([f.columns, f.refTable, f.refColumns, f.onDelete, f.onUpdate, f.match, f.deferrable, f.initiallyDeferred]);
}

export function indexSignature(i: Index): string {
  return JSON.stringify([i.unique, i.method, i.keys.map((k) => [k.expression, k.descending, k.nullsFirst, k.opclass ?? null, k.collation ?? null]), i.include, i.where ?? null, i.nullsNotDistinct]);
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

function sequenceOptions(s: Sequence): Record<string, string | boolean> {
  return { type: s.type, start: s.start, increment: s.increment, min: s.min, max: s.max, cache: s.cache, cycle: s.cycle };
}

function positionOf(want: string[], live: string[], index: number): { before?: string; after?: string } {
  for (let i = index + 1; i < want.length; i++) {
    const v = want[i] as string;
    if (live.includes(v)) return { before: v };
  }
  for (let i = index - 1; i >= 0; i--) {
    const v = want[i] as string;
    if (live.includes(v)) return { after: v };
  }
  return {};
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

/** Table display key for grouping in reports. */
export function tableKey(schema: string, name: string): string {
  return displayQualified(schema, name);
}

/** The name PostgreSQL gives an unnamed check of `table` (before making it unique). */
export function checkName(table: Table, expression: string): string {
  const only = checkColumns(expression, table.columns.map((col) => col.name));
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
