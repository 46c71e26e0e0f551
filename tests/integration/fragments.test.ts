/**
 * The fragment guard (ident.fragmentProblem) against PostgreSQL's own lexer: whatever the guard
 * accepts, wrapped the way pgdrift wraps it, PostgreSQL must parse as one statement. Sent with the
 * extended protocol, several statements are refused with "cannot insert multiple commands into a
 * prepared statement", which is the signal looked for here.
 */
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { fragmentProblem } from '../../src/core/ident.js';
import { createTestDatabase, type TestDatabase } from '../helpers/db.js';

const MULTIPLE = /multiple commands/;

/** Texts that PostgreSQL reads as more than one statement, each once slipped past the guard. */
const ATTACKS: Array<[string, string]> = [
  ['a non-ASCII name glued to a standard string', "ée'\\') ; SELECT 1; SELECT now( --'"],
  ['a name with a dollar glued to a standard string', "x$e'\\') ; SELECT 1; SELECT now( --'"],
  ['a non-ASCII name running into $$', 'é$$) ; SELECT 1; SELECT now( -- $$'],
  ['a name with a dollar running into a tag', 'x$$t$) ; SELECT 1; SELECT now( -- $t$'],
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

const PIECES = ['é', 'e', 'E', 'x', '1', '$', '$$', '$t$', "'", "''", '\\', ';', '--', '\n', '/*', '*/', '(', ')', ' ', '"', 'U&', '.', 'SELECT 1'];

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
  const statements = async (fragment: string): Promise<'one' | 'several' | 'error'> => {
    try {
      await client.query({ text: `SELECT (${fragment}\n)`, queryMode: 'extended' } as pg.QueryConfig);
      return 'one';
    } catch (error) {
      return MULTIPLE.test((error as Error).message) ? 'several' : 'error';
    }
  };

  beforeAll(async () => {
    db = await createTestDatabase('fragments');
    client = new pg.Client({ connectionString: db.url });
    await client.connect();
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
