/**
 * Runs the bundled action (`node dist/index.js`) the way a GitHub runner does: a workspace as the
 * working directory, INPUT_* variables for every input (action.yml defaults filled in, hyphens
 * kept), an event payload file, and the runner's command files. Returns everything it wrote.
 */
import { spawn } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { assertFreshBundle, distDir, repoRoot } from './cli.js';
import { asMapping, parseYaml } from './yaml.js';

export const OWNER = 'acme';
export const REPO = 'chatkit';
export const TOKEN = 'ghs_e2eTestInstallationToken0000000001';

export type EventName = 'pull_request' | 'push' | 'workflow_dispatch' | 'merge_group';

export interface ActionRunOptions {
  event: EventName;
  payload: Record<string, unknown>;
  /** Inputs as the workflow's `with:` gives them; the rest take action.yml's defaults. */
  inputs: Record<string, string>;
  /** Files of the checkout, relative to the workspace. */
  files: Record<string, string>;
  apiUrl: string;
  runId?: number;
}

export interface WorkflowCommand {
  command: string;
  properties: Record<string, string>;
  message: string;
}

export interface ActionRun {
  code: number;
  stdout: string;
  stderr: string;
  /** The GITHUB_OUTPUT file as written. */
  outputsFile: string;
  outputs: Record<string, string>;
  summary: string;
  /** The contents of the file the report-json output names ('' when none). */
  reportJson: string;
  commands: WorkflowCommand[];
  /** Where the run's workspace was (removed once the run has been read). */
  workspace: string;
}

interface ActionYml {
  inputs: Record<string, { default?: unknown }>;
}

const actionYml = asMapping(parseYaml(readFileSync(join(repoRoot, 'action.yml'), 'utf8')), 'action.yml') as unknown as ActionYml;

/** The runner's name for an input's variable: spaces become underscores, hyphens stay. */
export function inputEnvName(name: string): string {
  return `INPUT_${name.replace(/ /g, '_').toUpperCase()}`;
}

/** Parses the GITHUB_OUTPUT/GITHUB_ENV file format: `name=value` lines and `name<<DELIM … DELIM` blocks. */
export function parseCommandFile(text: string): Record<string, string> {
  const out: Record<string, string> = {};
  const lines = text.split('\n');
  for (let i = 0; i < lines.length; i++) {
    const line = lines[i] as string;
    if (line === '') continue;
    const heredoc = /^([^=<]+)<<(.+)$/.exec(line);
    if (heredoc) {
      const [, name = '', delimiter = ''] = heredoc;
      const value: string[] = [];
      let j = i + 1;
      for (; j < lines.length && lines[j] !== delimiter; j++) value.push(lines[j] as string);
      if (j >= lines.length) throw new Error(`output ${name}: delimiter ${delimiter} never closes`);
      if (name in out) throw new Error(`output ${name} written twice`);
      out[name] = value.join('\n');
      i = j;
      continue;
    }
    const eq = line.indexOf('=');
    if (eq <= 0) throw new Error(`not an output line: ${line}`);
    out[line.slice(0, eq)] = line.slice(eq + 1);
  }
  return out;
}

function unescapeData(text: string): string {
  return text.replace(/%0D/g, '\r').replace(/%0A/g, '\n').replace(/%25/g, '%');
}

function unescapeProperty(text: string): string {
  return unescapeData(text).replace(/%3A/g, ':').replace(/%2C/g, ',');
}

/** Workflow commands (`::name key=value,…::message`) printed on stdout. */
export function parseCommands(stdout: string): WorkflowCommand[] {
  const out: WorkflowCommand[] = [];
  for (const line of stdout.split('\n')) {
    const m = /^::([a-z-]+)( [^:]*)?::(.*)$/.exec(line);
    if (!m) continue;
    const properties: Record<string, string> = {};
    for (const pair of (m[2] ?? '').trim().split(',').filter(Boolean)) {
      const eq = pair.indexOf('=');
      properties[pair.slice(0, eq)] = unescapeProperty(pair.slice(eq + 1));
    }
    out.push({ command: m[1] as string, properties, message: unescapeData(m[3] ?? '') });
  }
  return out;
}

