/**
 * PostgreSQL stores every expression it has parsed (a default, a check, an index expression or
 * predicate, a view's query) as a `pg_node_tree`: the parse tree, written out. Two spellings
 * PostgreSQL parsed to the same tree mean the same thing, however differently they are printed.
 * `normalizeTree` reads that text and removes what only says how the expression was written, so
 * that such trees compare equal as strings:
 *
 * - where in the text a node was written (`:location`, `:stmt_location`, `:stmt_len`) and the
 *   syntactic aliases of a column reference (`:varnosyn`, `:varattnosyn`);
 * - how a call or a coercion is to be displayed (`:funcformat`, `:relabelformat`, `:coerceformat`,
 *   `:convertformat`): `0::numeric` and `0` on a numeric column call the same function, one shown
 *   as an explicit cast and one as an implicit one; `x AT TIME ZONE 'utc'` and `timezone('utc', x)`
 *   or `trim(x)` and `btrim(x)` call the same function, shown in SQL syntax or as a call;
 * - a binary coercion (`RelabelType`: same bits, another type) of a constant is that constant of
 *   the other type, and a binary coercion of an array is an array of coerced elements: `c IN
 *   ('a', 'b')` on a varchar column and `c = ANY (ARRAY['a', 'b'])` compare the same text values;
 * - an integer constant widened by PostgreSQL's own cast (int2 → int4 → int8, which keeps the
 *   value and its datum word) is the constant of the wider type: `0` and `'0'::bigint`;
 * - an `ARRAY[…]` of constants of a fixed-length type passed by value (integers, booleans, enum
 *   labels) is the array constant PostgreSQL would store for it (`ARRAY['member']::role[]` and
 *   `'{member}'`), laid out as PostgreSQL lays out a one-dimensional array without nulls;
 * - an empty array of a type, however it is made (`'{}'`, `ARRAY[]::text[]`, `'{}'::varchar(20)[]`
 *   on a `varchar(20)[]` column), is the empty array of that type;
 * - `CURRENT_TIMESTAMP` and `transaction_timestamp()` are `now()`, as PostgreSQL documents them.
 *
 * Nothing else is normalised: the functions, operators, types, collations and constant values
 * of both trees still have to be the same, so `<` is not `<=`, `now()` is not
 * `statement_timestamp()` and `'a'` is not `'A'`. Pure: no I/O, nothing is evaluated.
 */

/** A node `{NAME :field value …}`: its name and its fields in order. */
interface TreeNode {
  name: string;
  fields: Array<[string, Value[]]>;
}
/** A list `(…)`: nodes, or integers/oids after a tag (`(i 1 2)`, `(o 23)`, `(b 8)`). */
interface TreeList {
  list: Value[];
}
type Value = string | TreeNode | TreeList;

const isNode = (v: Value | undefined): v is TreeNode => typeof v === 'object' && 'name' in v;
/** An `ARRAY[…]`: PostgreSQL 14 writes the node as ARRAY, later versions as ARRAYEXPR. */
const isArrayExpr = (v: Value | undefined): v is TreeNode => isNode(v) && (v.name === 'ARRAYEXPR' || v.name === 'ARRAY');

/** Splits pg_node_tree text into tokens; a backslash escapes the next character. */
function tokenize(text: string): string[] {
  const tokens: string[] = [];
  let current = '';
  let has = false;
  const flush = (): void => {
    if (has) tokens.push(current);
    current = '';
    has = false;
  };
  for (let i = 0; i < text.length; i++) {
    const ch = text[i] as string;
    if (ch === '\\' && i + 1 < text.length) {
      current += ch + (text[i + 1] as string);
      has = true;
      i += 1;
    } else if (ch === ' ' || ch === '\n' || ch === '\t') flush();
    else if (ch === '{' || ch === '}' || ch === '(' || ch === ')') {
      flush();
      tokens.push(ch);
    } else {
      current += ch;
      has = true;
    }
  }
  flush();
  return tokens;
}

class Parser {
  private at = 0;
  constructor(private readonly tokens: string[]) {}

  done(): boolean {
    return this.at >= this.tokens.length;
  }

