import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { quoteLiteral } from '../../src/core/ident.js';
import { createTestDatabase, type TestDatabase } from '../helpers/db.js';

describe('quoteLiteral against PostgreSQL', () => {
  let db: TestDatabase;
  beforeAll(async () => {
    db = await createTestDatabase('quoting');
  });
  afterAll(async () => {
    await db.drop();
  });

  const values = [
    ['plain text', 'abc'],
    ['a quote', "it's"],
    ['a backslash', 'C:\\dir'],
    ['a backslash before a quote', "x\\'; SELECT 1; --"],
    ['two backslashes', '\\\\'],
    ['a dollar quote', '$$; DROP TABLE t; $$'],
  ];

  it.each(
    values.flatMap(([name, value]) => [
      { name, value, setting: 'on' },
      { name, value, setting: 'off' },
    ]),
  )('reads back $name unchanged with standard_conforming_strings $setting', async ({ value, setting }) => {
    await db.exec(`SET standard_conforming_strings = ${setting}`);
    const [row] = await db.query<{ v: string }>(`SELECT ${quoteLiteral(value as string)} AS v`);
    expect(row?.v).toBe(value);
  });
});
