/**
 * The JSON spec, format version 1: parsing (with a JSON path for every complaint) into the schema
 * model, and writing a model back out as a spec (what `pgdrift snapshot` prints).
 *
 * Parsing checks shape only. Types and expressions are validated and canonicalised by PostgreSQL
 * itself afterwards (see db/canonicalize), so a spec may spell them however SQL allows.
 */
import { SpecError } from './errors.js';
import { JsonTextError, parseJsonText } from './json.js';
import { displayQualified, fragmentProblem, parseQualifiedName, quoteQualified } from './ident.js';
import {
  compareText,
  emptySchema,
  serialType,
  sortRecord,
  type CheckConstraint,
  type Column,
  type ExclusionConstraint,
  type FkAction,
  type FkMatch,
  type ForeignKey,
  type Index,
  type IndexKey,
  type Schema,
  type Scope,
  type Sequence,
  type Table,
  type UniqueConstraint,
} from './model.js';

export const SPEC_VERSION = 1;
/** Where the published JSON Schema lives, relative to a spec at the root of a repository. */
export const SPEC_SCHEMA_URL = 'https://raw.githubusercontent.com/pgdrift/pgdrift/main/schema/pgdrift.schema.json';
const DEFAULT_SCHEMA = 'public';
/** PostgreSQL truncates longer names (NAMEDATALEN - 1 bytes), which would be drift forever. */
const MAX_IDENT_BYTES = 63;

export interface ParsedSpec {
  schema: Schema;
  scope: Scope;
}

export type Json = null | boolean | number | string | Json[] | { [key: string]: Json };
type JsonObject = { [key: string]: Json };

/**
 * A JSON path as a chain of steps. Reading a large spec visits hundreds of thousands of values;
 * the path text is only spelled out (by `join`) when a complaint names it.
 */
type Path = string | { readonly parent: Path; readonly key: string | number };

const at = (parent: Path, key: string | number): Path => ({ parent, key });

function pathText(path: Path): string {
  return typeof path === 'string' ? path : join(pathText(path.parent), path.key);
}

class Reader {
  /** Problems of fragment and type texts already checked: a large spec repeats the same few. */
  readonly fragments = new Map<string, string | null>();
  readonly types = new Map<string, string | null>();

  constructor(readonly file: string | undefined) {}

  fail(path: Path, message: string): never {
    throw new SpecError(message, pathText(path), this.file);
  }

  object(value: Json | undefined, path: Path, allowed: readonly string[]): JsonObject {
    if (value === null || typeof value !== 'object' || Array.isArray(value)) {
      this.fail(path, `expected an object, got ${describe(value)}`);
    }
    for (const key of Object.keys(value)) {
      if (!allowed.includes(key)) {
        this.fail(at(path, key), `unknown key "${key}" (expected one of: ${allowed.join(', ')})`);
      }
    }
    return value;
  }

  map(value: Json | undefined, path: Path): JsonObject {
    if (value === undefined) return {};
    if (value === null || typeof value !== 'object' || Array.isArray(value)) {
      this.fail(path, `expected an object keyed by name, got ${describe(value)}`);
    }
    return value;
  }

  array(value: Json | undefined, path: Path): Json[] {
    if (value === undefined) return [];
    if (!Array.isArray(value)) this.fail(path, `expected an array, got ${describe(value)}`);
    return value;
  }

  string(value: Json | undefined, path: Path): string {
    if (typeof value !== 'string') this.fail(path, `expected a string, got ${describe(value)}`);
    if (value.includes('\u0000')) this.fail(path, 'contains a NUL character');
    return value;
  }

  optString(value: Json | undefined, path: Path): string | undefined {
    return value === undefined || value === null ? undefined : this.string(value, path);
  }

  bool(value: Json | undefined, path: Path, fallback: boolean): boolean {
    if (value === undefined) return fallback;
    if (typeof value !== 'boolean') this.fail(path, `expected true or false, got ${describe(value)}`);
    return value;
  }

  integerText(value: Json | undefined, path: Path): string | undefined {
    if (value === undefined || value === null) return undefined;
    if (typeof value === 'number' && Number.isSafeInteger(value)) return String(value);
    if (typeof value === 'string' && /^-?\d+$/.test(value)) return BigInt(value).toString();
    return this.fail(path, `expected an integer (a number, or a string of digits for large values), got ${describe(value)}`);
  }

  oneOf<T extends string>(value: Json | undefined, path: Path, options: readonly T[], fallback: T): T {
    if (value === undefined) return fallback;
    const text = typeof value === 'string' ? value.toLowerCase() : value;
    if (typeof text !== 'string' || !(options as readonly string[]).includes(text)) {
      this.fail(path, `expected one of ${options.map((o) => `"${o}"`).join(', ')}, got ${describe(value)}`);
    }
    return text as T;
  }

  ident(value: Json | undefined, path: Path): string {
    const name = this.string(value, path);
    checkIdent(this, name, path);
    return name;
  }

  identList(value: Json | undefined, path: Path, required: boolean): string[] {
    const items = this.array(value, path);
    if (required && items.length === 0) this.fail(path, 'expected at least one column');
    return items.map((item, i) => this.ident(item, at(path, i)));
  }

