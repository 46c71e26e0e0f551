/**
 * Turns changes into an ordered migration. Pure: the SQL text comes only from quoted identifiers,
 * quoted literals and expressions PostgreSQL itself printed (or that passed the fragment guard).
 *
 * Ordering lives here, in one fixed phase list; statements keep the diff's order inside a phase.
 * Destructive changes are withheld unless allowed. Risky changes use the online pattern: foreign
 * keys and checks are added NOT VALID and validated after, SET NOT NULL goes through a validated
 * check, and a NOT NULL column without a default is refused on a table that has rows.
 */
import {
  objectName,
  unreachable,
  type AlterEnum,
  type Change,
  type ChangeOf,
  type QualifiedRef,
  type SetComment,
  type SetNotNull,
  type TableObjectRef,
} from './diff.js';
import { PlanError } from './errors.js';
import type { HazardCode } from './hazards.js';
import { displayQualified, fitName, parseQualifiedName, quoteIdent, quoteLiteral, quoteQualified } from './ident.js';
import {
  serialType,
  type CheckConstraint,
  type Column,
  type ExclusionConstraint,
  type ForeignKey,
  type Index,
  type IndexKey,
  type Schema,
  type Sequence,
  type Table,
  type UniqueConstraint,
  type View,
} from './model.js';

/** Phases in the order a migration runs them. */
export const PHASES = [
  'schemas',
  // Foreign keys go first: nothing depends on one, and a key or unique constraint it references
  // cannot be dropped or changed while it exists.
  'drop-foreign-keys',
  // A constraint the spec replaces by one of the same name (another definition or options) is
  // dropped before the new one is added.
  'drop-replaced',
  'types',
  'tables',
  'columns',
  'constraints',
  'indexes',
  // After primary keys, unique constraints and indexes: a foreign key needs the key it references.
  'foreign-keys',
  'views',
  'comments',
  // Drops last, dependents first.
  'drop-views',
  'drop-constraints',
  'drop-columns',
  'drop-tables',
  'drop-types',
] as const;
export type Phase = (typeof PHASES)[number];

export interface Statement {
  sql: string;
  phase: Phase;
  hazards: HazardCode[];
  /**
   * When it runs: `first`, in a transaction of its own committed before the main one (a new enum
   * value that other statements use: PostgreSQL lets a value be used only once the transaction
   * that added it has committed); `main`, in the main transaction; `after`, on its own after it,
   * as it cannot run inside a transaction (CREATE INDEX CONCURRENTLY).
   */
  stage: Stage;
  /** Index of the change (in Plan.changes) the statement carries out. */
  change: number;
}

export type Stage = 'first' | 'main' | 'after';

export interface Plan {
  changes: Change[];
  statements: Statement[];
  /** Destructive changes left out because they were not allowed. */
  withheld: Change[];
  /**
   * The search_path the statements run with (`SET LOCAL` in the script and in apply): the one
   * PostgreSQL checked the spec's fragments with, so that a fragment compared as written (a view
   * over a table the plan creates) finds what it names.
   */
  searchPath: string;
}

/**
 * The search_path of the spec's fragments: the spec's schemas first, then public and the schemas
 * of extensions (citext, uuid_generate_v4() where they were installed). pg_catalog comes first
 * anyway, as it is not listed. Quoted, comma-separated.
 */
export function specSearchPath(desired: Schema, live: Schema): string {
  const schemas = [
    ...Object.keys(desired.schemas),
    'public',
    ...Object.values(desired.extensions).map((e) => e.schema),
    ...Object.values(live.extensions).map((e) => e.schema),
  ];
  return [...new Set(schemas)].map(quoteIdent).join(', ');
}

export interface PlanOptions {
  allowDestructive: boolean;
  /**
   * Destructive changes approved one by one (a reviewed pull request's): planned even without
   * `allowDestructive`. Every other destructive change is withheld.
   */
  approved?: (change: Change) => boolean;
  /** Build indexes on existing tables with CREATE INDEX CONCURRENTLY, after the transaction. */
  concurrently: boolean;
  /** Tables (display keys) that hold at least one row. */
  tablesWithRows: ReadonlySet<string>;
  /** The search_path the statements run with: `specSearchPath(desired, live)`. */
  searchPath: string;
}

/**
 * `"schema"."name"` from a display key such as `public.messages` or `"My Schema".t`: for the keys
 * the model holds (a foreign key's referenced table); changes name their objects by parts.
 */
export function qualifiedSql(key: string): string {
  const parsed = parseQualifiedName(key);
  if (!parsed) throw new PlanError(`"${key}" is not a qualified name`);
  return parsed.schema === undefined ? quoteIdent(parsed.name) : quoteQualified(parsed.schema, parsed.name);
}

/**
 * A user's SQL fragment as it goes into a statement. Text PostgreSQL printed has no comments, but
 * a fragment compared as written (unverified) may end in a `--` comment, which would swallow
 * whatever follows on its line: such a fragment gets a line break after it.
 */
