/**
 * The fragment guard (ident.fragmentProblem) against PostgreSQL's own lexer: whatever the guard
 * accepts, wrapped the way pgdrift wraps it, PostgreSQL must read as one statement. The texts are
 * sent with the simple protocol, which answers several statements with several results; the texts
 * hold nothing but SELECTs, so running them is harmless.
 */
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { fragmentProblem } from '../../src/core/ident.js';
import { createTestDatabase, type TestDatabase } from '../helpers/db.js';

/**
 * Texts that PostgreSQL reads as more than one statement, each once slipped past the guard. The
 * names they use exist in the test database (types ée and x$e, columns é$$ and x$$t$ of v), so each
 * statement runs.
 */
const ATTACKS: Array<[string, string]> = [
  ['a non-ASCII name glued to a standard string', "ée'\\') ; SELECT 1; SELECT now( --'"],
  ['a name with a dollar glued to a standard string', "x$e'\\') ; SELECT 1; SELECT now( --'"],
  ['a non-ASCII name running into $$', '(SELECT é$$ FROM v)) ; SELECT 1; SELECT now( -- $$)'],
  ['a name with a dollar running into a tag', '(SELECT x$$t$ FROM v)) ; SELECT 1; SELECT now( -- $t$)'],
  ['a standard string continued on the next line', "'a'\n'\\') ; SELECT 1; SELECT now( --'"],
];

/** A fixed pseudo-random sequence, so that a failure can be replayed. */
function random(seed: number): () => number {
  let state = seed;
  return () => {
    state = (state * 1103515245 + 12345) % 2147483648;
    return state / 2147483648;
  };
}

const PIECES = [
  'é',
  'e',
  'E',
  'x',
  '1',
  '$',
  '$$',
  '$t$',
  "'",
  "''",
  '\\',
  ';',
  '--',
  '\n',
  '/*',
  '*/',
  '(',
  ')',
  ' ',
  '"',
  'U&',
  '.',
  'SELECT 1',
];

function fuzz(count: number): string[] {
  const next = random(20260101);
  const out: string[] = [];
  for (let n = 0; n < count; n++) {
    const length = 1 + Math.floor(next() * 9);
    let text = '';
    for (let k = 0; k < length; k++) text += PIECES[Math.floor(next() * PIECES.length)];
    out.push(text);
  }
  return out;
}

describe('the fragment guard agrees with PostgreSQL', () => {
  let db: TestDatabase;
  let client: pg.Client;
  const connect = async (): Promise<void> => {
    client = new pg.Client({ connectionString: db.url });
    client.on('error', () => undefined);
    await client.connect();
    // Thousands of deliberate syntax errors need not fill the server's log (a server whose log is a
    // pipe nobody reads stalls on it). Only a superuser may say so; anyone else just logs them.
    await client.query("SET log_min_messages = 'fatal'; SET log_min_error_statement = 'panic'").catch(() => undefined);
  };
  /** How many statements PostgreSQL reads in the wrapped text (several come back as several results). */
  const statements = async (fragment: string): Promise<'one' | 'several' | 'error'> => {
    try {
      const result = (await client.query(`SELECT (${fragment}\n) FROM v`)) as unknown as pg.QueryResult | pg.QueryResult[];
      return Array.isArray(result) ? 'several' : 'one';
    } catch {
      return 'error';
    }
  };

  beforeAll(async () => {
    db = await createTestDatabase('fragments');
    await db.exec(`CREATE TYPE "ée" AS ENUM ('\\'); CREATE TYPE "x$e" AS ENUM ('\\');
      CREATE TABLE v ("é$$" int, "x$$t$" int); INSERT INTO v VALUES (1, 1);`);
    await connect();
  });
  afterAll(async () => {
    await client?.end();
    await db?.drop();
  });

  it.each(ATTACKS)('rejects %s, which PostgreSQL reads as several statements', async (_name, fragment) => {
    expect(await statements(fragment)).toBe('several');
    expect(fragmentProblem(fragment)).not.toBeNull();
  });

  it('never accepts a text that PostgreSQL reads as several statements (3,000 generated texts)', async () => {
    const accepted = fuzz(3000).filter((text) => fragmentProblem(text) === null);
    expect(accepted.length).toBeGreaterThan(100);
    const escaped: string[] = [];
    for (const text of accepted) if ((await statements(text)) === 'several') escaped.push(text);
    expect(escaped).toEqual([]);
  });
});