  fragment(value: Json | undefined, path: Path, what: string, statement = false): string {
    const text = this.string(value, path).trim();
    const key = statement ? `;${text}` : text;
    let problem = this.fragments.get(key);
    if (problem === undefined) this.fragments.set(key, (problem = fragmentProblem(text, statement)));
    if (problem) this.fail(path, `${what} is not a single SQL ${statement ? 'query' : 'expression'}: ${problem}`);
    return statement ? text.replace(/;\s*$/, '') : text;
  }

  qualified(key: string, path: Path): { schema: string; name: string } {
    const parsed = parseQualifiedName(key);
    if (!parsed) this.fail(path, `"${key}" is not a name: write name, schema.name or "Quoted Name"`);
    const schema = parsed.schema ?? DEFAULT_SCHEMA;
    checkIdent(this, schema, path);
    checkIdent(this, parsed.name, path);
    return { schema, name: parsed.name };
  }
}

function checkIdent(reader: Reader, name: string, path: Path): void {
  if (name.length === 0) reader.fail(path, 'a name cannot be empty');
  if (name.includes('\u0000')) reader.fail(path, 'a name cannot contain a NUL character');
  if (utf8Length(name) > MAX_IDENT_BYTES) {
    reader.fail(path, `"${name}" is longer than ${MAX_IDENT_BYTES} bytes, which PostgreSQL would truncate`);
  }
}

/** Bytes of `text` in UTF-8. A name of up to 21 UTF-16 units cannot pass 63 bytes: skip counting. */
function utf8Length(text: string): number {
  if (text.length * 3 <= MAX_IDENT_BYTES) return text.length;
  let bytes = 0;
  for (let i = 0; i < text.length; i += 1) {
    const code = text.charCodeAt(i);
    if (code < 0x80) bytes += 1;
    else if (code < 0x800) bytes += 2;
    else if (code >= 0xd800 && code <= 0xdbff && i + 1 < text.length && (text.charCodeAt(i + 1) & 0xfc00) === 0xdc00) {
      bytes += 4;
      i += 1;
    } else bytes += 3;
  }
  return bytes;
}

function describe(value: Json | undefined): string {
  if (value === undefined) return 'nothing';
  if (value === null) return 'null';
  if (Array.isArray(value)) return 'an array';
  if (typeof value === 'object') return 'an object';
  return `${typeof value} ${JSON.stringify(value)}`;
}

/** JSON path segment: `.name` when simple, `["odd name"]` otherwise. */
export function join(path: string, key: string | number): string {
  if (typeof key === 'number') return `${path}[${key}]`;
  return /^[A-Za-z_][A-Za-z0-9_]*$/.test(key) ? `${path}.${key}` : `${path}[${JSON.stringify(key)}]`;
}

/**
 * Parses JSON text strictly (see core/json): a syntax error names its line and column, a key
 * repeated in one object names both places and its JSON path.
 */
export function parseJson(text: string, file?: string): Json {
  try {
    return parseJsonText(text);
  } catch (error) {
    if (error instanceof JsonTextError) throw new SpecError(error.message, error.path, file);
    throw error;
  }
}

const TOP_KEYS = ['$schema', 'version', 'schemas', 'ignore', 'extensions', 'enums', 'sequences', 'tables', 'views'] as const;
const TABLE_KEYS = ['comment', 'columns', 'primaryKey', 'unique', 'foreignKeys', 'checks', 'exclusions', 'indexes'] as const;
/**
 * An operator of an exclusion constraint goes into SQL as written: operator characters only (no
 * comment start), or OPERATOR(schema.op).
 */
