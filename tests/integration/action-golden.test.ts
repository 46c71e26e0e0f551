/**
 * runAction in process, through its public surface only (`runAction(deps)` with `ActionDeps`):
 * the runner's toolkit replaced by recorders, a real database per test file, and the local
 * stand-in for GitHub's REST API. The pull request comment and the job summary are compared byte
 * for byte with golden files under tests/integration/golden/, after replacing only what differs
 * from run to run (the database's name and the server's host and port) with fixed placeholders.
 *
 * UPDATE_GOLDEN=1 npx vitest run tests/integration/action-golden.test.ts rewrites the golden files;
 * review the diff before committing it.
 */
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { getOctokit } from '@actions/github';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runAction, type ActionDeps } from '../../src/action/main.js';
import { events, OWNER, REPO, TOKEN } from '../helpers/action.js';
import { repoRoot } from '../helpers/cli.js';
import { createTestDatabase, type TestDatabase } from '../helpers/db.js';
import { startGitHubServer, type GitHubServer } from '../helpers/github-server.js';

const GOLDEN_DIR = `${repoRoot}tests/integration/golden/`;
const UPDATE = process.env.UPDATE_GOLDEN === '1';

const chatkit = `${repoRoot}examples/chatkit/`;
const brokenSql = readFileSync(`${chatkit}broken.sql`, 'utf8');
const baseSpec = readFileSync(`${chatkit}schema.json`, 'utf8');
const SPEC_PATH = 'db/schema.json';
const BASE_SHA = 'b'.repeat(40);
const HEAD_SHA = 'c'.repeat(40);
const RUN_ID = 4_242_424_242;
const TEMP_DIR = '/runner/temp';

/** The chatkit spec with one more column, messages.tokens: the change the pull request makes. */
const prSpec = (() => {
  const spec = JSON.parse(baseSpec) as { tables: Record<string, { columns: Record<string, unknown> }> };
  spec.tables['public.messages']!.columns.tokens = { type: 'integer' };
  return `${JSON.stringify(spec, null, 2)}\n`;
})();

/** Everything runAction did through its deps, in order. */
interface Recording {
  outputs: Record<string, string>;
  summary: string;
  failed: string[];
  log: string[];
  secrets: string[];
  written: Record<string, string>;
}

function recordingDeps(options: {
  db: TestDatabase;
  server: GitHubServer;
  event: string;
  payload: Record<string, unknown>;
  inputs: Record<string, string>;
  files: Record<string, string>;
}): { deps: ActionDeps; recording: Recording } {
  const recording: Recording = { outputs: {}, summary: '', failed: [], log: [], secrets: [], written: {} };
  const inputs: Record<string, string> = { 'database-url': options.db.url, 'github-token': TOKEN, spec: SPEC_PATH, ...options.inputs };
  const deps: ActionDeps = {
    getInput: (name) => inputs[name] ?? '',
    setOutput: (name, value) => {
      expect(recording.outputs, `output ${name} set twice`).not.toHaveProperty(name);
      recording.outputs[name] = value;
    },
    setSecret: (value) => void recording.secrets.push(value),
    setFailed: (message) => void recording.failed.push(message),
    info: (message) => void recording.log.push(`info: ${message}`),
    warning: (message, properties) => void recording.log.push(`warning${properties?.title ? ` [${properties.title}]` : ''}: ${message}`),
    error: (message, properties) => void recording.log.push(`error${properties?.title ? ` [${properties.title}]` : ''}: ${message}`),
    notice: (message, properties) => void recording.log.push(`notice${properties?.title ? ` [${properties.title}]` : ''}: ${message}`),
    writeSummary: (markdown) => {
      recording.summary += markdown;
      return Promise.resolve();
    },
    context: {
      eventName: options.event,
      payload: options.payload,
      repo: { owner: OWNER, repo: REPO },
      serverUrl: 'https://github.com',
      runId: RUN_ID,
    },
    getOctokit: (token) => getOctokit(token, { baseUrl: options.server.url }),
    readFile: (path) => {
      const text = options.files[path];
      if (text === undefined) throw Object.assign(new Error(`ENOENT: no such file or directory, open '${path}'`), { code: 'ENOENT' });
      return text;
    },
    writeFile: (path, text) => {
      recording.written[path] = text;
    },
    tempDir: TEMP_DIR,
    now: () => new Date('2026-01-05T10:00:00Z'),
    debug: (message) => void recording.log.push(`debug: ${message}`),
  };
  return { deps, recording };
}

