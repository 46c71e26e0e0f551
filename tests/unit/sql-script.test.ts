import { describe, expect, it } from 'vitest';
import { lineAndColumn, splitStatements } from '../../src/core/sql-script.js';

const texts = (script: string): string[] => splitStatements(script).map((s) => s.sql);

describe('splitStatements', () => {
  it.each([
    ['plain statements', 'CREATE TABLE a (id int);\nCREATE TABLE b (id int);', ['CREATE TABLE a (id int)', 'CREATE TABLE b (id int)']],
    ['a last statement without a semicolon', 'SELECT 1;\nSELECT 2', ['SELECT 1', 'SELECT 2']],
    ['semicolons in string literals', "INSERT INTO t VALUES ('a;b');SELECT ';'", ["INSERT INTO t VALUES ('a;b')", "SELECT ';'"]],
    ['doubled quotes and E strings', "SELECT 'it''s;', E'\\';';SELECT 2", ["SELECT 'it''s;', E'\\';'", 'SELECT 2']],
    ['quoted identifiers', 'CREATE TABLE "a;b" ("x"";" int);SELECT 1', ['CREATE TABLE "a;b" ("x"";" int)', 'SELECT 1']],
    [
      'dollar-quoted bodies',
      'CREATE FUNCTION f() RETURNS int LANGUAGE sql AS $$ SELECT 1; $$;\nSELECT 2;',
      ['CREATE FUNCTION f() RETURNS int LANGUAGE sql AS $$ SELECT 1; $$', 'SELECT 2'],
    ],
    [
      'tagged dollar quotes holding $$',
      'DO $x$ BEGIN PERFORM $$;$$; END $x$;SELECT 1',
      ['DO $x$ BEGIN PERFORM $$;$$; END $x$', 'SELECT 1'],
    ],
    [
      'line and block comments',
      '-- a; comment\nSELECT 1; /* b; /* nested; */ c; */ SELECT 2;',
      ['-- a; comment\nSELECT 1', '/* b; /* nested; */ c; */ SELECT 2'],
    ],
    ['blank statements and lone comments', ';;\n-- only a comment;\n;SELECT 1;;', ['SELECT 1']],
    [
      'BEGIN ATOMIC bodies with CASE … END inside',
      'CREATE FUNCTION f(x int) RETURNS int LANGUAGE sql BEGIN ATOMIC SELECT CASE WHEN x > 0 THEN 1 ELSE 0 END; SELECT 2; END;\nSELECT 3;',
      [
        'CREATE FUNCTION f(x int) RETURNS int LANGUAGE sql BEGIN ATOMIC SELECT CASE WHEN x > 0 THEN 1 ELSE 0 END; SELECT 2; END',
        'SELECT 3',
      ],
    ],
    ['transaction statements as they are', 'BEGIN;\nCREATE TABLE a ();\nCOMMIT;', ['BEGIN', 'CREATE TABLE a ()', 'COMMIT']],
    ['an unterminated string as one last statement', "SELECT 1; SELECT 'open;", ['SELECT 1', "SELECT 'open;"]],
  ])('splits %s', (_name, script, expected) => {
    expect(texts(script)).toEqual(expected);
  });

  it('gives each statement its offset in the script', () => {
    const script = 'SELECT 1;\n\n  SELECT 2;';
    expect(splitStatements(script).map((s) => s.offset)).toEqual([0, 13]);
    expect(script.slice(13, 21)).toBe('SELECT 2');
  });
});

describe('lineAndColumn', () => {
  it.each([
    [0, 1, 1],
    [3, 1, 4],
    [4, 2, 1],
    [9, 3, 1],
    [10, 3, 2],
  ])('offset %i is line %i, column %i', (offset, line, column) => {
    expect(lineAndColumn('abc\ndefg\nhi', offset)).toEqual({ line, column });
  });
});