function fragmentSql(text: string): string {
  return text.includes('--') ? `${text}\n` : text;
}

function columnDefinition(c: Column): string {
  const parts = [quoteIdent(c.name), c.type];
  if (c.collation !== undefined) parts.push(`COLLATE ${quoteIdent(c.collation)}`);
  if (c.default !== undefined) parts.push(`DEFAULT ${fragmentSql(c.default)}`);
  if (c.identity) parts.push(`GENERATED ${c.identity === 'always' ? 'ALWAYS' : 'BY DEFAULT'} AS IDENTITY`);
  if (c.generated !== undefined) parts.push(`GENERATED ALWAYS AS (${fragmentSql(c.generated)}) ${c.virtual ? 'VIRTUAL' : 'STORED'}`);
  if (c.notNull && !c.identity) parts.push('NOT NULL');
  return parts.join(' ');
}

/** The column of ADD COLUMN: a serial column by its pseudo-type, which makes and owns its sequence. */
function addedColumn(c: Column): string {
  return c.serial ? `${quoteIdent(c.name)} ${serialType(c.type)}` : columnDefinition(c);
}

/** One key of CREATE INDEX: the column or parenthesised expression, then COLLATE, operator class and order. */
export function keySql(k: IndexKey): string {
  let sql = k.column ? quoteIdent(k.expression) : `(${fragmentSql(k.expression)})`;
  if (k.collation) sql += ` COLLATE ${quoteIdent(k.collation)}`;
  if (k.opclass) sql += ` ${quoteIdent(k.opclass)}`;
  if (k.descending) sql += ' DESC';
  if (k.nullsFirst !== k.descending) sql += k.nullsFirst ? ' NULLS FIRST' : ' NULLS LAST';
  return sql;
}

/** CREATE INDEX for `index` on `table` (already quoted). */
export function indexSql(index: Index, table: string, concurrently: boolean): string {
  return (
    `CREATE ${index.unique ? 'UNIQUE ' : ''}INDEX ${concurrently ? 'CONCURRENTLY ' : ''}${quoteIdent(index.name)} ON ${table}` +
    (index.method !== 'btree' ? ` USING ${quoteIdent(index.method)}` : '') +
    ` (${index.keys.map(keySql).join(', ')})` +
    (index.include.length ? ` INCLUDE (${index.include.map(quoteIdent).join(', ')})` : '') +
    (index.nullsNotDistinct ? ' NULLS NOT DISTINCT' : '') +
    (index.where !== undefined ? ` WHERE (${fragmentSql(index.where)})` : '')
  );
}

const FK_ACTION_SQL: Record<ForeignKey['onDelete'], string> = {
  'no action': 'NO ACTION',
  restrict: 'RESTRICT',
  cascade: 'CASCADE',
  'set null': 'SET NULL',
  'set default': 'SET DEFAULT',
};

function fkBody(f: ForeignKey): string {
  let sql = `FOREIGN KEY (${f.columns.map(quoteIdent).join(', ')}) REFERENCES ${qualifiedSql(f.refTable)} (${f.refColumns.map(quoteIdent).join(', ')})`;
  if (f.match !== 'simple') sql += ` MATCH ${f.match.toUpperCase()}`;
  if (f.onUpdate !== 'no action') sql += ` ON UPDATE ${FK_ACTION_SQL[f.onUpdate]}`;
  if (f.onDelete !== 'no action') sql += ` ON DELETE ${FK_ACTION_SQL[f.onDelete]}`;
  if (f.deferrable) sql += f.initiallyDeferred ? ' DEFERRABLE INITIALLY DEFERRED' : ' DEFERRABLE';
  return sql;
}

function uniqueBody(u: UniqueConstraint): string {
  let sql = `UNIQUE${u.nullsNotDistinct ? ' NULLS NOT DISTINCT' : ''} (${u.columns.map(quoteIdent).join(', ')})`;
  if (u.include?.length) sql += ` INCLUDE (${u.include.map(quoteIdent).join(', ')})`;
  if (u.deferrable) sql += u.initiallyDeferred ? ' DEFERRABLE INITIALLY DEFERRED' : ' DEFERRABLE';
  return sql;
}

/** EXCLUDE USING … for `x`; also how the canonicaliser creates the spec's. */
export function exclusionBody(x: ExclusionConstraint): string {
  let sql = `EXCLUDE USING ${quoteIdent(x.method)} (${x.elements.map((e) => `${keySql(e)} WITH ${e.operator}`).join(', ')})`;
  if (x.include.length) sql += ` INCLUDE (${x.include.map(quoteIdent).join(', ')})`;
  if (x.where !== undefined) sql += ` WHERE (${fragmentSql(x.where)})`;
  if (x.deferrable) sql += x.initiallyDeferred ? ' DEFERRABLE INITIALLY DEFERRED' : ' DEFERRABLE';
  return sql;
}

function checkBody(c: CheckConstraint): string {
  return `CHECK (${fragmentSql(c.expression)})${c.noInherit ? ' NO INHERIT' : ''}`;
}

