/**
 * Every bad input of issue 2, through the CLI in-process and through the bundle: one line on
 * stderr that names what is wrong and where, exit code 2, no password anywhere in the output, and
 * the database exactly as it was.
 */
import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { createServer, type Server } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { connect, parseDatabaseUrl } from '../../src/db/connect.js';
import { startEmbedded, type EmbeddedServer } from '../../src/db/embedded.js';
import { bundle, cli, type CliRun } from '../helpers/cli.js';
import { createTestDatabase, urlFor, type TestDatabase } from '../helpers/db.js';

/** Distinctive, so that any trace of them in the output is found. */
const PASSWORD = 'Pgdrift-Err0rs-Secret';
const WRONG_PASSWORD = 'Wr0ng-Pgdrift-Guess';
const SECRETS = [PASSWORD, WRONG_PASSWORD, encodeURIComponent(PASSWORD), encodeURIComponent(WRONG_PASSWORD), 'Sentinel-Url-Pw'];

let db: TestDatabase;
let scram: EmbeddedServer;
let dir: string;
let closedPort: number;
let silent: Server;
let silentPort: number;

const SENTINEL = `
  CREATE TABLE x (id int PRIMARY KEY, note text);
  CREATE TABLE victim (id int);
  INSERT INTO x VALUES (1, 'kept');
  INSERT INTO victim VALUES (1), (2), (3);
`;

/** Everything that could change: relations, columns, defaults, types, and the rows of the sentinels. */
async function fingerprint(target: TestDatabase = db): Promise<string> {
  const [row] = await target.query<{ objects: string; rows: string }>(`
    SELECT
      (SELECT string_agg(format('%s.%s/%s/%s', n.nspname, c.relname, c.relkind,
              (SELECT string_agg(format('%s:%s:%s', a.attname, format_type(a.atttypid, a.atttypmod), pg_get_expr(d.adbin, d.adrelid)), ',' ORDER BY a.attnum)
                 FROM pg_attribute a LEFT JOIN pg_attrdef d ON d.adrelid = a.attrelid AND d.adnum = a.attnum
                WHERE a.attrelid = c.oid AND a.attnum > 0 AND NOT a.attisdropped)), ';' ORDER BY n.nspname, c.relname)
         FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace
        WHERE n.nspname NOT IN ('pg_catalog', 'information_schema') AND n.nspname !~ '^pg_(toast|temp)') AS objects,
      (SELECT format('%s|%s', (SELECT string_agg(format('%s=%s', id, note), ',' ORDER BY id) FROM x), (SELECT count(*) FROM victim))) AS rows`);
  return `${row!.objects}\n${row!.rows}`;
}

function spec(name: string, body: unknown): string {
  const file = join(dir, name);
  writeFileSync(file, typeof body === 'string' ? body : JSON.stringify(body, null, 2));
  return file;
}

const table = (columns: Record<string, unknown>, rest: Record<string, unknown> = {}): unknown => ({
  version: 1,
  tables: { x: { columns, ...rest } },
});

/** The one-line contract: `pgdrift: …` and a newline, exit 2, nothing on stdout, no secret anywhere. */
function expectOneLineError(run: CliRun, ...fragments: string[]): void {
  expect(run.code, run.stderr).toBe(2);
  expect(run.stdout).toBe('');
  expect(run.stderr).toMatch(/^pgdrift: [^\n]+\n$/);
  for (const fragment of fragments) expect(run.stderr).toContain(fragment);
  for (const secret of SECRETS) expect(run.stdout + run.stderr).not.toContain(secret);
}

function freeClosedPort(): Promise<number> {
  return new Promise((resolve) => {
    const server = createServer();
    server.listen(0, '127.0.0.1', () => {
      const address = server.address();
      server.close(() => resolve(typeof address === 'object' && address ? address.port : 1));
    });
  });
}

beforeAll(async () => {
  db = await createTestDatabase('errors');
  await db.exec(SENTINEL);
  scram = await startEmbedded({ auth: 'scram', password: PASSWORD });
  dir = mkdtempSync(join(tmpdir(), 'pgdrift-errors-'));
  closedPort = await freeClosedPort();
  // Accepts connections and never answers: what a firewalled or half-dead host looks like.
  silent = createServer(() => undefined);
  await new Promise<void>((resolve) => silent.listen(0, '127.0.0.1', resolve));
  const address = silent.address();
  silentPort = typeof address === 'object' && address ? address.port : 0;
});