/** Realistic event payloads for the three events the action handles. */
export const events = {
  /** `fork`: from contributor/chatkit; `deletedFork`: head.repo is null, as GitHub sends it once the fork is gone; `author`: who opened it. */
  pullRequest(options: {
    number: number;
    baseSha: string;
    headSha: string;
    fork?: boolean;
    deletedFork?: boolean;
    author?: string;
    labels?: string[];
    labeled?: string;
  }): Record<string, unknown> {
    const fork = (options.fork ?? false) || (options.deletedFork ?? false);
    const headOwner = options.author ?? (fork ? 'contributor' : OWNER);
    const repository = {
      id: 700001,
      node_id: 'R_kgDOK7',
      name: REPO,
      full_name: `${OWNER}/${REPO}`,
      private: false,
      fork: false,
      owner: { login: OWNER, id: 9001, type: 'Organization' },
      default_branch: 'main',
      html_url: `https://github.com/${OWNER}/${REPO}`,
    };
    return {
      // `labeled`: the run GitHub starts when a label is added, naming it.
      action: options.labeled ? 'labeled' : 'synchronize',
      ...(options.labeled ? { label: { id: 6_100_000, name: options.labeled, color: 'd73a4a', default: false } } : {}),
      number: options.number,
      before: '0000000000000000000000000000000000000000',
      after: options.headSha,
      pull_request: {
        url: `https://api.github.com/repos/${OWNER}/${REPO}/pulls/${options.number}`,
        id: 1_900_000 + options.number,
        number: options.number,
        state: 'open',
        draft: false,
        title: 'Add message token counts',
        user: { login: headOwner, id: 4242, type: 'User' },
        labels: (options.labels ?? []).map((name, i) => ({ id: 6_000_000 + i, name, color: 'd73a4a', default: false })),
        html_url: `https://github.com/${OWNER}/${REPO}/pull/${options.number}`,
        head: {
          label: `${fork ? headOwner : OWNER}:feature`,
          ref: 'feature',
          sha: options.headSha,
          user: { login: headOwner, id: 4242, type: 'User' },
          repo: options.deletedFork
            ? null
            : {
                ...repository,
                id: fork ? 800002 : repository.id,
                full_name: fork ? `${headOwner}/${REPO}` : repository.full_name,
                fork,
                owner: fork ? { login: headOwner, id: 4242, type: 'User' } : repository.owner,
              },
        },
        base: { label: `${OWNER}:main`, ref: 'main', sha: options.baseSha, user: repository.owner, repo: repository },
        author_association: fork ? 'CONTRIBUTOR' : 'MEMBER',
      },
      repository,
      organization: { login: OWNER, id: 9001 },
      sender: { login: headOwner, id: 4242, type: 'User' },
    };
  },
  push(options: { before: string; after: string }): Record<string, unknown> {
    const repository = {
      id: 700001,
      name: REPO,
      full_name: `${OWNER}/${REPO}`,
      private: false,
      owner: { name: OWNER, login: OWNER },
      default_branch: 'main',
      master_branch: 'main',
    };
    return {
      ref: 'refs/heads/main',
      before: options.before,
      after: options.after,
      created: false,
      deleted: false,
      forced: false,
      base_ref: null,
      compare: `https://github.com/${OWNER}/${REPO}/compare/${options.before.slice(0, 12)}...${options.after.slice(0, 12)}`,
      commits: [
        {
          id: options.after,
          message: 'Merge pull request #7 from acme/feature',
          timestamp: '2026-01-05T10:00:00Z',
          author: { name: 'Octo Cat', email: 'octocat@example.com', username: 'octocat' },
          added: [],
          removed: [],
          modified: ['db/schema.json'],
        },
      ],
      head_commit: { id: options.after, message: 'Merge pull request #7 from acme/feature', timestamp: '2026-01-05T10:00:00Z' },
      repository,
      pusher: { name: 'octocat', email: 'octocat@example.com' },
      sender: { login: 'octocat', id: 1, type: 'User' },
    };
  },
  /** A merge queue's group: the pull request's changes on top of base_sha, on a gh-readonly-queue branch. */
  mergeGroup(options: { number: number; baseSha: string; headSha: string }): Record<string, unknown> {
    return {
      action: 'checks_requested',
      merge_group: {
        head_sha: options.headSha,
        head_ref: `refs/heads/gh-readonly-queue/main/pr-${options.number}-${options.baseSha}`,
        base_sha: options.baseSha,
        base_ref: 'refs/heads/main',
        head_commit: {
          id: options.headSha,
          tree_id: options.headSha,
          message: `Merge pull request #${options.number}`,
          timestamp: '2026-01-05T10:00:00Z',
          author: { name: 'Octo Cat', email: 'octocat@example.com' },
          committer: { name: 'GitHub', email: 'noreply@github.com' },
        },
      },
      repository: { id: 700001, name: REPO, full_name: `${OWNER}/${REPO}`, owner: { login: OWNER }, default_branch: 'main' },
      organization: { login: OWNER, id: 9001 },
      sender: { login: 'octocat', id: 1, type: 'User' },
    };
  },
  workflowDispatch(inputs: Record<string, string | boolean>): Record<string, unknown> {
    return {
      inputs,
      ref: 'refs/heads/main',
      repository: { id: 700001, name: REPO, full_name: `${OWNER}/${REPO}`, owner: { login: OWNER }, default_branch: 'main' },
      organization: { login: OWNER, id: 9001 },
      sender: { login: 'octocat', id: 1, type: 'User' },
      workflow: '.github/workflows/repair.yml',
    };
  },
};

