/**
 * normalizeTree on pg_node_tree text as PostgreSQL 15 stored it (pg_attrdef.adbin,
 * pg_constraint.conbin): spellings stored alike compare equal, different expressions do not. The
 * integration corpus (tests/integration/equivalence.test.ts) runs the same through real servers.
 */
import { describe, expect, it } from 'vitest';
import { normalizeTree } from '../../src/db/node-tree.js';

const int4 = (word: string, location = 10): string =>
  `{CONST :consttype 23 :consttypmod -1 :constcollid 0 :constlen 4 :constbyval true :constisnull false :location ${location} :constvalue 4 [ ${word} ]}`;
const ZERO = '0 0 0 0 0 0 0 0';
const MINUS_ONE = '-1 -1 -1 -1 -1 -1 -1 -1';
const int8 = (word: string): string =>
  `{CONST :consttype 20 :consttypmod -1 :constcollid 0 :constlen 8 :constbyval true :constisnull false :location 7 :constvalue 8 [ ${word} ]}`;
const cast = (funcid: number, type: number, format: number, arg: string): string =>
  `{FUNCEXPR :funcid ${funcid} :funcresulttype ${type} :funcretset false :funcvariadic false :funcformat ${format} :funccollid 0 :inputcollid 0 :args (${arg}) :location -1}`;
const now = (location: number): string =>
  `{FUNCEXPR :funcid 1299 :funcresulttype 1184 :funcretset false :funcvariadic false :funcformat 0 :funccollid 0 :inputcollid 0 :args <> :location ${location}}`;
const plusDay = (left: string): string =>
  `{OPEXPR :opno 1327 :opfuncid 1189 :opresulttype 1184 :opretset false :opcollid 0 :inputcollid 0 :args (${left} {CONST :consttype 1186 :consttypmod -1 :constcollid 0 :constlen 16 :constbyval false :constisnull false :location 40 :constvalue 16 [ 0 0 0 0 0 0 0 0 1 0 0 0 0 0 0 0 ]}) :location 30}`;
const varchar = (byte: number): string =>
  `{CONST :consttype 1043 :consttypmod -1 :constcollid 100 :constlen -1 :constbyval false :constisnull false :location 50 :constvalue 5 [ 20 0 0 0 ${byte} ]}`;
const text = (byte: number): string =>
  `{CONST :consttype 25 :consttypmod -1 :constcollid 100 :constlen -1 :constbyval false :constisnull false :location 60 :constvalue 5 [ 20 0 0 0 ${byte} ]}`;
const column =
  '{RELABELTYPE :arg {VAR :varno 1 :varattno 1 :vartype 1043 :vartypmod 24 :varcollid 100 :varlevelsup 0 :varnosyn 1 :varattnosyn 1 :location 5} :resulttype 25 :resulttypmod -1 :resultcollid 100 :relabelformat 2 :location -1}';
const anyOf = (array: string): string =>
  `{SCALARARRAYOPEXPR :opno 98 :opfuncid 67 :hashfuncid 0 :negfuncid 0 :useOr true :inputcollid 100 :args (${column} ${array}) :location 9}`;
/** `c IN ('a', 'b')` on a varchar column. */
const IN_LIST = anyOf(
  `{ARRAYCOERCEEXPR :arg {ARRAYEXPR :array_typeid 1015 :array_collid 100 :element_typeid 1043 :elements (${varchar(97)} ${varchar(98)}) :multidims false :location -1} :elemexpr {RELABELTYPE :arg {CASETESTEXPR :typeId 1043 :typeMod -1 :collation 0} :resulttype 25 :resulttypmod -1 :resultcollid 100 :relabelformat 2 :location -1} :resulttype 1009 :resulttypmod -1 :resultcollid 100 :coerceformat 2 :location -1}`,
);
/** `c = ANY (ARRAY['a', 'b'])`. */
const any = (a: number, b: number): string =>
  anyOf(
    `{ARRAYEXPR :array_typeid 1009 :array_collid 100 :element_typeid 25 :elements (${text(a)} ${text(b)}) :multidims false :location 20}`,
  );
