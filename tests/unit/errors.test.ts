import { describe, expect, it } from 'vitest';
import { DatabaseError, PgDriftError, SERVER_MESSAGE_LIMIT, SpecError, UsageError, oneLine, serverMessage } from '../../src/core/errors.js';

describe('error messages', () => {
  it.each([
    {
      name: 'a server message with a line break',
      input: 'syntax error at or near ")"\nLINE 1: SELECT (1',
      expected: 'syntax error at or near ")" LINE 1: SELECT (1',
    },
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

describe('serverMessage: what pgdrift relays of a PostgreSQL error', () => {
  const xml = '<db xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance"><canary><secret>CANARY-VALUE</secret></canary></db>';
  it.each([
    {
      name: 'a data error quoting a long value, by SQLSTATE',
      message: `invalid input syntax for type integer: "${xml}"`,
      state: '22P02',
      values: 'short' as const,
      expected: 'invalid input syntax for type integer: "…"',
    },
    {
      name: 'a data error quoting a long value, by its wording',
      message: `invalid input syntax for type integer: "${xml}"`,
      state: undefined,
      values: 'short' as const,
      expected: 'invalid input syntax for type integer: "…"',
    },
    {
      name: 'a short value of an expression of the spec',
      message: 'invalid input syntax for type integer: "CANARY-VALUE"',
      state: '22P02',
      values: 'none' as const,
      expected: 'invalid input syntax for type integer: "…"',
    },
    {
      name: 'a short value of an expression of the spec, by its wording',
      message: 'invalid input syntax for type integer: "CANARY-VALUE"',
      state: undefined,
      values: 'none' as const,
      expected: 'invalid input syntax for type integer: "…"',
    },
    {
      name: 'a value out of range',
      message: 'value "CANARY-99999999999" is out of range for type integer',
      state: undefined,
      values: 'none' as const,
      expected: 'value "…" is out of range for type integer',
    },
    {
      name: 'a long quoted text in any error',
      message: `function f(text) does not exist: "${'CANARY'.repeat(20)}"`,
      state: '42883',
      values: 'short' as const,
      expected: 'function f(text) does not exist: "…"',
    },
  ])('drops $name', ({ message, state, values, expected }) => {
    const relayed = serverMessage(message, state, values);
    expect(relayed).toBe(expected);
    expect(relayed).not.toContain('CANARY');
  });

  it.each([
    { name: 'names in an error', message: 'column "note" does not exist', state: '42703' },
    { name: 'an enum label in the way of an apply', message: 'invalid input value for enum status: "stale"', state: '22P02' },
  ])('keeps $name', ({ message, state }) => {
    expect(serverMessage(message, state)).toBe(message);
  });

  it('caps a long message', () => {
    const relayed = serverMessage(`syntax error at or near x ${'y '.repeat(1000)}`, '42601');
    expect(relayed.length).toBe(SERVER_MESSAGE_LIMIT);
    expect(relayed.endsWith('…')).toBe(true);
  });
});
