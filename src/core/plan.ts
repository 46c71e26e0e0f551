/**
 * Turns changes into an ordered migration. Pure: the SQL text comes only from quoted identifiers,
 * quoted literals and expressions PostgreSQL itself printed (or that passed the fragment guard).
 *
 * Ordering lives here, in one fixed phase list; statements keep the diff's order inside a phase.
 * Destructive changes are withheld unless allowed. Risky changes use the online pattern: foreign
 * keys and checks are added NOT VALID and validated after, SET NOT NULL goes through a validated
 * check, and a NOT NULL column without a default is refused on a table that has rows.
 */
import { checkName, type Change, type ChangeKind } from './diff.js';
import { PlanError } from './errors.js';
import type { HazardCode } from './hazards.js';
import { parseQualifiedName, quoteIdent, quoteLiteral } from './ident.js';
import type { CheckConstraint, Column, EnumType, ForeignKey, Index, IndexKey, PrimaryKey, Schema, Sequence, Table, UniqueConstraint, View } from './model.js';

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
  const schemas = [...Object.keys(desired.schemas), 'public', ...Object.values(desired.extensions).map((e) => e.schema), ...Object.values(live.extensions).map((e) => e.schema)];
  return [...new Set(schemas)].map(quoteIdent).join(', ');
}

export interface PlanOptions {
  allowDestructive: boolean;
  /** Build indexes on existing tables with CREATE INDEX CONCURRENTLY, after the transaction. */
  concurrently: boolean;
  /** Tables (display keys) that hold at least one row. */
  tablesWithRows: ReadonlySet<string>;
  /**
   * Indexes (change objects, `public.t.t_idx`) that exist but are invalid, left by a failed
   * CREATE INDEX CONCURRENTLY. The caller diffs without them, so they come as add-index changes;
   * each is dropped before it is built again.
   */
  invalidIndexes?: ReadonlySet<string>;
}

/** `"schema"."name"` from a display key such as `public.messages` or `"My Schema".t`. */
export function qualifiedSql(key: string): string {
  const parsed = parseQualifiedName(key);
  if (!parsed) throw new PlanError(`"${key}" is not a qualified name`);
  return parsed.schema === undefined ? quoteIdent(parsed.name) : `${quoteIdent(parsed.schema)}.${quoteIdent(parsed.name)}`;
}

const MAX_NAME_BYTES = 63;

/**
 * Truncates a generated name to what PostgreSQL keeps (63 bytes), on a character boundary, and
 * appends `suffix` within those bytes (so names that differ only past byte 63 still differ).
 */
/** Kinds of change that add a constraint under the name in their `after`. */
const ADDED_CONSTRAINT = new Set<ChangeKind>(['add-check', 'add-unique', 'add-foreign-key', 'add-primary-key']);

function fitName(name: string, suffix = ''): string {
  const encoder = new TextEncoder();
  const room = MAX_NAME_BYTES - encoder.encode(suffix).length;
  let out = name;
  while (encoder.encode(out).length > room) out = [...out].slice(0, -1).join('');
  return out + suffix;
}

/**
 * A user's SQL fragment as it goes into a statement. Text PostgreSQL printed has no comments, but
 * a fragment compared as written (unverified) may end in a `--` comment, which would swallow
 * whatever follows on its line: such a fragment gets a line break after it.
 */
function frag(text: string): string {
  return text.includes('--') ? `${text}\n` : text;
}

function columnDefinition(c: Column, virtualSupported = true): string {
  const parts = [quoteIdent(c.name), c.type];
  if (c.collation !== undefined) parts.push(`COLLATE ${quoteIdent(c.collation)}`);
  if (c.default !== undefined) parts.push(`DEFAULT ${frag(c.default)}`);
  if (c.identity) parts.push(`GENERATED ${c.identity === 'always' ? 'ALWAYS' : 'BY DEFAULT'} AS IDENTITY`);
  if (c.generated !== undefined) parts.push(`GENERATED ALWAYS AS (${frag(c.generated)}) ${c.virtual && virtualSupported ? 'VIRTUAL' : 'STORED'}`);
  if (c.notNull && !c.identity) parts.push('NOT NULL');
  return parts.join(' ');
}