const OPERATOR = /^(?:[+\-*/<>=~!@#%^&|`?]{1,63}|OPERATOR\(\s*(?:"[^"]+"|[A-Za-z_][A-Za-z0-9_$]*)\s*\.\s*[+\-*/<>=~!@#%^&|`?]{1,63}\s*\))$/;
const COLUMN_KEYS = ['type', 'nullable', 'default', 'identity', 'generated', 'collation', 'comment', 'using', 'virtual'] as const;
const FK_ACTIONS: readonly FkAction[] = ['no action', 'restrict', 'cascade', 'set null', 'set default'];
const FK_MATCH: readonly FkMatch[] = ['simple', 'full', 'partial'];
const SERIAL_TYPES: Record<string, string> = {
  smallserial: 'smallint',
  serial2: 'smallint',
  serial: 'integer',
  serial4: 'integer',
  bigserial: 'bigint',
  serial8: 'bigint',
};

/**
 * Parses spec text into the schema model and the scope it manages. Throws SpecError naming the
 * file, the JSON path of the bad value and what was expected.
 */
export function parseSpec(text: string, file?: string): ParsedSpec {
  return parseSpecJson(parseJson(text, file), file);
}

/**
 * The schemas a spec manages: those it lists under "schemas" and those its enums, sequences,
 * tables and views are in (public when it names none). It reads the JSON as it is, unchecked, so
 * that the live catalog can be read while the spec is being checked; parseSpecJson takes the
 * spec's schemas from here too, so both always agree on a valid spec.
 */
export function specSchemas(json: Json): string[] {
  const isObject = (value: Json | undefined): value is JsonObject => typeof value === 'object' && value !== null && !Array.isArray(value);
  const names = new Set<string>();
  if (!isObject(json)) return [DEFAULT_SCHEMA];
  if (isObject(json.schemas)) for (const name of Object.keys(json.schemas)) names.add(name);
  for (const section of [json.enums, json.sequences, json.tables, json.views]) {
    if (!isObject(section)) continue;
    for (const key of Object.keys(section)) {
      const parsed = parseQualifiedName(key);
      if (parsed) names.add(parsed.schema ?? DEFAULT_SCHEMA);
    }
  }
  if (names.size === 0) names.add(DEFAULT_SCHEMA);
  return [...names].sort(compareText);
}

/** parseSpec of JSON already parsed (by parseJson, whose syntax errors carry line and column). */
export function parseSpecJson(json: Json, file?: string): ParsedSpec {
  const r = new Reader(file);
  const root = r.object(json, '$', TOP_KEYS);
  if (root.version === undefined) r.fail('$.version', `missing; this pgdrift reads spec version ${SPEC_VERSION}`);
  if (root.version !== SPEC_VERSION) {
    r.fail('$.version', `unsupported spec version ${JSON.stringify(root.version)}; this pgdrift reads version ${SPEC_VERSION}`);
  }
  if (root.$schema !== undefined) r.string(root.$schema, '$.$schema');

  const schema = emptySchema();
  const tablePaths = new Map<string, Path>();

  for (const [name, value] of Object.entries(r.map(root.schemas, '$.schemas'))) {
    const path = at('$.schemas', name);
    checkIdent(r, name, path);
    const body = r.object(value, path, ['comment']);
    const comment = r.optString(body.comment, at(path, 'comment'));
    schema.schemas[name] = comment === undefined ? {} : { comment };
  }

  for (const [name, value] of Object.entries(r.map(root.extensions, '$.extensions'))) {
    const path = at('$.extensions', name);
    checkIdent(r, name, path);
    const body = r.object(value, path, ['schema', 'version']);
    const extSchema = body.schema === undefined ? DEFAULT_SCHEMA : r.ident(body.schema, at(path, 'schema'));
    const version = r.optString(body.version, at(path, 'version'));
    schema.extensions[name] = version === undefined ? { name, schema: extSchema } : { name, schema: extSchema, version };
  }

  for (const [key, value] of Object.entries(r.map(root.enums, '$.enums'))) {
    const path = at('$.enums', key);
    const q = r.qualified(key, path);
    const body = r.object(value, path, ['values', 'comment']);
    const values = r.array(body.values, at(path, 'values')).map((v, i) => r.string(v, at(at(path, 'values'), i)));
    if (values.length === 0) r.fail(at(path, 'values'), 'an enum needs at least one value');
    const dup = values.find((v, i) => values.indexOf(v) !== i);
    if (dup !== undefined) r.fail(at(path, 'values'), `value "${dup}" is listed twice`);
    const comment = r.optString(body.comment, at(path, 'comment'));
    const display = displayQualified(q.schema, q.name);
    if (schema.enums[display]) r.fail(path, `enum ${display} is listed twice`);
    schema.enums[display] = { ...q, values, ...(comment === undefined ? {} : { comment }) };
  }

  for (const [key, value] of Object.entries(r.map(root.sequences, '$.sequences'))) {
    const path = at('$.sequences', key);
    const q = r.qualified(key, path);
    const display = displayQualified(q.schema, q.name);
    if (schema.sequences[display]) r.fail(path, `sequence ${display} is listed twice`);
    schema.sequences[display] = parseSequence(r, q, value, path);
  }

  for (const [key, value] of Object.entries(r.map(root.tables, '$.tables'))) {
    const path = at('$.tables', key);
    const q = r.qualified(key, path);
    const display = displayQualified(q.schema, q.name);
    if (schema.tables[display]) r.fail(path, `table ${display} is listed twice`);
    schema.tables[display] = parseTable(r, q, value, path);
    tablePaths.set(display, path);
  }

  for (const [key, value] of Object.entries(r.map(root.views, '$.views'))) {
    const path = at('$.views', key);
    const q = r.qualified(key, path);
    const body = r.object(value, path, ['query', 'materialized', 'comment']);
    const definition = r.fragment(body.query, at(path, 'query'), 'the view query', true);
    const comment = r.optString(body.comment, at(path, 'comment'));
    const display = displayQualified(q.schema, q.name);
    if (schema.tables[display]) r.fail(path, `${display} is both a table and a view`);
    if (schema.views[display]) r.fail(path, `view ${display} is listed twice`);
    schema.views[display] = {
      ...q,
      materialized: r.bool(body.materialized, at(path, 'materialized'), false),
      definition,
      ...(comment === undefined ? {} : { comment }),
    };
  }

  // Schemas the spec uses are schemas it manages, whether or not it lists them.
  for (const name of specSchemas(root)) schema.schemas[name] ??= {};
  schema.schemas = sortRecord(schema.schemas);
  resolveEnumTypes(schema);

  for (const [display, table] of Object.entries(schema.tables)) {
    table.foreignKeys.forEach((fk, i) => {
      const target = schema.tables[fk.refTable];
      fk.refColumns.forEach((col, j) => {
        if (target && !target.columns.some((c) => c.name === col)) {
          r.fail(
            at(at(at(at(at(tablePaths.get(display) ?? '$.tables', 'foreignKeys'), i), 'references'), 'columns'), j),
            `references column "${col}" that ${fk.refTable} does not have`,
          );
        }
      });
    });
  }

  const ignore = r.array(root.ignore, '$.ignore').map((item, i) => {
    const pattern = r.string(item, `$.ignore[${i}]`);
    if (!/^[^.]+(\.[^.]+)?$/.test(pattern.replace(/"[^"]*"/g, 'x'))) {
      r.fail(`$.ignore[${i}]`, `"${pattern}" is not a pattern: write schema.name, schema.* or name`);
    }
    return pattern;
  });

  return {
    schema: {
      ...schema,
      enums: sortRecord(schema.enums),
      sequences: sortRecord(schema.sequences),
      tables: sortRecord(schema.tables),
      views: sortRecord(schema.views),
      extensions: sortRecord(schema.extensions),
    },
    scope: { schemas: Object.keys(schema.schemas), ignore },
  };
}

/**
 * Gives a column typed with a spec enum's own name, unquoted and not in lower case (`Role`,
 * `app.Role[]`, as Prisma names its enums), that enum's quoted name. SQL would fold the text to
 * `role` and miss the enum whether or not the database has it yet; the spec says the name it means
 * (its keys are not folded either). A bare name is looked for in the spec's schemas, then public:
 * the search_path PostgreSQL reads the spec with (see plan.specSearchPath).
 */
function resolveEnumTypes(schema: Schema): void {
  const enums = new Set(Object.values(schema.enums).map((e) => displayQualified(e.schema, e.name)));
  if (enums.size === 0) return;
  const order = [...new Set([...Object.keys(schema.schemas), DEFAULT_SCHEMA])];
  const resolved = new Map<string, string>();
  const resolve = (type: string): string => {
    const match = /^(.*?)((?:\s*\[\s*\d*\s*\])*)$/s.exec(type);
    const base = (match?.[1] ?? type).trim();
    if (base.includes('"') || base === base.toLowerCase()) return type;
    const parsed = parseQualifiedName(base);
    if (!parsed) return type;
    const schemaName = parsed.schema === undefined ? order.find((s) => enums.has(displayQualified(s, parsed.name))) : parsed.schema;
    if (schemaName === undefined || !enums.has(displayQualified(schemaName, parsed.name))) return type;
    return `${quoteQualified(schemaName, parsed.name)}${(match?.[2] ?? '').replace(/\s+/g, '')}`;
  };
  for (const table of Object.values(schema.tables)) {
    for (const column of table.columns) {
      let type = resolved.get(column.type);
      if (type === undefined) resolved.set(column.type, (type = resolve(column.type)));
      column.type = type;
    }
  }
}

const TYPE_LIMITS: Record<string, [string, string]> = {
  smallint: ['-32768', '32767'],
  integer: ['-2147483648', '2147483647'],
  bigint: ['-9223372036854775808', '9223372036854775807'],
};
const TYPE_ALIASES: Record<string, string> = { int2: 'smallint', int4: 'integer', int: 'integer', int8: 'bigint' };

function parseSequence(r: Reader, q: { schema: string; name: string }, value: Json | undefined, path: Path): Sequence {
  const body = r.object(value, path, ['type', 'start', 'increment', 'min', 'max', 'cache', 'cycle', 'comment']);
  const rawType = (r.optString(body.type, at(path, 'type')) ?? 'bigint').toLowerCase();
  const type = TYPE_ALIASES[rawType] ?? rawType;
  const limits = TYPE_LIMITS[type];
  if (!limits) r.fail(at(path, 'type'), `expected smallint, integer or bigint, got "${rawType}"`);
  const increment = r.integerText(body.increment, at(path, 'increment')) ?? '1';
  if (increment === '0') r.fail(at(path, 'increment'), 'a sequence cannot step by 0');
  const ascending = !increment.startsWith('-');
  const min = r.integerText(body.min, at(path, 'min')) ?? (ascending ? '1' : limits[0]);
  const max = r.integerText(body.max, at(path, 'max')) ?? (ascending ? limits[1] : '-1');
  const start = r.integerText(body.start, at(path, 'start')) ?? (ascending ? min : max);
  const cache = r.integerText(body.cache, at(path, 'cache')) ?? '1';
  const comment = r.optString(body.comment, at(path, 'comment'));
  return {
    ...q,
    type,
    start,
    increment,
    min,
    max,
    cache,
    cycle: r.bool(body.cycle, at(path, 'cycle'), false),
    ...(comment === undefined ? {} : { comment }),
  };
}

function parseTable(r: Reader, q: { schema: string; name: string }, value: Json | undefined, path: Path): Table {
  const body = r.object(value, path, TABLE_KEYS);
  const columnsPath = at(path, 'columns');
  const columns: Column[] = Object.entries(r.map(body.columns, columnsPath)).map(([name, spec]) =>
    parseColumn(r, name, spec, at(columnsPath, name)),
  );
  const names = new Set(columns.map((c) => c.name));
  const known = (list: string[], where: Path): string[] => {
    for (const [i, col] of list.entries()) {
      if (!names.has(col)) r.fail(at(where, i), `column "${col}" is not a column of this table`);
    }
    return list;
  };

  const table: Table = { ...q, columns, uniques: [], foreignKeys: [], checks: [], indexes: {} };
  const comment = r.optString(body.comment, at(path, 'comment'));
  if (comment !== undefined) table.comment = comment;

  if (body.primaryKey !== undefined) {
    const pkPath = at(path, 'primaryKey');
    const pk = Array.isArray(body.primaryKey) ? { columns: body.primaryKey } : r.object(body.primaryKey, pkPath, ['name', 'columns']);
    const pkCols = known(r.identList(pk.columns, at(pkPath, 'columns'), true), at(pkPath, 'columns'));
    const name = pk.name === undefined ? undefined : r.ident(pk.name, at(pkPath, 'name'));
    table.primaryKey = name === undefined ? { columns: pkCols } : { name, columns: pkCols };
    // PostgreSQL makes primary key columns NOT NULL.
    for (const col of columns) if (pkCols.includes(col.name)) col.notNull = true;
  }

  table.uniques = r.array(body.unique, at(path, 'unique')).map((item, i) => {
    const p = at(at(path, 'unique'), i);
    const u = Array.isArray(item)
      ? { columns: item }
      : r.object(item, p, ['name', 'columns', 'include', 'nullsNotDistinct', 'deferrable', 'initiallyDeferred']);
    const unique: UniqueConstraint = {
      columns: known(r.identList(u.columns, at(p, 'columns'), true), at(p, 'columns')),
      nullsNotDistinct: r.bool(u.nullsNotDistinct, at(p, 'nullsNotDistinct'), false),
      deferrable: r.bool(u.deferrable, at(p, 'deferrable'), false),
      initiallyDeferred: r.bool(u.initiallyDeferred, at(p, 'initiallyDeferred'), false),
    };
    const include = known(r.identList(u.include, at(p, 'include'), false), at(p, 'include'));
    if (include.length) unique.include = include;
    if (u.name !== undefined) unique.name = r.ident(u.name, at(p, 'name'));
    return unique;
  });

  table.foreignKeys = r.array(body.foreignKeys, at(path, 'foreignKeys')).map((item, i) => {
    const p = at(at(path, 'foreignKeys'), i);
    const f = r.object(item, p, ['name', 'columns', 'references', 'onDelete', 'onUpdate', 'match', 'deferrable', 'initiallyDeferred']);
    const ref = r.object(f.references, at(p, 'references'), ['table', 'columns']);
    const refPath = at(p, 'references');
    const refTarget = r.qualified(r.string(ref.table, at(refPath, 'table')), at(refPath, 'table'));
    const fkCols = known(r.identList(f.columns, at(p, 'columns'), true), at(p, 'columns'));
    const refCols = r.identList(ref.columns, at(refPath, 'columns'), true);
    if (refCols.length !== fkCols.length) {
      r.fail(at(refPath, 'columns'), `lists ${refCols.length} columns for ${fkCols.length} referencing columns`);
    }
    const fk: ForeignKey = {
      columns: fkCols,
      refTable: displayQualified(refTarget.schema, refTarget.name),
      refColumns: refCols,
      onDelete: r.oneOf(f.onDelete, at(p, 'onDelete'), FK_ACTIONS, 'no action'),
      onUpdate: r.oneOf(f.onUpdate, at(p, 'onUpdate'), FK_ACTIONS, 'no action'),
      match: r.oneOf(f.match, at(p, 'match'), FK_MATCH, 'simple'),
      deferrable: r.bool(f.deferrable, at(p, 'deferrable'), false),
      initiallyDeferred: r.bool(f.initiallyDeferred, at(p, 'initiallyDeferred'), false),
    };
    if (f.name !== undefined) fk.name = r.ident(f.name, at(p, 'name'));
    return fk;
  });

  table.checks = r.array(body.checks, at(path, 'checks')).map((item, i) => {
    const p = at(at(path, 'checks'), i);
    const c = typeof item === 'string' ? { expression: item } : r.object(item, p, ['name', 'expression', 'noInherit']);
    const check: CheckConstraint = {
      expression: r.fragment(c.expression, typeof item === 'string' ? p : at(p, 'expression'), 'the check'),
      noInherit: r.bool(c.noInherit, at(p, 'noInherit'), false),
    };
    if (c.name !== undefined) check.name = r.ident(c.name, at(p, 'name'));
    return check;
  });

  const exclusions = r
    .array(body.exclusions, at(path, 'exclusions'))
    .map((item, i) => parseExclusion(r, item, at(at(path, 'exclusions'), i), names));
  if (exclusions.length) table.exclusions = exclusions;

  const indexesPath = at(path, 'indexes');
  for (const [name, spec] of Object.entries(r.map(body.indexes, indexesPath))) {
    const p = at(indexesPath, name);
    checkIdent(r, name, p);
    table.indexes[name] = parseIndex(r, name, spec, p, names);
  }
  table.indexes = sortRecord(table.indexes);
  return table;
}

/** Column clauses a type text must not carry: each has its own key, where it is checked and diffed. */
const TYPE_CLAUSES: Array<[RegExp, string]> = [
  [/--|\/\*/, 'it contains a comment'],
  [/\bdefault\b/i, 'write a default under "default"'],
  [/\b(not\s+)?null\b/i, 'write nullability under "nullable"'],
  [/\bprimary\b/i, 'write the key under the table\'s "primaryKey"'],
  [/\bunique\b/i, 'write it under the table\'s "unique"'],
  [/\breferences\b/i, 'write it under the table\'s "foreignKeys"'],
  [/\bcheck\b/i, 'write it under the table\'s "checks"'],
  [/\bcollate\b/i, 'write the collation under "collation"'],
  [/\bgenerated\b/i, 'write it under "identity" or "generated" (a type named generated must be quoted)'],
  [/\b(constraint|deferrable|initially)\b/i, 'constraints go under the table'],
];

/** Why a column's type text is more than a type (`int DEFAULT 5`), or null. Quoted names are exempt. */
function typeClauseProblem(type: string): string | null {
  const bare = type.replace(/"(?:[^"]|"")*"/g, '""');
  for (const [pattern, advice] of TYPE_CLAUSES) if (pattern.test(bare)) return advice;
  return null;
}

/** Why a column's type text is refused, or null. */
function typeComplaint(rawType: string): string | null {
  const typeProblem = fragmentProblem(rawType) ?? typeClauseProblem(rawType);
  if (typeProblem || /[,]/.test(rawType.replace(/\([^)]*\)/g, '')))
    return `"${rawType}" is not a type name${typeProblem ? `: ${typeProblem}` : ''}`;
  return null;
}

function parseColumn(r: Reader, name: string, value: Json | undefined, path: Path): Column {
  checkIdent(r, name, path);
  const body = typeof value === 'string' ? { type: value } : r.object(value, path, COLUMN_KEYS);
  const rawType = r.string(body.type, at(path, 'type')).trim();
  let complaint = r.types.get(rawType);
  if (complaint === undefined) r.types.set(rawType, (complaint = typeComplaint(rawType)));
  if (complaint !== null) r.fail(at(path, 'type'), complaint);
  const serialBase = SERIAL_TYPES[rawType.toLowerCase()];
  const column: Column = {
    name,
    type: serialBase ?? rawType,
    notNull: !r.bool(body.nullable, at(path, 'nullable'), true),
  };
  if (serialBase) {
    column.serial = true;
    column.notNull = body.nullable !== true;
  }
  if (body.default !== undefined && body.default !== null) {
    if (serialBase) r.fail(at(path, 'default'), 'a serial column takes its default from its sequence');
    column.default = r.fragment(body.default, at(path, 'default'), 'the default');
  }
  if (body.identity !== undefined && body.identity !== null) {
    column.identity = r.oneOf(body.identity, at(path, 'identity'), ['always', 'by default'] as const, 'always');
    if (column.default !== undefined || serialBase)
      r.fail(at(path, 'identity'), 'an identity column cannot also have a default or be serial');
    column.notNull = true;
  }
  if (body.generated !== undefined && body.generated !== null) {
    column.generated = r.fragment(body.generated, at(path, 'generated'), 'the generated expression');
    if (column.default !== undefined || column.identity)
      r.fail(at(path, 'generated'), 'a generated column cannot also have a default or identity');
    if (r.bool(body.virtual, at(path, 'virtual'), false)) column.virtual = true;
  } else if (body.virtual !== undefined) {
    r.fail(at(path, 'virtual'), 'only a generated column can be virtual');
  }
  const collation = r.optString(body.collation, at(path, 'collation'));
  if (collation !== undefined) {
    checkIdent(r, collation, at(path, 'collation'));
    column.collation = collation;
  }
  const comment = r.optString(body.comment, at(path, 'comment'));
  if (comment !== undefined) column.comment = comment;
  if (body.using !== undefined && body.using !== null)
    column.using = r.fragment(body.using, at(path, 'using'), 'the conversion expression');
  return column;
}

function parseExclusion(r: Reader, value: Json | undefined, path: Path, columns: Set<string>): ExclusionConstraint {
  const body = r.object(value, path, ['name', 'using', 'elements', 'include', 'where', 'deferrable', 'initiallyDeferred']);
  const elementsPath = at(path, 'elements');
  const items = r.array(body.elements, elementsPath);
  if (items.length === 0) r.fail(elementsPath, 'an exclusion constraint needs at least one element');
  const elements = items.map((item, i) => {
    const p = at(elementsPath, i);
    const fields = r.object(item, p, ['column', 'expression', 'order', 'nulls', 'opclass', 'collation', 'operator']);
    const { operator, ...key } = fields;
    const op = r.string(operator, at(p, 'operator')).trim();
    if (!OPERATOR.test(op) || op.includes('--') || op.includes('/*'))
      r.fail(at(p, 'operator'), `"${op}" is not an operator: write it as in SQL, e.g. "&&", "=", or OPERATOR(schema.op)`);
    return { ...parseKey(r, key, p, columns), operator: op };
  });
  const include = r.identList(body.include, at(path, 'include'), false);
  for (const [i, col] of include.entries()) {
    if (!columns.has(col)) r.fail(at(at(path, 'include'), i), `column "${col}" is not a column of this table`);
  }
  const exclusion: ExclusionConstraint = {
    method: (r.optString(body.using, at(path, 'using')) ?? 'gist').toLowerCase(),
    elements,
    include,
    deferrable: r.bool(body.deferrable, at(path, 'deferrable'), false),
    initiallyDeferred: r.bool(body.initiallyDeferred, at(path, 'initiallyDeferred'), false),
  };
  if (body.name !== undefined) exclusion.name = r.ident(body.name, at(path, 'name'));
  if (body.where !== undefined && body.where !== null) exclusion.where = r.fragment(body.where, at(path, 'where'), 'the predicate');
  return exclusion;
}

/** One key of an index or element of an exclusion constraint: a column name or an object. */
function parseKey(r: Reader, item: Json, p: Path, columns: Set<string>): IndexKey {
  if (typeof item === 'string') {
    if (!columns.has(item)) r.fail(p, `column "${item}" is not a column of this table (write {"expression": "…"} for an expression)`);
    return { expression: item, column: true, descending: false, nullsFirst: false };
  }
  const k = r.object(item, p, ['column', 'expression', 'order', 'nulls', 'opclass', 'collation']);
  if ((k.column === undefined) === (k.expression === undefined)) r.fail(p, 'give exactly one of "column" or "expression"');
  const isColumn = k.column !== undefined;
  const expression = isColumn ? r.ident(k.column, at(p, 'column')) : r.fragment(k.expression, at(p, 'expression'), 'the index expression');
  if (isColumn && !columns.has(expression)) r.fail(at(p, 'column'), `column "${expression}" is not a column of this table`);
  const descending = r.oneOf(k.order, at(p, 'order'), ['asc', 'desc'] as const, 'asc') === 'desc';
  const nulls = r.oneOf(k.nulls, at(p, 'nulls'), ['first', 'last'] as const, descending ? 'first' : 'last');
  const key: IndexKey = { expression, column: isColumn, descending, nullsFirst: nulls === 'first' };
  const opclass = r.optString(k.opclass, at(p, 'opclass'));
  if (opclass !== undefined) key.opclass = opclass;
  const collation = r.optString(k.collation, at(p, 'collation'));
  if (collation !== undefined) key.collation = collation;
  return key;
}

function parseIndex(r: Reader, name: string, value: Json | undefined, path: Path, columns: Set<string>): Index {
  const body = r.object(value, path, ['columns', 'unique', 'method', 'where', 'include', 'nullsNotDistinct']);
  const keysPath = at(path, 'columns');
  const items = r.array(body.columns, keysPath);
  if (items.length === 0) r.fail(keysPath, 'an index needs at least one column or expression');
  const keys: IndexKey[] = items.map((item, i) => parseKey(r, item, at(keysPath, i), columns));
  const include = r.identList(body.include, at(path, 'include'), false);
  for (const [i, col] of include.entries()) {
    if (!columns.has(col)) r.fail(at(at(path, 'include'), i), `column "${col}" is not a column of this table`);
  }
  const index: Index = {
    name,
    unique: r.bool(body.unique, at(path, 'unique'), false),
    method: (r.optString(body.method, at(path, 'method')) ?? 'btree').toLowerCase(),
    keys,
    include,
    nullsNotDistinct: r.bool(body.nullsNotDistinct, at(path, 'nullsNotDistinct'), false),
  };
  if (body.where !== undefined && body.where !== null) index.where = r.fragment(body.where, at(path, 'where'), 'the index predicate');
  return index;
}

/**
 * Writes a schema as a spec: stable key order, defaults omitted, so that a snapshot reviews well
 * in a diff and `snapshot` → `check` on the same database is clean.
 */
export function toSpec(schema: Schema, schemaUrl = SPEC_SCHEMA_URL): Record<string, unknown> {
  const out: Record<string, unknown> = { $schema: schemaUrl, version: SPEC_VERSION };
  out.schemas = Object.fromEntries(
    Object.keys(schema.schemas)
      .sort(compareText)
      .map((name) => [name, withOptional({}, 'comment', schema.schemas[name]?.comment)]),
  );
  if (Object.keys(schema.extensions).length) {
    out.extensions = mapSorted(schema.extensions, (e) => ({ schema: e.schema, ...(e.version ? { version: e.version } : {}) }));
  }
  if (Object.keys(schema.enums).length) {
    out.enums = mapSorted(schema.enums, (e) => withOptional({ values: e.values }, 'comment', e.comment));
  }
  if (Object.keys(schema.sequences).length) {
    out.sequences = mapSorted(schema.sequences, (s) =>
      withOptional(
        {
          type: s.type,
          start: num(s.start),
          increment: num(s.increment),
          min: num(s.min),
          max: num(s.max),
          cache: num(s.cache),
          cycle: s.cycle,
        },
        'comment',
        s.comment,
      ),
    );
  }
  out.tables = mapSorted(schema.tables, tableSpec);
  if (Object.keys(schema.views).length) {
    out.views = mapSorted(schema.views, (v) =>
      withOptional({ query: v.definition, ...(v.materialized ? { materialized: true } : {}) }, 'comment', v.comment),
    );
  }
  return out;
}

function tableSpec(t: Table): Record<string, unknown> {
  const pkCols = new Set(t.primaryKey?.columns ?? []);
  const out: Record<string, unknown> = {};
  if (t.comment !== undefined) out.comment = t.comment;
  out.columns = Object.fromEntries(t.columns.map((c) => [c.name, columnSpec(c, pkCols.has(c.name))]));
  if (t.primaryKey) out.primaryKey = withOptional({}, 'name', t.primaryKey.name, { columns: t.primaryKey.columns });
  if (t.uniques.length) {
    out.unique = sortByName(t.uniques).map((u) => ({
      ...(u.name ? { name: u.name } : {}),
      columns: u.columns,
      ...(u.include?.length ? { include: u.include } : {}),
      ...(u.nullsNotDistinct ? { nullsNotDistinct: true } : {}),
      ...(u.deferrable ? { deferrable: true } : {}),
      ...(u.initiallyDeferred ? { initiallyDeferred: true } : {}),
    }));
  }
  if (t.foreignKeys.length) {
    out.foreignKeys = sortByName(t.foreignKeys).map((f) => ({
      ...(f.name ? { name: f.name } : {}),
      columns: f.columns,
      references: { table: f.refTable, columns: f.refColumns },
      ...(f.onDelete !== 'no action' ? { onDelete: f.onDelete } : {}),
      ...(f.onUpdate !== 'no action' ? { onUpdate: f.onUpdate } : {}),
      ...(f.match !== 'simple' ? { match: f.match } : {}),
      ...(f.deferrable ? { deferrable: true } : {}),
      ...(f.initiallyDeferred ? { initiallyDeferred: true } : {}),
    }));
  }
  if (t.checks.length) {
    out.checks = sortByName(t.checks).map((c) => ({
      ...(c.name ? { name: c.name } : {}),
      expression: c.expression,
      ...(c.noInherit ? { noInherit: true } : {}),
    }));
  }
  if (t.exclusions?.length) {
    out.exclusions = sortByName(t.exclusions).map((x) => ({
      ...(x.name ? { name: x.name } : {}),
      using: x.method,
      elements: x.elements.map((e) => ({ ...(keySpec(e, true) as Record<string, unknown>), operator: e.operator })),
      ...(x.include.length ? { include: x.include } : {}),
      ...(x.where !== undefined ? { where: x.where } : {}),
      ...(x.deferrable ? { deferrable: true } : {}),
      ...(x.initiallyDeferred ? { initiallyDeferred: true } : {}),
    }));
  }
  if (Object.keys(t.indexes).length) out.indexes = mapSorted(t.indexes, indexSpec);
  return out;
}

function columnSpec(c: Column, inPrimaryKey: boolean): Record<string, unknown> {
  const out: Record<string, unknown> = { type: c.serial ? serialType(c.type) : c.type };
  const impliedNotNull = inPrimaryKey || c.serial === true || c.identity !== undefined;
  if (c.notNull && !impliedNotNull) out.nullable = false;
  if (!c.notNull && impliedNotNull) out.nullable = true;
  if (c.default !== undefined) out.default = c.default;
  if (c.identity) out.identity = c.identity;
  if (c.generated !== undefined) out.generated = c.generated;
  if (c.virtual) out.virtual = true;
  if (c.collation !== undefined) out.collation = c.collation;
  if (c.comment !== undefined) out.comment = c.comment;
  return out;
}

/** A key as the spec writes it: a plain column as its name, unless `asObject`. */
function keySpec(k: IndexKey, asObject = false): string | Record<string, unknown> {
  const simple = k.column && !k.descending && !k.nullsFirst && !k.opclass && !k.collation;
  if (simple && !asObject) return k.expression;
  return {
    [k.column ? 'column' : 'expression']: k.expression,
    ...(k.descending ? { order: 'desc' } : {}),
    ...(k.nullsFirst !== k.descending ? { nulls: k.nullsFirst ? 'first' : 'last' } : {}),
    ...(k.opclass ? { opclass: k.opclass } : {}),
    ...(k.collation ? { collation: k.collation } : {}),
  };
}

function indexSpec(i: Index): Record<string, unknown> {
  const out: Record<string, unknown> = {
    columns: i.keys.map((k) => keySpec(k)),
  };
  if (i.unique) out.unique = true;
  if (i.method !== 'btree') out.method = i.method;
  if (i.include.length) out.include = i.include;
  if (i.where !== undefined) out.where = i.where;
  if (i.nullsNotDistinct) out.nullsNotDistinct = true;
  return out;
}

function withOptional(
  base: Record<string, unknown>,
  key: string,
  value: unknown,
  rest: Record<string, unknown> = {},
): Record<string, unknown> {
  return value === undefined ? { ...base, ...rest } : { ...base, [key]: value, ...rest };
}

function mapSorted<T>(record: Record<string, T>, fn: (value: T) => unknown): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  for (const key of Object.keys(record).sort(compareText)) out[key] = fn(record[key] as T);
  return out;
}

