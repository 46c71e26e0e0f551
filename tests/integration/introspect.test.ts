/**
 * The catalog read itself: one connection or two sharing a snapshot give the same model, whatever
 * happens to the second one; the round trips do not grow with the schema; `dispatched` is called
 * once, before the read ends; invalid indexes come with the index rows.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { connect, parseDatabaseUrl } from '../../src/db/connect.js';
import { introspect, type Introspection } from '../../src/db/introspect.js';
import { Session } from '../../src/db/session.js';
import { createTestDatabase, type TestDatabase } from '../helpers/db.js';

let db: TestDatabase;
let other: TestDatabase;
const schemas = ['public', 'shop'];

const open = async (url = db.url): Promise<Session> =>
  new Session(await connect(parseDatabaseUrl(url), { connectTimeout: 10, retries: 0 }));

function tables(count: number, schema: string, prefix = 't'): string {
  const out: string[] = [];
  for (let i = 0; i < count; i++) {
    const t = `${prefix}${i}`;
    out.push(
      `CREATE TABLE ${schema}.${t} (id bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY, code varchar(12) NOT NULL DEFAULT 'x', n int CHECK (n > ${i}), at timestamptz DEFAULT now(), parent bigint REFERENCES ${schema}.${t} (id) ON DELETE SET NULL);`,
    );
    out.push(`CREATE INDEX ${t}_code_idx ON ${schema}.${t} (lower(code)) WHERE n IS NOT NULL;`);
    out.push(`COMMENT ON TABLE ${schema}.${t} IS 'table ${i}';`);
  }
  return out.join('\n');
}

/** Whether a query of `session` is on its way or being answered (node-postgres's own field). */
const busy = (session: Session): boolean => (session.client as unknown as { _activeQuery: unknown })._activeQuery != null;

/**
 * Reads with `helper` (or alone), recording how often `dispatched` was called, whether both
 * connections still had their catalog queries under way when it was, and the round trips.
 */
async function read(
  helper?: Promise<Session>,
  second?: Session,
): Promise<{ result: Introspection; told: number; queriesInFlight: boolean; roundTrips: number }> {
  const session = await open();
  let told = 0;
  let queriesInFlight = false;
  try {
    const result = await introspect(session, schemas, {
      ...(helper ? { helper } : {}),
      dispatched: () => {
        told += 1;
        queriesInFlight = busy(session) && (second === undefined || busy(second));
      },
    });
    return { result, told, queriesInFlight, roundTrips: session.roundTrips };
  } finally {
    await session.close();
  }
}

beforeAll(async () => {
  db = await createTestDatabase('introspect');
  other = await createTestDatabase('introspect_other');
  await db.exec(`CREATE SCHEMA shop; CREATE TYPE shop.state AS ENUM ('new', 'paid'); ${tables(4, 'public')} ${tables(3, 'shop')}
    CREATE TABLE shop.users (id int PRIMARY KEY, email text, state shop.state DEFAULT 'new');
    INSERT INTO shop.users VALUES (1, 'a'), (2, 'a');`);
  // A failed concurrent build leaves its index behind, invalid.
  await db.exec('CREATE UNIQUE INDEX CONCURRENTLY users_email_key ON shop.users (email)').catch(() => undefined);
});
afterAll(async () => {
  await db.drop();
  await other.drop();
});

describe('introspect', () => {
  it('reads the same model alone and with a second connection, and lists the invalid index', async () => {
    const alone = await read();
    const second = await open();
    const together = await read(Promise.resolve(second), second);
    expect(Object.keys(alone.result.schema.tables)).toHaveLength(8);
    expect(together.result).toEqual(alone.result);
    expect(alone.result.invalidIndexes).toEqual([
      {
        table: 'shop.users',
        name: 'users_email_key',
        object: 'shop.users.users_email_key',
        oid: expect.any(Number) as number,
        building: false,
      },
    ]);
    // The invalid index is in the model too, as PostgreSQL defines it.
    expect(alone.result.schema.tables['shop.users']?.indexes.users_email_key?.unique).toBe(true);
    // Said once, while the queries were under way on every connection that runs them.
    for (const run of [alone, together]) {
      expect(run.told).toBe(1);
      expect(run.queriesInFlight).toBe(true);
    }
  });

  it('falls back to one connection when the second cannot connect, connects too late, or refuses the snapshot', async () => {
    const expected = (await read()).result;
    const failing = Promise.reject(new Error('no second connection'));
    failing.catch(() => undefined);
    // Connected only once this session's own queries are done: its queries run here instead.
    const late = new Promise<Session>((resolve) => setTimeout(() => resolve(open()), 1500));
    // Connected to another database: SET TRANSACTION SNAPSHOT fails there.
    const elsewhere = open(other.url);
    await elsewhere;
    for (const helper of [failing, late, elsewhere]) {
      const run = await read(helper);
      expect(run.result).toEqual(expected);
      expect(run.told).toBe(1);
      expect(run.roundTrips).toBeLessThanOrEqual(4);
    }
    // Every helper was closed by the read.
    for (const helper of [late, elsewhere]) expect(((await helper).client as unknown as { _ending: boolean })._ending).toBe(true);
  });

  it('takes the same number of round trips for 8 tables as for 208', async () => {
    const small = await read(open());
    const smallAlone = await read();
    await db.exec(tables(200, 'public', 'u'));
    const large = await read(open());
    const largeAlone = await read();
    expect(Object.keys(large.result.schema.tables)).toHaveLength(208);
    expect(largeAlone.roundTrips).toBe(smallAlone.roundTrips);
    expect(largeAlone.roundTrips).toBe(1);
    // Two connections: the snapshot, the reads, and a COMMIT when the second was not ready yet.
    expect(large.roundTrips).toBeLessThanOrEqual(3);
    expect(small.roundTrips).toBeLessThanOrEqual(3);
  });
});
