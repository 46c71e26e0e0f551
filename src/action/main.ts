/**
 * The action's orchestrator. Reads its inputs once (masking every secret first), then by event:
 * pull_request and merge_group → the check predicts the deploy (red exactly when merging would
 * not end in a verified migration) and, on a pull request, one sticky comment; push /
 * workflow_dispatch with mode apply → apply, verified before commit, with the destructive changes
 * the merged pull request showed and was approved for; otherwise check. Every run writes the job
 * summary and sets every output, on every path. Side effects arrive through `deps`; only this
 * function catches errors.
 */
import { createHash } from 'node:crypto';
import { join } from 'node:path';
import type { getOctokit } from '@actions/github';
import {
  changeKey,
  commentMarker,
  comparableComment,
  readPlanRecord,
  renderComment,
  verdictOf,
  type CommentInput,
  type PlanRecord,
  type Verdict,
} from '../core/comment.js';
import { objectName, type Change } from '../core/diff.js';
import { PartiallyAppliedError, PgDriftError, UsageError } from '../core/errors.js';
import { codeSpan, escapeMarkdown, fence } from '../core/markdown.js';
import type { Plan } from '../core/plan.js';
import { planToJson, renderPlanSql, type PlanJson } from '../core/render-plan.js';
import { renderMarkdown, type Report } from '../core/report.js';
import { keyPositions, lineOfChange } from '../core/source-map.js';
import { toSpec } from '../core/spec.js';
import { parseDatabaseUrl, passwordCandidates } from '../db/connect.js';
import { schemaFromSql } from '../db/from-sql.js';
import { DEFAULTS } from '../defaults.js';
import { apply, check, database, specSource, type Database, type SpecSource } from '../engine.js';
import {
  labelsOf,
  mergedPullRequest,
  readFileAt,
  readStickyComment,
  upsertStickyComment,
  type PullRequestRef,
} from '../github/comments.js';
import { INPUTS, MODES, OUTPUTS, type Mode } from './io.js';

type Octokit = ReturnType<typeof getOctokit>;
type Annotate = (message: string, properties?: { title?: string; file?: string; startLine?: number }) => void;

export interface ActionContext {
  eventName: string;
  payload: Record<string, unknown>;
  repo: { owner: string; repo: string };
  serverUrl: string;
  runId: number;
  /** The commit the workflow runs on (GITHUB_SHA). */
  sha?: string;
}

export interface ActionDeps {
  getInput: (name: string) => string;
  setOutput: (name: string, value: string) => void;
  setSecret: (value: string) => void;
  setFailed: (message: string) => void;
  info: (message: string) => void;
  warning: Annotate;
  error: Annotate;
  notice: Annotate;
  writeSummary: (markdown: string) => Promise<void>;
  context: ActionContext;
  getOctokit: (token: string) => Octokit;
  readFile: (path: string) => string;
  writeFile: (path: string, text: string) => void;
  /** Where report-json is written (the runner's RUNNER_TEMP). */
  tempDir: string;
  /** A line shown only with debug logging (RUNNER_DEBUG=1): the stack of an unexpected error. */
  debug?: (message: string) => void;
  /** The time, for the comment's footer. */
  now?: () => Date;
}

export interface ActionSettings {
  databaseUrl: string;
  spec: string;
  mode: Mode;
  allowDestructive: boolean;
  dryRun: boolean;
  token: string;
  comment: boolean;
  failOnDrift: boolean;
  lockTimeout: number;
  schemas: string[];
  id: string;
  destructiveLabel: string;
  applyOnPullRequest: boolean;
  /** A server where a `.sql` spec is run on a scratch database (a service container); '' when none. */
  scratchDatabaseUrl: string;
}

/** GitHub's summary limit is 1 MiB per step; stay below it. */
const SUMMARY_LIMIT = 1_000_000;

/** Masks the connection string, its password (raw and URL-encoded/decoded) before anything is logged. */
export function maskSecrets(url: string, setSecret: (value: string) => void): void {
  if (!url) return;
  setSecret(url);
  let password: string | undefined;
  let written: string | undefined;
  try {
    password = parseDatabaseUrl(url).password;
  } catch {
    // Not a connection string pgdrift can read: the whole value is masked above, and every piece of it that could be the password.
    for (const piece of passwordCandidates(url)) setSecret(piece);
  }
  try {
    written = new URL(url).password || undefined;
  } catch {
    // A keyword/value string ("host=… password=…") has no URL form.
  }
  // As the server gets it, as written in the URL, and as encodeURIComponent spells it (which may
  // differ from how the URL was written: `%2f` against `%2F`, or `!` left unencoded).
  const forms = new Set([password, written, password === undefined ? undefined : encodeURIComponent(password)]);
  for (const form of forms) if (form) setSecret(form);
}