function sortByName<T extends { name?: string }>(items: T[]): T[] {
  return [...items].sort((a, b) => compareText(a.name ?? '', b.name ?? ''));
}

function num(text: string): number | string {
  const n = Number(text);
  return Number.isSafeInteger(n) ? n : text;
}

/**
 * True when `schemaName.name` is matched by one of the scope's ignore patterns: `schema.name`,
 * `name` (in public), with `*` standing for any run of characters (`audit.*`, `public.knex_*`).
 */
export function isIgnored(scope: Scope, schemaName: string, name: string): boolean {
  return scope.ignore.some((pattern) => {
    const parsed = parseQualifiedName(pattern);
    if (!parsed) return false;
    return globMatch(parsed.schema ?? DEFAULT_SCHEMA, schemaName) && globMatch(parsed.name, name);
  });
}

/**
 * Whether `text` is matched by `pattern`, where `*` stands for any run of characters (none
 * included) and every other character for itself. Greedy with one backtrack point (the last `*`),
 * so it takes at most O(pattern × text) steps whatever the pattern: a spec's pattern of many `*`
 * cannot stall a check the way a backtracking regular expression would.
 */
export function globMatch(pattern: string, text: string): boolean {
  let p = 0;
  let t = 0;
  let star = -1;
  let resume = 0;
  while (t < text.length) {
    if (p < pattern.length && pattern[p] === '*') {
      star = p;
      p += 1;
      resume = t;
    } else if (p < pattern.length && pattern[p] === text[t]) {
      p += 1;
      t += 1;
    } else if (star >= 0) {
      p = star + 1;
      resume += 1;
      t = resume;
    } else {
      return false;
    }
  }
  while (p < pattern.length && pattern[p] === '*') p += 1;
  return p === pattern.length;
}