function keySql(k: IndexKey): string {
  let sql = k.column ? quoteIdent(k.expression) : `(${frag(k.expression)})`;
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
    (index.where !== undefined ? ` WHERE (${frag(index.where)})` : '')
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
  if (u.deferrable) sql += u.initiallyDeferred ? ' DEFERRABLE INITIALLY DEFERRED' : ' DEFERRABLE';
  return sql;
}

function checkBody(c: CheckConstraint): string {
  return `CHECK (${frag(c.expression)})${c.noInherit ? ' NO INHERIT' : ''}`;
}

function sequenceOptions(s: Sequence): string {
  return `AS ${s.type} INCREMENT BY ${s.increment} MINVALUE ${s.min} MAXVALUE ${s.max} START WITH ${s.start} CACHE ${s.cache} ${s.cycle ? 'CYCLE' : 'NO CYCLE'}`;
}

function viewSql(key: string, v: View, replace: boolean): string {
  if (v.materialized) return `CREATE MATERIALIZED VIEW ${qualifiedSql(key)} AS\n${frag(v.definition)}`;
  return `CREATE ${replace ? 'OR REPLACE ' : ''}VIEW ${qualifiedSql(key)} AS\n${frag(v.definition)}`;
}

const COMMENT_TARGET: Partial<Record<Change['objectType'], string>> = {
  schema: 'SCHEMA',
  table: 'TABLE',
  column: 'COLUMN',
  view: 'VIEW',
  enum: 'TYPE',
  sequence: 'SEQUENCE',
};

/** Splits `public.messages.role` (a column display name) into table key and column name. */
function splitColumn(object: string, table: string): string {
  const rest = object.slice(table.length + 1);
  const parsed = parseQualifiedName(rest);
  return parsed?.name ?? rest;
}

class Builder {
  readonly statements: Statement[] = [];
  private readonly usedNames = new Map<string, Set<string>>();
  /** Columns whose default is dropped before a type change with USING and set after it. */
  private readonly movedDefaults = new Set<string>();
  /** Tables this plan drops. */
  private readonly droppedTables = new Set<string>();
  /** `table\u0000name` of constraints added under a name that a dropped constraint has. */
  private readonly replaced = new Set<string>();
  /** Columns made identity that are not NOT NULL yet: the identity change sets NOT NULL first. */
  private readonly notNullForIdentity = new Set<string>();

  constructor(
    private readonly live: Schema,
    private readonly desired: Schema,
    private readonly options: PlanOptions,
  ) {}

  add(change: number, phase: Phase, sql: string, hazards: HazardCode[] = [], transactional = true): void {
    this.statements.push({ sql, phase, hazards, change, stage: transactional ? 'main' : 'after' });
  }

  /** A constraint name that PostgreSQL would choose, unique within the table. */
  constraintName(table: string, base: string): string {
    const liveTable = this.live.tables[table];
    let used = this.usedNames.get(table);
    if (!used) {
      used = new Set([
        ...(liveTable ? [liveTable.primaryKey?.name, ...liveTable.uniques.map((u) => u.name), ...liveTable.foreignKeys.map((f) => f.name), ...liveTable.checks.map((c) => c.name), ...Object.keys(liveTable.indexes)] : []),
      ].filter((n): n is string => Boolean(n)));
      this.usedNames.set(table, used);
    }
    let name = fitName(base);
    for (let i = 1; used.has(name); i++) name = fitName(base, String(i));
    used.add(name);
    return name;
  }

  /** The phase of a constraint's drop: early when the spec adds another under its name. */
  dropPhase(c: Change, phase: Phase): Phase {
    const name = (c.before as { name?: string } | undefined)?.name;
    return name !== undefined && c.table && this.replaced.has(`${c.table}\u0000${name}`) ? 'drop-replaced' : phase;
  }