function bool(deps: ActionDeps, name: string, fallback: boolean): boolean {
  const raw = deps.getInput(name).trim().toLowerCase();
  if (raw === '') return fallback;
  if (raw === 'true') return true;
  if (raw === 'false') return false;
  throw new UsageError(`input ${name} must be true or false, got "${raw}"`);
}

/** Reads and validates every input once. The database URL is masked before anything else. */
export function readInputs(deps: ActionDeps): ActionSettings {
  const databaseUrl = deps.getInput(INPUTS.databaseUrl).trim();
  maskSecrets(databaseUrl, deps.setSecret);
  const scratchDatabaseUrl = deps.getInput(INPUTS.scratchDatabaseUrl).trim();
  maskSecrets(scratchDatabaseUrl, deps.setSecret);
  const token = deps.getInput(INPUTS.githubToken).trim();
  if (token) deps.setSecret(token);
  const mode = (deps.getInput(INPUTS.mode).trim() || DEFAULTS.mode) as Mode;
  if (!(MODES as readonly string[]).includes(mode)) throw new UsageError(`input mode must be check or apply, got "${mode}"`);
  const lockRaw = deps.getInput(INPUTS.lockTimeout).trim();
  const lockTimeout = lockRaw === '' ? DEFAULTS.lockTimeout : Number(lockRaw);
  if (!Number.isFinite(lockTimeout) || lockTimeout <= 0)
    throw new UsageError(`input lock-timeout must be a number of seconds, got "${lockRaw}"`);
  const id = deps.getInput(INPUTS.id).trim() || DEFAULTS.id;
  if (!/^[A-Za-z0-9._/-]+$/.test(id)) throw new UsageError(`input id may hold letters, digits, . _ / - only, got "${id}"`);
  return {
    databaseUrl,
    spec: deps.getInput(INPUTS.spec).trim() || DEFAULTS.spec,
    mode,
    allowDestructive: bool(deps, INPUTS.allowDestructive, DEFAULTS.allowDestructive),
    dryRun: bool(deps, INPUTS.dryRun, DEFAULTS.dryRun),
    token,
    comment: bool(deps, INPUTS.comment, DEFAULTS.comment),
    failOnDrift: bool(deps, INPUTS.failOnDrift, DEFAULTS.failOnDrift),
    lockTimeout,
    schemas: deps
      .getInput(INPUTS.schemas)
      .split(/[\s,]+/)
      .filter(Boolean),
    id,
    destructiveLabel: deps.getInput(INPUTS.destructiveLabel).trim() || DEFAULTS.destructiveLabel,
    applyOnPullRequest: bool(deps, INPUTS.applyOnPullRequest, DEFAULTS.applyOnPullRequest),
    scratchDatabaseUrl,
  };
}

interface PullRequest {
  number: number;
  baseSha: string;
  headSha: string;
  labels: string[];
  /** From another repository, or from a fork since deleted (head.repo is null): read-only token, no secrets. */
  fromFork: boolean;
  /** Opened by Dependabot: GitHub gives it Dependabot secrets only, not the repository's Actions secrets. */
  fromDependabot: boolean;
}

/** What the run is about: a pull request, a merge queue's group, or the branch itself. */
type Trigger =
  | { kind: 'pull_request'; pr: PullRequest }
  | { kind: 'merge_group'; baseSha: string; headSha: string; number: number | null }
  | { kind: 'branch' };

function pullRequestOf(context: ActionContext): PullRequest | null {
  const pr = context.payload.pull_request as
    | {
        number: number;
        user?: { login?: string };
        labels?: Array<{ name?: string }>;
        base?: { sha?: string; repo?: { full_name?: string } };
        head?: { sha?: string; repo?: { full_name?: string } | null };
      }
    | undefined;
  if (!pr) return null;
  const base = pr.base?.repo?.full_name ?? `${context.repo.owner}/${context.repo.repo}`;
  const headRepo = pr.head?.repo;
  return {
    number: pr.number,
    baseSha: pr.base?.sha ?? '',
    headSha: pr.head?.sha ?? context.sha ?? '',
    labels: (pr.labels ?? []).map((l) => l.name ?? '').filter(Boolean),
    fromFork: headRepo === null || (headRepo?.full_name !== undefined && headRepo.full_name !== base),
    fromDependabot: pr.user?.login === 'dependabot[bot]',
  };
}

function triggerOf(context: ActionContext): Trigger {
  const pr = pullRequestOf(context);
  if (pr) return { kind: 'pull_request', pr };
  const group = context.payload.merge_group as { base_sha?: string; head_sha?: string; head_ref?: string } | undefined;
  if (context.eventName === 'merge_group' || group) {
    if (!group?.base_sha) throw new UsageError('merge_group event without merge_group.base_sha in its payload: nothing to compare with');
    // GitHub names the group's branch gh-readonly-queue/<base>/pr-<number>-<sha>.
    const number = /\/pr-(\d+)-[0-9a-f]+$/.exec(group.head_ref ?? '')?.[1];
    return {
      kind: 'merge_group',
      baseSha: group.base_sha,
      headSha: group.head_sha ?? context.sha ?? '',
      number: number ? Number(number) : null,
    };
  }
  return { kind: 'branch' };
}