afterAll(async () => {
  await db?.drop();
  await scram?.stop();
  silent?.close();
  if (dir) rmSync(dir, { recursive: true, force: true });
});

describe('a bad spec', () => {
  it.each([
    {
      name: 'malformed JSON, with its line and column',
      text: '{\n  "version": 1,\n  "tables": { "x": { "columns": { "id": "int", } } }\n}\n',
      expected: ['bad.json: invalid JSON at line 3, column 46: a comma after the last member of an object'],
    },
    {
      name: 'JSON that stops in the middle',
      text: '{\n  "version": 1,\n  "tables": {\n',
      expected: ['invalid JSON at line 4, column 1'],
    },
    {
      name: 'an unknown key, with its JSON path and the keys expected',
      body: { version: 1, tables: { x: { colums: {} } } },
      expected: ['$.tables.x.colums: unknown key "colums" (expected one of: comment, columns,'],
    },
    {
      name: 'a value of the wrong kind',
      body: table({ id: { type: 'int', nullable: 'no' } }),
      expected: ['$.tables.x.columns.id.nullable: expected true or false, got string "no"'],
    },
    {
      name: 'a value outside its choices',
      body: table({ id: { type: 'int', identity: 'sometimes' } }),
      expected: ['$.tables.x.columns.id.identity: expected one of "always", "by default", got string "sometimes"'],
    },
    {
      name: 'an unsupported spec version',
      body: { version: 2, tables: {} },
      expected: ['$.version: unsupported spec version 2; this pgdrift reads version 1'],
    },
    {
      name: 'no spec version',
      body: { tables: {} },
      expected: ['$.version: missing; this pgdrift reads spec version 1'],
    },
    {
      name: 'a type PostgreSQL does not know',
      body: table({ id: { type: 'int' }, ok: { type: 'nosuchtype' } }),
      expected: ['columns.ok', 'type "nosuchtype" does not exist'],
    },
    {
      name: 'column clauses smuggled into a type',
      body: table({ id: { type: 'int DEFAULT 5' } }),
      expected: ['$.tables.x.columns.id.type: "int DEFAULT 5" is not a type name: write a default under "default"'],
    },
    {
      name: 'a comment in a type',
      body: table({ id: { type: 'int -- ' } }),
      expected: ['$.tables.x.columns.id.type: "int --" is not a type name: it contains a comment'],
    },
    {
      name: 'a default that closes its parenthesis to start a new statement',
      body: table({ id: { type: 'int', default: '1); DROP TABLE x; --' } }),
      expected: ['$.tables.x.columns.id.default: the default is not a single SQL expression: it closes a parenthesis it did not open'],
    },
    {
      name: 'a default that chains a second statement',
      body: table({ id: { type: 'int', default: '(1); DROP TABLE victim' } }),
      expected: ['$.tables.x.columns.id.default: the default is not a single SQL expression: it contains a statement separator (;)'],
    },
    {
      name: 'a default that opens a string to swallow the rest',
      body: table({ id: { type: 'text', default: "'a" } }),
      expected: ['$.tables.x.columns.id.default: the default is not a single SQL expression: a string literal is not closed'],
    },
    {
      name: 'a dollar quote left open',
      body: table({ id: { type: 'text', default: '$x$ a' } }),
      expected: ['$.tables.x.columns.id.default: the default is not a single SQL expression: a dollar-quoted string is not closed'],
    },
    {
      name: 'a check that breaks out of its parentheses',
      body: table({ id: { type: 'int' } }, { checks: ['true) NOT VALID; DROP TABLE victim; --'] }),
      expected: ['$.tables.x.checks[0]: the check is not a single SQL expression'],
    },
    {
      name: 'an index predicate that breaks out',
      body: table({ id: { type: 'int' } }, { indexes: { x_id: { columns: ['id'], where: 'true); DROP TABLE victim; --' } } }),
      expected: ['$.tables.x.indexes.x_id.where: the index predicate is not a single SQL expression'],
    },
    {
      name: 'a view query with a second statement',
      body: { version: 1, views: { v: { query: 'SELECT 1; DROP TABLE victim' } } },
      expected: ['$.views.v.query: the view query is not a single SQL query: it contains a statement separator (;)'],
    },
    {
      name: 'a view query PostgreSQL rejects, over tables the database has',
      body: {
        version: 1,
        tables: { x: { columns: { id: 'int', note: 'text' }, primaryKey: ['id'] }, victim: { columns: { id: 'int' } } },
        views: { v: { query: 'SELECT nosuch FROM x' } },
      },
      expected: ['$.views["public.v"].query: PostgreSQL rejects it: column "nosuch" does not exist'],
    },
    {
      name: 'a foreign key to a table in neither the spec nor the database',
      body: table({ id: { type: 'int' } }, { foreignKeys: [{ columns: ['id'], references: { table: 'nowhere', columns: ['id'] } }] }),
      expected: ['$.tables["public.x"].foreignKeys[0].references.table: PostgreSQL rejects it: relation "public.nowhere" does not exist'],
    },
    {
      name: 'a name PostgreSQL would truncate',
      body: table({ ['c'.repeat(64)]: { type: 'int' } }),
      expected: [`is longer than 63 bytes, which PostgreSQL would truncate`],
    },
    {
      name: 'a table key that is not a name',
      body: { version: 1, tables: { 'a"b': { columns: { id: 'int' } } } },
      expected: ['$.tables["a\\"b"]: "a"b" is not a name'],
    },
  ])('rejects $name', async ({ text, body, expected }) => {
    const file = spec('bad.json', text ?? body);
    const before = await fingerprint();
    for (const command of ['check', 'plan', 'apply']) {
      expectOneLineError(await cli([command, '--database-url', db.url, '--spec', file]), ...expected);
    }
    expect(await fingerprint()).toBe(before);
  });

  it('names a spec file that does not exist', async () => {
    const missing = join(dir, 'nowhere', 'pgdrift.json');
    expectOneLineError(await cli(['check', '--database-url', db.url, '--spec', missing]), `spec file ${missing} does not exist`);
  });

  it('accepts what only looks dangerous, and runs it as one expression', async () => {
    const file = spec('harmless.json', {
      version: 1,
      tables: {
        x: { columns: { id: { type: 'int' }, note: { type: 'text', default: "'a); DROP TABLE victim; --'" } }, primaryKey: ['id'] },
        victim: { columns: { id: { type: 'int', default: '0 -- ); DROP TABLE victim' } } },
      },
    });
    const before = await fingerprint();
    const run = await cli(['check', '--database-url', db.url, '--spec', file, '--format', 'json']);
    expect(run.stderr).toBe('');
    expect(run.code).toBe(1);
    const changes = (JSON.parse(run.stdout) as { changes: Array<{ kind: string; object: string }> }).changes.map(
      (c) => `${c.kind} ${c.object}`,
    );
    expect(changes).toEqual(['set-default public.victim.id', 'set-default public.x.note']);
    expect(await fingerprint()).toBe(before);
  });
});