const emptyVarchar20Array = (explicit: number): string =>
  `{ARRAYCOERCEEXPR :arg {CONST :consttype 1015 :consttypmod -1 :constcollid 100 :constlen -1 :constbyval false :constisnull false :location 3 :constvalue 16 [ 64 0 0 0 0 0 0 0 0 0 0 0 19 4 0 0 ]} :elemexpr {FUNCEXPR :funcid 669 :funcresulttype 1043 :funcretset false :funcvariadic false :funcformat 2 :funccollid 100 :inputcollid 0 :args ({CASETESTEXPR :typeId 1043 :typeMod -1 :collation 0} {CONST :consttype 23 :consttypmod -1 :constcollid 0 :constlen 4 :constbyval true :constisnull false :location -1 :constvalue 4 [ 24 0 0 0 0 0 0 0 ]} {CONST :consttype 16 :consttypmod -1 :constcollid 0 :constlen 1 :constbyval true :constisnull false :location -1 :constvalue 1 [ ${explicit} 0 0 0 0 0 0 0 ]}) :location -1} :resulttype 1015 :resulttypmod 24 :resultcollid 100 :coerceformat ${2 - explicit} :location 3}`;
const ROLES = "'{member,admin}' (an enum array of labels with oids 69214 and 69216)";
const roleArrayConst =
  '{CONST :consttype 69212 :consttypmod -1 :constcollid 0 :constlen -1 :constbyval false :constisnull false :location 43 :constvalue 32 [ -128 0 0 0 1 0 0 0 0 0 0 0 93 14 1 0 2 0 0 0 1 0 0 0 94 14 1 0 96 14 1 0 ]}';
const roleArrayExpr = (second: string, node = 'ARRAYEXPR'): string =>
  `{${node} :array_typeid 69212 :array_collid 0 :element_typeid 69213 :elements ({CONST :consttype 69213 :consttypmod -1 :constcollid 0 :constlen 4 :constbyval true :constisnull false :location 89 :constvalue 4 [ 94 14 1 0 0 0 0 0 ]} {CONST :consttype 69213 :consttypmod -1 :constcollid 0 :constlen 4 :constbyval true :constisnull false :location 98 :constvalue 4 [ ${second} 14 1 0 0 0 0 0 ]}) :multidims false :location 83}`;
const int8ArrayConst =
  '{CONST :consttype 1016 :consttypmod -1 :constcollid 0 :constlen -1 :constbyval false :constisnull false :location 138 :constvalue 40 [ -96 0 0 0 1 0 0 0 0 0 0 0 20 0 0 0 2 0 0 0 1 0 0 0 5 0 0 0 0 0 0 0 -1 -1 -1 -1 -1 -1 -1 -1 ]}';
const int8ArrayExpr = `{ARRAYEXPR :array_typeid 1016 :array_collid 0 :element_typeid 20 :elements (${cast(481, 20, 1, int4('5 0 0 0 0 0 0 0', 171))} ${cast(481, 20, 1, int4(MINUS_ONE, 173))}) :multidims false :location 165}`;