type OutputValues = Partial<Record<keyof typeof OUTPUTS, string>>;

/**
 * The outputs of one run, written once at its end whatever happened: a value not known by then
 * is empty, `applied`/`verified` are 'false' unless set, and `blocked` is 'true' when the run failed.
 */
class Outputs {
  private readonly values: OutputValues = {};
  set(values: OutputValues): void {
    Object.assign(this.values, values);
  }
  write(deps: ActionDeps, failed: boolean): void {
    const defaults: Record<keyof typeof OUTPUTS, string> = {
      drift: '',
      changes: '',
      destructive: '',
      applied: 'false',
      verified: 'false',
      migrationSql: '',
      reportJson: '',
      commentUrl: '',
      prChanges: '',
      blocked: failed ? 'true' : 'false',
    };
    for (const key of Object.keys(OUTPUTS) as Array<keyof typeof OUTPUTS>) deps.setOutput(OUTPUTS[key], this.values[key] ?? defaults[key]);
  }
}

function clip(markdown: string): string {
  if (markdown.length <= SUMMARY_LIMIT) return markdown;
  return `${markdown.slice(0, SUMMARY_LIMIT - 200)}\n\n_… truncated: the job summary holds at most 1 MiB. The full report is in the report-json output._\n`;
}

/** GitHub shows about ten annotations per step: at most this many changes, then one line for the rest. */
const ANNOTATION_LIMIT = 10;

/**
 * One annotation per change on the line of its object in the spec file (destructive ones first,
 * as warnings; the others as notices), at most ANNOTATION_LIMIT, then one summary line.
 */
function annotate(deps: ActionDeps, changes: Report['changes'], file: string, specText: string): void {
  if (changes.length === 0) return;
  const positions = keyPositions(specText);
  const ordered = [...changes.filter((c) => c.destructive), ...changes.filter((c) => !c.destructive)];
  for (const c of ordered.slice(0, ANNOTATION_LIMIT)) {
    const line = lineOfChange(positions, c);
    const properties = {
      title: c.destructive ? 'pgdrift: destructive change' : 'pgdrift: change',
      file,
      ...(line === null ? {} : { startLine: line }),
    };
    const hazards = c.hazards.map((h) => h.code).join(', ');
    if (c.destructive) deps.warning(`${c.object}: ${c.description} (${hazards || 'destructive'})`, properties);
    else deps.notice(`${c.object}: ${c.description}${hazards ? ` (${hazards})` : ''}`, properties);
  }
  if (ordered.length > ANNOTATION_LIMIT) {
    const rest = ordered.slice(ANNOTATION_LIMIT);
    const destructive = rest.filter((c) => c.destructive).length;
    deps.notice(`${plural(rest.length, 'more change')} (${destructive} destructive): see the job summary.`, {
      title: 'pgdrift: more changes',
      file,
    });
  }
}

export function sqlSection(sql: string): string {
  return `<details><summary>SQL</summary>\n\n${fence(sql, 'sql')}\n</details>\n`;
}

/** The fingerprint of a plan: its statements and the changes it withholds. The comment shows it; the deploy compares it. */
export function planFingerprint(plan: Plan): string {
  const data = {
    statements: plan.statements.map((s) => s.sql),
    withheld: plan.withheld.map((c) => changeKey({ kind: c.kind, object: objectName(c) })).sort(),
  };
  return createHash('sha256').update(JSON.stringify(data)).digest('hex').slice(0, 12);
}

/** The outputs' words, one table, the same in every mode. */
function vocabulary(values: { drift: boolean; prChanges: number; changes: number; destructive: number; blocked: boolean }): string {
  return [
    "| drift (live vs the base branch's spec) | pr-changes | changes (what merging or applying does) | destructive | blocked |",
    '|---|---|---|---|---|',
    `| ${values.drift ? 'yes' : 'no'} | ${values.prChanges} | ${values.changes} | ${values.destructive} | ${values.blocked ? '**yes**' : 'no'} |`,
    '',
  ].join('\n');
}

