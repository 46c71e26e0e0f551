/**
 * The action end to end: the bundle (`node dist/index.js`) run as a child process with the
 * runner's environment, against the real PostgreSQL, with a local stand-in for GitHub's REST API
 * that records every request. Tests inside a describe run in order and share its database: each
 * one is a step of the story its describe tells.
 */
import { readFileSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { events, messages, OWNER, REPO, runBundledAction, TOKEN, type ActionRun, type ActionRunOptions } from '../helpers/action.js';
import { repoRoot } from '../helpers/cli.js';
import { createTestDatabase, type TestDatabase } from '../helpers/db.js';
import { asMapping, asSequence, parseYaml } from '../helpers/yaml.js';
import { BOT_LOGIN, startGitHubServer, type GitHubServer, type RecordedRequest } from '../helpers/github-server.js';

const RAW_PASSWORD = 'p@ss/w0rd%21';
const ENCODED_PASSWORD = encodeURIComponent(RAW_PASSWORD);
const DECODED_PASSWORD = decodeURIComponent(RAW_PASSWORD);
const SECRETS = {
  'raw password': RAW_PASSWORD,
  'URL-encoded password': ENCODED_PASSWORD,
  'URL-decoded password': DECODED_PASSWORD,
  'github token': TOKEN,
};

const chatkit = `${repoRoot}examples/chatkit/`;
const brokenSql = readFileSync(`${chatkit}broken.sql`, 'utf8');
const repairSql = readFileSync(`${chatkit}repair.sql`, 'utf8');
const SPEC_PATH = 'db/schema.json';

type SpecJson = { tables: Record<string, { columns: Record<string, Record<string, unknown>>; indexes?: Record<string, unknown> }> };
const chatkitSpec = JSON.parse(readFileSync(`${chatkit}schema.json`, 'utf8')) as SpecJson;

/** The chatkit spec, changed by `mutate`, as the text of a spec file. */
function spec(mutate: (s: SpecJson) => void = () => undefined): string {
  const s = structuredClone(chatkitSpec);
  mutate(s);
  return `${JSON.stringify(s, null, 2)}\n`;
}
const addTokens = (s: SpecJson): void => {
  s.tables['public.messages']!.columns.tokens = { type: 'integer' };
};

/** The test database's URL with the password in it, percent-encoded as a connection string holds it. */
function withPassword(url: string, port?: number): string {
  const u = new URL(url);
  return `${u.protocol}//${u.username}:${ENCODED_PASSWORD}@${u.hostname}:${port ?? (u.port || 5432)}${u.pathname}`;
}

const sha = (c: string): string => c.repeat(40).slice(0, 40);
const BASE_SHA = sha('b');

let server: GitHubServer;
interface Run extends ActionRun {
  requests: RecordedRequest[];
}
const everyRun: Run[] = [];
let runCounter = 0;

/** Where each secret form shows up in what a run wrote (the `::add-mask::` lines excepted). */
function leaks(run: Run): string[] {
  const places: Array<[string, string]> = [
    [
      'stdout',
      run.stdout
        .split('\n')
        .filter((l) => !l.startsWith('::add-mask::'))
        .join('\n'),
    ],
    ['stderr', run.stderr],
    ['GITHUB_OUTPUT', run.outputsFile],
    ['step summary', run.summary],
    ['report-json', run.reportJson],
    ...run.requests.map((r): [string, string] => [
      `${r.method} ${r.path}`,
      `${r.path}?${new URLSearchParams(r.query).toString()}\n${r.body}\n${r.body ? JSON.stringify(JSON.parse(r.body)) : ''}`,
    ]),
  ];
  const found: string[] = [];
  for (const [where, text] of places)
    for (const [what, secret] of Object.entries(SECRETS)) if (text.includes(secret)) found.push(`${what} in ${where}`);
  return found;
}

/** Runs the bundle; every run is checked for leaked secrets and kept for the file-wide check. */
async function run(options: Omit<ActionRunOptions, 'apiUrl'>): Promise<Run> {
  const before = server.requests.length;
  const result = await runBundledAction({ ...options, apiUrl: server.url, runId: 12_345_000 + ++runCounter });
  const done: Run = { ...result, requests: server.requests.slice(before) };
  everyRun.push(done);
  expect(leaks(done), 'secrets in what the action wrote').toEqual([]);
  expect(done.stderr, 'nothing on stderr').toBe('');
  expect(done.stdout).not.toMatch(/unexpected error|at .*dist\/index\.js/);
  return done;
}

function prRun(
  db: TestDatabase,
  options: { number: number; spec: string; inputs?: Record<string, string>; baseSha?: string; headSha?: string },
): Promise<Run> {
  return run({
    event: 'pull_request',
    payload: events.pullRequest({ number: options.number, baseSha: options.baseSha ?? BASE_SHA, headSha: options.headSha ?? sha('c') }),
    inputs: { 'database-url': withPassword(db.url), spec: SPEC_PATH, ...options.inputs },
    files: { [SPEC_PATH]: options.spec },
  });
}

const writes = (r: Run): RecordedRequest[] => r.requests.filter((q) => q.method === 'POST' || q.method === 'PATCH');
const listings = (r: Run, issue: number): RecordedRequest[] =>
  r.requests.filter((q) => q.method === 'GET' && new RegExp(`^/repos(itories)?/.+/issues/${issue}/comments$`).test(q.path));
const botComments = (issue: number) => server.comments(OWNER, REPO, issue).filter((c) => c.user.login === server.botLogin);

async function columnsOf(db: TestDatabase, table: string): Promise<string[]> {
  const rows = await db.query<{ attname: string }>(
    `SELECT attname FROM pg_attribute WHERE attrelid = $1::regclass AND attnum > 0 AND NOT attisdropped ORDER BY attnum`,
    [table],
  );
  return rows.map((r) => r.attname);
}

async function tableExists(db: TestDatabase, table: string): Promise<boolean> {
  const rows = await db.query<{ t: string | null }>('SELECT to_regclass($1)::text AS t', [table]);
  return rows[0]?.t !== null;
}

beforeAll(async () => {
  server = await startGitHubServer();
  server.setFile(OWNER, REPO, SPEC_PATH, BASE_SHA, spec());
});

afterAll(async () => {
  await server?.close();
});

describe('pull_request: one sticky comment, kept up to date', () => {
  let db: TestDatabase;
  const PR = 7;
  let commentId = 0;
  beforeAll(async () => {
    db = await createTestDatabase('e2e_pr');
    await db.exec(brokenSql);
  });
  afterAll(async () => db?.drop());

  it('first run: reads the base spec, creates one comment, reports the drift already in the database that the deploy will fix, and passes', async () => {
    const r = await prRun(db, { number: PR, spec: spec() });

    expect(r.code).toBe(0);
    expect(messages(r, 'error')).toEqual([]);
    expect(r.requests.find((q) => q.path === `/repos/${OWNER}/${REPO}/contents/db%2Fschema.json`)?.query).toEqual({ ref: BASE_SHA });
    expect(writes(r).map((q) => `${q.method} ${q.path} ${q.status}`)).toEqual([`POST /repos/${OWNER}/${REPO}/issues/${PR}/comments 201`]);
    expect(r.requests.every((q) => q.authorization === `token ${TOKEN}`)).toBe(true);

    const comments = server.comments(OWNER, REPO, PR);
    expect(comments).toHaveLength(1);
    const [comment] = comments;
    commentId = comment!.id;
    expect(comment!.user.login).toBe(BOT_LOGIN);
    expect(comment!.body.startsWith('<!-- pgdrift:default -->\n')).toBe(true);
    expect(comment!.body.split('\n')[3]).toBe('✅ **Merging applies 5 statements, all safe**');
    expect(comment!.body).toContain("Existing drift (live database vs the base branch's spec): 3");
    expect(comment!.body).toContain("This pull request's changes to the spec: 0");
    expect(comment!.body).toContain('CREATE TABLE "public"."messages"');
    expect(comment!.body).toMatch(
      /<sub>Commit `cccccccccccc` · checked \d{4}-\d\d-\d\dT[\d:]+Z · \[run\]\(https:\/\/github\.com\/acme\/chatkit\/actions\/runs\/\d+\) · plan `[0-9a-f]{12}`<\/sub>/,
    );

    expect(r.outputs).toMatchObject({
      drift: 'true',
      changes: '3',
      destructive: '0',
      'pr-changes': '0',
      blocked: 'false',
      applied: 'false',
      verified: 'false',
      'comment-url': comment!.html_url,
    });
    expect(r.outputs['migration-sql']).toContain('ALTER TABLE "public"."conversations" ADD COLUMN "metadata" jsonb');
    expect(JSON.parse(r.reportJson)).toMatchObject({ drift: true, summary: { changes: 3 } });
    expect(r.summary).toContain('## pgdrift: `db/schema.json`');
    expect(r.summary).toContain('**Existing drift: 3 changes (0 destructive) in 2 tables.**');
    expect(r.summary).toContain('| yes | 0 | 3 | 0 | no |');
  });

  it('second run with nothing changed: lists the comments and leaves the comment alone (no POST, no PATCH)', async () => {
    const bodyBefore = server.comments(OWNER, REPO, PR)[0]!.body;
    const updatedBefore = server.comments(OWNER, REPO, PR)[0]!.updated_at;
    const r = await prRun(db, { number: PR, spec: spec(), headSha: sha('d') });

    expect(r.code).toBe(0);
    expect(listings(r, PR).length).toBeGreaterThan(0);
    expect(writes(r)).toEqual([]);
    expect(server.comments(OWNER, REPO, PR)).toHaveLength(1);
    expect(server.comments(OWNER, REPO, PR)[0]).toMatchObject({ id: commentId, body: bodyBefore, updated_at: updatedBefore });
    expect(r.stdout).toContain('Pull request comment unchanged');
    expect(r.outputs['comment-url']).toBe(server.comments(OWNER, REPO, PR)[0]!.html_url);
  });

  it('a run after the database changed updates the same comment in place', async () => {
    await db.exec('ALTER TABLE conversations ADD COLUMN updated_at TIMESTAMP DEFAULT NOW()');
    const r = await prRun(db, { number: PR, spec: spec(), headSha: sha('e') });

    expect(r.code).toBe(0);
    expect(writes(r).map((q) => `${q.method} ${q.path}`)).toEqual([`PATCH /repos/${OWNER}/${REPO}/issues/comments/${commentId}`]);
    const comments = server.comments(OWNER, REPO, PR);
    expect(comments).toHaveLength(1);
    expect(comments[0]!.body).toContain("Existing drift (live database vs the base branch's spec): 2");
    expect(comments[0]!.body).not.toContain('add column updated\\_at');
    expect(r.outputs.changes).toBe('2');
  });

  it('once the drift is fixed, the same comment is updated to say there is no schema change, and the step passes', async () => {
    await db.exec(repairSql);
    const r = await prRun(db, { number: PR, spec: spec(), headSha: sha('f') });

    expect(r.code).toBe(0);
    expect(writes(r).map((q) => `${q.method} ${q.path}`)).toEqual([`PATCH /repos/${OWNER}/${REPO}/issues/comments/${commentId}`]);
    const comments = server.comments(OWNER, REPO, PR);
    expect(comments).toHaveLength(1);
    expect(comments[0]!.body.split('\n')[3]).toBe('✅ **No schema change**');
    expect(comments[0]!.body).not.toContain('CREATE TABLE');
    expect(r.outputs).toMatchObject({
      drift: 'false',
      changes: '0',
      destructive: '0',
      blocked: 'false',
      'comment-url': comments[0]!.html_url,
    });
    expect(messages(r, 'error')).toEqual([]);
  });
});

describe('pull_request that changes the spec', () => {
  let db: TestDatabase;
  const PR = 8;
  beforeAll(async () => {
    db = await createTestDatabase('e2e_pr_spec');
    await db.exec(brokenSql);
    await db.exec(repairSql);
  });
  afterAll(async () => db?.drop());

  it("keeps apart the drift already in the database, the PR's spec changes and the SQL; the PR's own changes do not fail the step", async () => {
    const r = await prRun(db, { number: PR, spec: spec(addTokens) });

    expect(r.code).toBe(0);
    const body = server.comments(OWNER, REPO, PR)[0]!.body;
    expect(body).toContain("Existing drift (live database vs the base branch's spec): 0");
    expect(body).toContain("This pull request's changes to the spec: 1");
    expect(body).toMatch(/add column tokens integer/);
    expect(body).toContain('✅ **Merging applies 1 statement, all safe**');
    expect(body).toContain('ALTER TABLE "public"."messages" ADD COLUMN "tokens" integer;');
    expect(r.outputs).toMatchObject({ drift: 'false', changes: '1', 'pr-changes': '1', blocked: 'false' });
    expect(messages(r, 'error')).toEqual([]);
  });

  it("when the database already has the PR's change, the comment says there is no schema change", async () => {
    await db.exec('ALTER TABLE messages ADD COLUMN tokens integer');
    const r = await prRun(db, { number: PR, spec: spec(addTokens), headSha: sha('9') });

    expect(r.code).toBe(0);
    const comments = server.comments(OWNER, REPO, PR);
    expect(comments).toHaveLength(1);
    expect(comments[0]!.body).toContain('✅ **No schema change**');
    expect(comments[0]!.body).not.toMatch(/Merging applies/);
    // The database differs from the base branch's spec (it is ahead, as the PR describes).
    expect(r.outputs).toMatchObject({ drift: 'true', changes: '0', 'pr-changes': '1', blocked: 'false' });
  });

  it('a PR that adds the spec (none on the base branch) says so, still shows the change table, and is blocked by the destructive change in it', async () => {
    const r = await prRun(db, { number: 9, spec: spec(), baseSha: sha('0') });
    expect(r.requests.find((q) => q.path.includes('/contents/'))?.status).toBe(404);
    expect(r.code).toBe(1);
    const body = server.comments(OWNER, REPO, 9)[0]!.body;
    expect(body).toContain('The base branch has no spec at `db/schema.json`: this pull request adds it');
    expect(body).toContain("Differences between the database and this pull request's spec: 1");
    expect(body).toContain('| ⚠️ | drop column tokens |');
    expect(r.outputs).toMatchObject({ drift: 'false', changes: '1', destructive: '1', 'pr-changes': '1', blocked: 'true' });
  });

  it('drift already in the database that the deploy will fix is reported, not failed', async () => {
    await db.exec('ALTER TABLE conversations DROP COLUMN metadata');
    const r = await prRun(db, { number: PR, spec: spec(addTokens), headSha: sha('8') });

    expect(r.code).toBe(0);
    expect(messages(r, 'error')).toEqual([]);
    const body = server.comments(OWNER, REPO, PR)[0]!.body;
    expect(body).toContain("Existing drift (live database vs the base branch's spec): 2");
    expect(body).toContain('✅ **Merging applies 1 statement, all safe**');
  });
});

describe('pull_request on a busy PR: the sticky comment is found on any page', () => {
  let db: TestDatabase;
  beforeAll(async () => {
    db = await createTestDatabase('e2e_pr_busy');
    await db.exec(brokenSql);
  });
  afterAll(async () => db?.drop());

  it.each([
    { name: "40 comments before it (page 2 at GitHub's default 30 per page)", pr: 21, before: 40 },
    { name: '150 comments before it (page 2 at 100 per page)', pr: 22, before: 150 },
  ])('$name: no duplicate on the next runs', async ({ pr, before }) => {
    for (let i = 1; i <= before; i++) server.seedComment(OWNER, REPO, pr, `LGTM, nit ${i}`, i % 3 ? 'octocat' : 'hubot');
    // A person quoting pgdrift's comment carries its marker, but is not pgdrift's comment.
    server.seedComment(OWNER, REPO, pr, '> <!-- pgdrift:default -->\n> ### pgdrift\n\nWhy does this drift?', 'octocat');

    const first = await prRun(db, { number: pr, spec: spec(), inputs: { 'fail-on-drift': 'false' } });
    expect(first.code).toBe(0);
    expect(writes(first).map((q) => q.method)).toEqual(['POST']);
    const sticky = botComments(pr);
    expect(sticky).toHaveLength(1);
    expect(server.comments(OWNER, REPO, pr).indexOf(sticky[0]!)).toBe(before + 1);

    const second = await prRun(db, { number: pr, spec: spec(), inputs: { 'fail-on-drift': 'false' }, headSha: sha('a') });
    expect(writes(second)).toEqual([]);
    // Every page was read, following the Link header, at whatever page size was asked for.
    const listed = listings(second, pr);
    const perPage = Number(listed[0]!.query.per_page ?? 30);
    const pageCount = Math.ceil((before + 2) / perPage);
    expect(listed.map((q) => Number(q.query.page ?? 1))).toEqual(Array.from({ length: pageCount }, (_, i) => i + 1));
    expect(listed.every((q) => q.status === 200)).toBe(true);

    await db.exec('CREATE TABLE IF NOT EXISTS audit_note (id int)');
    const third = await prRun(db, { number: pr, spec: spec(), inputs: { 'fail-on-drift': 'false' }, headSha: sha('1') });
    expect(writes(third).map((q) => `${q.method} ${q.path}`)).toEqual([`PATCH /repos/${OWNER}/${REPO}/issues/comments/${sticky[0]!.id}`]);
    expect(botComments(pr)).toHaveLength(1);
    expect(server.comments(OWNER, REPO, pr)).toHaveLength(before + 2);
    expect(server.comments(OWNER, REPO, pr)[before]!.body).toContain('Why does this drift?');
    await db.exec('DROP TABLE audit_note');
  });
});

describe('pull_request: several ids, other tokens, forks, missing permissions', () => {
  let db: TestDatabase;
  beforeAll(async () => {
    db = await createTestDatabase('e2e_pr_misc');
    await db.exec(brokenSql);
  });
  afterAll(async () => {
    server.failWrites = false;
    server.botLogin = BOT_LOGIN;
    await db?.drop();
  });

  it('two different ids keep two comments, each updated on its own', async () => {
    const PR = 30;
    const inputs = (id: string) => ({ id, 'fail-on-drift': 'false' });
    await prRun(db, { number: PR, spec: spec(), inputs: inputs('primary') });
    await prRun(db, { number: PR, spec: spec(), inputs: inputs('analytics') });
    const comments = botComments(PR);
    expect(comments.map((c) => c.body.split('\n')[0])).toEqual(['<!-- pgdrift:primary -->', '<!-- pgdrift:analytics -->']);
    expect(comments[1]!.body).toContain('### pgdrift · analytics');

    const again = await prRun(db, { number: PR, spec: spec(addTokens), inputs: inputs('analytics'), headSha: sha('2') });
    expect(writes(again).map((q) => `${q.method} ${q.path}`)).toEqual([`PATCH /repos/${OWNER}/${REPO}/issues/comments/${comments[1]!.id}`]);
    const after = botComments(PR);
    expect(after).toHaveLength(2);
    expect(after[0]!.body).not.toContain('tokens');
    expect(after[1]!.body).toContain('tokens');
    expect(again.outputs['report-json']).toMatch(/pgdrift-report-analytics\.json$/);
  });

  it('a GitHub App token (comments by <app>[bot], /user forbidden) finds its own comment again', async () => {
    const PR = 31;
    server.botLogin = 'acme-release-bot[bot]';
    try {
      await prRun(db, { number: PR, spec: spec(), inputs: { 'fail-on-drift': 'false' } });
      const second = await prRun(db, { number: PR, spec: spec(addTokens), inputs: { 'fail-on-drift': 'false' }, headSha: sha('3') });
      expect(writes(second).map((q) => q.method)).toEqual(['PATCH']);
      expect(server.comments(OWNER, REPO, PR)).toHaveLength(1);
    } finally {
      server.botLogin = BOT_LOGIN;
    }
  });

  it('a PR from a fork without database-url: a notice in the job summary, no API calls, success', async () => {
    const r = await run({
      event: 'pull_request',
      payload: events.pullRequest({ number: 40, baseSha: BASE_SHA, headSha: sha('4'), fork: true }),
      inputs: { 'database-url': '', spec: SPEC_PATH },
      files: { [SPEC_PATH]: spec() },
    });
    expect(r.code).toBe(0);
    expect(r.summary).toMatch(/pull request from a fork/);
    expect(messages(r, 'notice').join('\n')).toMatch(/fork/);
    expect(messages(r, 'error')).toEqual([]);
    expect(r.requests).toEqual([]);
    expect(r.outputs).toMatchObject({ drift: 'false', applied: 'false', 'comment-url': '' });
  });

  it.each([
    { name: 'a fork since deleted (head.repo is null)', pr: 42, payload: { deletedFork: true }, notice: /pull request from a fork/ },
    { name: 'Dependabot (no Actions secrets)', pr: 43, payload: { author: 'dependabot[bot]' }, notice: /Dependabot secret/ },
  ])('a PR from $name without database-url gets a notice, not a failure', async ({ pr, payload, notice }) => {
    const r = await run({
      event: 'pull_request',
      payload: events.pullRequest({ number: pr, baseSha: BASE_SHA, headSha: sha('4'), ...payload }),
      inputs: { 'database-url': '', spec: SPEC_PATH },
      files: { [SPEC_PATH]: spec() },
    });
    expect(r.code).toBe(0);
    expect(r.summary).toMatch(notice);
    expect(messages(r, 'notice')).toEqual([expect.stringMatching(notice)]);
    expect(r.requests).toEqual([]);
  });

  it('comment: false reads the base spec but writes nothing to the pull request', async () => {
    const r = await prRun(db, { number: 53, spec: spec(), inputs: { comment: 'false' } });
    expect(r.code).toBe(0);
    expect(r.requests.map((q) => `${q.method} ${q.path}`)).toEqual([`GET /repos/${OWNER}/${REPO}/contents/db%2Fschema.json`]);
    expect(r.outputs).toMatchObject({ 'comment-url': '', drift: 'true', changes: '3' });
  });

  it('a report too long for a comment is cut to fit under 65,536 characters, pointing at the job summary', async () => {
    const big = JSON.parse(spec()) as SpecJson;
    for (let t = 0; t < 120; t++) {
      const columns: Record<string, Record<string, unknown>> = { id: { type: 'bigint', nullable: false } };
      for (let c = 0; c < 12; c++) columns[`a_rather_long_column_name_number_${c}`] = { type: 'varchar(200)', default: `'value ${c}'` };
      big.tables[`public.event_log_partition_${String(t).padStart(3, '0')}`] = { columns };
    }
    const r = await prRun(db, {
      number: 54,
      spec: `${JSON.stringify(big, null, 2)}\n`,
      inputs: { 'fail-on-drift': 'false' },
      baseSha: sha('0'),
    });
    expect(r.code).toBe(0);
    const post = writes(r)[0]!;
    expect(post.status).toBe(201);
    const body = server.comments(OWNER, REPO, 54)[0]!.body;
    expect(body.length).toBeLessThanOrEqual(65_536);
    expect(body.startsWith('<!-- pgdrift:default -->')).toBe(true);
    expect(body).toMatch(
      /Shortened to fit a comment: the full report is in the job summary of \[this run\]\(https:\/\/github\.com\/acme\/chatkit\/actions\/runs\/\d+\)/,
    );
    expect((r.outputs['migration-sql'] ?? '').length).toBeGreaterThan(65_536);
    expect(r.summary).toContain('CREATE TABLE "public"."event_log_partition_119"');
  });

  it('a PR from this repository without database-url fails and says how to pass it', async () => {
    const r = await run({
      event: 'pull_request',
      payload: events.pullRequest({ number: 41, baseSha: BASE_SHA, headSha: sha('5') }),
      inputs: { 'database-url': '', spec: SPEC_PATH },
      files: { [SPEC_PATH]: spec() },
    });
    expect(r.code).toBe(1);
    expect(messages(r, 'error').join('\n')).toMatch(/database-url is empty.*secrets\./);
  });

  it('403 from the API on the comment: a warning naming pull-requests: write, the report still in the summary, no crash', async () => {
    server.failWrites = true;
    try {
      const r = await prRun(db, { number: 50, spec: spec(), inputs: { 'fail-on-drift': 'false' } });
      expect(r.code).toBe(0);
      expect(writes(r).map((q) => `${q.method} ${q.status}`)).toEqual(['POST 403']);
      expect(messages(r, 'warning').join('\n')).toMatch(/pull-requests: write/);
      expect(r.summary).toContain('**Existing drift: 3 changes');
      expect(r.outputs).toMatchObject({ drift: 'true', 'comment-url': '' });
      expect(server.comments(OWNER, REPO, 50)).toEqual([]);
    } finally {
      server.failWrites = false;
    }
  });

  it('403 on a fork PR that does have a database URL: the warning explains the read-only token', async () => {
    server.failWrites = true;
    try {
      const r = await run({
        event: 'pull_request',
        payload: events.pullRequest({ number: 51, baseSha: BASE_SHA, headSha: sha('6'), fork: true }),
        inputs: { 'database-url': withPassword(db.url), spec: SPEC_PATH, 'fail-on-drift': 'false' },
        files: { [SPEC_PATH]: spec() },
      });
      expect(r.code).toBe(0);
      expect(messages(r, 'warning').join('\n')).toMatch(/forks get a read-only token/);
    } finally {
      server.failWrites = false;
    }
  });

  it('mode apply on a pull request is refused in one line: the database is not changed, every output is set', async () => {
    const r = await prRun(db, { number: 52, spec: spec(), inputs: { mode: 'apply' } });
    expect(r.code).toBe(1);
    expect(messages(r, 'error')).toEqual([
      expect.stringMatching(
        /^mode: apply is refused on pull_request events: .*apply-on-pull-request: true for a per-pull-request preview database/,
      ),
    ]);
    expect(messages(r, 'error')[0]).not.toContain('\n');
    expect(r.outputs).toMatchObject({
      applied: 'false',
      verified: 'false',
      blocked: 'true',
      drift: '',
      'pr-changes': '',
      'comment-url': '',
    });
    expect(r.requests).toEqual([]);
    expect(await tableExists(db, 'public.messages')).toBe(false);
  });

  it('mode apply on a pull request with apply-on-pull-request: true migrates the preview database', async () => {
    const preview = await createTestDatabase('e2e_pr_preview');
    try {
      await preview.exec(brokenSql);
      const r = await prRun(preview, { number: 55, spec: spec(), inputs: { mode: 'apply', 'apply-on-pull-request': 'true' } });
      expect(r.code).toBe(0);
      expect(r.outputs).toMatchObject({ applied: 'true', verified: 'true', blocked: 'false', drift: 'false' });
      expect(await tableExists(preview, 'public.messages')).toBe(true);
      expect(writes(r)).toEqual([]);
    } finally {
      await preview.drop();
    }
  });
});

describe('push to main with mode apply', () => {
  let db: TestDatabase;
  beforeAll(async () => {
    db = await createTestDatabase('e2e_push');
    await db.exec(brokenSql);
    await db.exec("INSERT INTO conversations (id) VALUES ('c-1'), ('c-2')");
  });
  afterAll(async () => db?.drop());

  const push = (inputs: Record<string, string> = {}) =>
    run({
      event: 'push',
      payload: events.push({ before: sha('7'), after: sha('8') }),
      inputs: { 'database-url': withPassword(db.url), spec: SPEC_PATH, mode: 'apply', ...inputs },
      files: { [SPEC_PATH]: spec() },
    });

  it('applies, verifies, keeps the rows, and sets applied and verified for the deploy job', async () => {
    const r = await push();
    expect(r.code).toBe(0);
    expect(r.outputs).toMatchObject({
      drift: 'false',
      changes: '3',
      destructive: '0',
      applied: 'true',
      verified: 'true',
      'comment-url': '',
    });
    expect(r.outputs['migration-sql']).toContain('CREATE TABLE "public"."messages"');
    expect(r.summary).toContain('## pgdrift apply: `db/schema.json`');
    expect(r.summary).toMatch(/Applied 5 statements in one transaction, verified before commit/);
    expect(r.summary).toContain(`Target: \`postgres@${new URL(db.url).host}/${db.name}\``);
    expect(JSON.parse(r.reportJson)).toMatchObject({ drift: false, apply: { status: 'converged', applied: 5, verified: true } });
    // The only request looks for the pull request the commit came from (none here).
    expect(r.requests.map((q) => `${q.method} ${q.path} ${q.status}`)).toEqual([
      `GET /repos/${OWNER}/${REPO}/commits/${sha('8')}/pulls 200`,
    ]);
    expect(await columnsOf(db, 'public.conversations')).toEqual(['id', 'created_at', 'updated_at', 'metadata']);
    expect(await db.query('SELECT id FROM conversations ORDER BY id')).toEqual([{ id: 'c-1' }, { id: 'c-2' }]);
  });

  it('the next push finds nothing to apply and passes', async () => {
    const r = await push();
    expect(r.code).toBe(0);
    expect(r.outputs).toMatchObject({ drift: 'false', changes: '0', applied: 'false' });
    expect(r.summary).toContain('Nothing to apply');
  });

  it('mode check afterwards reports no drift', async () => {
    const r = await push({ mode: 'check' });
    expect(r.code).toBe(0);
    expect(r.outputs).toMatchObject({ drift: 'false', changes: '0', applied: 'false', verified: 'false' });
    expect(r.summary).toMatch(/No drift/i);
  });

  it('a pooled Neon host is refused for apply before connecting, naming the direct host', async () => {
    const r = await push({
      'database-url': `postgres://app:${ENCODED_PASSWORD}@ep-cool-darkness-123456-pooler.us-east-2.aws.neon.tech/neondb?sslmode=require`,
    });
    expect(r.code).toBe(1);
    expect(messages(r, 'error').join('\n')).toContain('ep-cool-darkness-123456.us-east-2.aws.neon.tech');
  });
});

describe('workflow_dispatch repair with allow-destructive and dry-run', () => {
  let db: TestDatabase;
  beforeAll(async () => {
    db = await createTestDatabase('e2e_dispatch');
    await db.exec(brokenSql);
    await db.exec(repairSql);
    await db.exec(
      "ALTER TABLE conversations ADD COLUMN legacy_flag boolean; INSERT INTO conversations (id, legacy_flag) VALUES ('c-1', true)",
    );
    await db.exec('ALTER TABLE messages DROP COLUMN citations');
  });
  afterAll(async () => db?.drop());

  const dispatch = (inputs: { 'allow-destructive': boolean; 'dry-run': boolean }) =>
    run({
      event: 'workflow_dispatch',
      payload: events.workflowDispatch(inputs),
      // What repair.yml passes through `with:` from its own inputs.
      inputs: {
        'database-url': withPassword(db.url),
        spec: SPEC_PATH,
        mode: 'apply',
        'allow-destructive': String(inputs['allow-destructive']),
        'dry-run': String(inputs['dry-run']),
      },
      files: { [SPEC_PATH]: spec() },
    });

  it('dry run: runs and verifies every statement, then rolls back', async () => {
    const r = await dispatch({ 'allow-destructive': true, 'dry-run': true });
    expect(r.code).toBe(0);
    expect(r.summary).toMatch(/Dry run:\*\* 2 statements ran and verified, then rolled back/);
    expect(r.outputs).toMatchObject({ applied: 'false', verified: 'true' });
    expect(r.outputs['migration-sql']).toContain('DROP COLUMN "legacy_flag"');
    expect(await columnsOf(db, 'public.conversations')).toContain('legacy_flag');
    expect(await columnsOf(db, 'public.messages')).not.toContain('citations');
  });

  it('without allow-destructive: adds what is missing, withholds the drop, and fails because drift remains', async () => {
    const r = await dispatch({ 'allow-destructive': false, 'dry-run': false });
    expect(r.code).toBe(1);
    expect(r.outputs).toMatchObject({ applied: 'true', drift: 'true', destructive: '1' });
    expect(messages(r, 'error').join('\n')).toMatch(/drift remains after apply.*allow-destructive: true/);
    const destructive = r.commands.filter((c) => c.command === 'warning' && c.properties.title === 'pgdrift: destructive change');
    expect(destructive).toEqual([
      expect.objectContaining({
        properties: expect.objectContaining({ title: 'pgdrift: destructive change', file: SPEC_PATH }),
        message: expect.stringMatching(/legacy_flag.*deletes-data/),
      }),
    ]);
    expect(await columnsOf(db, 'public.conversations')).toContain('legacy_flag');
    expect(await columnsOf(db, 'public.messages')).toContain('citations');
  });

  it('with allow-destructive: drops the column and converges', async () => {
    const r = await dispatch({ 'allow-destructive': true, 'dry-run': false });
    expect(r.code).toBe(0);
    expect(r.outputs).toMatchObject({ applied: 'true', verified: 'true', drift: 'false', destructive: '1', blocked: 'false' });
    expect(await columnsOf(db, 'public.conversations')).not.toContain('legacy_flag');
  });
});

describe('a failing apply fails the step', () => {
  let db: TestDatabase;
  beforeAll(async () => {
    db = await createTestDatabase('e2e_fail');
    await db.exec(brokenSql);
    await db.exec(repairSql);
    await db.exec(
      "ALTER TABLE conversations ADD COLUMN title text; INSERT INTO conversations (id, title) VALUES ('c-1', NULL), ('c-2', 'hello')",
    );
  });
  afterAll(async () => db?.drop());

  it('SET NOT NULL on a column with NULLs: exit code 1, nothing committed, no outputs that claim success', async () => {
    const target = spec((s) => {
      s.tables['public.conversations']!.columns.title = { type: 'text', nullable: false };
      addTokens(s);
    });
    const r = await run({
      event: 'push',
      payload: events.push({ before: sha('1'), after: sha('2') }),
      inputs: { 'database-url': withPassword(db.url), spec: SPEC_PATH, mode: 'apply' },
      files: { [SPEC_PATH]: target },
    });
    expect(r.code).toBe(1);
    const errors = messages(r, 'error');
    expect(errors).toHaveLength(1);
    expect(errors[0]).toMatch(/set title NOT NULL.*violated by some row.*Nothing was changed/);
    expect(r.summary).toMatch(/Failed/);
    expect(r.outputs.applied).not.toBe('true');
    expect(r.outputs.verified).not.toBe('true');
    expect(await columnsOf(db, 'public.messages')).not.toContain('tokens');
  });

  it('an unreachable database fails the step without printing the connection string', async () => {
    const r = await run({
      event: 'push',
      payload: events.push({ before: sha('1'), after: sha('2') }),
      inputs: { 'database-url': withPassword(db.url, 1), spec: SPEC_PATH, mode: 'apply' },
      files: { [SPEC_PATH]: spec() },
    });
    expect(r.code).toBe(1);
    expect(messages(r, 'error').length).toBeGreaterThan(0);
    expect(r.stdout).toContain('127.0.0.1');
  });

  it('a spec missing from the checkout fails with a hint about actions/checkout', async () => {
    const r = await run({
      event: 'push',
      payload: events.push({ before: sha('1'), after: sha('2') }),
      inputs: { 'database-url': withPassword(db.url), spec: 'db/nope.json', mode: 'apply' },
      files: {},
    });
    expect(r.code).toBe(1);
    expect(messages(r, 'error').join('\n')).toMatch(/db\/nope\.json does not exist.*actions\/checkout/);
  });
});

/**
 * The destructive change of the incident report, run as GitHub runs it: the PR check, the label,
 * the merge, and deploy.yml's migrate job on push. The base branch's spec has two columns the PR
 * changes destructively (conversations.legacy_note dropped, conversations.title narrowed) and one
 * it adds safely (messages.tokens).
 */
const LABEL = 'pgdrift:destructive';

/**
 * The `with:` of the pgdrift step of `job` in examples/workflows/`file` (what the README shows),
 * with each `${{ secrets.X }}` replaced by the test database's URL: these runs are those workflows.
 */
function workflowInputs(file: string, jobName: string, db: TestDatabase): Record<string, string> {
  const workflow = asMapping(parseYaml(readFileSync(`${repoRoot}examples/workflows/${file}`, 'utf8')), file);
  const steps = asSequence(asMapping(asMapping(workflow.jobs, 'jobs')[jobName], jobName).steps, 'steps').map((x) => asMapping(x, 'step'));
  const step = steps.find((x) => typeof x.uses === 'string' && x.uses.startsWith('pgdrift/pgdrift@'));
  const inputs: Record<string, string> = {};
  for (const [name, value] of Object.entries(asMapping(step?.with, `${file} ${jobName} with`)))
    inputs[name] = /^\$\{\{ secrets\.[A-Z_]+ \}\}$/.test(String(value)) ? withPassword(db.url) : String(value);
  return inputs;
}
const DESTRUCTIVE_BASE_SHA = sha('d');
const withLegacy = (s: SpecJson): void => {
  s.tables['public.conversations']!.columns.legacy_note = { type: 'text' };
  s.tables['public.conversations']!.columns.title = { type: 'varchar(200)' };
};
const destructivePr = (s: SpecJson): void => {
  s.tables['public.conversations']!.columns.title = { type: 'varchar(100)' };
  addTokens(s);
};

async function destructiveDb(name: string): Promise<TestDatabase> {
  const db = await createTestDatabase(name);
  await db.exec(brokenSql);
  await db.exec(repairSql);
  await db.exec(
    "ALTER TABLE conversations ADD COLUMN legacy_note text, ADD COLUMN title varchar(200); INSERT INTO conversations (id, legacy_note, title) VALUES ('c-1', 'old', 'hello'), ('c-2', NULL, 'world')",
  );
  return db;
}

async function columnType(db: TestDatabase, table: string, column: string): Promise<string | null> {
  const rows = await db.query<{ t: string }>(
    'SELECT format_type(atttypid, atttypmod) AS t FROM pg_attribute WHERE attrelid = $1::regclass AND attname = $2 AND NOT attisdropped',
    [table, column],
  );
  return rows[0]?.t ?? null;
}

function destructivePrRun(
  db: TestDatabase,
  number: number,
  labels: string[] = [],
  headSha = sha('e'),
  options: { labeled?: boolean; file?: string } = {},
): Promise<Run> {
  return run({
    event: 'pull_request',
    payload: events.pullRequest({ number, baseSha: DESTRUCTIVE_BASE_SHA, headSha, labels, ...(options.labeled ? { labeled: LABEL } : {}) }),
    inputs: workflowInputs('pr-drift-check.yml', 'drift', db),
    files: { [SPEC_PATH]: options.file ?? spec(destructivePr) },
  });
}

/** deploy.yml's check job: read-only, its `changes` output decides whether migrate (and its reviewers) run. */
function deployCheckRun(db: TestDatabase, after: string): Promise<Run> {
  return run({
    event: 'push',
    payload: events.push({ before: DESTRUCTIVE_BASE_SHA, after }),
    inputs: workflowInputs('deploy.yml', 'check', db),
    files: { [SPEC_PATH]: spec(destructivePr) },
  });
}

function deployRun(db: TestDatabase, after: string): Promise<Run> {
  // deploy.yml's migrate job: mode apply on push, the merged spec checked out.
  return run({
    event: 'push',
    payload: events.push({ before: DESTRUCTIVE_BASE_SHA, after }),
    inputs: workflowInputs('deploy.yml', 'migrate', db),
    files: { [SPEC_PATH]: spec(destructivePr) },
  });
}

describe('a destructive pull request: red until approved, and the deploy applies exactly what was approved', () => {
  let db: TestDatabase;
  const PR = 70;
  const MERGE = sha('f1');
  beforeAll(async () => {
    server.setFile(OWNER, REPO, SPEC_PATH, DESTRUCTIVE_BASE_SHA, spec(withLegacy));
    db = await destructiveDb('e2e_destructive');
  });
  afterAll(async () => db?.drop());

  it('unlabelled: the check is red, and the comment opens with the verdict and says how to approve', async () => {
    const r = await destructivePrRun(db, PR);
    expect(r.code).toBe(1);
    expect(messages(r, 'error')).toEqual([
      `pgdrift: Merging will block the deploy: 2 destructive changes need approval. Add the label "${LABEL}" to the pull request to approve them (the deploy then applies exactly those), or apply them by hand with the repair workflow (repair.yml, allow-destructive). See the pull request comment.`,
    ]);
    const body = server.comments(OWNER, REPO, PR)[0]!.body;
    const lines = body.split('\n');
    expect(lines[3]).toBe('⛔ **Merging will block the deploy: 2 destructive changes need approval**');
    expect(lines[5]).toBe("Existing drift: **0** · This pull request's changes: **3** · Destructive: **2** · Statements: **1**");
    expect(body).toContain('#### Dangerous changes');
    expect(body).toMatch(
      /- ⚠️ `public\.conversations\.legacy_note`: drop column legacy\\_note \(\[`deletes-data`\]\(https:\/\/github\.com\/pgdrift\/pgdrift\/blob\/main\/docs\/hazards\.md#deletes-data\), /,
    );
    expect(body).toContain('- ⚠️ `public.conversations.title`: change type of title from character varying(200) to character varying(100)');
    expect(body).toContain('**To approve**, add the label `pgdrift:destructive` to this pull request');
    // The order of the sections: verdict, dangerous changes, existing drift, this PR's changes, SQL.
    const order = [
      '⛔',
      '#### Dangerous changes',
      'Existing drift (live',
      "This pull request's changes to the spec",
      'SQL that merging will run',
      '<sub>Commit',
    ].map((s) => body.indexOf(s));
    expect(order.every((at, i) => at > 0 && (i === 0 || at > order[i - 1]!))).toBe(true);
    expect(r.outputs).toMatchObject({ drift: 'false', changes: '3', destructive: '2', 'pr-changes': '3', blocked: 'true' });
    // Each change annotates the line of its object in the spec: a column the spec drops, its table's.
    const lineOf = (text: string): number =>
      spec(destructivePr)
        .split('\n')
        .findIndex((l) => l.includes(text)) + 1;
    const annotations = r.commands.filter((c) => c.properties.file === SPEC_PATH && (c.command === 'warning' || c.command === 'notice'));
    expect(annotations.map((c) => `${c.command} ${c.properties.line} ${c.message.split(':')[0]}`).sort()).toEqual(
      [
        `warning ${lineOf('"title"')} public.conversations.title`,
        `warning ${lineOf('"public.conversations"')} public.conversations.legacy_note`,
        `notice ${lineOf('"tokens"')} public.messages.tokens`,
      ].sort(),
    );
  });

  it('labelled: green, and the same comment lists the approved changes', async () => {
    const r = await destructivePrRun(db, PR, [LABEL], sha('e2'), { labeled: true });
    expect(r.code).toBe(0);
    expect(writes(r).map((q) => q.method)).toEqual(['PATCH']);
    const body = server.comments(OWNER, REPO, PR)[0]!.body;
    expect(body.split('\n')[3]).toBe('✅ **Merging applies 3 statements, including 2 approved destructive changes**');
    expect(body).toContain('- ☑️ `public.conversations.legacy_note`: drop column legacy\\_note');
    expect(body).toContain('_Approved by the `pgdrift:destructive` label');
    expect(body).toContain('ALTER TABLE "public"."conversations" DROP COLUMN "legacy_note"');
    expect(r.outputs).toMatchObject({ destructive: '2', blocked: 'false' });
  });

  it('merged with the label: migrate finds the PR of the commit, applies exactly those changes, verified, and the deploy proceeds', async () => {
    server.setMergedPull(OWNER, REPO, MERGE, PR);
    server.setLabels(OWNER, REPO, PR, [LABEL]);
    const gate = await deployCheckRun(db, MERGE);
    expect(gate.code).toBe(0);
    expect(gate.outputs.changes).toBe('3');
    const r = await deployRun(db, MERGE);
    expect(r.code).toBe(0);
    expect(r.requests.map((q) => `${q.method} ${q.path}`)).toEqual(
      expect.arrayContaining([`GET /repos/${OWNER}/${REPO}/commits/${MERGE}/pulls`, `GET /repos/${OWNER}/${REPO}/issues/${PR}/comments`]),
    );
    expect(writes(r)).toEqual([]);
    expect(r.outputs).toMatchObject({
      applied: 'true',
      verified: 'true',
      blocked: 'false',
      drift: 'false',
      changes: '3',
      destructive: '2',
    });
    expect(r.summary).toContain('☑️ 2 destructive changes approved on pull request #70');
    expect(await columnsOf(db, 'public.conversations')).not.toContain('legacy_note');
    expect(await columnType(db, 'public.conversations', 'title')).toBe('character varying(100)');
    expect(await columnsOf(db, 'public.messages')).toContain('tokens');
    expect(await db.query('SELECT id, title FROM conversations ORDER BY id')).toEqual([
      { id: 'c-1', title: 'hello' },
      { id: 'c-2', title: 'world' },
    ]);
    // The next push's check finds nothing: migrate, and its reviewers, are skipped.
    expect((await deployCheckRun(db, sha('f9'))).outputs.changes).toBe('0');
  });
});

describe('the label approves what the comment listed, not what is pushed after it', () => {
  let db: TestDatabase;
  const PR = 73;
  beforeAll(async () => {
    server.setFile(OWNER, REPO, SPEC_PATH, DESTRUCTIVE_BASE_SHA, spec(withLegacy));
    db = await destructiveDb('e2e_late_push');
  });
  afterAll(async () => db?.drop());

  it('a destructive change pushed after the label is withheld until the label is added again', async () => {
    expect((await destructivePrRun(db, PR)).code).toBe(1);
    expect((await destructivePrRun(db, PR, [LABEL], sha('e3'), { labeled: true })).code).toBe(0);
    const more = spec((s) => {
      destructivePr(s);
      delete s.tables['public.messages']!.columns.citations;
    });
    const late = await destructivePrRun(db, PR, [LABEL], sha('e4'), { file: more });
    expect(late.code).toBe(1);
    const body = server.comments(OWNER, REPO, PR)[0]!.body;
    expect(body.split('\n')[3]).toBe('⛔ **Merging will block the deploy: 1 destructive change needs approval**');
    expect(body).toContain('- ⚠️ `public.messages.citations`: drop column citations');
    expect(body).toContain('- ☑️ `public.conversations.legacy_note`');
    expect(body).toContain(
      '**Not approved yet:** the `pgdrift:destructive` label approved the destructive changes this comment listed when it was added',
    );
    // Another run with the label still there does not approve it either; adding the label again does.
    expect((await destructivePrRun(db, PR, [LABEL], sha('e5'), { file: more })).code).toBe(1);
    const relabelled = await destructivePrRun(db, PR, [LABEL], sha('e6'), { file: more, labeled: true });
    expect(relabelled.code).toBe(0);
    expect(relabelled.outputs).toMatchObject({ blocked: 'false', destructive: '3' });
  });
});

describe('a destructive pull request merged without approval, or after the database moved', () => {
  let db: TestDatabase;
  beforeAll(() => {
    server.setFile(OWNER, REPO, SPEC_PATH, DESTRUCTIVE_BASE_SHA, spec(withLegacy));
  });
  afterAll(async () => db?.drop());

  it('merged unlabelled (an admin merge): the safe change is applied, the destructive ones withheld, exit 1 naming the PR and repair.yml', async () => {
    db = await destructiveDb('e2e_admin_merge');
    const PR = 71;
    const MERGE = sha('f2');
    expect((await destructivePrRun(db, PR)).code).toBe(1);
    server.setMergedPull(OWNER, REPO, MERGE, PR);
    const r = await deployRun(db, MERGE);
    expect(r.code).toBe(1);
    expect(messages(r, 'error')).toEqual([
      expect.stringMatching(
        /^pgdrift: deploy blocked: 2 destructive changes withheld \(.*legacy_note.*\): pull request #71 was merged without the "pgdrift:destructive" label that approves them\. .*repair workflow \(repair\.yml\)/,
      ),
    ]);
    expect(r.outputs).toMatchObject({ applied: 'true', verified: 'true', blocked: 'true', drift: 'true', destructive: '2' });
    expect(r.summary).toMatch(/^⛔ \*\*Deploy blocked: 2 destructive changes withheld\.\*\* Applied 1 statement/m);
    expect(r.summary).not.toMatch(/✅/);
    expect(await columnsOf(db, 'public.conversations')).toContain('legacy_note');
    expect(await columnsOf(db, 'public.messages')).toContain('tokens');
    await db.drop();
  });

  it('the database moved between the PR check and main: what differs is said, and only what was approved or safe is applied', async () => {
    db = await destructiveDb('e2e_moved');
    const PR = 72;
    const MERGE = sha('f3');
    expect((await destructivePrRun(db, PR, [LABEL])).code).toBe(0);
    // Someone adds a column by hand after the check: dropping it is a destructive change the PR never showed.
    await db.exec('ALTER TABLE conversations ADD COLUMN scratch integer');
    server.setMergedPull(OWNER, REPO, MERGE, PR);
    server.setLabels(OWNER, REPO, PR, [LABEL]);
    const r = await deployRun(db, MERGE);
    expect(r.code).toBe(1);
    expect(messages(r, 'warning')).toEqual(
      expect.arrayContaining([
        expect.stringMatching(
          /^The plan on main \([0-9a-f]{12}\) differs from the one pull request #72 showed \([0-9a-f]{12}\): the database changed in between\. Destructive changes it did not show, withheld: public\.conversations\.scratch \(drop-column\)\./,
        ),
      ]),
    );
    expect(messages(r, 'error')).toEqual([
      expect.stringMatching(
        /withheld \(public\.conversations\.scratch \(drop-column\)\): they are not among the changes pull request #72 showed and was approved for/,
      ),
    ]);
    expect(await columnsOf(db, 'public.conversations')).toEqual(expect.arrayContaining(['scratch']));
    expect(await columnsOf(db, 'public.conversations')).not.toContain('legacy_note');
    expect(await columnType(db, 'public.conversations', 'title')).toBe('character varying(100)');
    expect(r.outputs).toMatchObject({ applied: 'true', verified: 'true', blocked: 'true' });
  });
});

describe('merge_group: checked like a pull request against merge_group.base_sha, without a comment', () => {
  let db: TestDatabase;
  beforeAll(async () => {
    db = await createTestDatabase('e2e_merge_group');
    await db.exec(brokenSql);
    await db.exec(repairSql);
  });
  afterAll(async () => db?.drop());

  const group = (number: number, file: string, payload?: Record<string, unknown>) =>
    run({
      event: 'merge_group',
      payload: payload ?? events.mergeGroup({ number, baseSha: BASE_SHA, headSha: sha('9a') }),
      inputs: workflowInputs('pr-drift-check.yml', 'drift', db),
      files: { [SPEC_PATH]: file },
    });

  it('an additive change is green: outputs and summary set, no comment', async () => {
    const r = await group(80, spec(addTokens));
    expect(r.code).toBe(0);
    expect(r.requests.map((q) => `${q.method} ${q.path}`)).toEqual([
      `GET /repos/${OWNER}/${REPO}/contents/db%2Fschema.json`,
      `GET /repos/${OWNER}/${REPO}/issues/80/labels`,
    ]);
    expect(r.requests.find((q) => q.path.includes('/contents/'))?.query).toEqual({ ref: BASE_SHA });
    expect(server.comments(OWNER, REPO, 80)).toEqual([]);
    expect(r.outputs).toMatchObject({
      drift: 'false',
      changes: '1',
      'pr-changes': '1',
      destructive: '0',
      blocked: 'false',
      'comment-url': '',
    });
    expect(r.summary).toContain('✅ **Merging applies 1 statement, all safe**');
  });

  it('a destructive change is red unless the pull request in the group carries the label', async () => {
    const drop = spec((s) => delete s.tables['public.messages']!.columns.citations);
    const red = await group(81, drop);
    expect(red.code).toBe(1);
    expect(red.outputs.blocked).toBe('true');
    server.setLabels(OWNER, REPO, 81, [LABEL]);
    const green = await group(81, drop);
    expect(green.code).toBe(0);
    expect(green.outputs).toMatchObject({ blocked: 'false', destructive: '1' });
    expect(await columnsOf(db, 'public.messages')).toContain('citations');
  });

  it('a merge_group payload without base_sha fails in one line, with every output set', async () => {
    const r = await group(82, spec(), { merge_group: { head_sha: sha('9b') } });
    expect(r.code).toBe(1);
    expect(messages(r, 'error')).toEqual(['merge_group event without merge_group.base_sha in its payload: nothing to compare with']);
    expect(Object.keys(r.outputs).sort()).toEqual([
      'applied',
      'blocked',
      'changes',
      'comment-url',
      'destructive',
      'drift',
      'migration-sql',
      'pr-changes',
      'report-json',
      'verified',
    ]);
  });
});

describe('the comment with hostile names, a huge pull request, and nothing to report', () => {
  let db: TestDatabase;
  const HOSTILE = 'x` **[Approve](https://evil.example)** `y';
  beforeAll(async () => {
    db = await createTestDatabase('e2e_comment_shapes');
    await db.exec(brokenSql);
    await db.exec(repairSql);
  });
  afterAll(async () => db?.drop());

  /** The Markdown outside code blocks and code spans: what a renderer turns into links and emphasis. */
  const prose = (markdown: string): string =>
    markdown
      .replace(/^(`{3,})[^\n]*\n[\s\S]*?\n\1$/gm, '')
      .replace(/(?<![\\`])(`+)(?!`)([\s\S]*?[^`])\1(?!`)/g, '')
      .replace(/<!--[\s\S]*?-->/g, '');

  it("hostile names are plain text in every section: dangerous changes, existing drift, this PR's changes, SQL, summary", async () => {
    const q = `"${HOSTILE.replace(/"/g, '""')}"`;
    // In the database and the base spec, not in the PR's spec: a destructive drop of the table and of a column.
    await db.exec(`CREATE TABLE public.${q} (id int, ${q} text); ALTER TABLE conversations ADD COLUMN ${q} text`);
    const baseSha = sha('ab');
    server.setFile(
      OWNER,
      REPO,
      SPEC_PATH,
      baseSha,
      spec((s) => {
        s.tables[`public.${q}`] = { columns: { id: { type: 'integer' }, [HOSTILE]: { type: 'text' } } };
        s.tables['public.conversations']!.columns[HOSTILE] = { type: 'text' };
        s.tables['public.conversations']!.columns.extra = { type: 'integer' };
      }),
    );
    const r = await prRun(db, {
      number: 90,
      spec: spec((s) => (s.tables[`public."new ${HOSTILE.replace(/"/g, '""')}"`] = { columns: { [HOSTILE]: { type: 'text' } } })),
      baseSha,
    });
    expect(r.code).toBe(1);
    const body = server.comments(OWNER, REPO, 90)[0]!.body;
    for (const section of [
      '#### Dangerous changes',
      'Existing drift (live',
      "This pull request's changes to the spec",
      'SQL that merging will run',
    ])
      expect(body).toContain(section);
    expect(body.split('Approve').length - 1).toBeGreaterThanOrEqual(5);
    for (const text of [body, r.summary]) {
      const outside = prose(text);
      expect(outside).not.toContain('](https://evil');
      expect(outside).not.toMatch(/(^|[^\\])\*\*\\?\[Approve/m);
    }
  });

  it('600 new tables: the comment fits, and keeps the verdict, the counts and the destructive list; the full report is in the summary', async () => {
    await db.exec('CREATE TABLE public.obsolete_audit (id int)');
    const big = JSON.parse(spec()) as SpecJson;
    for (let t = 0; t < 600; t++) {
      const columns: Record<string, Record<string, unknown>> = { id: { type: 'bigint', nullable: false } };
      for (let c = 0; c < 6; c++) columns[`a_rather_long_column_name_number_${c}`] = { type: 'varchar(200)', default: `'value ${c}'` };
      big.tables[`public.event_log_partition_${String(t).padStart(3, '0')}`] = { columns };
    }
    const r = await prRun(db, { number: 91, spec: `${JSON.stringify(big, null, 2)}\n` });
    expect(r.code).toBe(1);
    const body = server.comments(OWNER, REPO, 91)[0]!.body;
    expect(body.length).toBeLessThanOrEqual(65_536);
    expect(body.length).toBeGreaterThan(1000);
    expect(body).toContain('⛔ **Merging will block the deploy:');
    expect(body).toMatch(
      /Existing drift: \*\*\d+\*\* · This pull request's changes: \*\*600\*\* · Destructive: \*\*\d+\*\* · Statements: \*\*600\*\*/,
    );
    expect(body).toContain('- ⚠️ `public.obsolete_audit`: drop table public.obsolete\\_audit');
    expect(body).toContain('Shortened to fit a comment');
    expect(r.summary).toContain('CREATE TABLE "public"."event_log_partition_599"');
    await db.exec('DROP TABLE public.obsolete_audit');
  });

  it('a pull request with nothing to report gets no comment', async () => {
    const clean = await createTestDatabase('e2e_noop');
    try {
      await clean.exec(brokenSql);
      await clean.exec(repairSql);
      const r = await prRun(clean, { number: 92, spec: spec() });
      expect(r.code).toBe(0);
      expect(writes(r)).toEqual([]);
      expect(server.comments(OWNER, REPO, 92)).toEqual([]);
      expect(r.outputs).toMatchObject({ drift: 'false', changes: '0', blocked: 'false', 'comment-url': '' });
      expect(r.summary).toContain('✅ **No schema change**');
    } finally {
      await clean.drop();
    }
  });
});

describe('a failed apply still sets every output', () => {
  let db: TestDatabase;
  beforeAll(async () => {
    db = await createTestDatabase('e2e_partial');
    await db.exec(
      `CREATE TYPE state AS ENUM ('open', 'closed'); CREATE TABLE tickets (id integer PRIMARY KEY, state state DEFAULT 'open'); INSERT INTO tickets SELECT g, 'open' FROM generate_series(1, 5) g;`,
    );
  });
  afterAll(async () => db?.drop());

  it('new enum values committed first, then the rest failed: applied is true, verified false, blocked true', async () => {
    const file = `${JSON.stringify({ version: 1, enums: { 'public.state': { values: ['open', 'closed', 'archived'] } }, tables: { 'public.tickets': { columns: { id: 'integer', state: { type: 'state', default: `'archived'` } }, primaryKey: ['id'], checks: [`state = 'archived' OR id < 0`] } } })}\n`;
    const r = await run({
      event: 'workflow_dispatch',
      payload: events.workflowDispatch({}),
      inputs: { 'database-url': withPassword(db.url), spec: SPEC_PATH, mode: 'apply' },
      files: { [SPEC_PATH]: file },
    });
    expect(r.code).toBe(1);
    expect(messages(r, 'error')).toEqual([expect.stringMatching(/^the new enum values .* were committed first/)]);
    expect(r.outputs).toMatchObject({ applied: 'true', verified: 'false', blocked: 'true', drift: '' });
    expect(Object.keys(r.outputs)).toHaveLength(10);
  });
});

describe('secrets', () => {
  let db: TestDatabase;
  beforeAll(async () => {
    db = await createTestDatabase('e2e_secrets');
  });
  afterAll(async () => db?.drop());

  it('a password written with lowercase escapes is masked in every spelling too', async () => {
    const u = new URL(db.url);
    const lowercase = ENCODED_PASSWORD.replace(/%[0-9A-F]{2}/g, (e) => e.toLowerCase());
    expect(lowercase).not.toBe(ENCODED_PASSWORD);
    const r = await run({
      event: 'push',
      payload: events.push({ before: sha('1'), after: sha('2') }),
      inputs: { 'database-url': `postgres://${u.username}:${lowercase}@${u.host}${u.pathname}`, spec: SPEC_PATH, 'fail-on-drift': 'false' },
      files: { [SPEC_PATH]: spec() },
    });
    expect(r.code).toBe(0);
    expect(r.outputs.drift).toBe('true');
    expect(messages(r, 'add-mask')).toEqual(expect.arrayContaining([lowercase, RAW_PASSWORD, ENCODED_PASSWORD]));
  });

  it('the leak check finds each spelling wherever it is', () => {
    const clean: Run = {
      code: 0,
      stdout: '',
      stderr: '',
      outputsFile: '',
      outputs: {},
      summary: '',
      reportJson: '',
      commands: [],
      workspace: '',
      requests: [],
    };
    expect(leaks(clean)).toEqual([]);
    expect(leaks({ ...clean, summary: `x ${DECODED_PASSWORD} y` })).toEqual(['URL-decoded password in step summary']);
    expect(leaks({ ...clean, stdout: `::add-mask::${RAW_PASSWORD}\nconnecting with ${ENCODED_PASSWORD}` })).toEqual([
      'URL-encoded password in stdout',
    ]);
    const request: RecordedRequest = {
      method: 'POST',
      path: '/repos/a/b/issues/1/comments',
      query: {},
      body: JSON.stringify({ body: `pw ${RAW_PASSWORD}` }),
      authorization: `token ${TOKEN}`,
      status: 201,
    };
    expect(leaks({ ...clean, requests: [request] })).toEqual(['raw password in POST /repos/a/b/issues/1/comments']);
  });

  it('no run wrote the password (raw, URL-encoded or decoded) or the token anywhere but ::add-mask::', () => {
    expect(everyRun.length).toBeGreaterThanOrEqual(25);
    expect(everyRun.flatMap(leaks)).toEqual([]);
    const requestBodies = everyRun.flatMap((r) => r.requests).filter((q) => q.body);
    expect(requestBodies.length).toBeGreaterThan(10);
  });

  it('every run with a database URL masked the URL, the password as written and as decoded, and the token', () => {
    const withUrl = everyRun.filter((r) => r.stdout.includes('::add-mask::postgres://'));
    expect(withUrl.length).toBeGreaterThanOrEqual(20);
    for (const r of withUrl) {
      const masked = messages(r, 'add-mask');
      expect(masked).toContain(ENCODED_PASSWORD);
      expect(masked).toContain(RAW_PASSWORD);
      expect(masked).toContain(TOKEN);
    }
  });
});