/** Runs `node dist/index.js` in a fresh workspace; resolves when the process exits. */
export async function runBundledAction(options: ActionRunOptions): Promise<ActionRun> {
  assertFreshBundle();
  const root = mkdtempSync(join(tmpdir(), 'pgdrift-e2e-'));
  const workspace = join(root, 'workspace');
  const runnerTemp = join(root, 'runner-temp');
  const commandFiles = join(root, 'commands');
  for (const dir of [workspace, runnerTemp, commandFiles]) mkdirSync(dir, { recursive: true });
  for (const [path, text] of Object.entries(options.files)) {
    mkdirSync(dirname(join(workspace, path)), { recursive: true });
    writeFileSync(join(workspace, path), text);
  }
  const eventPath = join(root, 'event.json');
  writeFileSync(eventPath, JSON.stringify(options.payload, null, 2));
  const file = (name: string): string => {
    const path = join(commandFiles, name);
    writeFileSync(path, '');
    return path;
  };

  const inputs: Record<string, string> = {};
  for (const [name, spec] of Object.entries(actionYml.inputs)) {
    if (spec.default !== undefined && spec.default !== null)
      inputs[inputEnvName(name)] = String(spec.default).replace('${{ github.token }}', TOKEN);
  }
  for (const [name, value] of Object.entries(options.inputs)) {
    if (!(name in actionYml.inputs)) throw new Error(`${name} is not an input of action.yml`);
    inputs[inputEnvName(name)] = value;
  }
  const pr = options.payload.pull_request as { number: number; head: { sha: string } } | undefined;
  const runId = options.runId ?? 12_345_678_900;
  const env: Record<string, string> = {
    PATH: process.env.PATH ?? '/usr/bin:/bin',
    HOME: root,
    CI: 'true',
    GITHUB_ACTIONS: 'true',
    GITHUB_EVENT_NAME: options.event,
    GITHUB_EVENT_PATH: eventPath,
    GITHUB_REPOSITORY: `${OWNER}/${REPO}`,
    GITHUB_REPOSITORY_OWNER: OWNER,
    GITHUB_REF: pr ? `refs/pull/${pr.number}/merge` : 'refs/heads/main',
    GITHUB_SHA: pr ? pr.head.sha : ((options.payload.after as string | undefined) ?? 'a1b2c3d4e5f60718293a4b5c6d7e8f9012345678'),
    GITHUB_WORKSPACE: workspace,
    GITHUB_WORKFLOW: 'pgdrift',
    GITHUB_JOB: 'drift',
    GITHUB_ACTION: 'pgdrift',
    GITHUB_ACTOR: 'octocat',
    GITHUB_RUN_ID: String(runId),
    GITHUB_RUN_NUMBER: '17',
    GITHUB_RUN_ATTEMPT: '1',
    GITHUB_SERVER_URL: 'https://github.com',
    GITHUB_API_URL: options.apiUrl,
    GITHUB_GRAPHQL_URL: `${options.apiUrl}/graphql`,
    GITHUB_OUTPUT: file('output'),
    GITHUB_STEP_SUMMARY: file('step_summary'),
    GITHUB_ENV: file('env'),
    GITHUB_PATH: file('path'),
    GITHUB_STATE: file('state'),
    RUNNER_TEMP: runnerTemp,
    RUNNER_OS: 'Linux',
    RUNNER_ARCH: 'X64',
    ...inputs,
  };

  const child = spawn(process.execPath, [join(distDir, 'index.js')], { cwd: workspace, env, stdio: ['ignore', 'pipe', 'pipe'] });
  let stdout = '';
  let stderr = '';
  child.stdout.setEncoding('utf8').on('data', (t: string) => (stdout += t));
  child.stderr.setEncoding('utf8').on('data', (t: string) => (stderr += t));
  const code = await new Promise<number>((resolve, reject) => {
    const timer = setTimeout(() => {
      child.kill('SIGKILL');
      reject(new Error(`the action did not finish in 120 s\n${stdout}\n${stderr}`));
    }, 120_000);
    child.on('error', reject);
    child.on('close', (status) => {
      clearTimeout(timer);
      resolve(status ?? -1);
    });
  });

  try {
    const outputsFile = readFileSync(env.GITHUB_OUTPUT as string, 'utf8');
    const outputs = parseCommandFile(outputsFile);
    const reportPath = outputs['report-json'];
    return {
      code,
      stdout,
      stderr,
      outputsFile,
      outputs,
      summary: readFileSync(env.GITHUB_STEP_SUMMARY as string, 'utf8'),
      reportJson: reportPath && existsSync(reportPath) ? readFileSync(reportPath, 'utf8') : '',
      commands: parseCommands(stdout),
      workspace,
    };
  } finally {
    // Everything the tests look at has been read: the workspace, runner temp and command files go.
    rmSync(root, { recursive: true, force: true });
  }
}

/** Messages of one kind of workflow command (error, warning, notice, add-mask …). */
export function messages(run: ActionRun, command: string): string[] {
  return run.commands.filter((c) => c.command === command).map((c) => c.message);
}