/** Runs the action; never throws. */
export async function runAction(deps: ActionDeps): Promise<void> {
  const outputs = new Outputs();
  let failed = false;
  const fail = (message: string): void => {
    failed = true;
    // setFailed prints the error annotation itself: one annotation, not two.
    deps.setFailed(message);
  };
  try {
    const settings = readInputs(deps);
    const trigger = triggerOf(deps.context);
    const pr = trigger.kind === 'pull_request' ? trigger.pr : null;
    if (!settings.databaseUrl) {
      if (pr?.fromFork || pr?.fromDependabot) {
        const text = pr.fromFork
          ? 'pgdrift skipped this run: it is a pull request from a fork, which GitHub runs without secrets and with a read-only token, so there is no database to check. A maintainer can run the check from a branch of this repository.'
          : 'pgdrift skipped this run: Dependabot pull requests get Dependabot secrets only, not Actions secrets, so there is no database to check. To check them, add the database secret under Settings → Secrets and variables → Dependabot as well.';
        deps.notice(text, { title: pr.fromFork ? 'pgdrift: fork pull request' : 'pgdrift: Dependabot pull request' });
        await deps.writeSummary(`## pgdrift\n\n${text}\n`);
        outputs.set({ drift: 'false', changes: '0', destructive: '0', prChanges: '0', blocked: 'false' });
        return;
      }
      throw new UsageError(
        'input database-url is empty: pass the connection string from a secret, e.g. database-url: ${{ secrets.DATABASE_URL }}',
      );
    }
    if (settings.mode === 'apply' && trigger.kind !== 'branch' && !settings.applyOnPullRequest) {
      throw new UsageError(
        `mode: apply is refused on ${trigger.kind} events: a pull request must not change the database the deploy migrates. Use mode: check here and apply on push (deploy.yml), or set apply-on-pull-request: true for a per-pull-request preview database (a Neon branch).`,
      );
    }
    const { source: spec, text: specText } = await specOf(settings, readSpec(deps, settings.spec), settings.spec);
    const db = database(
      settings.databaseUrl,
      { connectTimeout: DEFAULTS.connectTimeout, retries: DEFAULTS.connectRetries, applicationName: 'pgdrift-action' },
      spec,
    );
    if (settings.mode === 'apply') failed = await runApply(deps, settings, { source: spec, text: specText }, db, trigger, outputs);
    else failed = await runCheck(deps, settings, { source: spec, text: specText }, db, trigger, outputs);
  } catch (error) {
    let message: string;
    if (error instanceof PgDriftError) message = error.message;
    else {
      message = `unexpected error: ${String((error as Error)?.message ?? error).replace(/\s*\n\s*/g, ' ')}`;
      deps.debug?.(String((error as Error)?.stack ?? error));
    }
    // New enum values were committed before the rest failed: the database did change.
    if (error instanceof PartiallyAppliedError) outputs.set({ applied: 'true', verified: 'false', blocked: 'true' });
    await deps.writeSummary(`## pgdrift\n\n❌ **Failed:** ${escapeMarkdown(message)}\n`).catch(() => undefined);
    fail(message);
  } finally {
    try {
      outputs.write(deps, failed);
    } catch (error) {
      // The runner's output file is missing or not writable: say so once, and still do not throw.
      deps.setFailed(`pgdrift could not set its outputs: ${String((error as Error)?.message ?? error).replace(/\s*\n\s*/g, ' ')}`);
    }
  }
}

/**
 * The spec a file holds. A `.sql` file (the team's schema as SQL) is run on a new database of the
 * scratch server (`scratch-database-url`: a `services: postgres` container) and read back as a
 * spec; its `text` for annotations is then empty, as its lines are not a spec's.
 */
async function specOf(settings: ActionSettings, text: string, label: string): Promise<{ source: SpecSource; text: string }> {
  if (!/\.sql$/i.test(settings.spec)) return { source: specSource(text, label, settings.schemas), text };
  if (!settings.scratchDatabaseUrl) {
    throw new UsageError(
      `spec ${settings.spec} is SQL: pgdrift runs it on a scratch server to read it as a spec. Add a postgres service container to the job and pass scratch-database-url: postgres://postgres:postgres@localhost:5432/postgres`,
    );
  }
  const schema = await schemaFromSql([{ path: label, text }], { scratchUrl: settings.scratchDatabaseUrl });
  return { source: specSource(JSON.stringify(toSpec(schema)), label, settings.schemas), text: '' };
}

function readSpec(deps: ActionDeps, path: string): string {
  try {
    return deps.readFile(path);
  } catch (error) {
    if ((error as { code?: string }).code === 'ENOENT')
      throw new UsageError(
        `spec file ${path} does not exist in the checkout: check the spec input, and that the job runs actions/checkout first`,
      );
    throw new UsageError(`cannot read spec file ${path}: ${(error as Error).message}`);
  }
}

function writeReport(deps: ActionDeps, settings: ActionSettings, data: unknown): string {
  const path = join(deps.tempDir, `pgdrift-report-${settings.id.replace(/[^A-Za-z0-9._-]/g, '_')}.json`);
  deps.writeFile(path, `${JSON.stringify(data, null, 2)}\n`);
  return path;
}

/** The pull request's base branch and its spec, as far as they could be read. */
type BaseSpec = { status: 'compared'; spec: SpecSource } | { status: 'absent' | 'unavailable' };

