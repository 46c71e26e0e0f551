/**
 * The bundled action with a spec that is SQL (examples/workflows/sql-spec.yml): the SQL runs on a
 * scratch database of the scratch server and is read back as the spec; the real database is only
 * compared. Here both are databases of the test server.
 */
import { readFileSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { events, runBundledAction } from '../helpers/action.js';
import { repoRoot } from '../helpers/cli.js';
import { createTestDatabase, serverUrl, type TestDatabase } from '../helpers/db.js';
import { startGitHubServer, type GitHubServer } from '../helpers/github-server.js';
import { asMapping, asSequence, parseYaml } from '../helpers/yaml.js';

const schemaSql = readFileSync(`${repoRoot}examples/chatkit/schema.sql`, 'utf8');
const broken = readFileSync(`${repoRoot}examples/chatkit/broken.sql`, 'utf8');
const workflow = asMapping(parseYaml(readFileSync(`${repoRoot}examples/workflows/sql-spec.yml`, 'utf8')), 'sql-spec.yml');
const step = (
  asSequence(asMapping(asMapping(workflow.jobs, 'jobs').drift, 'drift').steps, 'steps') as unknown as Array<{
    uses?: string;
    with?: Record<string, string>;
  }>
).find((s) => s.uses?.startsWith('pgdrift/'))!;

describe('the action with spec: db/schema.sql', () => {
  let db: TestDatabase;
  let github: GitHubServer;
  beforeAll(async () => {
    db = await createTestDatabase('action_sql_spec');
    github = await startGitHubServer();
  });
  afterAll(async () => {
    await github.close();
    await db.drop();
  });

  it('runs the SQL on the scratch server, finds the incident on the real database, and leaves no scratch database', async () => {
    expect(step.with?.spec).toBe('db/schema.sql');
    expect(step.with?.['scratch-database-url']).toMatch(/^postgres:\/\//);
    await db.exec(broken);
    const run = await runBundledAction({
      event: 'push',
      payload: events.push({ before: '1'.repeat(40), after: '2'.repeat(40) }),
      inputs: { 'database-url': db.url, spec: 'db/schema.sql', 'scratch-database-url': serverUrl(), 'fail-on-drift': 'false' },
      files: { 'db/schema.sql': schemaSql },
      apiUrl: github.url,
    });
    expect(run.stderr).toBe('');
    expect(run.code).toBe(0);
    expect(run.outputs.drift).toBe('true');
    expect(run.outputs.changes).toBe('3');
    const report = JSON.parse(run.reportJson) as { changes: Array<{ kind: string; object: string }> };
    expect(report.changes.map((c) => `${c.kind} ${c.object}`)).toEqual([
      'add-column public.conversations.updated_at',
      'add-column public.conversations.metadata',
      'add-table public.messages',
    ]);
    expect(await db.query("SELECT datname FROM pg_database WHERE datname LIKE 'pgdrift_scratch_%'")).toEqual([]);
  });

  it('without scratch-database-url, fails in one line that says what to add', async () => {
    const run = await runBundledAction({
      event: 'push',
      payload: events.push({ before: '1'.repeat(40), after: '2'.repeat(40) }),
      inputs: { 'database-url': db.url, spec: 'db/schema.sql' },
      files: { 'db/schema.sql': schemaSql },
      apiUrl: github.url,
    });
    expect(run.code).toBe(1);
    expect(run.stdout).toMatch(/::error::spec db\/schema\.sql is SQL: .*scratch-database-url: postgres:/);
  });
});
