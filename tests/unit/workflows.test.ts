/**
 * The workflows users copy (examples/workflows) and this repository's own CI: parsed, and held to
 * what action.yml accepts and to the safety the README promises (minimal permissions, one apply at
 * a time, a reviewed environment for migrations, the deploy gated on the migration).
 */
import { readdirSync, readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { repoRoot } from '../helpers/cli.js';
import { asMapping, asSequence, parseYaml, type YamlValue } from '../helpers/yaml.js';

type Mapping = { [key: string]: YamlValue };

const action = asMapping(parseYaml(readFileSync(`${repoRoot}action.yml`, 'utf8')), 'action.yml');
const actionInputs = asMapping(action.inputs, 'action.yml inputs');

function load(path: string): Mapping {
  return asMapping(parseYaml(readFileSync(`${repoRoot}${path}`, 'utf8')), path);
}

interface Step {
  job: string;
  index: number;
  step: Mapping;
}

function steps(workflow: Mapping, path: string): Step[] {
  const out: Step[] = [];
  for (const [job, body] of Object.entries(asMapping(workflow.jobs, `${path} jobs`))) {
    asSequence(asMapping(body, `${path} jobs.${job}`).steps, `${path} jobs.${job}.steps`).forEach((step, index) =>
      out.push({ job, index, step: asMapping(step, `${path} jobs.${job}.steps[${index}]`) }),
    );
  }
  return out;
}

const isPgdrift = (uses: YamlValue | undefined): boolean => typeof uses === 'string' && (uses === './' || /^pgdrift\/pgdrift@/.test(uses));
const pgdriftSteps = (workflow: Mapping, path: string): Step[] => steps(workflow, path).filter((s) => isPgdrift(s.step.uses));
const withOf = (s: Step): Mapping => (s.step.with === undefined ? {} : asMapping(s.step.with, `jobs.${s.job}.steps[${s.index}].with`));
const job = (workflow: Mapping, name: string): Mapping => asMapping(asMapping(workflow.jobs, 'jobs')[name], `jobs.${name}`);

const examples = readdirSync(`${repoRoot}examples/workflows`)
  .filter((f) => f.endsWith('.yml'))
  .map((f) => `examples/workflows/${f}`);
const allWorkflows = [...examples, '.github/workflows/ci.yml'];

describe('action.yml', () => {
  it('runs the bundle on node24', () => {
    expect(action.runs).toEqual({ using: 'node24', main: 'dist/index.js' });
  });

  it('documents every input and output', () => {
    for (const [name, spec] of Object.entries(actionInputs)) expect(asMapping(spec, name).description, name).toEqual(expect.any(String));
    for (const [name, spec] of Object.entries(asMapping(action.outputs, 'outputs')))
      expect(asMapping(spec, name).description, name).toEqual(expect.any(String));
  });
});

describe.each(allWorkflows)('%s', (path) => {
  const workflow = load(path);

  it('uses the action at least once, and only with inputs action.yml has', () => {
    const uses = pgdriftSteps(workflow, path);
    expect(uses.length).toBeGreaterThan(0);
    for (const s of uses) {
      const keys = Object.keys(withOf(s));
      expect(
        keys.filter((k) => !(k in actionInputs)),
        `jobs.${s.job}.steps[${s.index}]`,
      ).toEqual([]);
      for (const [name, spec] of Object.entries(actionInputs)) {
        if (asMapping(spec, name).required === true)
          expect(keys, `jobs.${s.job}.steps[${s.index}] passes the required ${name}`).toContain(name);
      }
    }
  });

  it('passes only true/false to boolean inputs, and only check/apply to mode', () => {
    const wrong: string[] = [];
    for (const s of pgdriftSteps(workflow, path)) {
      const w = withOf(s);
      for (const name of ['allow-destructive', 'dry-run', 'comment', 'fail-on-drift']) {
        if (name in w && !/^(true|false|\$\{\{ inputs\.[a-z-]+ \}\})$/.test(String(w[name])))
          wrong.push(`jobs.${s.job} ${name}: ${String(w[name])}`);
      }
      if ('mode' in w && !['check', 'apply'].includes(String(w.mode))) wrong.push(`jobs.${s.job} mode: ${String(w.mode)}`);
    }
    expect(wrong).toEqual([]);
  });

  it('declares the permissions it needs at the top, and never runs on pull_request_target', () => {
    expect(asMapping(workflow.permissions, 'permissions').contents).toBe('read');
    const on = workflow.on;
    const triggers = typeof on === 'string' ? [on] : Array.isArray(on) ? on : Object.keys(asMapping(on, 'on'));
    expect(triggers).not.toContain('pull_request_target');
  });

  it('reads workflow inputs only where it declares them', () => {
    const text = readFileSync(`${repoRoot}${path}`, 'utf8');
    const used = [...text.matchAll(/\$\{\{\s*inputs\.([A-Za-z0-9_-]+)\s*\}\}/g)].map((m) => m[1]);
    const on = typeof workflow.on === 'object' && workflow.on !== null && !Array.isArray(workflow.on) ? workflow.on : {};
    const dispatch = (on as Mapping).workflow_dispatch;
    const declared = dispatch ? Object.keys(asMapping(asMapping(dispatch, 'workflow_dispatch').inputs ?? {}, 'inputs')) : [];
    expect(used.filter((name) => !declared.includes(name!))).toEqual([]);
  });
});

describe('the example workflows', () => {
  it('use pgdrift/pgdrift@v1, the major tag release.yml moves (release.yml runs the bundle of its own checkout)', () => {
    expect(examples.map((p) => p.split('/').pop()).sort()).toEqual([
      'deploy.yml',
      'pr-drift-check.yml',
      'release.yml',
      'repair.yml',
      'sql-spec.yml',
    ]);
    for (const path of examples.filter((p) => !p.endsWith('release.yml')))
      for (const s of pgdriftSteps(load(path), path)) expect(s.step.uses).toBe('pgdrift/pgdrift@v1');
    for (const s of pgdriftSteps(load('examples/workflows/release.yml'), 'release.yml')) expect(s.step.uses).toBe('./');
    expect(readFileSync(`${repoRoot}README.md`, 'utf8')).toMatch(/uses: pgdrift\/pgdrift@v1\b/);
  });

  it('check every step that runs the action out first, so the spec is there', () => {
    for (const path of examples) {
      for (const s of pgdriftSteps(load(path), path)) {
        const before = asSequence(job(load(path), s.job).steps, 'steps')
          .slice(0, s.index)
          .map((x) => asMapping(x, 'step').uses);
        expect(before, `${path} jobs.${s.job}`).toContain('actions/checkout@v4');
      }
    }
  });
});

describe('pr-drift-check.yml', () => {
  const wf = load('examples/workflows/pr-drift-check.yml');

  it('runs on pull_request (again when a label is added or removed) and merge_group, with contents read and pull-requests write, nothing more', () => {
    expect(Object.keys(asMapping(wf.on, 'on'))).toEqual(['pull_request', 'merge_group']);
    expect(asMapping(asMapping(wf.on, 'on').pull_request, 'pull_request').types).toEqual(
      expect.arrayContaining(['opened', 'synchronize', 'labeled', 'unlabeled']),
    );
    expect(wf.permissions).toEqual({ contents: 'read', 'pull-requests': 'write' });
  });

  it('has one concurrency group per pull request (and per merge group), cancelling the superseded run', () => {
    const c = asMapping(wf.concurrency, 'concurrency');
    expect(c.group).toMatch(/\$\{\{ github\.event\.pull_request\.number \|\| github\.event\.merge_group\.head_ref \}\}/);
    expect(c['cancel-in-progress']).toBe(true);
  });

  it('only checks', () => {
    for (const s of pgdriftSteps(wf, 'pr-drift-check.yml')) expect(withOf(s).mode ?? 'check').toBe('check');
  });
});

describe('release.yml', () => {
  const wf = load('examples/workflows/release.yml');
  const text = readFileSync(`${repoRoot}examples/workflows/release.yml`, 'utf8');
  const tag = job(wf, 'tag');

  it('tags only after the tests and the bundle check passed, with write access in that job alone', () => {
    expect(tag.needs).toBe('test');
    expect(tag.permissions).toEqual({ contents: 'write' });
    expect(job(wf, 'test').permissions).toBeUndefined();
    const test = steps(wf, 'release.yml')
      .filter((s) => s.job === 'test')
      .map((s) => String(s.step.run ?? s.step.uses));
    expect(test).toContain('npm test');
    expect(test.some((r) => r.includes('npm run build') && r.includes('git diff --exit-code -- dist'))).toBe(true);
  });

  it('validates the version before any tag is made, reads it only through the environment, and moves the major tag', () => {
    const runs = steps(wf, 'release.yml')
      .filter((s) => s.job === 'tag')
      .map((s) => String(s.step.run ?? ''));
    const check = runs.findIndex((r) => r.includes("grep -Eq '^[0-9]+\\.[0-9]+\\.[0-9]+$'"));
    const tagging = runs.findIndex((r) => r.includes('git tag -a "v$VERSION"'));
    expect(check).toBeGreaterThanOrEqual(0);
    expect(tagging).toBeGreaterThan(check);
    expect(runs[tagging]).toContain('git tag -fa "$major"');
    expect(runs[tagging]).toContain('git push --force origin "$major"');
    for (const r of runs) expect(r).not.toContain('${{');
    expect(text).toContain('VERSION: ${{ inputs.version }}');
  });
});

describe('deploy.yml', () => {
  const wf = load('examples/workflows/deploy.yml');
  const text = readFileSync(`${repoRoot}examples/workflows/deploy.yml`, 'utf8');
  const migrate = job(wf, 'migrate');
  const deploy = job(wf, 'deploy');
  const [apply] = pgdriftSteps(wf, 'deploy.yml').filter((s) => s.job === 'migrate');

  it('runs on push to main', () => {
    expect(asMapping(asMapping(wf.on, 'on').push, 'on.push').branches).toEqual(['main']);
  });

  it('migrates in an environment with required reviewers, saying so', () => {
    expect(migrate.environment).toBe('production');
    expect(text).toMatch(/required reviewers/);
  });

  it('applies with the direct (non-pooled) connection string', () => {
    expect(apply?.job).toBe('migrate');
    expect(withOf(apply!).mode).toBe('apply');
    expect(withOf(apply!)['database-url']).toMatch(/^\$\{\{ secrets\.[A-Z_]*DIRECT[A-Z_]* \}\}$/);
    expect(text).toMatch(/-pooler/);
  });

  it('never runs two applies at once: a concurrency group that queues, shared with repair.yml', () => {
    const c = asMapping(migrate.concurrency, 'migrate.concurrency');
    expect(c['cancel-in-progress']).toBe(false);
    const repair = asMapping(job(load('examples/workflows/repair.yml'), 'repair').concurrency, 'repair.concurrency');
    expect(repair.group).toBe(c.group);
    expect(String(c.group)).not.toMatch(/\$\{\{/);
  });

  it('gates migrate on a read-only check job, so reviewers are asked only when there is a schema change', () => {
    const check = job(wf, 'check');
    expect(check.environment).toBeUndefined();
    const [step] = pgdriftSteps(wf, 'deploy.yml').filter((s) => s.job === 'check');
    expect(withOf(step!).mode ?? 'check').toBe('check');
    expect(withOf(step!)['fail-on-drift']).toBe('false');
    expect(asMapping(check.outputs, 'check.outputs').changes).toBe(`\${{ steps.${String(step!.step.id)}.outputs.changes }}`);
    expect(migrate.needs).toBe('check');
    expect(migrate.if).toBe("needs.check.outputs.changes != '0'");
    expect(migrate.permissions).toEqual({ contents: 'read', 'pull-requests': 'read' });
  });

  it('deploys to the Hugging Face Space only after migrate succeeded or was not needed', () => {
    expect(deploy.needs).toEqual(['check', 'migrate']);
    expect(deploy.if).toBe(
      "${{ !cancelled() && needs.check.result == 'success' && (needs.migrate.result == 'success' || needs.migrate.result == 'skipped') }}",
    );
    const push = asSequence(deploy.steps, 'deploy.steps')
      .map((s) => asMapping(s, 'step'))
      .find((s) => typeof s.run === 'string' && s.run.includes('huggingface.co/spaces/'));
    expect(push).toBeDefined();
    const env = asMapping(push!.env, 'env');
    expect(env.HF_TOKEN).toBe('${{ secrets.HF_TOKEN }}');
    // A Space id (owner/name: an organisation's Space too), not a user name and a Space name.
    expect(env.HF_SPACE_ID).toBe('${{ vars.HF_SPACE_ID }}');
    const script = String(push!.run);
    expect(script).toContain('"https://huggingface.co/spaces/${HF_SPACE_ID}"');
    // The token is never echoed nor put in a URL; what carries it is masked first.
    for (const line of script.split('\n')) {
      if (/\becho\b/.test(line)) expect(line).not.toMatch(/HF_TOKEN/);
      expect(line).not.toMatch(/:\$\{?HF_TOKEN\}?@/);
    }
    expect(script.indexOf('::add-mask::${auth}')).toBeGreaterThan(0);
    expect(script.indexOf('::add-mask::${auth}')).toBeLessThan(script.indexOf('git -c'));
  });

  it('hands the migration outputs to later jobs', () => {
    expect(apply!.step.id).toBeDefined();
    expect(asMapping(migrate.outputs, 'migrate.outputs').applied).toBe(`\${{ steps.${String(apply!.step.id)}.outputs.applied }}`);
  });
});

describe('repair.yml', () => {
  const wf = load('examples/workflows/repair.yml');
  const dispatch = asMapping(asMapping(wf.on, 'on').workflow_dispatch, 'workflow_dispatch');
  const inputs = asMapping(dispatch.inputs, 'inputs');

  it('takes allow-destructive and dry-run as boolean inputs, dry run by default', () => {
    expect(Object.keys(asMapping(wf.on, 'on'))).toEqual(['workflow_dispatch']);
    expect(asMapping(inputs['dry-run'], 'dry-run')).toMatchObject({ type: 'boolean', default: true });
    expect(asMapping(inputs['allow-destructive'], 'allow-destructive')).toMatchObject({ type: 'boolean', default: false });
  });

  it('passes both through with:, applying', () => {
    const [step] = pgdriftSteps(wf, 'repair.yml');
    expect(withOf(step!)).toMatchObject({
      mode: 'apply',
      'dry-run': '${{ inputs.dry-run }}',
      'allow-destructive': '${{ inputs.allow-destructive }}',
    });
    expect(job(wf, 'repair').environment).toBe('production');
  });
});

describe('.github/workflows/ci.yml', () => {
  const wf = load('.github/workflows/ci.yml');
  const runs = (name: string): string[] =>
    asSequence(job(wf, name).steps, 'steps')
      .map((s) => asMapping(s, 'step').run)
      .filter((r): r is string => typeof r === 'string');

  it('tests against a postgres:15 service container with TEST_DATABASE_URL, then checks the bundle is fresh', () => {
    const test = job(wf, 'test');
    expect(asMapping(asMapping(test.services, 'services').postgres, 'postgres').image).toBe('postgres:15');
    expect(asMapping(test.env, 'env').TEST_DATABASE_URL).toMatch(/^postgres:\/\/.+@127\.0\.0\.1:5432\//);
    const commands = runs('test').join('\n');
    for (const c of ['npm ci', 'npm test', 'npm run build', 'git diff --quiet -- dist']) expect(commands).toContain(c);
  });

  it('runs the action on itself: load broken.sql, apply, then a check that must be clean', () => {
    const selfTest = job(wf, 'action');
    expect(asMapping(asMapping(selfTest.services, 'services').postgres, 'postgres').image).toBe('postgres:15');
    expect(runs('action')[0]).toMatch(/psql .*-f examples\/chatkit\/broken\.sql/);
    const uses = pgdriftSteps(wf, 'ci.yml').filter((s) => s.job === 'action');
    expect(uses.every((s) => s.step.uses === './' && withOf(s).spec === 'examples/chatkit/schema.json')).toBe(true);
    const modes = uses.map(
      (s) =>
        `${String(withOf(s).mode)}${withOf(s)['fail-on-drift'] === undefined ? '' : ` fail-on-drift=${String(withOf(s)['fail-on-drift'])}`}`,
    );
    expect(modes).toEqual(['check fail-on-drift=false', 'apply', 'check']);
  });
});