async function readBaseSpec(deps: ActionDeps, settings: ActionSettings, octokit: Octokit, baseSha: string): Promise<BaseSpec> {
  const { owner, repo } = deps.context.repo;
  try {
    const baseText = baseSha ? await readFileAt(octokit, owner, repo, settings.spec, baseSha) : null;
    // absent: the base branch has no spec at this path (the pull request adds it).
    if (baseText === null) return { status: baseSha ? 'absent' : 'unavailable' };
    return { status: 'compared', spec: (await specOf(settings, baseText, `${settings.spec} (base branch)`)).source };
  } catch (error) {
    warnBase(deps, error instanceof PgDriftError ? error.message : (error as Error).message);
    return { status: 'unavailable' };
  }
}

function warnBase(deps: ActionDeps, message: string): void {
  deps.warning(`Could not compare with the spec on the base branch: ${message}`, { title: 'pgdrift: base branch' });
}

function runUrl(deps: ActionDeps): string {
  return `${deps.context.serverUrl}/${deps.context.repo.owner}/${deps.context.repo.repo}/actions/runs/${deps.context.runId}`;
}

const plural = (n: number, word: string, many = `${word}s`): string => `${n} ${n === 1 ? word : many}`;

/** Checks; returns whether the step failed. */
async function runCheck(
  deps: ActionDeps,
  settings: ActionSettings,
  { source: spec, text: specText }: { source: SpecSource; text: string },
  db: Database,
  trigger: Trigger,
  outputs: Outputs,
): Promise<boolean> {
  const review = trigger.kind !== 'branch';
  const pr = trigger.kind === 'pull_request' ? trigger.pr : null;
  const baseSha = trigger.kind === 'pull_request' ? trigger.pr.baseSha : trigger.kind === 'merge_group' ? trigger.baseSha : '';
  const octokit = review && settings.token ? deps.getOctokit(settings.token) : null;
  const baseSpec = review && octokit ? await readBaseSpec(deps, settings, octokit, baseSha) : null;
  let labels = pr?.labels ?? [];
  if (trigger.kind === 'merge_group' && trigger.number !== null && octokit) {
    try {
      labels = await labelsOf(octokit, deps.context.repo.owner, deps.context.repo.repo, trigger.number);
    } catch (error) {
      deps.warning(`Could not read the labels of pull request #${trigger.number}: ${(error as Error).message}`, {
        title: 'pgdrift: labels',
      });
    }
  }
  // On a pull request or in a merge queue, destructive changes are approved by the label (or by
  // allow-destructive, which says the deploy applies them anyway); elsewhere by allow-destructive.
  const approvedBy: 'allow-destructive' | 'label' | null = settings.allowDestructive
    ? 'allow-destructive'
    : review && labels.includes(settings.destructiveLabel)
      ? 'label'
      : null;
  const approved = approvedBy === 'label' && octokit ? await labelApproval(deps, settings, octokit, trigger) : undefined;
  const allowWith = review ? `the ${settings.destructiveLabel} label` : 'allow-destructive: true';
  const head = await check(db, spec, {
    plan: {
      allowDestructive: approvedBy === 'allow-destructive' || (approvedBy === 'label' && !approved),
      ...(approved ? { approved } : {}),
      concurrently: false,
    },
    ...(baseSpec?.status === 'compared' ? { base: baseSpec.spec } : {}),
  });
  const plan = head.plan ?? null;
  const planError = head.planError ?? null;
  const sql = plan ? renderPlanSql(plan, allowWith) : `-- ${planError}`;
  const planJson: PlanJson = plan
    ? planToJson(plan, allowWith)
    : planToJson({ changes: [], statements: [], withheld: [], searchPath: 'public' });
  const fingerprint = plan ? planFingerprint(plan) : '';

  let baseStatus: BaseSpec['status'] | null = baseSpec?.status ?? null;
  let baseDrift: Report | null = null;
  let specChanges: Report | null = null;
  if (head.base && 'error' in head.base) {
    warnBase(deps, head.base.error);
    baseStatus = 'unavailable';
  } else if (head.base) ({ baseDrift, specChanges } = head.base);

  const approvedDestructive = plan ? plan.changes.filter((c) => c.destructive).length : 0;
  const verdict: Verdict = verdictOf({ plan: planJson, planError, changes: head.report.summary.changes, approvedDestructive });
  const drift = baseStatus === 'compared' ? (baseDrift?.drift ?? false) : baseStatus === 'absent' ? false : head.report.drift;
  const prChanges = specChanges ? specChanges.summary.changes : baseStatus === 'absent' ? head.report.summary.changes : 0;
  // Off a pull request the check compares the branch's own spec: a difference is drift.
  const blocked = review ? verdict.blocked : head.report.drift || verdict.blocked;
  const commentInput: CommentInput = {
    id: settings.id,
    specPath: settings.spec,
    baseDrift,
    specChanges,
    ...(baseStatus ? { baseStatus } : {}),
    plan: planJson,
    planError,
    sql,
    headDrift: head.report,
    summaryUrl: runUrl(deps),
    approval: { label: settings.destructiveLabel, by: approvedBy },
    ...(fingerprint ? { fingerprint } : {}),
    commit: {
      sha: pr?.headSha ?? (trigger.kind === 'merge_group' ? trigger.headSha : (deps.context.sha ?? '')),
      time: (deps.now?.() ?? new Date()).toISOString().replace(/\.\d+Z$/, 'Z'),
    },
  };
  const reportPath = writeReport(deps, settings, {
    ...head.report,
    plan: planJson,
    planError,
    verdict: { blocked: verdict.blocked, text: verdict.text },
    fingerprint,
    base: baseStatus ? { status: baseStatus, drift: baseDrift, prChanges: specChanges } : null,
  });

  let commentUrl = '';
  if (pr && octokit && settings.comment) {
    const { owner, repo } = deps.context.repo;
    const nothingToReport = !head.report.drift && !baseDrift?.drift && !specChanges?.drift && !planError;
    try {
      const result = await upsertStickyComment(
        octokit,
        { owner, repo, issueNumber: pr.number, marker: commentMarker(settings.id) },
        renderComment(commentInput),
        { create: !nothingToReport, comparable: comparableComment },
      );
      commentUrl = result.url;
      deps.info(
        result.action === 'none'
          ? 'No schema change: no pull request comment posted.'
          : `Pull request comment ${result.action}: ${result.url}`,
      );
    } catch (error) {
      const status = (error as { status?: number }).status;
      if (status === 403 || status === 404) {
        deps.warning(
          pr.fromFork
            ? 'pgdrift could not comment: pull requests from forks get a read-only token. The report is in the job summary.'
            : `pgdrift could not comment on the pull request (HTTP ${status}): the token needs the pull-requests: write permission. Add "permissions: pull-requests: write" to the job.`,
          { title: 'pgdrift: no comment' },
        );
      } else throw error;
    }
  } else if (pr && settings.comment) {
    deps.warning('No github-token: the pull request comment was skipped. Pass github-token: ${{ github.token }} (the default).', {
      title: 'pgdrift: no comment',
    });
  }

  annotate(deps, head.report.changes, settings.spec, specText);
  if (planError) deps.error(planError, { title: 'pgdrift: cannot plan', file: settings.spec });
  const table = vocabulary({
    drift,
    prChanges,
    changes: head.report.summary.changes,
    destructive: head.report.summary.destructive,
    blocked,
  });
  let summary: string;
  if (review) {
    // The comment in full, with the outputs' words under its verdict.
    const lines = renderComment(commentInput, Number.POSITIVE_INFINITY)
      .split('\n')
      .filter((l) => !l.startsWith('<!-- pgdrift'))
      .slice(1);
    const at = lines.indexOf(verdict.markdown);
    lines.splice(at + 1, 0, '', table.trimEnd());
    summary = `## pgdrift: ${codeSpan(settings.spec)}\n${lines.join('\n')}`;
  } else {
    summary = `## pgdrift: ${codeSpan(settings.spec)}\n\n${head.report.drift ? '' : `${verdict.markdown}\n\n`}${table}\n${renderMarkdown(head.report)}\n${plan && plan.statements.length ? sqlSection(sql) : ''}${planError ? `\n❌ ${escapeMarkdown(planError)}\n` : ''}`;
  }
  await deps.writeSummary(clip(summary));
  outputs.set({
    drift: String(drift),
    changes: String(head.report.summary.changes),
    destructive: String(head.report.summary.destructive),
    prChanges: String(prChanges),
    blocked: String(blocked),
    migrationSql: plan ? sql : '',
    reportJson: reportPath,
    commentUrl,
  });
  if (!settings.failOnDrift || !blocked) return false;
  if (!review) {
    deps.setFailed(
      `pgdrift: the database has drifted from ${settings.spec}: ${plural(head.report.summary.changes, 'change')} (${head.report.summary.destructive} destructive). See the job summary.`,
    );
    return true;
  }
  const how = planError
    ? 'Change the spec so that it can apply to the rows there (a default for a new NOT NULL column, or a nullable column first).'
    : `Add the label "${settings.destructiveLabel}" to the pull request to approve them (the deploy then applies exactly those), or apply them by hand with the repair workflow (repair.yml, allow-destructive).`;
  deps.setFailed(`pgdrift: ${verdict.text}. ${how}${pr ? ' See the pull request comment.' : ''}`);
  return true;
}