  value(): Value {
    const t = this.tokens[this.at++];
    if (t === '{') return this.node();
    if (t === '(') return this.list();
    if (t === undefined) throw new Error('unexpected end of node tree');
    return t;
  }

  private node(): TreeNode {
    const name = this.tokens[this.at++] ?? '';
    const fields: Array<[string, Value[]]> = [];
    while (this.at < this.tokens.length && this.tokens[this.at] !== '}') {
      const t = this.tokens[this.at] as string;
      if (t.startsWith(':')) {
        this.at += 1;
        fields.push([t.slice(1), []]);
      } else {
        const v = this.value();
        const last = fields[fields.length - 1];
        if (last) last[1].push(v);
        else fields.push(['', [v]]);
      }
    }
    this.at += 1;
    return { name, fields };
  }

  private list(): TreeList {
    const list: Value[] = [];
    while (this.at < this.tokens.length && this.tokens[this.at] !== ')') list.push(this.value());
    this.at += 1;
    return { list };
  }
}

function write(v: Value): string {
  if (typeof v === 'string') return v;
  if ('list' in v) return `(${v.list.map(write).join(' ')})`;
  return `{${[v.name, ...v.fields.map(([k, vs]) => [`:${k}`, ...vs.map(write)].join(' '))].join(' ')}}`;
}

/** Fields that only record how or where the expression was written. */
const DISPLAY_ONLY = new Set([
  'location',
  'stmt_location',
  'stmt_len',
  'varnosyn',
  'varattnosyn',
  'funcformat',
  'relabelformat',
  'coerceformat',
  'convertformat',
]);

const field = (n: TreeNode, name: string): Value[] | undefined => n.fields.find(([k]) => k === name)?.[1];
const scalar = (n: TreeNode, name: string): string | undefined => {
  const v = field(n, name)?.[0];
  return typeof v === 'string' ? v : undefined;
};
const setField = (n: TreeNode, name: string, value: Value[]): void => {
  const f = n.fields.find(([k]) => k === name);
  if (f) f[1] = value;
};

/** now(), its documented aliases (transaction_timestamp(), and the CURRENT_TIMESTAMP keyword). */
const NOW_OID = '1299';
const TRANSACTION_TIMESTAMP_OID = '2647';
/** SQLValueFunctionOp SVFOP_CURRENT_TIMESTAMP (without a precision). */
const SVFOP_CURRENT_TIMESTAMP = '3';
const TIMESTAMPTZ_OID = '1184';

/**
 * The integer casts that keep the value (int2 → int4, int2 → int8, int4 → int8), and the type and
 * length of their result. A byval integer datum is sign-extended to a whole word, so the widened
 * constant has the same word.
 */
const INTEGER_WIDENING: Record<string, { type: string; len: string }> = {
  '313': { type: '23', len: '4' },
  '754': { type: '20', len: '8' },
  '481': { type: '20', len: '8' },
};

function nowCall(): TreeNode {
  return {
    name: 'FUNCEXPR',
    fields: [
      ['funcid', [NOW_OID]],
      ['funcresulttype', [TIMESTAMPTZ_OID]],
      ['funcretset', ['false']],
      ['funcvariadic', ['false']],
      ['funccollid', ['0']],
      ['inputcollid', ['0']],
      ['args', ['<>']],
    ],
  };
}

/** An empty one-dimensional-or-less array constant: a 16-byte value with 0 dimensions. */
function isEmptyArrayConst(n: TreeNode): boolean {
  if (n.name !== 'CONST' || scalar(n, 'constlen') !== '-1' || scalar(n, 'constisnull') !== 'false') return false;
  const datum = field(n, 'constvalue') ?? [];
  // `16 [ b0 … b15 ]`: varlena header, ndim (int32), dataoffset (int32), element type.
  if (datum[0] !== '16' || datum[1] !== '[') return false;
  const bytes = datum.slice(2, 18);
  return bytes.slice(4, 12).every((b) => b === '0');
}