function sequenceOptions(s: Sequence): string {
  return `AS ${s.type} INCREMENT BY ${s.increment} MINVALUE ${s.min} MAXVALUE ${s.max} START WITH ${s.start} CACHE ${s.cache} ${s.cycle ? 'CYCLE' : 'NO CYCLE'}`;
}

function viewSql(v: View, replace: boolean): string {
  const name = quoteQualified(v.schema, v.name);
  if (v.materialized) return `CREATE MATERIALIZED VIEW ${name} AS\n${fragmentSql(v.definition)}`;
  return `CREATE ${replace ? 'OR REPLACE ' : ''}VIEW ${name} AS\n${fragmentSql(v.definition)}`;
}

const COMMENT_TARGET: Record<SetComment['objectType'], string> = {
  schema: 'SCHEMA',
  table: 'TABLE',
  column: 'COLUMN',
  view: 'VIEW',
  enum: 'TYPE',
  sequence: 'SEQUENCE',
};

/** `"schema"."table"` of a column, constraint or index. */
const tableSql = (ref: TableObjectRef): string => quoteQualified(ref.schema, ref.table);
const relationSql = (ref: QualifiedRef): string => quoteQualified(ref.schema, ref.name);
/** The display key (`public.messages`) of the table of a column, constraint or index. */
const tableKey = (ref: TableObjectRef): string => displayQualified(ref.schema, ref.table);

/**
 * The hazards among `codes` that change `c` has: a statement carries only hazards of the change it
 * carries out, so that what a report says of a change and what its statements say agree.
 */
function hazardsOf(c: Change, ...codes: HazardCode[]): HazardCode[] {
  return codes.filter((code) => c.hazards.includes(code));
}

/** The kinds of change that add a constraint; one named like a constraint it drops replaces it. */
const ADDS_CONSTRAINT = ['add-check', 'add-unique', 'add-foreign-key', 'add-primary-key', 'add-exclusion'] as const;

class Builder {
  readonly statements: Statement[] = [];
  /** Columns whose default is dropped before a type change with USING and set after it. */
  private readonly movedDefaults = new Set<string>();
  /** Tables this plan drops. */
  private readonly droppedTables = new Set<string>();
  /** `table\u0000name` of constraints added under a name that a dropped constraint has. */
  private readonly replaced = new Set<string>();
  /**
   * Columns made identity while nullable, with the index of their set-not-null change: PostgreSQL
   * makes a column identity only once it is NOT NULL, so the identity change runs it first.
   */
  private readonly notNullForIdentity = new Map<string, number>();

  constructor(
    private readonly changes: readonly Change[],
    private readonly options: PlanOptions,
  ) {}

  add(change: number, phase: Phase, sql: string, hazards: HazardCode[] = [], transactional = true): void {
    this.statements.push({ sql, phase, hazards, change, stage: transactional ? 'main' : 'after' });
  }

  /** The phase of a constraint's drop: early when the spec adds another under its name. */
  dropPhase(c: { object: TableObjectRef }, phase: Phase): Phase {
    return this.replaced.has(`${tableKey(c.object)}\u0000${c.object.name}`) ? 'drop-replaced' : phase;
  }

  /** SET NOT NULL through a validated CHECK (col IS NOT NULL), which spares it a full scan under lock. */
  setNotNull(i: number, c: SetNotNull, phase: Phase): void {
    const column = quoteIdent(c.object.name);
    const alter = (sql: string): string => `ALTER TABLE ${tableSql(c.object)} ${sql}`;
    const check = quoteIdent(c.check);
    this.add(i, phase, alter(`ADD CONSTRAINT ${check} CHECK (${column} IS NOT NULL) NOT VALID`), hazardsOf(c, 'may-fail-on-existing-rows'));
    this.add(i, phase, alter(`VALIDATE CONSTRAINT ${check}`), hazardsOf(c, 'may-fail-on-existing-rows'));
    this.add(i, phase, alter(`ALTER COLUMN ${column} SET NOT NULL`), hazardsOf(c, 'access-exclusive-lock'));
    this.add(i, phase, alter(`DROP CONSTRAINT ${check}`));
  }

  build(): void {
    const setNotNull = new Map<string, number>();
    this.changes.forEach((c, i) => {
      if (c.kind === 'set-not-null') setNotNull.set(objectName(c), i);
    });
    for (const c of this.changes) {
      if (c.kind === 'drop-table') this.droppedTables.add(objectName(c));
      if (c.kind === 'alter-column-type' && c.column.using !== undefined && c.liveDefault !== undefined)
        this.movedDefaults.add(objectName(c));
      if (c.kind === 'alter-column-identity' && c.notNullFirst) {
        const index = setNotNull.get(objectName(c));
        if (index === undefined)
          throw new PlanError(`cannot make ${objectName(c)} an identity column: it is nullable, and the plan does not make it NOT NULL`);
        this.notNullForIdentity.set(objectName(c), index);
      }
      if (isAddConstraint(c) && c.after.name !== undefined) this.replaced.add(`${tableKey(c.object)}\u0000${c.after.name}`);
    }
    this.changes.forEach((change, i) => this.plan(change, i));
  }