describe('a bad connection', () => {
  const specFile = (): string => spec('ok.json', table({ id: { type: 'int' }, note: { type: 'text' } }, { primaryKey: ['id'] }));

  it('says the port is closed', async () => {
    const run = await cli([
      'check',
      '--database-url',
      `postgres://postgres:${PASSWORD}@127.0.0.1:${closedPort}/postgres`,
      '--spec',
      specFile(),
    ]);
    expectOneLineError(run, `could not connect to postgres@127.0.0.1:${closedPort}/postgres: connection refused`);
  });

  it('says a host that never answers did not answer in time, after its retries', async () => {
    const started = Date.now();
    const run = await cli([
      'check',
      '--database-url',
      `postgres://postgres:${PASSWORD}@127.0.0.1:${silentPort}/postgres`,
      '--spec',
      specFile(),
      '--connect-timeout',
      '0.3',
      '--connect-retries',
      '1',
    ]);
    expectOneLineError(run, `could not connect to postgres@127.0.0.1:${silentPort}/postgres: no answer in time`);
    expect(Date.now() - started).toBeGreaterThanOrEqual(600);
  });

  it('says a host name does not resolve', async () => {
    const run = await cli([
      'check',
      '--database-url',
      `postgres://postgres:${PASSWORD}@no-such-host.invalid/postgres`,
      '--spec',
      specFile(),
      '--connect-retries',
      '0',
    ]);
    expectOneLineError(run, 'host "no-such-host.invalid" was not found');
  });

  it('says the password is wrong, without printing either password', async () => {
    const url = new URL(scram.url);
    url.password = WRONG_PASSWORD;
    const run = await cli(['check', '--database-url', url.toString(), '--spec', specFile()]);
    expectOneLineError(
      run,
      `could not connect to postgres@127.0.0.1:${scram.port}/postgres: password authentication failed for user "postgres"`,
    );
  });

  it('says the server wants a password the URL does not have', async () => {
    const url = new URL(scram.url);
    url.password = '';
    const run = await cli(['check', '--database-url', url.toString(), '--spec', specFile()], {});
    expectOneLineError(run, 'the server asks for a password and the database URL has none');
  });

  it('connects with the right password (the wrong-password test is not passing by accident)', async () => {
    const run = await cli(['snapshot', '--database-url', scram.url]);
    expect(run.stderr).toBe('');
    expect(run.code).toBe(0);
    expect(JSON.parse(run.stdout)).toMatchObject({ version: 1 });
  });

  it('says the database does not exist', async () => {
    const url = new URL(urlFor('pgdrift_no_such_database', db.url));
    url.password = 'Sentinel-Url-Pw';
    const run = await cli(['check', '--database-url', url.toString(), '--spec', specFile()]);
    expectOneLineError(run, 'database "pgdrift_no_such_database" does not exist');
  });

  it.each(['require', 'verify-ca', 'verify-full'])('says sslmode=%s needs TLS that the server does not offer', async (mode) => {
    const url = new URL(db.url);
    url.password = 'Sentinel-Url-Pw';
    url.searchParams.set('sslmode', mode);
    const run = await cli(['check', '--database-url', url.toString(), '--spec', specFile()]);
    expectOneLineError(run, `sslmode=${mode} requires TLS but the server does not offer it`);
  });

  it.each([
    {
      url: 'postgres://u:Sentinel-Url-Pw@localhost:5432/db?sslmode=sometimes',
      expected:
        'the connection string is malformed at parameter sslmode: expected one of disable, allow, prefer, require, verify-ca, verify-full',
    },
    {
      url: 'postgres://u:Sentinel-Url-Pw@localhost:5432/db?ssl=true',
      expected: 'the connection string is malformed at parameter ssl: unknown parameter',
    },
    {
      url: 'mysql://u:Sentinel-Url-Pw@localhost/db',
      expected: 'the connection string is malformed at scheme: expected postgres:// or postgresql://',
    },
    {
      url: 'postgres://u:Sentinel-Url-Pw@localhost:notaport/db',
      expected: 'the connection string is malformed at port: expected a number from 1 to 65535',
    },
    {
      url: 'host=localhost password=Sentinel-Url-Pw port=99999',
      expected: 'the connection string is malformed at port: expected a number from 1 to 65535',
    },
    {
      url: "host=localhost password='Sentinel-Url-Pw",
      expected: 'the connection string is malformed at parameter password: its quoted value has no closing quote',
    },
    {
      url: 'postgres://u:Sentinel-Url-Pw@localhost/db?sslmode=verify-full&sslrootcert=/nonexistent/ca.pem',
      expected: 'cannot read the sslrootcert file /nonexistent/ca.pem named in the database URL: no such file',
    },
    {
      url: 'postgres://u:Sentinel-Url-Pw@localhost/db?sslmode=disable&channel_binding=require',
      expected: 'channel_binding=require with sslmode=disable',
    },
    {
      url: 'postgres://u:Sentinel-Url-Pw@localhost/db?connect_timeout=soon',
      expected: 'the connection string is malformed at parameter connect_timeout: expected whole seconds',
    },
  ])('refuses the connection string $url', async ({ url, expected }) => {
    expectOneLineError(await cli(['check', '--database-url', url, '--spec', specFile()]), expected);
  });

  it.each([{ mode: undefined }, { mode: 'disable' }, { mode: 'allow' }, { mode: 'prefer' }])(
    'checks a server without TLS with sslmode=$mode',
    async ({ mode }) => {
      const url = new URL(db.url);
      if (mode) url.searchParams.set('sslmode', mode);
      const run = await cli(['check', '--database-url', url.toString(), '--spec', specFile()]);
      expect(run.stderr).toBe('');
      expect(run.stdout).toContain('victim');
      expect(run.code).toBe(1);
    },
  );
});