const emptyArray = (type: string, typmod: string, collation: string): TreeNode => ({
  name: 'EMPTYARRAY',
  fields: [
    ['type', [type]],
    ['typmod', [typmod]],
    ['collid', [collation]],
  ],
});

/**
 * The constant of a one-dimensional `ARRAY[…]` whose elements are all non-null constants of one
 * fixed length passed by value, as PostgreSQL stores it: a 4-byte varlena header, ndim 1, data
 * offset 0 (no nulls), the element type, the length and lower bound 1, then the data from byte 24
 * (MAXALIGN of the 24-byte header), each element in its own length (its alignment, for every
 * by-value type). A datum word is written out least significant byte first, as on the platforms
 * PostgreSQL runs on; the first `len` bytes are the element.
 */
function arrayConst(n: TreeNode): TreeNode | undefined {
  if (scalar(n, 'multidims') !== 'false') return undefined;
  const list = field(n, 'elements')?.[0];
  if (!list || typeof list !== 'object' || !('list' in list) || list.list.length === 0) return undefined;
  const elements = list.list;
  const first = elements[0];
  if (!isNode(first)) return undefined;
  const len = Number(scalar(first, 'constlen'));
  if (![1, 2, 4, 8].includes(len)) return undefined;
  const elemType = scalar(n, 'element_typeid') ?? '';
  const data: number[] = [];
  for (const e of elements) {
    if (
      !isNode(e) ||
      e.name !== 'CONST' ||
      scalar(e, 'constbyval') !== 'true' ||
      scalar(e, 'constisnull') !== 'false' ||
      Number(scalar(e, 'constlen')) !== len ||
      scalar(e, 'consttype') !== elemType
    )
      return undefined;
    const datum = field(e, 'constvalue') ?? [];
    const bytes = datum.slice(2, 2 + len).map(Number);
    if (bytes.length !== len || bytes.some((b) => !Number.isInteger(b))) return undefined;
    data.push(...bytes.map((b) => b & 0xff));
  }
  const word = (value: number): number[] => [value & 0xff, (value >>> 8) & 0xff, (value >>> 16) & 0xff, (value >>> 24) & 0xff];
  const size = 24 + data.length;
  const oid = Number(elemType);
  if (!Number.isInteger(oid)) return undefined;
  // As outDatum prints bytes: signed chars.
  const signed = (b: number): string => String(b > 127 ? b - 256 : b);
  const bytes = [...word(size << 2), ...word(1), ...word(0), ...word(oid), ...word(elements.length), ...word(1), ...data].map(signed);
  return {
    name: 'CONST',
    fields: [
      ['consttype', [scalar(n, 'array_typeid') ?? '']],
      ['consttypmod', ['-1']],
      ['constcollid', [scalar(n, 'array_collid') ?? '0']],
      ['constlen', ['-1']],
      ['constbyval', ['false']],
      ['constisnull', ['false']],
      ['constvalue', [String(size), '[', ...bytes, ']']],
    ],
  };
}

function retypeConst(c: TreeNode, type: string, typmod: string, collation: string): TreeNode {
  const out: TreeNode = { name: c.name, fields: c.fields.map(([k, v]) => [k, [...v]]) };
  setField(out, 'consttype', [type]);
  setField(out, 'consttypmod', [typmod]);
  setField(out, 'constcollid', [collation]);
  return out;
}

/** The node with its children normalised, then itself rewritten (see the module comment). */
function normalizeValue(v: Value): Value {
  if (typeof v === 'string') return v;
  if ('list' in v) return { list: v.list.map(normalizeValue) };
  const n: TreeNode = {
    name: v.name,
    fields: v.fields.filter(([k]) => !DISPLAY_ONLY.has(k)).map(([k, vs]) => [k, vs.map(normalizeValue)]),
  };
  return rewrite(n);
}