  private plan(c: Change, i: number): void {
    switch (c.kind) {
      case 'add-schema':
        return this.add(i, 'schemas', `CREATE SCHEMA ${quoteIdent(c.object.name)}`);
      case 'add-extension': {
        const e = c.after;
        return this.add(
          i,
          'schemas',
          `CREATE EXTENSION ${quoteIdent(e.name)} SCHEMA ${quoteIdent(e.schema)}${e.version ? ` VERSION ${quoteLiteral(e.version)}` : ''}`,
        );
      }
      case 'alter-extension': {
        const e = c.after;
        if (e.version !== undefined && e.version !== c.before.version)
          this.add(i, 'schemas', `ALTER EXTENSION ${quoteIdent(e.name)} UPDATE TO ${quoteLiteral(e.version)}`);
        if (e.schema !== c.before.schema)
          this.add(i, 'schemas', `ALTER EXTENSION ${quoteIdent(e.name)} SET SCHEMA ${quoteIdent(e.schema)}`);
        return;
      }
      case 'drop-extension':
        return this.add(i, 'drop-types', `DROP EXTENSION ${quoteIdent(c.before.name)}`, c.hazards);
      case 'add-enum':
        return this.add(i, 'types', `CREATE TYPE ${relationSql(c.object)} AS ENUM (${c.after.map(quoteLiteral).join(', ')})`);
      case 'add-enum-value': {
        const v = c.after;
        const where =
          v.before !== undefined ? ` BEFORE ${quoteLiteral(v.before)}` : v.after !== undefined ? ` AFTER ${quoteLiteral(v.after)}` : '';
        return this.add(i, 'types', `ALTER TYPE ${relationSql(c.object)} ADD VALUE ${quoteLiteral(v.value)}${where}`, c.hazards);
      }
      case 'alter-enum':
        return this.recreateEnum(i, c);
      case 'drop-enum':
        return this.add(i, 'drop-types', `DROP TYPE ${relationSql(c.object)}`, c.hazards);
      case 'add-sequence':
        return this.add(i, 'types', `CREATE SEQUENCE ${relationSql(c.object)} ${sequenceOptions(c.after)}`);
      case 'alter-sequence': {
        const s = c.after;
        return this.add(
          i,
          'types',
          `ALTER SEQUENCE ${relationSql(c.object)} AS ${s.type} INCREMENT BY ${s.increment} MINVALUE ${s.min} MAXVALUE ${s.max} CACHE ${s.cache} ${s.cycle ? 'CYCLE' : 'NO CYCLE'}`,
        );
      }
      case 'drop-sequence':
        return this.add(i, 'drop-types', `DROP SEQUENCE ${relationSql(c.object)}`, c.hazards);
      case 'add-table':
        return this.createTable(i, c.after);
      case 'drop-table': {
        const key = objectName(c);
        // Its keys that reference other dropped tables go first, or the order of the drops matters.
        for (const f of c.before.foreignKeys) {
          if (f.refTable !== key && this.droppedTables.has(f.refTable) && f.name)
            this.add(i, 'drop-foreign-keys', `ALTER TABLE ${relationSql(c.object)} DROP CONSTRAINT ${quoteIdent(f.name)}`, c.hazards);
        }
        return this.add(i, 'drop-tables', `DROP TABLE ${relationSql(c.object)}`, c.hazards);
      }
      case 'add-column': {
        const col = c.after;
        const table = tableSql(c.object);
        const needsValue = col.notNull && col.default === undefined && !col.identity && !col.serial && col.generated === undefined;
        if (needsValue && this.options.tablesWithRows.has(tableKey(c.object))) {
          throw new PlanError(
            `cannot add column ${objectName(c)}: it is NOT NULL without a default and ${tableKey(c.object)} has rows. Give it a default in the spec, or add it as nullable, fill it, then make it NOT NULL.`,
          );
        }
        this.add(i, 'columns', `ALTER TABLE ${table} ADD COLUMN ${addedColumn(col)}`, c.hazards);
        if (col.comment !== undefined && col.comment !== '')
          this.add(i, 'comments', `COMMENT ON COLUMN ${table}.${quoteIdent(col.name)} IS ${quoteLiteral(col.comment)}`);
        return;
      }
      case 'drop-column':
        return this.add(i, 'drop-columns', this.alterColumn(c, 'DROP COLUMN'), c.hazards);
      case 'alter-column-type': {
        const col = c.column;
        const using = col.using !== undefined ? ` USING (${fragmentSql(col.using)})` : '';
        const collate = col.collation !== undefined ? ` COLLATE ${quoteIdent(col.collation)}` : '';
        // PostgreSQL converts the default along with the values, but USING does not apply to it:
        // a default with no cast to the new type ('0'::text to integer) fails the statement.
        const moved = this.movedDefaults.has(objectName(c));
        if (moved) this.add(i, 'columns', this.alterColumn(c, 'ALTER COLUMN', 'DROP DEFAULT'));
        this.add(i, 'columns', this.alterColumn(c, 'ALTER COLUMN', `TYPE ${c.after}${collate}${using}`), c.hazards);
        if (moved && col.default !== undefined)
          this.add(i, 'columns', this.alterColumn(c, 'ALTER COLUMN', `SET DEFAULT ${fragmentSql(col.default)}`));
        return;
      }
      case 'alter-column-collation':
        return this.add(
          i,
          'columns',
          this.alterColumn(c, 'ALTER COLUMN', `TYPE ${c.type} COLLATE ${quoteIdent(c.after ?? 'default')}`),
          c.hazards,
        );
      case 'set-not-null':
        // A column made identity has its NOT NULL set by the identity change (PostgreSQL requires it first).
        if (this.notNullForIdentity.has(objectName(c))) return;
        return this.setNotNull(i, c, 'constraints');
      case 'drop-not-null':
        return this.add(i, 'columns', this.alterColumn(c, 'ALTER COLUMN', 'DROP NOT NULL'));
      case 'set-default':
        if (this.movedDefaults.has(objectName(c))) return;
        return this.add(i, 'columns', this.alterColumn(c, 'ALTER COLUMN', `SET DEFAULT ${fragmentSql(c.after)}`));
      case 'drop-default':
        if (this.movedDefaults.has(objectName(c))) return;
        return this.add(i, 'columns', this.alterColumn(c, 'ALTER COLUMN', 'DROP DEFAULT'));
      case 'alter-column-identity': {
        const generated = (kind: 'always' | 'by default'): string => (kind === 'always' ? 'ALWAYS' : 'BY DEFAULT');
        if (c.before === null && c.after !== null) {
          const notNull = this.notNullForIdentity.get(objectName(c));
          const setNotNull = notNull === undefined ? undefined : this.changes[notNull];
          if (notNull !== undefined && setNotNull?.kind === 'set-not-null') this.setNotNull(notNull, setNotNull, 'columns');
          this.add(i, 'columns', this.alterColumn(c, 'ALTER COLUMN', `ADD GENERATED ${generated(c.after)} AS IDENTITY`), c.hazards);
          // The new sequence starts at 1: move it past the values the column already holds.
          const table = tableSql(c.object);
          const column = quoteIdent(c.object.name);
          return this.add(
            i,
            'columns',
            `SELECT pg_catalog.setval(pg_catalog.pg_get_serial_sequence(${quoteLiteral(table)}, ${quoteLiteral(c.object.name)}), COALESCE(max(${column}), 0) + 1, false) FROM ${table}`,
          );
        }
        if (c.after === null) return this.add(i, 'columns', this.alterColumn(c, 'ALTER COLUMN', 'DROP IDENTITY'), c.hazards);
        return this.add(i, 'columns', this.alterColumn(c, 'ALTER COLUMN', `SET GENERATED ${generated(c.after)}`), c.hazards);
      }
      case 'alter-column-serial': {
        if (!c.after) {
          this.add(i, 'columns', this.alterColumn(c, 'ALTER COLUMN', 'DROP DEFAULT'));
          return this.add(i, 'columns', dropOwnedSequence(c.object));
        }
        const table = tableSql(c.object);
        const column = quoteIdent(c.object.name);
        const seq = quoteQualified(c.object.schema, fitName(`${c.object.table}_${c.column.name}_seq`));
        this.add(i, 'columns', `CREATE SEQUENCE ${seq} AS ${c.column.type} OWNED BY ${table}.${column}`);
        this.add(i, 'columns', `SELECT pg_catalog.setval(${quoteLiteral(seq)}, COALESCE(max(${column}), 0) + 1, false) FROM ${table}`);
        return this.add(i, 'columns', this.alterColumn(c, 'ALTER COLUMN', `SET DEFAULT nextval(${quoteLiteral(seq)}::regclass)`));
      }
      case 'alter-column-generated':
        this.add(i, 'columns', this.alterColumn(c, 'DROP COLUMN'), c.hazards);
        return this.add(i, 'columns', `ALTER TABLE ${tableSql(c.object)} ADD COLUMN ${addedColumn(c.column)}`, c.hazards);
      case 'add-primary-key':
        return this.add(
          i,
          'constraints',
          this.alterTable(c, `ADD CONSTRAINT ${quoteIdent(c.object.name)} PRIMARY KEY (${c.after.columns.map(quoteIdent).join(', ')})`),
          c.hazards,
        );
      case 'drop-primary-key':
        return this.add(
          i,
          this.dropPhase(c, 'drop-constraints'),
          this.alterTable(c, `DROP CONSTRAINT ${quoteIdent(c.object.name)}`),
          c.hazards,
        );
      case 'alter-primary-key': {
        this.add(i, 'constraints', this.alterTable(c, `DROP CONSTRAINT ${quoteIdent(c.object.name)}`), c.hazards);
        const name = c.after.name ?? c.before.name ?? `${c.object.table}_pkey`;
        return this.add(
          i,
          'constraints',
          this.alterTable(c, `ADD CONSTRAINT ${quoteIdent(name)} PRIMARY KEY (${c.after.columns.map(quoteIdent).join(', ')})`),
          c.hazards,
        );
      }
      case 'add-unique':
        return this.add(
          i,
          'constraints',
          this.alterTable(c, `ADD CONSTRAINT ${quoteIdent(c.object.name)} ${uniqueBody(c.after)}`),
          c.hazards,
        );
      case 'add-foreign-key': {
        const name = quoteIdent(c.object.name);
        this.add(i, 'foreign-keys', this.alterTable(c, `ADD CONSTRAINT ${name} ${fkBody(c.after)} NOT VALID`));
        return this.add(i, 'foreign-keys', this.alterTable(c, `VALIDATE CONSTRAINT ${name}`), hazardsOf(c, 'may-fail-on-existing-rows'));
      }
      case 'add-check': {
        const name = quoteIdent(c.object.name);
        if (c.after.noInherit)
          return this.add(i, 'constraints', this.alterTable(c, `ADD CONSTRAINT ${name} ${checkBody(c.after)}`), c.hazards);
        this.add(i, 'constraints', this.alterTable(c, `ADD CONSTRAINT ${name} ${checkBody(c.after)} NOT VALID`));
        return this.add(i, 'constraints', this.alterTable(c, `VALIDATE CONSTRAINT ${name}`), hazardsOf(c, 'may-fail-on-existing-rows'));
      }
      case 'drop-foreign-key':
        return this.add(
          i,
          this.dropPhase(c, 'drop-foreign-keys'),
          this.alterTable(c, `DROP CONSTRAINT ${quoteIdent(c.object.name)}`),
          c.hazards,
        );
      case 'add-exclusion':
        return this.add(
          i,
          'constraints',
          this.alterTable(c, `ADD CONSTRAINT ${quoteIdent(c.object.name)} ${exclusionBody(c.after)}`),
          c.hazards,
        );
      case 'drop-unique':
      case 'drop-check':
      case 'drop-exclusion':
        return this.add(
          i,
          this.dropPhase(c, 'drop-constraints'),
          this.alterTable(c, `DROP CONSTRAINT ${quoteIdent(c.object.name)}`),
          c.hazards,
        );
      case 'rename-constraint':
        return this.add(i, 'constraints', this.alterTable(c, `RENAME CONSTRAINT ${quoteIdent(c.before)} TO ${quoteIdent(c.after)}`));
      case 'validate-constraint':
        // After renames (constraints phase); takes a SHARE UPDATE EXCLUSIVE lock, so writes go on.
        return this.add(i, 'foreign-keys', this.alterTable(c, `VALIDATE CONSTRAINT ${quoteIdent(c.object.name)}`), c.hazards);
      case 'add-index': {
        const concurrently = this.options.concurrently;
        // An invalid index of the same name (a failed concurrent build) is dropped first.
        if (c.before) this.add(i, 'indexes', `DROP INDEX ${quoteQualified(c.object.schema, c.before.name)}`);
        return this.add(
          i,
          'indexes',
          indexSql(c.after, tableSql(c.object), concurrently),
          concurrently ? [...c.hazards.filter((h) => h !== 'blocks-writes'), 'not-transactional'] : c.hazards,
          !concurrently,
        );
      }
      case 'alter-index':
        this.add(i, 'indexes', `DROP INDEX ${quoteQualified(c.object.schema, c.after.name)}`, c.hazards);
        return this.add(i, 'indexes', indexSql(c.after, tableSql(c.object), false), c.hazards);
      case 'rename-index':
        return this.add(i, 'indexes', `ALTER INDEX ${quoteQualified(c.object.schema, c.before)} RENAME TO ${quoteIdent(c.after)}`);
      case 'drop-index':
        return this.add(i, 'drop-constraints', `DROP INDEX ${quoteQualified(c.object.schema, c.before.name)}`, c.hazards);
      case 'add-view':
        return this.add(i, 'views', viewSql(c.after, false));
      case 'alter-view': {
        const v = c.after;
        const old = c.before;
        if (v.materialized || old.materialized) {
          this.add(i, 'views', `DROP ${old.materialized ? 'MATERIALIZED VIEW' : 'VIEW'} ${relationSql(c.object)}`, c.hazards);
          return this.add(i, 'views', viewSql(v, false), c.hazards);
        }
        return this.add(i, 'views', viewSql(v, true), c.hazards);
      }
      case 'drop-view':
        return this.add(
          i,
          'drop-views',
          `DROP ${c.before.materialized ? 'MATERIALIZED VIEW' : 'VIEW'} ${relationSql(c.object)}`,
          c.hazards,
        );
      case 'set-comment':
        return this.add(i, 'comments', `COMMENT ON ${commentTarget(c)} IS ${c.after === null ? 'NULL' : quoteLiteral(c.after)}`);
      default:
        return unreachable(c);
    }
  }

