/**
 * 500 of the fuzzed specs (the full 10,000 run with `npm run fuzz`, see docs/fuzz.md): check exits
 * 0, 1 or 2 on each, never with an unexpected error or a stack trace, and leaves nothing behind.
 * FUZZ_SEED picks another seed; a failure names the seed and the spec's number.
 */
import { afterAll, beforeAll, expect, it } from 'vitest';
import { runFuzz } from '../fuzz/run.js';
import { createTestDatabase, type TestDatabase } from '../helpers/db.js';

const SEED = Number(process.env.FUZZ_SEED ?? 20261201);
let db: TestDatabase;

beforeAll(async () => {
  db = await createTestDatabase('fuzz');
  await db.exec(`CREATE TABLE t0 (id bigint PRIMARY KEY, name text); CREATE TYPE mood AS ENUM ('sad', 'ok'); CREATE SEQUENCE s;`);
});

afterAll(async () => {
  await db?.drop();
});

it('check survives 500 hostile specs and leaves the database as it was', async () => {
  const result = await runFuzz(db.url, SEED, 500);
  expect({ seed: SEED, failures: result.failures, leftovers: result.leftovers }).toEqual({ seed: SEED, failures: [], leftovers: [] });
  expect((result.exits['0'] ?? 0) + (result.exits['1'] ?? 0)).toBeGreaterThan(50);
  expect(result.exits['2'] ?? 0).toBeGreaterThan(50);
}, 240_000);
