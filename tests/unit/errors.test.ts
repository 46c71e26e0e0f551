import { describe, expect, it } from 'vitest';
import { DatabaseError, PgDriftError, SpecError, UsageError, oneLine } from '../../src/core/errors.js';

describe('error messages', () => {
  it.each([
    { name: 'a server message with a line break', input: 'syntax error at or near ")"\nLINE 1: SELECT (1', expected: 'syntax error at or near ")" LINE 1: SELECT (1' },
    { name: 'CRLF and indentation', input: 'first\r\n    second\n\nthird', expected: 'first second third' },
    { name: 'a single line, untouched', input: 'could not connect to u@h:5432/db', expected: 'could not connect to u@h:5432/db' },
  ])('fold $name into one line', ({ input, expected }) => {
    expect(oneLine(input)).toBe(expected);
    expect(new DatabaseError(input).message).toBe(expected);
  });

  it('keep their stable code and the JSON path of a spec error on that one line', () => {
    const error = new SpecError('expected an object,\ngot an array', '$.tables.x', 'pgdrift.json');
    expect(error.message).toBe('pgdrift.json: $.tables.x: expected an object, got an array');
    expect(error).toBeInstanceOf(PgDriftError);
    expect([error.code, new UsageError('x').code, new DatabaseError('x').code]).toEqual(['spec', 'usage', 'database']);
  });
});