  /** SET NOT NULL through a validated CHECK (col IS NOT NULL), which spares it a full scan under lock. */
  setNotNull(i: number, c: Change, phase: Phase, hazards: HazardCode[]): void {
    const table = qualifiedSql(c.table as string);
    const column = quoteIdent(splitColumn(c.object, c.table as string));
    const alter = (sql: string): string => `ALTER TABLE ${table} ${sql}`;
    const name = this.constraintName(c.table as string, `${this.tableName(c.table as string)}_${splitColumn(c.object, c.table as string)}_not_null_check`);
    this.add(i, phase, alter(`ADD CONSTRAINT ${quoteIdent(name)} CHECK (${column} IS NOT NULL) NOT VALID`), ['may-fail-on-existing-rows']);
    this.add(i, phase, alter(`VALIDATE CONSTRAINT ${quoteIdent(name)}`), ['may-fail-on-existing-rows']);
    this.add(i, phase, alter(`ALTER COLUMN ${column} SET NOT NULL`), hazards);
    this.add(i, phase, alter(`DROP CONSTRAINT ${quoteIdent(name)}`));
  }

  tableName(key: string): string {
    const t = this.desired.tables[key] ?? this.live.tables[key];
    return t?.name ?? key;
  }

  build(changes: Change[]): void {
    for (const c of changes) {
      if (c.kind === 'drop-table') this.droppedTables.add(c.object);
      if (c.kind === 'alter-column-type' && this.desiredColumn(c)?.using !== undefined && this.liveColumn(c)?.default !== undefined) this.movedDefaults.add(c.object);
      if (c.kind === 'alter-column-identity' && c.before === null && this.liveColumn(c)?.notNull === false) this.notNullForIdentity.add(c.object);
      const added = ADDED_CONSTRAINT.has(c.kind) ? (c.after as { name?: string } | undefined)?.name : undefined;
      if (added !== undefined && c.table) this.replaced.add(`${c.table}\u0000${added}`);
    }
    changes.forEach((change, i) => this.plan(change, i));
  }