/**
 * Which destructive changes the label approves. The label approves what the comment listed when
 * it was added (the `labeled` event), and afterwards what the comment recorded as approved: a
 * destructive change pushed after the label is not approved until the label is added again. With
 * no comment yet, the label approves everything (undefined).
 */
async function labelApproval(
  deps: ActionDeps,
  settings: ActionSettings,
  octokit: Octokit,
  trigger: Trigger,
): Promise<((c: Change) => boolean) | undefined> {
  const number = trigger.kind === 'pull_request' ? trigger.pr.number : trigger.kind === 'merge_group' ? trigger.number : null;
  if (number === null) return undefined;
  const { owner, repo } = deps.context.repo;
  const body = await readStickyComment(octokit, { owner, repo, issueNumber: number, marker: commentMarker(settings.id) });
  const record = body ? readPlanRecord(body) : null;
  if (!record) return undefined;
  const payload = deps.context.payload as { action?: string; label?: { name?: string } };
  const justLabelled = trigger.kind === 'pull_request' && payload.action === 'labeled' && payload.label?.name === settings.destructiveLabel;
  const keys = new Set(justLabelled ? record.destructive : record.approved);
  return (c) => keys.has(changeKey({ kind: c.kind, object: objectName(c) }));
}

/** What the merged pull request approved, as the deploy finds it. */
interface Approval {
  pr: PullRequestRef | null;
  record: PlanRecord | null;
  labelled: boolean;
  /** Why nothing could be looked up ('' when it was). */
  problem: string;
}