describe('sslmode against a real TLS server, as libpq users expect', () => {
  let optional: EmbeddedServer;
  let required: EmbeddedServer;
  let trusting: EmbeddedServer;
  let caFile: string;
  /** The URL of `server` with the password, host and query given. */
  const urlOf = (server: EmbeddedServer, query: string, host = '127.0.0.1'): string =>
    `postgres://postgres:${encodeURIComponent(PASSWORD)}@${host}:${server.port}/postgres${query}`;

  /** Connects the way the CLI does and asks the server whether this session is encrypted. */
  async function sessionTls(url: string): Promise<boolean> {
    const client = await connect(parseDatabaseUrl(url), { connectTimeout: 10, retries: 0 });
    try {
      const { rows } = await client.query<{ ssl: boolean }>('SELECT ssl FROM pg_stat_ssl WHERE pid = pg_backend_pid()');
      return rows[0]!.ssl;
    } finally {
      await client.end();
    }
  }

  beforeAll(async () => {
    // A self-signed certificate for 127.0.0.1 (and not for "localhost").
    const keyFile = join(dir, 'server.key');
    caFile = join(dir, 'server.crt');
    execFileSync(
      'openssl',
      [
        'req',
        '-x509',
        '-newkey',
        'rsa:2048',
        '-nodes',
        '-keyout',
        keyFile,
        '-out',
        caFile,
        '-days',
        '2',
        '-subj',
        '/CN=127.0.0.1',
        '-addext',
        'subjectAltName=IP:127.0.0.1',
      ],
      { stdio: 'ignore' },
    );
    const tls = { cert: readFileSync(caFile, 'utf8'), key: readFileSync(keyFile, 'utf8') };
    [optional, required, trusting] = await Promise.all([
      startEmbedded({ auth: 'scram', password: PASSWORD, ssl: tls }),
      startEmbedded({ auth: 'scram', password: PASSWORD, ssl: { ...tls, required: true } }),
      startEmbedded({ ssl: tls }),
    ]);
  });
  afterAll(async () => {
    await Promise.all([optional?.stop(), required?.stop(), trusting?.stop()]);
  });

  it.each([
    { query: '', tls: true },
    { query: '?sslmode=prefer', tls: true },
    { query: '?sslmode=require', tls: true },
    { query: '?sslmode=allow', tls: false },
    { query: '?sslmode=disable', tls: false },
    { query: '?sslmode=verify-full&sslrootcert=CA', tls: true },
    { query: '?sslmode=verify-ca&sslrootcert=CA', tls: true },
    { query: '?sslmode=require&channel_binding=require', tls: true },
  ])('a server that offers TLS: "$query" connects with TLS $tls', async ({ query, tls }) => {
    expect(await sessionTls(urlOf(optional, query.replace('CA', caFile)))).toBe(tls);
  });

  it.each([
    { query: '?sslmode=allow', tls: true },
    { query: '?sslmode=prefer', tls: true },
  ])('a server that requires TLS: "$query" connects with TLS $tls', async ({ query, tls }) => {
    expect(await sessionTls(urlOf(required, query))).toBe(tls);
  });

  it('verify-ca accepts the certificate under another host name; verify-full does not', async () => {
    expect(await sessionTls(urlOf(optional, `?sslmode=verify-ca&sslrootcert=${caFile}`, 'localhost'))).toBe(true);
    const run = await cli([
      'check',
      '--database-url',
      urlOf(optional, `?sslmode=verify-full&sslrootcert=${caFile}`, 'localhost'),
      '--spec',
      spec('tls.json', table({ id: 'int' })),
    ]);
    expectOneLineError(run, `the server's TLS certificate is not for host "localhost"`, 'use sslmode=verify-ca');
  });

  it.each([
    {
      name: 'verify-full without its CA',
      server: () => optional,
      query: '?sslmode=verify-full',
      expected: "the server's TLS certificate was not accepted (self-signed certificate)",
    },
    {
      name: 'sslmode=disable where TLS is required',
      server: () => required,
      query: '?sslmode=disable',
      expected: 'The server requires TLS: use sslmode=require',
    },
    {
      name: 'channel_binding=require without SCRAM',
      server: () => trusting,
      query: '?sslmode=require&channel_binding=require',
      expected: 'channel_binding=require, but the server did not authenticate with channel binding',
    },
  ])('refuses $name in one line', async ({ server, query, expected }) => {
    const run = await cli(['check', '--database-url', urlOf(server(), query), '--spec', spec('tls.json', table({ id: 'int' }))]);
    expectOneLineError(run, expected);
  });

  it('never tries TLS over a Unix socket, whatever the sslmode (as libpq)', async () => {
    const socketUrl = `postgres://postgres:${encodeURIComponent(PASSWORD)}@/postgres?host=${encodeURIComponent(optional.dir)}&port=${optional.port}&sslmode=require`;
    expect(await sessionTls(socketUrl)).toBe(false);
    expect(
      await sessionTls(
        `postgres://postgres:${encodeURIComponent(PASSWORD)}@${encodeURIComponent(optional.dir)}:${optional.port}/postgres?sslmode=require`,
      ),
    ).toBe(false);
  });

  it('reads keyword=value connection strings, quoted values included', async () => {
    const conninfo = `host=127.0.0.1 port=${optional.port} user=postgres dbname = postgres password='${PASSWORD.replace(/'/g, "\\'")}' sslmode=require`;
    expect(await sessionTls(conninfo)).toBe(true);
    const run = await cli(['snapshot', '--database-url', conninfo]);
    expect(run.stderr).toBe('');
    expect(run.code).toBe(0);
  });
});