/** Replaces what differs from run to run: the test database's name and the server's host:port. */
function stable(text: string, db: TestDatabase): string {
  const { host } = new URL(db.url);
  return text.split(db.name).join('<database>').split(host).join('<host>');
}

/** Compares with tests/integration/golden/<name> byte for byte; UPDATE_GOLDEN=1 rewrites it. */
function expectGolden(name: string, actual: string): void {
  const path = `${GOLDEN_DIR}${name}`;
  if (UPDATE) writeFileSync(path, actual);
  expect(
    existsSync(path),
    `${path} is missing: run UPDATE_GOLDEN=1 npx vitest run tests/integration/action-golden.test.ts and review it`,
  ).toBe(true);
  expect(actual, `differs from ${path} (UPDATE_GOLDEN=1 rewrites it)`).toBe(readFileSync(path, 'utf8'));
}

let server: GitHubServer;
beforeAll(async () => {
  server = await startGitHubServer();
  server.setFile(OWNER, REPO, SPEC_PATH, BASE_SHA, baseSpec);
});
afterAll(async () => {
  await server?.close();
});

describe('pull_request: drift already in the database and a change to the spec', () => {
  const PR = 31;
  let db: TestDatabase;
  let recording: Recording;
  beforeAll(async () => {
    db = await createTestDatabase('action_golden_pr');
    await db.exec(brokenSql);
    const run = recordingDeps({
      db,
      server,
      event: 'pull_request',
      payload: events.pullRequest({ number: PR, baseSha: BASE_SHA, headSha: HEAD_SHA }),
      inputs: {},
      files: { [SPEC_PATH]: prSpec },
    });
    recording = run.recording;
    await runAction(run.deps);
  });
  afterAll(async () => db?.drop());

  it('posts the comment in the golden file', () => {
    const comments = server.comments(OWNER, REPO, PR);
    expect(comments).toHaveLength(1);
    expectGolden('pr-comment.md', stable(comments[0]!.body, db));
  });

  it('writes the job summary in the golden file', () => {
    expectGolden('pr-job-summary.md', stable(recording.summary, db));
  });

  it("passes the step: the drift already there is what the deploy's migration fixes, and merging applies it all safely; sets every output once", () => {
    expect(recording.failed).toEqual([]);
    const reportPath = `${TEMP_DIR}/pgdrift-report-default.json`;
    expect(recording.outputs).toEqual({
      drift: 'true',
      changes: '3',
      destructive: '0',
      applied: 'false',
      verified: 'false',
      'migration-sql': expect.stringContaining('ALTER TABLE "public"."conversations" ADD COLUMN "metadata" jsonb'),
      'report-json': reportPath,
      'comment-url': server.comments(OWNER, REPO, PR)[0]!.html_url,
      'pr-changes': '1',
      blocked: 'false',
    });
    expect(JSON.parse(recording.written[reportPath]!)).toMatchObject({ drift: true, summary: { changes: 3 } });
    expect(recording.secrets).toEqual([db.url, TOKEN]);
  });

  it('leaves the database as it was', async () => {
    expect(await db.query("SELECT to_regclass('public.messages')::text AS t")).toEqual([{ t: null }]);
  });
});

describe('push with mode apply', () => {
  let db: TestDatabase;
  let recording: Recording;
  beforeAll(async () => {
    db = await createTestDatabase('action_golden_push');
    await db.exec(brokenSql);
    await db.exec("INSERT INTO conversations (id) VALUES ('c-1'), ('c-2')");
    server.clearRequests();
    const run = recordingDeps({
      db,
      server,
      event: 'push',
      payload: events.push({ before: BASE_SHA, after: HEAD_SHA }),
      inputs: { mode: 'apply' },
      files: { [SPEC_PATH]: baseSpec },
    });
    recording = run.recording;
    await runAction(run.deps);
  });
  afterAll(async () => db?.drop());

  it('writes the job summary in the golden file', () => {
    expectGolden('push-apply-job-summary.md', stable(recording.summary, db));
  });

  it('applies, verifies, passes the step; its only GitHub request looks for the merged pull request', async () => {
    expect(recording.failed).toEqual([]);
    expect(recording.outputs).toMatchObject({
      drift: 'false',
      changes: '3',
      destructive: '0',
      applied: 'true',
      verified: 'true',
      'comment-url': '',
      blocked: 'false',
      'pr-changes': '0',
    });
    expect(server.requests.map((r) => `${r.method} ${r.path} ${r.status}`)).toEqual([
      `GET /repos/${OWNER}/${REPO}/commits/${HEAD_SHA}/pulls 200`,
    ]);
    const columns = await db.query<{ attname: string }>(
      "SELECT attname FROM pg_attribute WHERE attrelid = 'public.conversations'::regclass AND attnum > 0 AND NOT attisdropped ORDER BY attnum",
    );
    expect(columns.map((c) => c.attname)).toEqual(['id', 'created_at', 'updated_at', 'metadata']);
    expect(await db.query('SELECT id FROM conversations ORDER BY id')).toEqual([{ id: 'c-1' }, { id: 'c-2' }]);
  });
});