async function findApproval(deps: ActionDeps, settings: ActionSettings): Promise<Approval> {
  const sha = (deps.context.payload.after as string | undefined) ?? deps.context.sha ?? '';
  const none: Approval = { pr: null, record: null, labelled: false, problem: '' };
  if (!settings.token) return { ...none, problem: 'no github-token to find the merged pull request' };
  if (!sha) return { ...none, problem: 'no commit to find the merged pull request of' };
  const octokit = deps.getOctokit(settings.token);
  const { owner, repo } = deps.context.repo;
  try {
    const pr = await mergedPullRequest(octokit, owner, repo, sha);
    if (!pr) return { ...none, problem: `commit ${sha.slice(0, 12)} came from no merged pull request` };
    const body = await readStickyComment(octokit, { owner, repo, issueNumber: pr.number, marker: commentMarker(settings.id) });
    return { pr, record: body ? readPlanRecord(body) : null, labelled: pr.labels.includes(settings.destructiveLabel), problem: '' };
  } catch (error) {
    // Said only when it matters: when destructive changes are withheld for want of it.
    return {
      ...none,
      problem: `the pull request of commit ${sha.slice(0, 12)} could not be read (${(error as Error).message}; the job needs pull-requests: read)`,
    };
  }
}

/** Why destructive changes were withheld on push, and what to do. */
function withheldReason(approval: Approval, settings: ActionSettings, withheld: Change[]): string {
  const list =
    withheld
      .slice(0, 5)
      .map((c) => `${objectName(c)} (${c.kind})`)
      .join(', ') + (withheld.length > 5 ? ` and ${withheld.length - 5} more` : '');
  const repair = 'Review them and run the repair workflow (repair.yml) with allow-destructive, or revert the spec change.';
  const what = `pgdrift: deploy blocked: ${plural(withheld.length, 'destructive change')} withheld (${list})`;
  const pr = approval.pr;
  if (!pr) return `${what}: ${approval.problem || 'no pull request approved them'}. ${repair}`;
  if (!approval.labelled)
    return `${what}: pull request #${pr.number} was merged without the "${settings.destructiveLabel}" label that approves them. ${repair}`;
  if (!approval.record)
    return `${what}: pull request #${pr.number} has the "${settings.destructiveLabel}" label but no pgdrift comment listing what it approved. ${repair}`;
  return `${what}: they are not among the changes pull request #${pr.number} showed and was approved for (the database changed after its check). ${repair}`;
}