  /** `ALTER TABLE t` followed by `sql`, for a change of a table's column, constraint or index. */
  private alterTable(c: { object: TableObjectRef }, sql: string): string {
    return `ALTER TABLE ${tableSql(c.object)} ${sql}`;
  }

  /** `ALTER TABLE t <action> "column" <rest>` for a change of a column. */
  private alterColumn(c: { object: TableObjectRef }, action: 'ALTER COLUMN' | 'DROP COLUMN', rest?: string): string {
    return this.alterTable(c, `${action} ${quoteIdent(c.object.name)}${rest === undefined ? '' : ` ${rest}`}`);
  }

  private createTable(i: number, t: Table): void {
    const name = quoteQualified(t.schema, t.name);
    const parts = t.columns.map((c) =>
      c.serial ? `${quoteIdent(c.name)} ${serialType(c.type)}${c.notNull ? '' : ' NULL'}` : columnDefinition(c),
    );
    if (t.primaryKey)
      parts.push(
        `${t.primaryKey.name ? `CONSTRAINT ${quoteIdent(t.primaryKey.name)} ` : ''}PRIMARY KEY (${t.primaryKey.columns.map(quoteIdent).join(', ')})`,
      );
    for (const u of t.uniques) parts.push(`${u.name ? `CONSTRAINT ${quoteIdent(u.name)} ` : ''}${uniqueBody(u)}`);
    for (const c of t.checks) parts.push(`${c.name ? `CONSTRAINT ${quoteIdent(c.name)} ` : ''}${checkBody(c)}`);
    for (const x of t.exclusions ?? []) parts.push(`${x.name ? `CONSTRAINT ${quoteIdent(x.name)} ` : ''}${exclusionBody(x)}`);
    this.add(i, 'tables', `CREATE TABLE ${name} (\n  ${parts.join(',\n  ')}\n)`);
    // Foreign keys after every table exists, so tables may reference each other in any order.
    for (const f of t.foreignKeys) {
      const constraint = f.name ? `CONSTRAINT ${quoteIdent(f.name)} ` : '';
      this.add(i, 'foreign-keys', `ALTER TABLE ${name} ADD ${constraint}${fkBody(f)}`);
    }
    for (const index of Object.values(t.indexes)) this.add(i, 'indexes', indexSql(index, name, false));
    if (t.comment !== undefined && t.comment !== '') this.add(i, 'comments', `COMMENT ON TABLE ${name} IS ${quoteLiteral(t.comment)}`);
    for (const c of t.columns) {
      if (c.comment !== undefined && c.comment !== '')
        this.add(i, 'comments', `COMMENT ON COLUMN ${name}.${quoteIdent(c.name)} IS ${quoteLiteral(c.comment)}`);
    }
  }