  private plan(c: Change, i: number): void {
    const after = c.after as never;
    const before = c.before as never;
    const table = c.table ? qualifiedSql(c.table) : '';
    const alter = (sql: string): string => `ALTER TABLE ${table} ${sql}`;
    const column = c.table && c.objectType === 'column' ? quoteIdent(splitColumn(c.object, c.table)) : '';
    const kind: ChangeKind = c.kind;
    switch (kind) {
      case 'add-schema':
        return this.add(i, 'schemas', `CREATE SCHEMA ${quoteIdent(parseQualifiedName(c.object)?.name ?? c.object)}`);
      case 'add-extension': {
        const e = after as { name: string; schema: string; version?: string };
        return this.add(i, 'schemas', `CREATE EXTENSION ${quoteIdent(e.name)} SCHEMA ${quoteIdent(e.schema)}${e.version ? ` VERSION ${quoteLiteral(e.version)}` : ''}`);
      }
      case 'alter-extension': {
        const e = after as { name: string; schema: string; version?: string };
        const old = before as { schema: string; version?: string };
        if (e.version !== undefined && e.version !== old.version) this.add(i, 'schemas', `ALTER EXTENSION ${quoteIdent(e.name)} UPDATE TO ${quoteLiteral(e.version)}`);
        if (e.schema !== old.schema) this.add(i, 'schemas', `ALTER EXTENSION ${quoteIdent(e.name)} SET SCHEMA ${quoteIdent(e.schema)}`);
        return;
      }
      case 'drop-extension':
        return this.add(i, 'drop-types', `DROP EXTENSION ${quoteIdent((before as { name: string }).name)}`, c.hazards);
      case 'add-enum':
        return this.add(i, 'types', `CREATE TYPE ${qualifiedSql(c.object)} AS ENUM (${(after as string[]).map(quoteLiteral).join(', ')})`);
      case 'add-enum-value': {
        const v = after as { value: string; before?: string; after?: string };
        const where = v.before !== undefined ? ` BEFORE ${quoteLiteral(v.before)}` : v.after !== undefined ? ` AFTER ${quoteLiteral(v.after)}` : '';
        return this.add(i, 'types', `ALTER TYPE ${qualifiedSql(c.object)} ADD VALUE ${quoteLiteral(v.value)}${where}`, c.hazards);
      }
      case 'alter-enum':
        return this.recreateEnum(i, c);
      case 'drop-enum':
        return this.add(i, 'drop-types', `DROP TYPE ${qualifiedSql(c.object)}`, c.hazards);
      case 'add-sequence': {
        const s = this.desired.sequences[c.object] as Sequence;
        return this.add(i, 'types', `CREATE SEQUENCE ${qualifiedSql(c.object)} ${sequenceOptions(s)}`);
      }
      case 'alter-sequence': {
        const s = this.desired.sequences[c.object] as Sequence;
        return this.add(i, 'types', `ALTER SEQUENCE ${qualifiedSql(c.object)} AS ${s.type} INCREMENT BY ${s.increment} MINVALUE ${s.min} MAXVALUE ${s.max} CACHE ${s.cache} ${s.cycle ? 'CYCLE' : 'NO CYCLE'}`);
      }
      case 'drop-sequence':
        return this.add(i, 'drop-types', `DROP SEQUENCE ${qualifiedSql(c.object)}`, c.hazards);
      case 'add-table':
        return this.createTable(i, c.object, after as Table);
      case 'drop-table': {
        // Its keys that reference other dropped tables go first, or the order of the drops matters.
        for (const f of (before as Table).foreignKeys) {
          if (f.refTable !== c.object && this.droppedTables.has(f.refTable) && f.name) this.add(i, 'drop-foreign-keys', alter(`DROP CONSTRAINT ${quoteIdent(f.name)}`), c.hazards);
        }
        return this.add(i, 'drop-tables', `DROP TABLE ${qualifiedSql(c.object)}`, c.hazards);
      }
      case 'add-column': {
        const col = after as Column;
        const needsValue = col.notNull && col.default === undefined && !col.identity && !col.serial && col.generated === undefined;
        if (needsValue && this.options.tablesWithRows.has(c.table as string)) {
          throw new PlanError(`cannot add column ${c.object}: it is NOT NULL without a default and ${c.table} has rows. Give it a default in the spec, or add it as nullable, fill it, then make it NOT NULL.`);
        }
        this.add(i, 'columns', alter(`ADD COLUMN ${col.serial ? `${quoteIdent(col.name)} ${serialType(col.type)}` : columnDefinition(col)}`), c.hazards);
        if (col.comment !== undefined && col.comment !== '') this.add(i, 'comments', `COMMENT ON COLUMN ${table}.${quoteIdent(col.name)} IS ${quoteLiteral(col.comment)}`);
        return;
      }
      case 'drop-column':
        return this.add(i, 'drop-columns', alter(`DROP COLUMN ${column}`), c.hazards);
      case 'alter-column-type': {
        const col = this.desiredColumn(c);
        const using = col?.using !== undefined ? ` USING (${frag(col.using)})` : '';
        const collate = col?.collation !== undefined ? ` COLLATE ${quoteIdent(col.collation)}` : '';
        // PostgreSQL converts the default along with the values, but USING does not apply to it:
        // a default with no cast to the new type ('0'::text to integer) fails the statement.
        const moved = this.movedDefaults.has(c.object);
        if (moved) this.add(i, 'columns', alter(`ALTER COLUMN ${column} DROP DEFAULT`));
        this.add(i, 'columns', alter(`ALTER COLUMN ${column} TYPE ${String(after)}${collate}${using}`), c.hazards);
        if (moved && col?.default !== undefined) this.add(i, 'columns', alter(`ALTER COLUMN ${column} SET DEFAULT ${frag(col.default)}`));
        return;
      }
      case 'alter-column-collation': {
        const col = this.desiredColumn(c) as Column;
        return this.add(i, 'columns', alter(`ALTER COLUMN ${column} TYPE ${col.type} COLLATE ${quoteIdent(col.collation ?? 'default')}`), c.hazards);
      }
      case 'set-not-null': {
        // An identity column added to it has set NOT NULL already (PostgreSQL requires it first).
        if (this.notNullForIdentity.has(c.object)) return;
        if (this.isNewTable(c.table)) return this.add(i, 'constraints', alter(`ALTER COLUMN ${column} SET NOT NULL`), c.hazards);
        return this.setNotNull(i, c, 'constraints', ['access-exclusive-lock']);
      }
      case 'drop-not-null':
        return this.add(i, 'columns', alter(`ALTER COLUMN ${column} DROP NOT NULL`));
      case 'set-default':
        if (this.movedDefaults.has(c.object)) return;
        return this.add(i, 'columns', alter(`ALTER COLUMN ${column} SET DEFAULT ${frag(String(after))}`));
      case 'drop-default':
        if (this.movedDefaults.has(c.object)) return;
        return this.add(i, 'columns', alter(`ALTER COLUMN ${column} DROP DEFAULT`));
      case 'alter-column-identity': {
        if (before === null) {
          // PostgreSQL makes a column identity only once it is NOT NULL.
          if (this.notNullForIdentity.has(c.object)) this.setNotNull(i, c, 'columns', ['access-exclusive-lock']);
          this.add(i, 'columns', alter(`ALTER COLUMN ${column} ADD GENERATED ${after === 'always' ? 'ALWAYS' : 'BY DEFAULT'} AS IDENTITY`), c.hazards);
          // The new sequence starts at 1: move it past the values the column already holds.
          const name = splitColumn(c.object, c.table as string);
          return this.add(i, 'columns', `SELECT pg_catalog.setval(pg_catalog.pg_get_serial_sequence(${quoteLiteral(table)}, ${quoteLiteral(name)}), COALESCE(max(${column}), 0) + 1, false) FROM ${table}`);
        }
        if (after === null) return this.add(i, 'columns', alter(`ALTER COLUMN ${column} DROP IDENTITY`), c.hazards);
        return this.add(i, 'columns', alter(`ALTER COLUMN ${column} SET GENERATED ${after === 'always' ? 'ALWAYS' : 'BY DEFAULT'}`), c.hazards);
      }
      case 'alter-column-serial': {
        if (!after) return this.add(i, 'columns', alter(`ALTER COLUMN ${column} DROP DEFAULT`));
        const col = this.desiredColumn(c) as Column;
        const tableName = this.tableName(c.table as string);
        const schemaName = (this.desired.tables[c.table as string] as Table).schema;
        const seq = `${quoteIdent(schemaName)}.${quoteIdent(fitName(`${tableName}_${col.name}_seq`))}`;
        this.add(i, 'columns', `CREATE SEQUENCE ${seq} AS ${col.type} OWNED BY ${table}.${column}`);
        this.add(i, 'columns', `SELECT pg_catalog.setval(${quoteLiteral(seq)}, COALESCE(max(${column}), 0) + 1, false) FROM ${table}`);
        return this.add(i, 'columns', alter(`ALTER COLUMN ${column} SET DEFAULT nextval(${quoteLiteral(seq)}::regclass)`));
      }
      case 'alter-column-generated': {
        const col = this.desiredColumn(c) as Column;
        this.add(i, 'columns', alter(`DROP COLUMN ${column}`), c.hazards);
        return this.add(i, 'columns', alter(`ADD COLUMN ${columnDefinition(col)}`), c.hazards);
      }
      case 'add-primary-key': {
        const pk = after as PrimaryKey;
        const name = pk.name ?? this.constraintName(c.table as string, `${this.tableName(c.table as string)}_pkey`);
        return this.add(i, 'constraints', alter(`ADD CONSTRAINT ${quoteIdent(name)} PRIMARY KEY (${pk.columns.map(quoteIdent).join(', ')})`), c.hazards);
      }
      case 'drop-primary-key':
        return this.add(i, this.dropPhase(c, 'drop-constraints'), alter(`DROP CONSTRAINT ${quoteIdent((before as PrimaryKey).name ?? '')}`), c.hazards);
      case 'alter-primary-key': {
        const pk = after as PrimaryKey;
        const old = before as PrimaryKey;
        this.add(i, 'constraints', alter(`DROP CONSTRAINT ${quoteIdent(old.name ?? '')}`), c.hazards);
        const name = pk.name ?? old.name ?? `${this.tableName(c.table as string)}_pkey`;
        return this.add(i, 'constraints', alter(`ADD CONSTRAINT ${quoteIdent(name)} PRIMARY KEY (${pk.columns.map(quoteIdent).join(', ')})`), c.hazards);
      }
      case 'add-unique': {
        const u = after as UniqueConstraint;
        const name = u.name ?? this.constraintName(c.table as string, `${this.tableName(c.table as string)}_${u.columns.join('_')}_key`);
        return this.add(i, 'constraints', alter(`ADD CONSTRAINT ${quoteIdent(name)} ${uniqueBody(u)}`), c.hazards);
      }
      case 'add-foreign-key': {
        const f = after as ForeignKey;
        const name = f.name ?? this.constraintName(c.table as string, `${this.tableName(c.table as string)}_${f.columns.join('_')}_fkey`);
        if (this.isNewTable(c.table)) return this.add(i, 'foreign-keys', alter(`ADD CONSTRAINT ${quoteIdent(name)} ${fkBody(f)}`));
        this.add(i, 'foreign-keys', alter(`ADD CONSTRAINT ${quoteIdent(name)} ${fkBody(f)} NOT VALID`));
        return this.add(i, 'foreign-keys', alter(`VALIDATE CONSTRAINT ${quoteIdent(name)}`), ['may-fail-on-existing-rows']);
      }
      case 'add-check': {
        const ch = after as CheckConstraint;
        const name = ch.name ?? this.constraintName(c.table as string, checkName(this.desired.tables[c.table as string] as Table, ch.expression));
        if (this.isNewTable(c.table) || ch.noInherit) return this.add(i, 'constraints', alter(`ADD CONSTRAINT ${quoteIdent(name)} ${checkBody(ch)}`), c.hazards);
        this.add(i, 'constraints', alter(`ADD CONSTRAINT ${quoteIdent(name)} ${checkBody(ch)} NOT VALID`));
        return this.add(i, 'constraints', alter(`VALIDATE CONSTRAINT ${quoteIdent(name)}`), ['may-fail-on-existing-rows']);
      }
      case 'drop-foreign-key':
        return this.add(i, this.dropPhase(c, 'drop-foreign-keys'), alter(`DROP CONSTRAINT ${quoteIdent((before as ForeignKey).name ?? '')}`), c.hazards);
      case 'drop-unique':
      case 'drop-check':
        return this.add(i, this.dropPhase(c, 'drop-constraints'), alter(`DROP CONSTRAINT ${quoteIdent((before as { name?: string }).name ?? '')}`), c.hazards);
      case 'rename-constraint':
        return this.add(i, 'constraints', alter(`RENAME CONSTRAINT ${quoteIdent(String(before))} TO ${quoteIdent(String(after))}`));
      case 'add-index': {
        const index = after as Index;
        const concurrently = this.options.concurrently && !this.isNewTable(c.table);
        if (this.options.invalidIndexes?.has(c.object)) {
          const schemaName = parseQualifiedName(c.table as string)?.schema ?? 'public';
          this.add(i, 'indexes', `DROP INDEX ${quoteIdent(schemaName)}.${quoteIdent(index.name)}`);
        }
        return this.add(i, 'indexes', indexSql(index, table, concurrently), concurrently ? [...c.hazards.filter((h) => h !== 'blocks-writes'), 'not-transactional'] : c.hazards, !concurrently);
      }
      case 'alter-index': {
        const index = after as Index;
        const schemaName = parseQualifiedName(c.table as string)?.schema ?? 'public';
        this.add(i, 'indexes', `DROP INDEX ${quoteIdent(schemaName)}.${quoteIdent(index.name)}`, c.hazards);
        return this.add(i, 'indexes', indexSql(index, table, false), c.hazards);
      }
      case 'rename-index': {
        const schemaName = parseQualifiedName(c.table as string)?.schema ?? 'public';
        return this.add(i, 'indexes', `ALTER INDEX ${quoteIdent(schemaName)}.${quoteIdent(String(before))} RENAME TO ${quoteIdent(String(after))}`);
      }
      case 'drop-index': {
        const schemaName = parseQualifiedName(c.table as string)?.schema ?? 'public';
        return this.add(i, 'drop-constraints', `DROP INDEX ${quoteIdent(schemaName)}.${quoteIdent((before as Index).name)}`, c.hazards);
      }
      case 'add-view':
        return this.add(i, 'views', viewSql(c.object, after as View, false));
      case 'alter-view': {
        const v = after as View;
        const old = before as View;
        if (v.materialized || old.materialized || v.materialized !== old.materialized) {
          this.add(i, 'views', `DROP ${old.materialized ? 'MATERIALIZED VIEW' : 'VIEW'} ${qualifiedSql(c.object)}`, c.hazards);
          return this.add(i, 'views', viewSql(c.object, v, false), c.hazards);
        }
        return this.add(i, 'views', viewSql(c.object, v, true), c.hazards);
      }
      case 'drop-view': {
        const v = before as View;
        return this.add(i, 'drop-views', `DROP ${v.materialized ? 'MATERIALIZED VIEW' : 'VIEW'} ${qualifiedSql(c.object)}`, c.hazards);
      }
      case 'set-comment': {
        const target = c.objectType === 'view' && (this.desired.views[c.object] ?? this.live.views[c.object])?.materialized ? 'MATERIALIZED VIEW' : COMMENT_TARGET[c.objectType];
        if (!target) throw new PlanError(`cannot set a comment on ${c.objectType} ${c.object}`);
        const object = c.objectType === 'column' ? `${table}.${column}` : c.objectType === 'schema' ? quoteIdent(parseQualifiedName(c.object)?.name ?? c.object) : qualifiedSql(c.object);
        return this.add(i, 'comments', `COMMENT ON ${target} ${object} IS ${after === null ? 'NULL' : quoteLiteral(String(after))}`);
      }
    }
  }

