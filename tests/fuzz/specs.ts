/**
 * Hostile specs for the fuzz test (tests/integration/fuzz.test.ts) and `npm run fuzz`
 * (scripts/fuzz.ts): valid specs, then mutated (wrong types, huge numbers, deep nesting, odd
 * Unicode, hostile names and expressions). Seeded: spec `n` of seed `s` is the same everywhere.
 */
import { Rng } from '../../bench/rng.js';

type Json = null | boolean | number | string | Json[] | { [key: string]: Json };

const TYPES = [
  'int',
  'bigint',
  'text',
  'varchar(20)',
  'numeric(10,2)',
  'boolean',
  'timestamptz',
  'date',
  'jsonb',
  'uuid',
  'text[]',
  'int4',
  'double precision',
];
const NAMES = [
  'id',
  'name',
  'Email',
  'order',
  'select',
  'a b',
  'x"y',
  "o'k",
  'ünï',
  'e\u0301',
  '\u202eevil',
  'z\u200bw',
  '😀',
  'a'.repeat(63),
  'b'.repeat(64),
  '',
  ' ',
  '$1',
  'pg_temp',
  'pgdrift_t0',
  'pgdrift_e0_k1',
];
const EXPRESSIONS = [
  '0',
  "''",
  'now()',
  "'x'",
  'id + 1',
  'length(name)',
  'lower(name)',
  "repeat('x', 900000000)",
  'pg_sleep(10)',
  '(SELECT 1)',
  'nosuchfn()',
  '1); DROP TABLE t; --',
  "'; DROP TABLE t; --",
  '$$ $$',
  '/* unterminated',
  '-- comment',
  "E'\\\\'",
  '(',
  ')',
  'NULL',
  'true',
  '9'.repeat(400),
  '1e999999',
  "(database_to_xml(true, false, ''))::text::int",
  "current_setting('server_version')",
  'random() > 0.5',
  "'\u0000'",
  'id::text || name',
  'generate_series(1, 10)',
  'count(*)',
  'row_number() over ()',
  '\'a\' COLLATE "C"',
  "pg_read_file('/etc/passwd')",
  "set_config('search_path', 'x', false)",
  "nextval('s')",
  'ARRAY[1, 2]',
  "'{}'::int[]",
  'id > 0 AND name IS NOT NULL',
  '(name COLLATE "C")',
];
const ODD: Json[] = [
  null,
  true,
  false,
  0,
  -0,
  1e308,
  -1e308,
  2 ** 53 + 1,
  1.5,
  -1,
  '',
  ' ',
  '\u0000',
  '\ud800',
  '😀'.repeat(100),
  'x'.repeat(10_000),
  [],
  {},
  [[[]]],
  { a: { b: { c: {} } } },
];

/** JSON text nested `depth` deep (built as text: a value this deep would not stringify). */
function nested(depth: number): string {
  let open = '';
  let close = '';
  for (let i = 0; i < depth; i++) {
    open += i % 2 ? '[' : '{"x":';
    close = (i % 2 ? ']' : '}') + close;
  }
  return `${open}"deep"${close}`;
}

/** A valid spec of a few tables, enums, sequences and views. */
function validSpec(rng: Rng): { [key: string]: Json } {
  const tables: { [key: string]: Json } = {};
  const enums: { [key: string]: Json } = {};
  if (rng.chance(0.3)) enums['public.mood'] = { values: ['sad', 'ok', rng.pick(['happy', 'ünï', "it's"])] };
  const sequences: { [key: string]: Json } = rng.chance(0.3) ? { s: {} } : {};
  for (let t = 0; t < rng.int(1, 3); t++) {
    const columns: { [key: string]: Json } = { id: 'bigint', name: 'text' };
    for (let c = 0; c < rng.int(0, 4); c++) {
      const column: { [key: string]: Json } = { type: rng.pick(TYPES) };
      if (rng.chance(0.3)) column.default = rng.pick(['0', "''", 'now()', "'x'", 'true', 'NULL']);
      if (rng.chance(0.2)) column.notNull = true;
      columns[`c${c}`] = column;
    }
    if (rng.chance(0.2)) columns.g = { type: 'bigint', generated: 'id + 1' };
    const table: { [key: string]: Json } = { columns, primaryKey: ['id'] };
    if (rng.chance(0.4)) table.checks = ['id > 0'];
    if (rng.chance(0.5))
      table.indexes = {
        [`t${t}_name`]: {
          columns: rng.chance(0.5) ? ['name'] : [{ expression: 'lower(name)' }],
          ...(rng.chance(0.3) ? { where: 'id > 0' } : {}),
        },
      };
    tables[`public.t${t}`] = table;
  }
  const views: { [key: string]: Json } = rng.chance(0.3) ? { 'public.v': { query: 'SELECT 1 AS one' } } : {};
  return { version: 1, enums, sequences, tables, views };
}

