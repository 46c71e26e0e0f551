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
/**
 * The tree with what only records its spelling removed (see the module comment), as text; equal
 * texts are equal expressions. Text that is not a node tree comes back as it is.
 */
export declare function normalizeTree(text: string): string;
