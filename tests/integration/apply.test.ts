/**
 * `apply` against a real PostgreSQL: the chatkit incident repaired, data kept across many kinds of
 * change, and every successful apply followed by a clean check and a rerun that does nothing.
 */
import { readFileSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { checkLines, checksum, expectConverges, writeSpec } from '../helpers/apply.js';
import { scratchDir } from '../helpers/check.js';
import { cli, repoRoot } from '../helpers/cli.js';
import { createTestDatabase, type TestDatabase } from '../helpers/db.js';

const chatkitSpec = `${repoRoot}examples/chatkit/schema.json`;
const broken = readFileSync(`${repoRoot}examples/chatkit/broken.sql`, 'utf8');

let db: TestDatabase;
let scratch: { dir: string; remove: () => void };

beforeAll(async () => {
  db = await createTestDatabase('apply');
  scratch = scratchDir('apply');
});
afterAll(async () => {
  await db.drop();
  scratch.remove();
});

const applyAndVerify = (spec: string, extra: string[] = []) => expectConverges(db.url, spec, extra);

describe('the chatkit incident', () => {
  beforeAll(async () => {
    await db.reset();
    await db.exec(broken);
    await db.exec(`
      INSERT INTO conversations (id, created_at)
      SELECT 'conv-' || g, timestamp '2024-01-01' + g * interval '1 hour' FROM generate_series(1, 500) g;
      INSERT INTO conversations (id, created_at) VALUES ('no-date', NULL), ('quote''s', '2023-12-31 23:59:59.999999');
    `);
  });

  it('adds the columns with their defaults, creates messages and its index, and keeps every conversation', async () => {
    const before = await checksum(db, 'conversations', ['id', 'created_at'], 'id');
    expect(before.rows).toBe(502);

    const run = await applyAndVerify(chatkitSpec);
    expect(run.stdout).toMatch(/^Applied 5 statements in one transaction, verified before commit\./);
    expect(run.stderr).toMatch(/^Target: postgres@[^ ]+\/pgdrift_apply_[0-9a-f]+\. 5 statements to run\.$/m);

    expect(await checksum(db, 'conversations', ['id', 'created_at'], 'id')).toEqual(before);
    // Existing rows got the defaults of the new columns.
    const [filled] = await db.query<{ metadata: string; updated: string }>(
      `SELECT count(*) FILTER (WHERE metadata = '{}'::jsonb) AS metadata, count(*) FILTER (WHERE updated_at IS NOT NULL) AS updated FROM conversations`,
    );
    expect(filled).toEqual({ metadata: '502', updated: '502' });
    const defaults = await db.query<{ column: string; default: string }>(
      `SELECT a.attname AS column, pg_get_expr(d.adbin, d.adrelid) AS default FROM pg_attrdef d
       JOIN pg_attribute a ON a.attrelid = d.adrelid AND a.attnum = d.adnum
       WHERE d.adrelid = 'public.conversations'::regclass ORDER BY a.attnum`,
    );
    expect(defaults).toEqual([
      { column: 'created_at', default: 'now()' },
      { column: 'updated_at', default: 'now()' },
      { column: 'metadata', default: `'{}'::jsonb` },
    ]);
    const index = await db.query<{ def: string }>(`SELECT pg_get_indexdef('public.idx_messages_session_id'::regclass) AS def`);
    expect(index).toEqual([{ def: 'CREATE INDEX idx_messages_session_id ON public.messages USING btree (session_id)' }]);
    // The foreign key and the check are there and enforced.
    await db.exec(`INSERT INTO messages (id, session_id, role, content) VALUES ('m1', 'conv-1', 'user', 'hello')`);
    await expect(db.exec(`INSERT INTO messages (id, session_id, role, content) VALUES ('m2', 'missing', 'user', 'x')`)).rejects.toThrow(
      /foreign key/,
    );
    await expect(db.exec(`INSERT INTO messages (id, session_id, role, content) VALUES ('m3', 'conv-1', 'robot', 'x')`)).rejects.toThrow(
      /check constraint/,
    );
  });

  it('a second apply changes nothing and runs zero statements', async () => {
    const before = await checksum(db, 'conversations', ['id', 'created_at', 'updated_at', 'metadata'], 'id');
    const run = await cli(['apply', '--database-url', db.url, '--spec', chatkitSpec, '--format', 'json']);
    expect(run.code).toBe(0);
    const result = JSON.parse(run.stdout) as {
      status: string;
      applied: number;
      plan: { summary: { statements: number } };
      report: { drift: boolean };
    };
    expect(result).toMatchObject({ status: 'converged', applied: 0, plan: { summary: { statements: 0 } }, report: { drift: false } });
    expect(await checksum(db, 'conversations', ['id', 'created_at', 'updated_at', 'metadata'], 'id')).toEqual(before);
  });
});

describe('data survives an apply with many kinds of change', () => {
  const beforeSql = `
    CREATE TYPE mood AS ENUM ('happy', 'sad');
    CREATE TABLE authors (
      id integer PRIMARY KEY,
      name varchar(20) NOT NULL,
      email text,
      score integer,
      nickname text,
      legacy text
    );
    CREATE TABLE posts (
      id bigint PRIMARY KEY,
      author_id integer,
      title varchar(50),
      body text,
      rating smallint,
      feeling mood,
      created_at timestamptz DEFAULT now()
    );
    INSERT INTO authors
    SELECT g, 'author ' || g, 'a' || g || '@example.com', CASE WHEN g % 7 = 0 THEN NULL ELSE g * 1000 END,
           CASE WHEN g % 3 = 0 THEN NULL ELSE 'nick ' || g END, 'legacy ' || g
    FROM generate_series(1, 300) g;
    INSERT INTO posts
    SELECT g, 1 + g % 300, 'title ' || g, repeat('body ', g % 5) || E'\\n\\t"x"', g % 6,
           (ARRAY['happy', 'sad', NULL])[1 + g % 3]::mood, timestamptz '2024-03-01 12:00+00' + g * interval '1 minute'
    FROM generate_series(1, 1000) g;
  `;
  const spec = {
    version: 1,
    enums: { 'public.mood': { values: ['happy', 'sad', 'angry'] } },
    tables: {
      'public.authors': {
        columns: {
          id: { type: 'integer' },
          name: { type: 'varchar(100)', nullable: false },
          email: { type: 'text', nullable: false },
          score: { type: 'bigint' },
          nickname: { type: 'text', default: `'anonymous'` },
          active: { type: 'boolean', nullable: false, default: 'true' },
          bio: { type: 'text', comment: 'free text' },
        },
        primaryKey: ['id'],
        unique: [['email']],
      },
      'public.posts': {
        comment: 'what authors wrote',
        columns: {
          id: { type: 'bigint' },
          author_id: { type: 'integer' },
          title: { type: 'varchar(80)' },
          body: { type: 'text' },
          rating: { type: 'integer' },
          feeling: { type: 'public.mood' },
          created_at: { type: 'timestamptz' },
        },
        primaryKey: ['id'],
        foreignKeys: [{ columns: ['author_id'], references: { table: 'public.authors', columns: ['id'] } }],
        checks: ['rating BETWEEN 0 AND 5'],
        indexes: { posts_author_id_idx: { columns: ['author_id'] } },
      },
      'public.tags': {
        columns: {
          id: { type: 'bigint', identity: 'always' },
          post_id: { type: 'bigint', nullable: false },
          tag: { type: 'text', nullable: false },
        },
        primaryKey: ['id'],
        foreignKeys: [{ columns: ['post_id'], references: { table: 'public.posts', columns: ['id'] }, onDelete: 'cascade' }],
      },
    },
  };
  const authorColumns = ['id', 'name', 'email', 'score', 'nickname'];
  const postColumns = ['id', 'author_id', 'title', 'body', 'rating', 'feeling', 'created_at'];

  beforeAll(async () => {
    await db.reset();
    await db.exec(beforeSql);
  });

  it('withholds the column drop without the flag, and keeps every row and value', async () => {
    const file = writeSpec(scratch.dir, spec);
    const authors = await checksum(db, 'authors', [...authorColumns, 'legacy'], 'id');
    const posts = await checksum(db, 'posts', postColumns, 'id');
    expect(authors.rows).toBe(300);
    expect(posts.rows).toBe(1000);

    const run = await cli(['apply', '--database-url', db.url, '--spec', file]);
    expect(run.stderr).not.toMatch(/^pgdrift:/m);
    // Exit 1: converged except for the withheld drop of authors.legacy.
    expect(run.code).toBe(1);
    expect(run.stderr).toMatch(/1 destructive change withheld/);
    expect(await checkLines(db.url, file)).toMatchObject({ code: 1, lines: ['drop-column public.authors.legacy'] });

    expect(await checksum(db, 'authors', [...authorColumns, 'legacy'], 'id')).toEqual(authors);
    expect(await checksum(db, 'posts', postColumns, 'id')).toEqual(posts);
    const [added] = await db.query<{ active: string; bio: string }>(
      `SELECT count(*) FILTER (WHERE active) AS active, count(bio) AS bio FROM authors`,
    );
    expect(added).toEqual({ active: '300', bio: '0' });
  });

  it('with --allow-destructive drops only the column, keeps every other value, and converges', async () => {
    const file = writeSpec(scratch.dir, spec);
    const authors = await checksum(db, 'authors', authorColumns, 'id');
    const posts = await checksum(db, 'posts', postColumns, 'id');
    await applyAndVerify(file, ['--allow-destructive']);
    expect(await checksum(db, 'authors', authorColumns, 'id')).toEqual(authors);
    expect(await checksum(db, 'posts', postColumns, 'id')).toEqual(posts);
    const legacy = await db.query(
      `SELECT 1 FROM pg_attribute WHERE attrelid = 'authors'::regclass AND attname = 'legacy' AND NOT attisdropped`,
    );
    expect(legacy).toEqual([]);
  });

  it('left the new constraints enforced and valid', async () => {
    const invalid = await db.query<{ conname: string }>(
      `SELECT conname FROM pg_constraint WHERE NOT convalidated AND conrelid IN ('authors'::regclass, 'posts'::regclass, 'tags'::regclass)`,
    );
    expect(invalid).toEqual([]);
    await expect(db.exec(`INSERT INTO posts (id, author_id, rating) VALUES (5000, 9999, 1)`)).rejects.toThrow(/foreign key/);
    await expect(db.exec(`INSERT INTO posts (id, author_id, rating) VALUES (5000, 1, 9)`)).rejects.toThrow(/check constraint/);
    await expect(db.exec(`INSERT INTO authors (id, name) VALUES (5000, 'no email')`)).rejects.toThrow(/null value in column "email"/);
    await db.exec(`INSERT INTO posts (id, author_id, feeling) VALUES (5000, 1, 'angry')`);
  });
});
