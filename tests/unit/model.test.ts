import { describe, expect, it } from 'vitest';
import { compareText, emptySchema, sortRecord } from '../../src/core/model.js';

describe('model helpers', () => {
  it('orders text by code point, whatever the locale', () => {
    expect(['b', 'B', 'a', '"Z"', 'é', '_'].sort(compareText)).toEqual(['"Z"', 'B', '_', 'a', 'b', 'é']);
  });

  it('returns a copy of a record with its keys sorted', () => {
    const record = { b: 1, a: 2, 'public."Z"': 3 };
    const sorted = sortRecord(record);
    expect(Object.keys(sorted)).toEqual(['a', 'b', 'public."Z"']);
    expect(Object.keys(record)).toEqual(['b', 'a', 'public."Z"']);
  });

  it('makes an empty schema with every section present', () => {
    expect(emptySchema()).toEqual({ schemas: {}, extensions: {}, enums: {}, sequences: {}, tables: {}, views: {} });
  });
});