function rewrite(n: TreeNode): Value {
  switch (n.name) {
    case 'SQLVALUEFUNCTION':
      if (scalar(n, 'op') === SVFOP_CURRENT_TIMESTAMP && scalar(n, 'typmod') === '-1') return nowCall();
      return n;
    case 'FUNCEXPR': {
      const id = scalar(n, 'funcid') ?? '';
      if (id === TRANSACTION_TIMESTAMP_OID) return nowCall();
      const widening = INTEGER_WIDENING[id];
      const args = field(n, 'args')?.[0];
      const arg = args && typeof args === 'object' && 'list' in args && args.list.length === 1 ? args.list[0] : undefined;
      if (widening && isNode(arg) && arg.name === 'CONST') {
        const c = retypeConst(arg, widening.type, '-1', '0');
        setField(c, 'constlen', [widening.len]);
        const datum = field(c, 'constvalue');
        if (datum && datum[0] !== undefined) setField(c, 'constvalue', [widening.len, ...datum.slice(1)]);
        return c;
      }
      return n;
    }
    case 'RELABELTYPE': {
      const arg = field(n, 'arg')?.[0];
      const type = scalar(n, 'resulttype') ?? '';
      const typmod = scalar(n, 'resulttypmod') ?? '-1';
      const collation = scalar(n, 'resultcollid') ?? '0';
      if (isNode(arg) && arg.name === 'CONST') return retypeConst(arg, type, typmod, collation);
      if (isNode(arg) && arg.name === 'EMPTYARRAY') return emptyArray(type, typmod, collation);
      return n;
    }
    case 'CONST':
      return isEmptyArrayConst(n)
        ? emptyArray(scalar(n, 'consttype') ?? '', scalar(n, 'consttypmod') ?? '-1', scalar(n, 'constcollid') ?? '0')
        : n;
    case 'ARRAY':
    case 'ARRAYEXPR': {
      const elements = field(n, 'elements')?.[0];
      if (elements === '<>') return emptyArray(scalar(n, 'array_typeid') ?? '', '-1', scalar(n, 'array_collid') ?? '0');
      return arrayConst(n) ?? n;
    }
    case 'ARRAYCOERCEEXPR': {
      const arg = field(n, 'arg')?.[0];
      const type = scalar(n, 'resulttype') ?? '';
      const typmod = scalar(n, 'resulttypmod') ?? '-1';
      const collation = scalar(n, 'resultcollid') ?? '0';
      // Nothing to convert: the empty array of the result type.
      if (isNode(arg) && arg.name === 'EMPTYARRAY') return emptyArray(type, typmod, collation);
      const elem = field(n, 'elemexpr')?.[0];
      // A binary coercion of each element of an ARRAY[…]: the ARRAY[…] of coerced elements.
      if (
        isArrayExpr(arg) &&
        isNode(elem) &&
        elem.name === 'RELABELTYPE' &&
        isNode(field(elem, 'arg')?.[0]) &&
        (field(elem, 'arg')?.[0] as TreeNode).name === 'CASETESTEXPR'
      ) {
        const list = field(arg, 'elements')?.[0];
        if (list && typeof list === 'object' && 'list' in list) {
          const elemType = scalar(elem, 'resulttype') ?? '';
          const elemTypmod = scalar(elem, 'resulttypmod') ?? '-1';
          const elemColl = scalar(elem, 'resultcollid') ?? '0';
          const elements = list.list.map((e) =>
            rewrite({
              name: 'RELABELTYPE',
              fields: [
                ['arg', [e]],
                ['resulttype', [elemType]],
                ['resulttypmod', [elemTypmod]],
                ['resultcollid', [elemColl]],
              ],
            }),
          );
          return {
            name: arg.name,
            fields: [
              ['array_typeid', [type]],
              ['array_collid', [collation]],
              ['element_typeid', [elemType]],
              ['elements', [{ list: elements }]],
              ['multidims', [scalar(arg, 'multidims') ?? 'false']],
            ],
          };
        }
      }
      return n;
    }
    default:
      return n;
  }
}

/**
 * The tree with what only records its spelling removed (see the module comment), as text; equal
 * texts are equal expressions. Text that is not a node tree comes back as it is.
 */
export function normalizeTree(text: string): string {
  try {
    const parser = new Parser(tokenize(text));
    const values: Value[] = [];
    while (!parser.done()) values.push(normalizeValue(parser.value()));
    return values.map(write).join(' ');
  } catch {
    return text;
  }
}