  private isNewTable(table: string | undefined): boolean {
    return table !== undefined && !this.live.tables[table];
  }

  private liveColumn(c: Change): Column | undefined {
    const t = this.live.tables[c.table as string];
    return t?.columns.find((col) => col.name === splitColumn(c.object, c.table as string));
  }

  private desiredColumn(c: Change): Column | undefined {
    const t = this.desired.tables[c.table as string];
    return t?.columns.find((col) => col.name === splitColumn(c.object, c.table as string));
  }

  private createTable(i: number, key: string, t: Table): void {
    const parts = t.columns.map((c) => (c.serial ? `${quoteIdent(c.name)} ${serialType(c.type)}${c.notNull ? '' : ' NULL'}` : columnDefinition(c)));
    if (t.primaryKey) parts.push(`${t.primaryKey.name ? `CONSTRAINT ${quoteIdent(t.primaryKey.name)} ` : ''}PRIMARY KEY (${t.primaryKey.columns.map(quoteIdent).join(', ')})`);
    for (const u of t.uniques) parts.push(`${u.name ? `CONSTRAINT ${quoteIdent(u.name)} ` : ''}${uniqueBody(u)}`);
    for (const c of t.checks) parts.push(`${c.name ? `CONSTRAINT ${quoteIdent(c.name)} ` : ''}${checkBody(c)}`);
    this.add(i, 'tables', `CREATE TABLE ${qualifiedSql(key)} (\n  ${parts.join(',\n  ')}\n)`);
    // Foreign keys after every table exists, so tables may reference each other in any order.
    for (const f of t.foreignKeys) {
      const name = f.name ? `CONSTRAINT ${quoteIdent(f.name)} ` : '';
      this.add(i, 'foreign-keys', `ALTER TABLE ${qualifiedSql(key)} ADD ${name}${fkBody(f)}`);
    }
    for (const index of Object.values(t.indexes)) this.add(i, 'indexes', indexSql(index, qualifiedSql(key), false));
    if (t.comment !== undefined && t.comment !== '') this.add(i, 'comments', `COMMENT ON TABLE ${qualifiedSql(key)} IS ${quoteLiteral(t.comment)}`);
    for (const c of t.columns) {
      if (c.comment !== undefined && c.comment !== '') this.add(i, 'comments', `COMMENT ON COLUMN ${qualifiedSql(key)}.${quoteIdent(c.name)} IS ${quoteLiteral(c.comment)}`);
    }
  }