  /** Enum values cannot be removed or reordered in place: rename, recreate, convert, drop. */
  private recreateEnum(i: number, c: AlterEnum): void {
    const type = relationSql(c.object);
    const oldName = fitName(`${c.object.name}__pgdrift_old`);
    const hazards = c.hazards;
    this.add(i, 'types', `ALTER TYPE ${type} RENAME TO ${quoteIdent(oldName)}`, hazards);
    this.add(i, 'types', `CREATE TYPE ${type} AS ENUM (${c.after.map(quoteLiteral).join(', ')})`, hazards);
    if (c.comment !== undefined) this.add(i, 'types', `COMMENT ON TYPE ${type} IS ${quoteLiteral(c.comment)}`);
    for (const use of c.uses) {
      const table = relationSql(use.table);
      for (const ch of use.checks) this.add(i, 'types', `ALTER TABLE ${table} DROP CONSTRAINT ${quoteIdent(ch.name)}`, hazards);
      for (const col of use.columns) {
        const suffix = col.type.slice(col.type.replace(/(\[\])+$/, '').length);
        const target = `${type}${suffix}`;
        const alterColumn = `ALTER TABLE ${table} ALTER COLUMN ${quoteIdent(col.name)}`;
        if (col.liveDefault !== undefined) this.add(i, 'types', `${alterColumn} DROP DEFAULT`, hazards);
        this.add(i, 'types', `${alterColumn} TYPE ${target} USING ${quoteIdent(col.name)}::text${suffix}::${target}`, hazards);
        if (col.default !== undefined) this.add(i, 'types', `${alterColumn} SET DEFAULT ${fragmentSql(col.default)}`, hazards);
      }
      for (const ch of use.checks)
        this.add(i, 'types', `ALTER TABLE ${table} ADD CONSTRAINT ${quoteIdent(ch.name)} ${checkBody(ch)}`, hazards);
    }
    this.add(i, 'types', `DROP TYPE ${quoteQualified(c.object.schema, oldName)}`, hazards);
  }
}