describe('names with quotes, semicolons and spaces', () => {
  const weirdSql = `
    CREATE SCHEMA "odd schema; x";
    CREATE TYPE "odd schema; x"."mo""od" AS ENUM ('it''s', 'a;b', 'c"d');
    CREATE TABLE "odd schema; x"."we""ird; DROP TABLE victim; --" (
      "co""l; DROP TABLE victim; --" int PRIMARY KEY,
      "sp ace" text DEFAULT 'x''); DROP TABLE victim; --' CHECK ("sp ace" <> ';'),
      m "odd schema; x"."mo""od",
      "Mixed" int UNIQUE
    );
    CREATE INDEX "ix; DROP TABLE victim" ON "odd schema; x"."we""ird; DROP TABLE victim; --" (lower("sp ace")) WHERE "Mixed" > 0;
    COMMENT ON TABLE "odd schema; x"."we""ird; DROP TABLE victim; --" IS 'it''s; DROP TABLE victim';`;
  let weird: TestDatabase;
  let empty: TestDatabase;
  beforeAll(async () => {
    weird = await createTestDatabase('weird_names');
    empty = await createTestDatabase('weird_empty');
    await weird.exec(SENTINEL + weirdSql);
    await empty.exec(SENTINEL);
  });
  afterAll(async () => {
    await weird?.drop();
    await empty?.drop();
  });

  it('snapshots them quoted, and the snapshot checks clean', async () => {
    const out = join(dir, 'weird.json');
    const snap = await cli(['snapshot', '--database-url', weird.url, '--output', out]);
    expect(snap.stderr).toBe('');
    expect(snap.code).toBe(0);
    const before = await fingerprint(weird);
    const run = await cli(['check', '--database-url', weird.url, '--spec', out]);
    expect(run.stdout).toBe('No drift: the database matches the spec.\n');
    expect(run.code).toBe(0);
    expect(await fingerprint(weird)).toBe(before);
  });

  it('checks a spec of them against a database without them: reported, never run', async () => {
    const out = join(dir, 'weird.json');
    const before = await fingerprint(empty);
    const run = await cli(['check', '--database-url', empty.url, '--spec', out, '--format', 'json']);
    expect(run.stderr).toBe('');
    expect(run.code).toBe(1);
    const changes = (JSON.parse(run.stdout) as { changes: Array<{ kind: string; object: string }> }).changes.map(
      (c) => `${c.kind} ${c.object}`,
    );
    expect(changes).toEqual([
      'add-schema "odd schema; x"',
      'add-enum "odd schema; x"."mo""od"',
      'add-table "odd schema; x"."we""ird; DROP TABLE victim; --"',
    ]);
    expect(await fingerprint(empty)).toBe(before);
  });

  it('applies them to that database as names, and the result checks clean with the sentinels intact', async () => {
    const out = join(dir, 'weird.json');
    const apply = await cli(['apply', '--database-url', empty.url, '--spec', out]);
    expect(apply.code, apply.stderr).toBe(0);
    const run = await cli(['check', '--database-url', empty.url, '--spec', out]);
    expect(run.stdout).toBe('No drift: the database matches the spec.\n');
    const [names] = await empty.query<{ t: string; c: string; v: string }>(`
      SELECT (SELECT relname FROM pg_class WHERE relname LIKE 'we"ird%' AND relkind = 'r') AS t,
             (SELECT string_agg(attname, ',' ORDER BY attnum) FROM pg_attribute WHERE attrelid = '"odd schema; x"."we""ird; DROP TABLE victim; --"'::regclass AND attnum > 0) AS c,
             (SELECT count(*)::text FROM victim) AS v`);
    expect(names).toEqual({ t: 'we"ird; DROP TABLE victim; --', c: 'co"l; DROP TABLE victim; --,sp ace,m,Mixed', v: '3' });
  });

  it('takes an unquoted key with a semicolon and spaces as one name', async () => {
    const file = spec('semicolon.json', { version: 1, tables: { 'x; DROP TABLE victim; --': { columns: { 'a b; --': 'int' } } } });
    const before = await fingerprint();
    const run = await cli(['plan', '--database-url', db.url, '--spec', file]);
    expect(run.code, run.stderr).toBe(1);
    expect(run.stdout).toContain('CREATE TABLE "public"."x; DROP TABLE victim; --" (');
    expect(run.stdout).toContain('"a b; --" integer');
    expect(await fingerprint()).toBe(before);
  });
});