describe('normalizeTree', () => {
  it.each([
    ['where each node was written', int4(ZERO, 3), int4(ZERO, 17)],
    ['an implicit cast and the explicit one (0 and 0::numeric)', cast(1740, 1700, 2, int4(ZERO)), cast(1740, 1700, 1, int4(ZERO, 20))],
    ["an integer widened by PostgreSQL and the wider constant (0 and '0'::bigint)", cast(481, 20, 2, int4(ZERO)), int8(ZERO)],
    ["a negative one (-1 and '-1'::bigint)", cast(481, 20, 2, int4(MINUS_ONE)), int8(MINUS_ONE)],
    ["IN ('a', 'b') on varchar and = ANY (ARRAY['a', 'b'])", IN_LIST, any(97, 98)],
    [
      'CURRENT_TIMESTAMP inside an expression and now()',
      plusDay('{SQLVALUEFUNCTION :op 3 :type 1184 :typmod -1 :location 12}'),
      plusDay(now(0)),
    ],
    [
      'transaction_timestamp() and now()',
      '{FUNCEXPR :funcid 2647 :funcresulttype 1184 :funcretset false :funcvariadic false :funcformat 0 :funccollid 0 :inputcollid 0 :args <> :location 0}',
      now(4),
    ],
    ["'{}' on a varchar(20)[] column and '{}'::varchar(20)[]", emptyVarchar20Array(0), emptyVarchar20Array(1)],
    [
      "ARRAY[]::text[] and '{}'::text[]",
      '{ARRAYEXPR :array_typeid 1009 :array_collid 100 :element_typeid 25 :elements <> :multidims false :location 0}',
      '{CONST :consttype 1009 :consttypmod -1 :constcollid 100 :constlen -1 :constbyval false :constisnull false :location 0 :constvalue 16 [ 64 0 0 0 0 0 0 0 0 0 0 0 25 0 0 0 ]}',
    ],
    [`ARRAY['member', 'admin']::role[] and ${ROLES}`, roleArrayExpr('96'), roleArrayConst],
    ["ARRAY[5, -1]::bigint[] and '{5,-1}'::bigint[]", int8ArrayExpr, int8ArrayConst],
    ['the same as PostgreSQL 14 writes the ARRAY[…] node', roleArrayExpr('96', 'ARRAY'), roleArrayConst],
  ])('finds the same tree: %s', (_name, a, b) => {
    expect(normalizeTree(a)).toBe(normalizeTree(b));
  });

  it.each([
    ['another constant', int4(ZERO), int4('1 0 0 0 0 0 0 0')],
    ['a constant of another type with the same word', int4(ZERO), int8(ZERO)],
    ["IN ('a', 'b') and = ANY (ARRAY['a', 'c'])", IN_LIST, any(97, 99)],
    ["= ANY (ARRAY['a', 'b']) and = ANY (ARRAY['A', 'b'])", any(97, 98), any(65, 98)],
    [
      'now() and statement_timestamp()',
      now(0),
      '{FUNCEXPR :funcid 2648 :funcresulttype 1184 :funcretset false :funcvariadic false :funcformat 0 :funccollid 0 :inputcollid 0 :args <> :location 0}',
    ],
    ['CURRENT_TIMESTAMP(3) and now()', '{SQLVALUEFUNCTION :op 4 :type 1184 :typmod 3 :location 0}', now(0)],
    ['an array of other enum labels', roleArrayExpr('95'), roleArrayConst],
    [
      'an empty array of another type',
      '{ARRAYEXPR :array_typeid 1009 :array_collid 100 :element_typeid 25 :elements <> :multidims false :location 0}',
      '{ARRAYEXPR :array_typeid 1007 :array_collid 0 :element_typeid 23 :elements <> :multidims false :location 0}',
    ],
  ])('tells apart: %s', (_name, a, b) => {
    expect(normalizeTree(a)).not.toBe(normalizeTree(b));
  });

  it('drops the location fields and keeps everything else in order', () => {
    expect(normalizeTree(int4(ZERO, 42))).toBe(
      '{CONST :consttype 23 :consttypmod -1 :constcollid 0 :constlen 4 :constbyval true :constisnull false :constvalue 4 [ 0 0 0 0 0 0 0 0 ]}',
    );
  });

  it('keeps escaped characters of names and strings', () => {
    const tree = '{ALIAS :aliasname my\\ view\\{1\\} :colnames ("a\\ b")}';
    expect(normalizeTree(tree)).toBe(tree);
  });
});