  /** Enum values cannot be removed or reordered in place: rename, recreate, convert, drop. */
  private recreateEnum(i: number, c: Change): void {
    const want = this.desired.enums[c.object] as EnumType;
    const oldName = fitName(`${want.name}__pgdrift_old`);
    const hazards = c.hazards;
    this.add(i, 'types', `ALTER TYPE ${qualifiedSql(c.object)} RENAME TO ${quoteIdent(oldName)}`, hazards);
    this.add(i, 'types', `CREATE TYPE ${qualifiedSql(c.object)} AS ENUM (${want.values.map(quoteLiteral).join(', ')})`, hazards);
    for (const [key, table] of Object.entries(this.live.tables)) {
      const columns = table.columns.filter((col) => col.type.replace(/(\[\])+$/, '') === c.object);
      if (columns.length === 0) continue;
      // A check comparing the column with a value of the renamed type has no operator for the new
      // one: such checks (any that names the column) are dropped first and added back after.
      const checks = table.checks.filter((ch) => ch.name !== undefined && columns.some((col) => ch.expression.includes(col.name)));
      for (const ch of checks) this.add(i, 'types', `ALTER TABLE ${qualifiedSql(key)} DROP CONSTRAINT ${quoteIdent(ch.name as string)}`, hazards);
      for (const col of columns) {
        const suffix = col.type.slice(col.type.replace(/(\[\])+$/, '').length);
        const target = `${qualifiedSql(c.object)}${suffix}`;
        const alterCol = `ALTER TABLE ${qualifiedSql(key)} ALTER COLUMN ${quoteIdent(col.name)}`;
        if (col.default !== undefined) this.add(i, 'types', `${alterCol} DROP DEFAULT`, hazards);
        this.add(i, 'types', `${alterCol} TYPE ${target} USING ${quoteIdent(col.name)}::text${suffix}::${target}`, hazards);
        const wanted = this.desired.tables[key]?.columns.find((x) => x.name === col.name)?.default ?? col.default;
        if (wanted !== undefined) this.add(i, 'types', `${alterCol} SET DEFAULT ${frag(wanted)}`, hazards);
      }
      for (const ch of checks) this.add(i, 'types', `ALTER TABLE ${qualifiedSql(key)} ADD CONSTRAINT ${quoteIdent(ch.name as string)} ${checkBody(ch)}`, hazards);
    }
    this.add(i, 'types', `DROP TYPE ${quoteIdent(want.schema)}.${quoteIdent(oldName)}`, hazards);
  }
}