describe('the bundle', () => {
  it('prints one line and exits 2 for malformed JSON', () => {
    const file = spec('bundle-bad.json', '{ "version": 1, }');
    const run = bundle(['check', '--database-url', db.url, '--spec', file]);
    expectOneLineError(run, 'bundle-bad.json: invalid JSON at line 1, column 15');
  });

  it('prints one line and exits 2 for an injection attempt, leaving the database as it was', async () => {
    const before = await fingerprint();
    const file = spec('bundle-inject.json', table({ id: { type: 'int', default: '1); DROP TABLE x; --' } }));
    expectOneLineError(bundle(['apply', '--database-url', db.url, '--spec', file]), 'it closes a parenthesis it did not open');
    expect(await fingerprint()).toBe(before);
  });

  it('prints one line without the passwords for a wrong password', () => {
    const url = new URL(scram.url);
    url.password = WRONG_PASSWORD;
    const run = bundle(['check', '--spec', spec('bundle-ok.json', table({ id: 'int' }))], { DATABASE_URL: url.toString() });
    expectOneLineError(run, 'password authentication failed for user "postgres"');
  });

  it('prints one line when TLS is required but refused', () => {
    const url = new URL(db.url);
    url.searchParams.set('sslmode', 'require');
    url.password = 'Sentinel-Url-Pw';
    expectOneLineError(
      bundle(['snapshot', '--database-url', url.toString()]),
      'sslmode=require requires TLS but the server does not offer it',
    );
  });

  it('prints one line for a missing spec file and for an unreachable host', () => {
    expectOneLineError(bundle(['check', '--database-url', db.url, '--spec', 'nope.json']), 'spec file nope.json does not exist');
    expectOneLineError(
      bundle([
        'check',
        '--database-url',
        `postgres://u:${PASSWORD}@127.0.0.1:${closedPort}/db`,
        '--spec',
        spec('bundle-ok.json', table({ id: 'int' })),
      ]),
      'connection refused',
    );
  });
});