/** Applies; returns whether the step failed. */
async function runApply(
  deps: ActionDeps,
  settings: ActionSettings,
  { source: spec, text: specText }: { source: SpecSource; text: string },
  db: Database,
  trigger: Trigger,
  outputs: Outputs,
): Promise<boolean> {
  // On push, destructive changes are applied when the merged pull request showed them and was approved for them.
  const lookUp = trigger.kind === 'branch' && deps.context.eventName === 'push' && !settings.allowDestructive;
  const approval: Approval = lookUp ? await findApproval(deps, settings) : { pr: null, record: null, labelled: false, problem: '' };
  const approvedKeys = new Set(approval.labelled && approval.record ? approval.record.approved : []);
  const approved = (c: Change): boolean => approvedKeys.has(changeKey({ kind: c.kind, object: objectName(c) }));
  if (approval.pr)
    deps.info(
      `Merged pull request #${approval.pr.number}: ${approval.labelled ? `labelled "${settings.destructiveLabel}"` : 'not labelled'}${approval.record ? `, plan ${approval.record.fingerprint} with ${plural(approval.record.destructive.length, 'destructive change')} (${approval.record.approved.length} approved)` : ', no pgdrift comment'}.`,
    );
  const result = await apply(db, spec, {
    allowDestructive: settings.allowDestructive,
    approved,
    dryRun: settings.dryRun,
    concurrently: false,
    lockTimeout: settings.lockTimeout,
    statementTimeout: DEFAULTS.statementTimeout,
    lockRetries: DEFAULTS.lockRetries,
    lockWait: DEFAULTS.lockWait,
    log: deps.info,
  });
  const allowWith = 'allow-destructive: true';
  const sql = renderPlanSql(result.plan, allowWith);
  const planJson = planToJson(result.plan, allowWith);
  const fingerprint = planFingerprint(result.plan);
  const approvedApplied = result.plan.changes.filter((c) => c.destructive && approved(c));
  const withheld = result.plan.withheld;
  const blocked = withheld.length > 0 && result.status !== 'dry-run';
  const notes: string[] = [];
  if (approval.pr && approval.record && approval.record.fingerprint !== fingerprint) {
    const shown = new Set(approval.record.destructive);
    const unseen = [...result.plan.changes, ...withheld].filter(
      (c) => c.destructive && !shown.has(changeKey({ kind: c.kind, object: objectName(c) })),
    );
    const gone = approval.record.destructive.filter(
      (k) => ![...result.plan.changes, ...withheld].some((c) => changeKey({ kind: c.kind, object: objectName(c) }) === k),
    );
    const text = `The plan on main (${fingerprint}) differs from the one pull request #${approval.pr.number} showed (${approval.record.fingerprint}): the database changed in between.${unseen.length ? ` Destructive changes it did not show, withheld: ${unseen.map((c) => `${objectName(c)} (${c.kind})`).join(', ')}.` : ''}${gone.length ? ` Shown but no longer needed: ${gone.join(', ')}.` : ''} Only what was approved or safe is applied.`;
    deps.warning(text, { title: 'pgdrift: plan changed since the pull request' });
    notes.push(`⚠️ ${escapeMarkdown(text)}`);
  }
  if (approvedApplied.length) {
    const text = `${plural(approvedApplied.length, 'destructive change')} approved on pull request #${approval.pr?.number ?? '?'} (label "${settings.destructiveLabel}"): ${approvedApplied.map((c) => `${objectName(c)} (${c.kind})`).join(', ')}.`;
    deps.info(text);
    notes.push(`☑️ ${escapeMarkdown(text)}`);
  }
  const reportPath = writeReport(deps, settings, {
    ...result.report,
    plan: planJson,
    fingerprint,
    apply: { status: result.status, applied: result.applied, verified: result.verified, invalidIndexes: result.invalidIndexes },
    approval: approval.pr ? { pullRequest: approval.pr.number, labelled: approval.labelled, shown: approval.record } : null,
  });
  annotate(deps, result.report.changes, settings.spec, specText);
  const applied = `${plural(result.applied, 'statement')}${result.committedFirst ? `: ${plural(result.committedFirst, 'new enum value')} committed first, then the rest` : ''} in one transaction, verified before commit`;
  const headline =
    result.status === 'dry-run'
      ? `🧪 **Dry run:** ${plural(result.applied, 'statement')} ran and verified, then rolled back.`
      : blocked
        ? `⛔ **Deploy blocked: ${plural(withheld.length, 'destructive change')} withheld.** ${result.applied ? `Applied ${applied}; the rest waits for approval.` : 'Nothing else to apply.'}`
        : result.applied === 0
          ? '✅ **Nothing to apply.**'
          : `✅ **Applied ${applied}.**`;
  const changes = result.plan.changes.length + withheld.length;
  const destructive = result.plan.changes.filter((c) => c.destructive).length + withheld.length;
  const table = vocabulary({ drift: result.report.drift, prChanges: 0, changes, destructive, blocked });
  await deps.writeSummary(
    clip(
      `## pgdrift apply: ${codeSpan(settings.spec)}\n\nTarget: \`${db.target}\`\n\n${headline}\n\n${notes.map((n) => `${n}\n\n`).join('')}${table}\n${result.plan.statements.length ? sqlSection(sql) : ''}\n### After\n\n${renderMarkdown(result.report)}`,
    ),
  );
  outputs.set({
    drift: String(result.report.drift),
    changes: String(changes),
    destructive: String(destructive),
    prChanges: '0',
    blocked: String(blocked),
    applied: String(result.status !== 'dry-run' && result.applied > 0),
    verified: String(result.verified),
    migrationSql: sql,
    reportJson: reportPath,
    commentUrl: '',
  });
  if (!blocked || !settings.failOnDrift) return false;
  deps.setFailed(
    lookUp
      ? withheldReason(approval, settings, withheld)
      : `pgdrift: drift remains after apply: ${plural(withheld.length, 'destructive change')} withheld. Run with allow-destructive: true to include them.`,
  );
  return true;
}
