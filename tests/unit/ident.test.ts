import { describe, expect, it } from 'vitest';
import {
  displayIdent,
  displayQualified,
  fragmentProblem,
  parseQualifiedName,
  quoteIdent,
  quoteLiteral,
  quoteQualified,
} from '../../src/core/ident.js';

describe('quoteIdent', () => {
  it.each([
    ['a plain name', 'users', '"users"'],
    ['a keyword', 'order', '"order"'],
    ['mixed case', 'MyTable', '"MyTable"'],
    ['a space', 'my table', '"my table"'],
    ['a double quote, doubled', 'say "hi"', '"say ""hi"""'],
    ['a semicolon', 'a;b', '"a;b"'],
    ['an attempt to close the quote', 'x"; DROP TABLE t; --', '"x""; DROP TABLE t; --"'],
  ])('quotes %s', (_name, input, expected) => {
    expect(quoteIdent(input)).toBe(expected);
  });

  it('refuses a NUL character, which PostgreSQL cannot store in a name', () => {
    expect(() => quoteIdent('a\u0000b')).toThrow(/NUL/);
  });

  it('quotes both parts of a qualified name', () => {
    expect(quoteQualified('My Schema', 't"x')).toBe('"My Schema"."t""x"');
  });
});

describe('quoteLiteral', () => {
  it.each([
    ['a plain value', 'abc', "'abc'"],
    ['a single quote, doubled', "it's", "'it''s'"],
    ['a backslash, in the escape form that reads the same under either standard_conforming_strings', 'C:\\dir', "E'C:\\\\dir'"],
    ['a backslash next to a quote', "a\\'b", "E'a\\\\''b'"],
    ['an attempt to end the statement', "x'); DROP TABLE t; --", "'x''); DROP TABLE t; --'"],
  ])('quotes %s', (_name, input, expected) => {
    expect(quoteLiteral(input)).toBe(expected);
  });

  it('refuses a NUL character', () => {
    expect(() => quoteLiteral('a\u0000')).toThrow(/NUL/);
  });
});

describe('displayIdent and displayQualified', () => {
  it.each([
    ['a simple lower-case name bare', 'users', 'users'],
    ['a name with a dollar bare', 'a$b', 'a$b'],
    ['a mixed-case name quoted', 'Users', '"Users"'],
    ['a name with a space quoted', 'my table', '"my table"'],
    ['a name with a dot quoted', 'a.b', '"a.b"'],
    ['a name starting with a digit quoted', '1st', '"1st"'],
  ])('shows %s', (_name, input, expected) => {
    expect(displayIdent(input)).toBe(expected);
  });

  it('joins schema and name with a dot', () => {
    expect(displayQualified('public', 'Odd "T"')).toBe('public."Odd ""T"""');
  });
});

describe('parseQualifiedName', () => {
  it.each([
    ['a bare name', 'users', { schema: undefined, name: 'users' }],
    ['schema.name', 'app.users', { schema: 'app', name: 'users' }],
    ['quoted parts', '"My Schema"."My Table"', { schema: 'My Schema', name: 'My Table' }],
    ['a doubled quote inside a quoted part', '"say ""hi"""', { schema: undefined, name: 'say "hi"' }],
    ['a dot inside quotes', '"a.b".c', { schema: 'a.b', name: 'c' }],
    ['an unquoted name as written, without case folding', 'App.Users', { schema: 'App', name: 'Users' }],
  ])('reads %s', (_name, input, expected) => {
    expect(parseQualifiedName(input)).toEqual(expected);
  });

  it.each([
    ['three parts', 'a.b.c'],
    ['an empty part', 'a.'],
    ['a leading dot', '.a'],
    ['an unclosed quote', '"abc'],
    ['a quote in the middle of an unquoted part', 'ab"c"'],
    ['text after a closing quote', '"a"b'],
    ['nothing', ''],
  ])('rejects %s', (_name, input) => {
    expect(parseQualifiedName(input)).toBeNull();
  });

  it.each([
    ['public', 'users'],
    ['My Schema', 'say "hi"'],
    ['a.b', 'c.d'],
  ])('reads back what displayQualified wrote for %s.%s', (schema, name) => {
    expect(parseQualifiedName(displayQualified(schema, name))).toEqual({ schema, name });
  });
});