describe('pull_request with destructive changes nobody approved yet (the comment docs/pr-comment.md shows)', () => {
  const PR = 32;
  const DESTRUCTIVE_BASE = 'd'.repeat(40);
  let db: TestDatabase;
  let recording: Recording;
  const edit = (mutate: (t: Record<string, { columns: Record<string, unknown> }>) => void): string => {
    const spec = JSON.parse(baseSpec) as { tables: Record<string, { columns: Record<string, unknown> }> };
    mutate(spec.tables);
    return `${JSON.stringify(spec, null, 2)}\n`;
  };
  beforeAll(async () => {
    db = await createTestDatabase('action_golden_destructive');
    await db.exec(brokenSql);
    await db.exec(readFileSync(`${chatkit}repair.sql`, 'utf8'));
    await db.exec('ALTER TABLE conversations ADD COLUMN legacy_note text, ADD COLUMN title varchar(200)');
    server.setFile(
      OWNER,
      REPO,
      SPEC_PATH,
      DESTRUCTIVE_BASE,
      edit((t) => Object.assign(t['public.conversations']!.columns, { legacy_note: { type: 'text' }, title: { type: 'varchar(200)' } })),
    );
    const run = recordingDeps({
      db,
      server,
      event: 'pull_request',
      payload: events.pullRequest({ number: PR, baseSha: DESTRUCTIVE_BASE, headSha: HEAD_SHA }),
      inputs: {},
      files: {
        [SPEC_PATH]: edit((t) => {
          t['public.conversations']!.columns.title = { type: 'varchar(100)' };
          t['public.messages']!.columns.tokens = { type: 'integer' };
        }),
      },
    });
    recording = run.recording;
    await runAction(run.deps);
  });
  afterAll(async () => db?.drop());

  it('posts the comment in the golden file, which docs/pr-comment.md shows as it is', () => {
    const body = stable(server.comments(OWNER, REPO, PR)[0]!.body, db);
    expectGolden('pr-comment-destructive.md', body);
    expect(readFileSync(`${repoRoot}docs/pr-comment.md`, 'utf8')).toContain(`\n\n${body}`);
  });

  it('fails the step with the verdict and how to approve', () => {
    expect(recording.failed).toEqual([
      'pgdrift: Merging will block the deploy: 2 destructive changes need approval. Add the label "pgdrift:destructive" to the pull request to approve them (the deploy then applies exactly those), or apply them by hand with the repair workflow (repair.yml, allow-destructive). See the pull request comment.',
    ]);
    expect(recording.outputs).toMatchObject({ blocked: 'true', destructive: '2', 'pr-changes': '3', drift: 'false' });
  });
});

describe('an unexpected error', () => {
  let db: TestDatabase;
  beforeAll(async () => {
    db = await createTestDatabase('action_golden_unexpected');
  });
  afterAll(async () => db?.drop());

  it('fails in one line, keeps the stack for debug logging only, and still sets every output', async () => {
    const run = recordingDeps({
      db,
      server,
      event: 'pull_request',
      payload: events.pullRequest({ number: 33, baseSha: BASE_SHA, headSha: HEAD_SHA }),
      inputs: {},
      files: { [SPEC_PATH]: baseSpec },
    });
    run.deps.getOctokit = () => {
      throw new TypeError('cannot read the token\n    at somewhere (file.js:1:1)');
    };
    await runAction(run.deps);
    expect(run.recording.failed).toEqual(['unexpected error: cannot read the token at somewhere (file.js:1:1)']);
    expect(run.recording.log.filter((l) => l.startsWith('debug: '))).toEqual([
      expect.stringMatching(/^debug: TypeError: cannot read the token\n/),
    ]);
    expect(run.recording.summary).toBe('## pgdrift\n\n❌ **Failed:** unexpected error: cannot read the token at somewhere (file.js:1:1)\n');
    expect(Object.keys(run.recording.outputs).sort()).toEqual([
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
    expect(run.recording.outputs).toMatchObject({ applied: 'false', verified: 'false', blocked: 'true', drift: '' });
  });
});
