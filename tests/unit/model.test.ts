import { describe, expect, it } from 'vitest';
import { diffSchemas } from '../../src/core/diff.js';
import { compareText, emptySchema, sameValue, sortRecord, type Schema } from '../../src/core/model.js';
import { buildColumn, buildScope, buildTable } from '../helpers/builders.js';

describe('compareText', () => {
  const input = ['b', 'B', 'a', '"Z"', 'é', '_', 'a'];
  const codePointOrder = ['"Z"', 'B', '_', 'a', 'a', 'b', 'é'];

  it('orders text by code point, whatever the locale', () => {
    expect([...input].sort(compareText)).toEqual(codePointOrder);
  });

  it('is not the locale order (the sample above tells them apart)', () => {
    expect([...input].sort((a, b) => a.localeCompare(b, 'en'))).not.toEqual(codePointOrder);
  });

  it.each([
    ['a', 'a', 0],
    ['a', 'b', -1],
    ['b', 'a', 1],
    ['public.t', 'public.t2', -1],
    ['public."T"', 'public.t', -1],
  ])('compares %j with %j as %d', (a, b, expected) => {
    expect(compareText(a, b)).toBe(expected);
  });
});

describe('sortRecord', () => {
  it('returns a copy with its keys in code-point order, each key keeping its value, and leaves the record alone', () => {
    const record = { b: 1, a: 2, 'public."Z"': 3 };
    const sorted = sortRecord(record);
    expect(Object.entries(sorted)).toEqual([
      ['a', 2],
      ['b', 1],
      ['public."Z"', 3],
    ]);
    expect(Object.keys(record)).toEqual(['b', 'a', 'public."Z"']);
    expect(sorted).not.toBe(record);
  });
});

describe('emptySchema', () => {
  /** Every section of Schema: a section added to the type and not listed here does not compile. */
  const SECTIONS: Record<keyof Schema, true> = { schemas: true, extensions: true, enums: true, sequences: true, tables: true, views: true };

  it('has every section of the Schema type, each empty', () => {
    const schema = emptySchema();
    expect(Object.keys(schema).sort()).toEqual(Object.keys(SECTIONS).sort());
    for (const section of Object.values(schema)) expect(section).toEqual({});
  });

  it('makes a new value each time: filling one leaves the next empty', () => {
    const first = emptySchema();
    first.tables['public.t'] = buildTable({ name: 't' });
    first.schemas.app = {};
    expect(emptySchema().tables).toEqual({});
    expect(emptySchema().schemas).toEqual({});
  });

  it('diffs against itself with no changes', () => {
    expect(diffSchemas(emptySchema(), emptySchema(), { scope: buildScope() })).toEqual([]);
  });
});

describe('sameValue', () => {
  const column = buildColumn('id', 'integer', { notNull: true, default: '0' });
  it.each([
    ['equal primitives', 1, 1, true],
    ['different primitives', 1, 2, false],
    ['a number and its text', 1, '1', false],
    ['null and undefined', null, undefined, false],
    ['null and an empty object', null, {}, false],
    ['the same keys in another order', { a: 1, b: [1, 2] }, { b: [1, 2], a: 1 }, true],
    ['arrays in another order', [1, 2], [2, 1], false],
    ['an array and a longer one', [1, 2], [1, 2, 3], false],
    ['an array and an object with the same indexes', [1], { 0: 1 }, false],
    ['an object and an array', { 0: 1 }, [1], false],
    ['an object with one more key', { a: 1 }, { a: 1, b: 2 }, false],
    ['an object with one key fewer', { a: 1, b: 2 }, { a: 1 }, false],
    ['a key set to undefined and a missing key', { a: 1, b: undefined }, { a: 1 }, false],
    [
      'a difference deep inside',
      { t: { columns: [{ name: 'a', type: 'int' }] } },
      { t: { columns: [{ name: 'a', type: 'bigint' }] } },
      false,
    ],
    ['two copies of a column', column, structuredClone(column), true],
    ['a column and the same column with another default', column, { ...column, default: '1' }, false],
  ])('%s', (_name, a, b, expected) => {
    expect(sameValue(a, b)).toBe(expected);
    expect(sameValue(b, a)).toBe(expected);
  });
});