/** Every place in `value` (a path of keys), so that a mutation can pick one. */
function places(value: Json, path: Array<string | number> = [], out: Array<Array<string | number>> = []): Array<Array<string | number>> {
  out.push(path);
  if (Array.isArray(value)) value.forEach((v, i) => places(v, [...path, i], out));
  else if (value !== null && typeof value === 'object') for (const [k, v] of Object.entries(value)) places(v, [...path, k], out);
  return out;
}

function setAt(root: Json, path: Array<string | number>, value: Json): Json {
  if (path.length === 0) return value;
  let node = root as { [key: string]: Json } | Json[];
  for (const key of path.slice(0, -1)) node = (node as Record<string | number, Json>)[key] as { [key: string]: Json } | Json[];
  (node as Record<string | number, Json>)[path[path.length - 1] as string | number] = value;
  return root;
}

function renameAt(root: Json, path: Array<string | number>, name: string): void {
  if (path.length === 0) return;
  const parentPath = path.slice(0, -1);
  let parent: Json = root;
  for (const key of parentPath) parent = (parent as Record<string | number, Json>)[key] as Json;
  const key = path[path.length - 1];
  if (parent === null || typeof parent !== 'object' || Array.isArray(parent) || typeof key !== 'string') return;
  const value = parent[key] as Json;
  delete parent[key];
  parent[name] = value;
}

/** Spec `n` of `seed`, as the text of a file (mostly JSON, sometimes not quite). */
export function fuzzSpec(seed: number, n: number): string {
  const rng = new Rng((seed * 1_000_003 + n) >>> 0);
  let spec: Json = validSpec(rng);
  const mutations = rng.chance(0.3) ? 0 : rng.int(1, 3);
  for (let m = 0; m < mutations; m++) {
    const all = places(spec);
    const path = rng.pick(all);
    switch (rng.int(0, 6)) {
      case 0:
        spec = setAt(spec, path, rng.pick(ODD));
        break;
      case 1:
        spec = setAt(spec, path, rng.pick(EXPRESSIONS));
        break;
      case 2:
        renameAt(spec, path, rng.pick(NAMES));
        break;
      case 3:
        // Marked here, nested in the text below.
        spec = setAt(spec, path, `pgdrift-fuzz-nested-${rng.int(10, 5000)}`);
        break;
      case 4:
        spec = setAt(spec, path, rng.pick(TYPES.map((t) => `${t}${rng.pick(['', '[]', '(999999999)', ' COLLATE "C"', '; --'])}`)));
        break;
      case 5: {
        // An expression where expressions go.
        const tables = (spec as { tables?: Json }).tables;
        if (tables && typeof tables === 'object' && !Array.isArray(tables)) {
          const name = Object.keys(tables)[0];
          const table = name ? (tables[name] as { [key: string]: Json }) : undefined;
          if (table && typeof table === 'object') {
            const where = rng.int(0, 3);
            const e = rng.pick(EXPRESSIONS);
            if (where === 0) table.checks = [e];
            else if (where === 1) table.indexes = { ix: { columns: [{ expression: e }], where: rng.pick(EXPRESSIONS) } };
            else if (where === 2 && table.columns && typeof table.columns === 'object')
              (table.columns as { [key: string]: Json }).f = { type: rng.pick(TYPES), generated: e };
            else if (table.columns && typeof table.columns === 'object')
              (table.columns as { [key: string]: Json }).f = { type: rng.pick(TYPES), default: e };
          }
        }
        break;
      }
      default:
        spec = setAt(spec, path, rng.chance(0.5) ? String(rng.next()) : rng.int(-1e9, 1e9));
    }
  }
  const text = JSON.stringify(spec).replace(/"pgdrift-fuzz-nested-(\d+)"/g, (_, depth: string) => nested(Number(depth)));
  if (rng.chance(0.03)) return text.slice(0, rng.int(0, text.length));
  if (rng.chance(0.02)) return text.replace('{', '{"version": 1, ');
  return text;
}