function serialType(type: string): string {
  return type === 'smallint' ? 'smallserial' : type === 'bigint' ? 'bigserial' : 'serial';
}

/**
 * Plans the changes. Destructive ones are withheld unless `allowDestructive`; the statements of
 * the rest come out phase by phase, in the diff's order inside each phase. Throws PlanError for a
 * change that cannot be carried out safely.
 */
export function planMigration(changes: Change[], live: Schema, desired: Schema, options: PlanOptions): Plan {
  const withheld = options.allowDestructive ? [] : changes.filter((c) => c.destructive);
  const planned = options.allowDestructive ? changes : changes.filter((c) => !c.destructive);
  const builder = new Builder(live, desired, options);
  builder.build(planned);
  const rank = (s: Statement): number => PHASES.indexOf(s.phase);
  const statements = builder.statements
    .map((s, order) => ({ s, order }))
    .sort((a, b) => rank(a.s) - rank(b.s) || a.order - b.order)
    .map(({ s }) => s);
  markCommitFirst(planned, statements, desired);
  // New enum values that other statements use commit first; concurrent index builds go after.
  const stage = (name: Stage): Statement[] => statements.filter((s) => s.stage === name);
  return { changes: planned, statements: [...stage('first'), ...stage('main'), ...stage('after')], withheld, searchPath: specSearchPath(desired, live) };
}

/**
 * Moves to the `first` stage each new enum value that another statement of the main transaction
 * uses: names it as a literal (a default, a check, an index predicate, a view, a USING), or turns
 * a column into the enum (its values may hold the new one). Other new values stay in the main
 * transaction, so that a plan without such a use is still one transaction.
 */
function markCommitFirst(changes: Change[], statements: Statement[], desired: Schema): void {
  const added = statements.filter((s) => changes[s.change]?.kind === 'add-enum-value');
  if (added.length === 0) return;
  const main = statements.filter((s) => s.stage === 'main' && changes[s.change]?.kind !== 'add-enum-value');
  for (const statement of added) {
    const change = changes[statement.change] as Change;
    const value = quoteLiteral((change.after as { value: string }).value);
    const e = desired.enums[change.object];
    const isEnum = (type: string): boolean => {
      const base = type.replace(/(\[\])+$/, '');
      return base === change.object || (e !== undefined && (base === e.name || base === quoteIdent(e.name)));
    };
    const used = main.some((s) => {
      if (s.sql.includes(value)) return true;
      const c = changes[s.change];
      return c?.kind === 'alter-column-type' && isEnum(String(c.after));
    });
    if (used) statement.stage = 'first';
  }
}