describe('fragmentProblem', () => {
  it.each([
    ['a function call', 'now()'],
    ['a cast', "'{}'::jsonb"],
    ['IN with a list', "role IN ('user', 'assistant')"],
    ['a semicolon inside a string', "'a;b'"],
    ['a doubled quote inside a string', "'it''s; fine'"],
    ['a semicolon inside a quoted identifier', '"semi;colon" IS NOT NULL'],
    ['a semicolon inside a dollar-quoted string', '$$a;b$$'],
    ['a semicolon inside a tagged dollar-quoted string', '$tag$ $$ ; $tag$'],
    ['a semicolon inside a line comment', 'x > 0 -- a; b'],
    ['a semicolon inside a nested block comment', 'x /* a /* b; */ c; */ > 0'],
    ['an escaped quote in an E string', "E'it\\'s; fine'"],
    ['an escaped quote in a lower-case e string', "e'\\'; x'"],
    ['a parameter-like dollar', 'x = $1'],
    ['a dollar inside an identifier', 'a$b > 0'],
    ['a typed literal', "date '2020-01-01'"],
    ['a bit string', "B'101'"],
    ['a Unicode-escaped string', "U&'d\\0061t\\+000061'"],
    ['a string continued on the next line', "'a'\n'b;c'"],
    ['an E string continued on the next line, which keeps its escapes', "E'a'  -- note\n  '\\'; x'"],
    ['an exponent', '1.5e10 > x'],
    ['a hexadecimal number', '0x1F > x'],
    ['a number followed by a dollar-quoted string', 'x = 1$$;$$'],
    ['non-ASCII letters', 'café > 0'],
    ['nested parentheses', '((a + b) * (c - d))'],
  ])('accepts %s', (_name, text) => {
    expect(fragmentProblem(text)).toBeNull();
  });

  it.each([
    ['closing a parenthesis to end the statement', '1); DROP TABLE x; --', /parenthesis/],
    ['a plain statement separator', '1; DROP TABLE x', /separator/],
    ['a separator after a string', "'a'; DROP TABLE x", /separator/],
    ['a separator after a line comment ends', '1 -- note\n; DROP TABLE x', /separator/],
    ['a parenthesis hidden behind a comment', '1 -- note\n); DROP TABLE x; --', /parenthesis/],
    ['an unclosed string', "'abc", /string literal/],
    ['an unclosed quoted identifier', '"abc', /quoted identifier/],
    ['an unclosed dollar quote', '$$abc', /dollar/],
    ['an unclosed block comment', '/* abc', /comment/],
    ['an unclosed nested block comment', '/* a /* b */', /comment/],
    ['an unclosed parenthesis', '(1', /parenthesis/],
    ['an empty text', '   ', /empty/],
    ['a backslash that is not an escape outside an E string', "'\\'; DROP TABLE x; --'", /separator/],
    // PostgreSQL reads `ée` (a non-ASCII letter continues a name) as a name, so the string that
    // follows is a standard one and `\'` does not escape the quote.
    ['a non-ASCII name ending in e before a quote', "ée'\\'; DROP TABLE x; --'", /separator|ambiguous/],
    ['a name with a dollar ending in e before a quote', "x$e'\\'; DROP TABLE x; --'", /separator|ambiguous/],
    // `é$$` and `x$$t$` are names to PostgreSQL (a name may contain $), so no dollar quote starts.
    ['a non-ASCII name running into $$', 'é$$) ; DROP TABLE x; SELECT now( -- $$', /separator|parenthesis/],
    ['a name with a dollar running into a tag', 'x$$t$) ; DROP TABLE x; SELECT now( -- $t$', /separator|parenthesis/],
    ['a number running into a dollar quote that hides a quote', "1$$'$$; DROP TABLE x; --'", /separator/],
    ['a number running into an E string', "1e'\\'; DROP TABLE x; --'", /separator|ambiguous|number/],
    ['a standard string continued on the next line, where a backslash escapes nothing', "'a'\n'\\'; DROP TABLE x; --'", /separator/],
  ])('rejects %s', (_name, text, reason) => {
    expect(fragmentProblem(text)).toMatch(reason);
  });

  it('allows one trailing semicolon in a query when asked to', () => {
    expect(fragmentProblem('SELECT 1;  ', true)).toBeNull();
    expect(fragmentProblem('SELECT 1;  ')).toMatch(/separator/);
    expect(fragmentProblem('SELECT 1; SELECT 2;', true)).toMatch(/separator/);
  });
});
