import { describe, expect, it } from 'vitest';
import { SpecError } from '../../src/core/errors.js';
import { parseJson } from '../../src/core/spec.js';

function refusal(text: string): SpecError {
  try {
    parseJson(text, 'pgdrift.json');
  } catch (error) {
    if (error instanceof SpecError) return error;
    throw error;
  }
  throw new Error('parseJson accepted the text');
}

describe('parseJson: a syntax error is placed where the text stops being JSON', () => {
  it.each([
    {
      name: 'a trailing comma in an array, at the comma',
      text: '{\n  "a": [\n    1,\n    2,\n  ],\n  "b": 1\n}\n',
      at: 'line 4, column 6',
      why: 'a comma after the last element of an array',
    },
    {
      name: 'a trailing comma in an object, at the comma',
      text: '{\n  "a": 1,\n\n}',
      at: 'line 2, column 9',
      why: 'a comma after the last member of an object',
    },
    {
      name: 'a missing comma between elements',
      text: '[\n  1\n  2\n]',
      at: 'line 3, column 3',
      why: 'expected "," or "]" after an array element',
    },
    {
      name: 'a missing comma between members',
      text: '{\n  "a": 1\n  "b": 2\n}',
      at: 'line 3, column 3',
      why: 'expected "," or "}" after the value of "a"',
    },
    { name: 'a missing colon', text: '{"a" 1}', at: 'line 1, column 6', why: 'expected ":" after the key "a"' },
    { name: 'an unquoted key', text: '{\n  a: 1\n}', at: 'line 2, column 3', why: 'expected a double-quoted key' },
    { name: 'a misspelt literal', text: '{"a":\n tru}', at: 'line 2, column 2', why: 'expected a value' },
    {
      name: 'a line break inside a string',
      text: '{"a": "x\ny"}',
      at: 'line 1, column 9',
      why: 'the control character U+000A inside a string',
    },
    { name: 'a bad escape', text: '["ok",\n "a\\x"]', at: 'line 2, column 4', why: 'the escape \\x is not JSON' },
    { name: 'a short \\u escape', text: '"\\u12"', at: 'line 1, column 2', why: 'a \\u escape needs four hexadecimal digits' },
    {
      name: 'a string never closed',
      text: '{\n "a": "open\n',
      at: 'line 2, column 12',
      why: 'the control character U+000A inside a string',
    },
    { name: 'text after the value', text: '{"a": 1}\n}', at: 'line 2, column 1', why: 'unexpected "}" after the end of the JSON value' },
    { name: 'an empty text', text: '', at: 'line 1, column 1', why: 'expected a value, found the end of the text' },
    { name: 'a leading zero', text: '[01]', at: 'line 1, column 3', why: 'a malformed number' },
    {
      name: 'columns counted in characters, not UTF-16 units',
      text: '{"😀😀": 1,}',
      at: 'line 1, column 9',
      why: 'a comma after the last member',
    },
    { name: 'Windows line ends', text: '{\r\n  "a": [1,],\r\n}', at: 'line 2, column 10', why: 'a comma after the last element' },
  ])('$name', ({ text, at, why }) => {
    const error = refusal(text);
    expect(error.message).toContain(`pgdrift.json: invalid JSON at ${at}: ${why}`);
  });

  it('refuses nesting deeper than any spec needs, in one line', () => {
    const deep = `${'['.repeat(100_000)}${']'.repeat(100_000)}`;
    expect(refusal(deep).message).toMatch(/^pgdrift\.json: invalid JSON at line 1, column 257: nested deeper than 256 levels$/);
  });
});

describe('parseJson: a key repeated in one object', () => {
  it.each([
    {
      name: 'a table given twice',
      text: '{\n  "version": 1,\n  "tables": {\n    "users": {},\n    "posts": {},\n    "users": {"columns": {}}\n  }\n}',
      path: '$.tables.users',
      places: 'at line 4, column 5 and at line 6, column 5',
    },
    {
      name: 'the same key spelt with an escape',
      text: '{"ab": 1, "a\\u0062": 2}',
      path: '$.ab',
      places: 'at line 1, column 2 and at line 1, column 11',
    },
    {
      name: 'a key with odd characters, deep inside arrays',
      text: '[{"x": [{"a b": 1,\n"a b": 2}]}]',
      path: '$[0].x[0]["a b"]',
      places: 'at line 1, column 10 and at line 2, column 1',
    },
  ])('is refused naming both places and its JSON path: $name', ({ text, path, places }) => {
    const error = refusal(text);
    expect(error.path).toBe(path);
    expect(error.message).toContain(`pgdrift.json: ${path}: the key `);
    expect(error.message).toContain(`appears twice in one object: ${places}`);
  });

  it('is allowed in different objects', () => {
    expect(parseJson('{"a": {"x": 1}, "b": {"x": 2}}')).toEqual({ a: { x: 1 }, b: { x: 2 } });
  });
});

describe('parseJson: valid text', () => {
  it.each([
    ['an object', '{"a": [1, -2.5e3, true, false, null, "s\\n\\u00e9\\ud83d\\ude00"], "b": {}}'],
    ['a string with every escape', '"\\"\\\\\\/\\b\\f\\n\\r\\t"'],
    ['a string with a colon-looking value', '{"a": "b\\": c", "d": ":"}'],
    ['whitespace everywhere', ' \t\r\n{ "a" : [ 1 , 2 ] }\n'],
  ])('reads %s as JSON.parse does', (_name, text) => {
    expect(parseJson(text)).toEqual(JSON.parse(text));
  });

  it('skips a byte-order mark', () => {
    expect(parseJson('\ufeff{"version": 1}')).toEqual({ version: 1 });
  });

  it('keeps "__proto__" an ordinary key, never the prototype', () => {
    const value = parseJson('{"__proto__": {"polluted": true}, "a": 1}') as Record<string, unknown>;
    expect(Object.getPrototypeOf(value)).toBe(Object.prototype);
    expect(Object.keys(value)).toEqual(['__proto__', 'a']);
    expect(({} as Record<string, unknown>).polluted).toBeUndefined();
  });

  it('finds a repeated "__proto__" too', () => {
    expect(refusal('{"__proto__": 1, "__proto__": 2}').message).toContain('the key "__proto__" appears twice');
  });
});