/**
 * Drops the sequence a serial column owns. Its name is not in the model (PostgreSQL names it
 * `<table>_<column>_seq`, or with a number when that was taken, and it may have been renamed
 * since), so the statement asks PostgreSQL: pg_get_serial_sequence names the sequence the column
 * owns. Left in place, it would keep the column's name for a sequence the spec does not have, and
 * hold pg_get_serial_sequence on it when the column becomes an identity column.
 */
function dropOwnedSequence(ref: TableObjectRef): string {
  const owned = `pg_catalog.pg_get_serial_sequence(${quoteLiteral(tableSql(ref))}, ${quoteLiteral(ref.name)})`;
  return `DO $pgdrift$ BEGIN IF ${owned} IS NOT NULL THEN EXECUTE 'DROP SEQUENCE ' || ${owned}; END IF; END $pgdrift$`;
}

/**
 * The changes not allowed (destructive ones not approved), and with each withheld drop of a constraint the add of the constraint
 * that replaces it under its name: a constraint is replaced whole or left whole, never half (the
 * new one beside the old, or a name still taken).
 */
function withheldChanges(changes: Change[], allowed: (c: Change) => boolean): Change[] {
  const dropped = new Set(changes.filter((c) => !allowed(c) && isDropConstraint(c)).map((c) => objectName(c)));
  return changes.filter((c) => !allowed(c) || (isAddConstraint(c) && dropped.has(objectName(c))));
}

const DROPS_CONSTRAINT = ['drop-check', 'drop-unique', 'drop-foreign-key', 'drop-primary-key', 'drop-exclusion'] as const;

function isDropConstraint(c: Change): c is ChangeOf<(typeof DROPS_CONSTRAINT)[number]> {
  return (DROPS_CONSTRAINT as readonly string[]).includes(c.kind);
}

function isAddConstraint(c: Change): c is ChangeOf<(typeof ADDS_CONSTRAINT)[number]> {
  return (ADDS_CONSTRAINT as readonly string[]).includes(c.kind);
}

/** `TABLE "s"."t"`, `COLUMN "s"."t"."c"`, `MATERIALIZED VIEW "s"."v"` … for COMMENT ON. */
function commentTarget(c: SetComment): string {
  switch (c.objectType) {
    case 'schema':
      return `${COMMENT_TARGET.schema} ${quoteIdent(c.object.name)}`;
    case 'column':
      return `${COMMENT_TARGET.column} ${tableSql(c.object)}.${quoteIdent(c.object.name)}`;
    case 'view':
      return `${c.materialized ? 'MATERIALIZED VIEW' : COMMENT_TARGET.view} ${relationSql(c.object)}`;
    case 'table':
    case 'enum':
    case 'sequence':
      return `${COMMENT_TARGET[c.objectType]} ${relationSql(c.object)}`;
    default:
      return unreachable(c);
  }
}

/**
 * Plans the changes. Destructive ones are withheld unless `allowDestructive` or `approved`; the statements of
 * the rest come out phase by phase, in the diff's order inside each phase. Throws PlanError for a
 * change that cannot be carried out safely. Everything it needs is in the changes and `options`.
 */
export function planMigration(changes: Change[], options: PlanOptions): Plan {
  const allowed = (c: Change): boolean => !c.destructive || options.allowDestructive || (options.approved?.(c) ?? false);
  const withheld = withheldChanges(changes, allowed);
  const planned = changes.filter((c) => !withheld.includes(c));
  const builder = new Builder(planned, options);
  builder.build();
  const rank = (s: Statement): number => PHASES.indexOf(s.phase);
  const statements = builder.statements
    .map((s, order) => ({ s, order }))
    .sort((a, b) => rank(a.s) - rank(b.s) || a.order - b.order)
    .map(({ s }) => s);
  markCommitFirst(planned, statements);
  // New enum values that other statements use commit first; concurrent index builds go after.
  const stage = (name: Stage): Statement[] => statements.filter((s) => s.stage === name);
  return {
    changes: planned,
    statements: [...stage('first'), ...stage('main'), ...stage('after')],
    withheld,
    searchPath: options.searchPath,
  };
}

/**
 * Moves to the `first` stage each new enum value that another statement of the main transaction
 * uses: names it as a literal (a default, a check, an index predicate, a view, a USING), or turns
 * a column into the enum (its values may hold the new one). Other new values stay in the main
 * transaction, so that a plan without such a use is still one transaction.
 */
function markCommitFirst(changes: Change[], statements: Statement[]): void {
  const added = statements.filter((s) => changes[s.change]?.kind === 'add-enum-value');
  if (added.length === 0) return;
  const main = statements.filter((s) => s.stage === 'main' && changes[s.change]?.kind !== 'add-enum-value');
  for (const statement of added) {
    const change = changes[statement.change];
    if (change?.kind !== 'add-enum-value') continue;
    const value = quoteLiteral(change.after.value);
    const key = objectName(change);
    const isEnum = (type: string): boolean => {
      const base = type.replace(/(\[\])+$/, '');
      return base === key || base === change.object.name || base === quoteIdent(change.object.name);
    };
    const used = main.some((s) => {
      if (s.sql.includes(value)) return true;
      const c = changes[s.change];
      return c?.kind === 'alter-column-type' && isEnum(c.after);
    });
    if (used) statement.stage = 'first';
  }
}
