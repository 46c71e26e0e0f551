/**
 * The action's orchestrator. Reads its inputs once (masking every secret first), then by event:
 * pull_request → check and one sticky comment; push / workflow_dispatch with mode apply → apply,
 * verified before commit; otherwise check. Every run writes the job summary and sets the outputs.
 * Side effects arrive through `deps`; only this function catches errors.
 */
import { join } from 'node:path';
import type { getOctokit } from '@actions/github';
import { commentMarker, renderComment } from '../core/comment.js';
import { PgDriftError, UsageError } from '../core/errors.js';
import { fence } from '../core/markdown.js';
import { planToJson, renderPlanSql } from '../core/render-plan.js';
import { renderMarkdown, type Report } from '../core/report.js';
import { parseDatabaseUrl, passwordCandidates } from '../db/connect.js';
import { DEFAULTS } from '../defaults.js';
import { apply, check, database, specSource, type Database, type SpecSource } from '../engine.js';
import { readFileAt, upsertStickyComment } from '../github/comments.js';
import { INPUTS, MODES, OUTPUTS, type Mode } from './io.js';

type Octokit = ReturnType<typeof getOctokit>;
type Annotate = (message: string, properties?: { title?: string; file?: string }) => void;

export interface ActionContext {
  eventName: string;
  payload: Record<string, unknown>;
  repo: { owner: string; repo: string };
  serverUrl: string;
  runId: number;
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
  const token = deps.getInput(INPUTS.githubToken).trim();
  if (token) deps.setSecret(token);
  const mode = (deps.getInput(INPUTS.mode).trim() || DEFAULTS.mode) as Mode;
  if (!(MODES as readonly string[]).includes(mode)) throw new UsageError(`input mode must be check or apply, got "${mode}"`);
  const lockRaw = deps.getInput(INPUTS.lockTimeout).trim();
  const lockTimeout = lockRaw === '' ? DEFAULTS.lockTimeout : Number(lockRaw);
  if (!Number.isFinite(lockTimeout) || lockTimeout <= 0) throw new UsageError(`input lock-timeout must be a number of seconds, got "${lockRaw}"`);
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
    schemas: deps.getInput(INPUTS.schemas).split(/[\s,]+/).filter(Boolean),
    id,
  };
}

interface PullRequest {
  number: number;
  baseSha: string;
  /** From another repository, or from a fork since deleted (head.repo is null): read-only token, no secrets. */
  fromFork: boolean;
  /** Opened by Dependabot: GitHub gives it Dependabot secrets only, not the repository's Actions secrets. */
  fromDependabot: boolean;
}

function pullRequestOf(context: ActionContext): PullRequest | null {
  const pr = context.payload.pull_request as
    | { number: number; user?: { login?: string }; base?: { sha?: string; repo?: { full_name?: string } }; head?: { repo?: { full_name?: string } | null } }
    | undefined;
  if (!pr) return null;
  const base = pr.base?.repo?.full_name ?? `${context.repo.owner}/${context.repo.repo}`;
  const headRepo = pr.head?.repo;
  return {
    number: pr.number,
    baseSha: pr.base?.sha ?? '',
    fromFork: headRepo === null || (headRepo?.full_name !== undefined && headRepo.full_name !== base),
    fromDependabot: pr.user?.login === 'dependabot[bot]',
  };
}

function setOutputs(deps: ActionDeps, values: Partial<Record<keyof typeof OUTPUTS, string>>): void {
  for (const [key, value] of Object.entries(values)) deps.setOutput(OUTPUTS[key as keyof typeof OUTPUTS], value as string);
}

function clip(markdown: string): string {
  if (markdown.length <= SUMMARY_LIMIT) return markdown;
  return `${markdown.slice(0, SUMMARY_LIMIT - 200)}\n\n_… truncated: the job summary holds at most 1 MiB. The full report is in the report-json output._\n`;
}

/** GitHub shows about ten annotations of a kind per step; the rest are summed up in one. */
const ANNOTATION_LIMIT = 9;

function annotate(deps: ActionDeps, changes: Report['changes'], file: string): void {
  const destructive = changes.filter((x) => x.destructive);
  for (const c of destructive.slice(0, ANNOTATION_LIMIT)) {
    deps.warning(`${c.object}: ${c.description} (${c.hazards.map((h) => h.code).join(', ') || 'destructive'})`, { title: 'pgdrift: destructive change', file });
  }
  if (destructive.length > ANNOTATION_LIMIT) {
    deps.warning(`${destructive.length - ANNOTATION_LIMIT} more destructive changes: see the job summary.`, { title: 'pgdrift: destructive changes', file });
  }
}

export function sqlSection(sql: string): string {
  return `<details><summary>SQL</summary>\n\n${fence(sql, 'sql')}\n</details>\n`;
}

/** Runs the action; never throws. */
export async function runAction(deps: ActionDeps): Promise<void> {
  let settings: ActionSettings | undefined;
  try {
    settings = readInputs(deps);
    const pr = pullRequestOf(deps.context);
    if (!settings.databaseUrl) {
      if (pr?.fromFork || pr?.fromDependabot) {
        const text = pr.fromFork
          ? 'pgdrift skipped this run: it is a pull request from a fork, which GitHub runs without secrets and with a read-only token, so there is no database to check. A maintainer can run the check from a branch of this repository.'
          : 'pgdrift skipped this run: Dependabot pull requests get Dependabot secrets only, not Actions secrets, so there is no database to check. To check them, add the database secret under Settings → Secrets and variables → Dependabot as well.';
        deps.notice(text, { title: pr.fromFork ? 'pgdrift: fork pull request' : 'pgdrift: Dependabot pull request' });
        await deps.writeSummary(`## pgdrift\n\n${text}\n`);
        setOutputs(deps, { drift: 'false', changes: '0', destructive: '0', applied: 'false', verified: 'false', migrationSql: '', reportJson: '', commentUrl: '' });
        return;
      }
      throw new UsageError('input database-url is empty: pass the connection string from a secret, e.g. database-url: ${{ secrets.DATABASE_URL }}');
    }
    const spec = specSource(readSpec(deps, settings.spec), settings.spec, settings.schemas);
    const applying = settings.mode === 'apply' && !pr;
    if (settings.mode === 'apply' && pr) deps.info('mode is apply, but this is a pull request: pgdrift only checks on pull requests, it applies on push or workflow_dispatch.');
    const db = database(settings.databaseUrl, { connectTimeout: DEFAULTS.connectTimeout, retries: DEFAULTS.connectRetries, applicationName: 'pgdrift-action' }, spec);
    if (applying) await runApply(deps, settings, spec, db);
    else await runCheck(deps, settings, spec, db, pr);
  } catch (error) {
    const message = error instanceof PgDriftError ? error.message : `unexpected error: ${(error as Error)?.stack ?? String(error)}`;
    await deps.writeSummary(`## pgdrift\n\n❌ **Failed:** ${message.replace(/\n/g, ' ')}\n`).catch(() => undefined);
    // setFailed prints the error annotation itself: one annotation, not two.
    deps.setFailed(message);
  }
}

function readSpec(deps: ActionDeps, path: string): string {
  try {
    return deps.readFile(path);
  } catch (error) {
    if ((error as { code?: string }).code === 'ENOENT') throw new UsageError(`spec file ${path} does not exist in the checkout: check the spec input, and that the job runs actions/checkout first`);
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

async function readBaseSpec(deps: ActionDeps, settings: ActionSettings, octokit: Octokit, pr: PullRequest): Promise<BaseSpec> {
  const { owner, repo } = deps.context.repo;
  try {
    const baseText = pr.baseSha ? await readFileAt(octokit, owner, repo, settings.spec, pr.baseSha) : null;
    // absent: the base branch has no spec at this path (the pull request adds it).
    if (baseText === null) return { status: pr.baseSha ? 'absent' : 'unavailable' };
    return { status: 'compared', spec: specSource(baseText, `${settings.spec} (base branch)`, settings.schemas) };
  } catch (error) {
    warnBase(deps, error instanceof PgDriftError ? error.message : (error as Error).message);
    return { status: 'unavailable' };
  }
}

function warnBase(deps: ActionDeps, message: string): void {
  deps.warning(`Could not compare with the spec on the base branch: ${message}`, { title: 'pgdrift: base branch' });
}

async function runCheck(deps: ActionDeps, settings: ActionSettings, spec: SpecSource, db: Database, pr: PullRequest | null): Promise<void> {
  const octokit = pr && settings.token ? deps.getOctokit(settings.token) : null;
  const baseSpec = pr && octokit ? await readBaseSpec(deps, settings, octokit, pr) : null;
  const head = await check(db, spec, {
    plan: { allowDestructive: settings.allowDestructive, concurrently: false },
    ...(baseSpec?.status === 'compared' ? { base: baseSpec.spec } : {}),
  });
  const plan = head.plan ?? null;
  const planError = head.planError ?? null;
  const sql = plan ? renderPlanSql(plan, 'allow-destructive: true') : `-- ${planError}`;
  const planJson = plan ? planToJson(plan, 'allow-destructive: true') : null;
  const reportPath = writeReport(deps, settings, { ...head.report, plan: planJson, planError });
  let commentUrl = '';
  let base: { status: BaseSpec['status']; baseDrift: Report | null; specChanges: Report | null } | null = null;
  if (baseSpec) {
    if (head.base && 'error' in head.base) warnBase(deps, head.base.error);
    base = head.base && !('error' in head.base) ? { status: 'compared', ...head.base } : { status: baseSpec.status === 'compared' ? 'unavailable' : baseSpec.status, baseDrift: null, specChanges: null };
  }

  if (pr && octokit && base) {
    if (settings.comment) {
      const { owner, repo } = deps.context.repo;
      const body = renderComment({
        id: settings.id,
        specPath: settings.spec,
        baseDrift: base.baseDrift,
        specChanges: base.specChanges,
        plan: planJson ?? planToJson({ changes: [], statements: [], withheld: [], searchPath: 'public' }),
        sql,
        headDrift: head.report,
        summaryUrl: `${deps.context.serverUrl}/${deps.context.repo.owner}/${deps.context.repo.repo}/actions/runs/${deps.context.runId}`,
      });
      try {
        const result = await upsertStickyComment(octokit, { owner, repo, issueNumber: pr.number, marker: commentMarker(settings.id) }, body);
        commentUrl = result.url;
        deps.info(`Pull request comment ${result.action}: ${result.url}`);
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
    }
  } else if (pr && settings.comment) {
    deps.warning('No github-token: the pull request comment was skipped. Pass github-token: ${{ github.token }} (the default).', { title: 'pgdrift: no comment' });
  }

  annotate(deps, head.report.changes, settings.spec);
  if (planError) deps.error(planError, { title: 'pgdrift: cannot plan', file: settings.spec });
  await deps.writeSummary(clip(`## pgdrift: \`${settings.spec}\`\n\n${renderMarkdown(head.report)}\n${plan && plan.statements.length ? sqlSection(sql) : ''}${planError ? `\n❌ ${planError}\n` : ''}`));
  setOutputs(deps, {
    drift: String(head.report.drift),
    changes: String(head.report.summary.changes),
    destructive: String(head.report.summary.destructive),
    applied: 'false',
    verified: 'false',
    migrationSql: plan ? sql : '',
    reportJson: reportPath,
    commentUrl,
  });
  if (!settings.failOnDrift) return;
  // On a pull request the changes the PR makes to the spec are what merging is for, not a
  // failure. The step fails for drift already in the database (live vs the base branch's spec)
  // that the PR leaves in place: the same object still differs from the PR's spec. Drift the PR
  // accounts for (the database is ahead of the base branch, as the PR describes) passes.
  if (base?.status === 'compared' && base.baseDrift) {
    const unresolved = base.baseDrift.changes.filter((b) => head.report.changes.some((h) => h.objectType === b.objectType && h.object === b.object));
    if (unresolved.length) {
      const destructive = unresolved.filter((c) => c.destructive).length;
      deps.setFailed(`pgdrift: the database has drifted from ${settings.spec} on the base branch: ${unresolved.length} change${unresolved.length === 1 ? '' : 's'} (${destructive} destructive) that this pull request does not account for. See the pull request comment and the job summary.`);
    }
    return;
  }
  if (base?.status === 'absent') return;
  if (head.report.drift) {
    deps.setFailed(`pgdrift: the database has drifted from ${settings.spec}: ${head.report.summary.changes} change${head.report.summary.changes === 1 ? '' : 's'} (${head.report.summary.destructive} destructive). See the job summary.`);
  }
}

async function runApply(deps: ActionDeps, settings: ActionSettings, spec: SpecSource, db: Database): Promise<void> {
  const result = await apply(db, spec, {
    allowDestructive: settings.allowDestructive,
    dryRun: settings.dryRun,
    concurrently: false,
    lockTimeout: settings.lockTimeout,
    statementTimeout: DEFAULTS.statementTimeout,
    lockRetries: DEFAULTS.lockRetries,
    lockWait: DEFAULTS.lockWait,
    log: deps.info,
  });
  const sql = renderPlanSql(result.plan, 'allow-destructive: true');
  const planJson = planToJson(result.plan, 'allow-destructive: true');
  const reportPath = writeReport(deps, settings, { ...result.report, plan: planJson, apply: { status: result.status, applied: result.applied, verified: result.verified, invalidIndexes: result.invalidIndexes } });
  annotate(deps, result.report.changes, settings.spec);
  const head =
    result.status === 'dry-run'
      ? `🧪 **Dry run:** ${result.applied} statement${result.applied === 1 ? '' : 's'} ran and verified, then rolled back.`
      : result.applied === 0
        ? '✅ **Nothing to apply.**'
        : `✅ **Applied ${result.applied} statement${result.applied === 1 ? '' : 's'}**${result.committedFirst ? `: ${result.committedFirst} new enum value${result.committedFirst === 1 ? '' : 's'} committed first, then the rest` : ''} in one transaction, verified before commit.`;
  await deps.writeSummary(clip(`## pgdrift apply: \`${settings.spec}\`\n\nTarget: \`${db.target}\`\n\n${head}\n\n${result.plan.statements.length ? sqlSection(sql) : ''}\n### After\n\n${renderMarkdown(result.report)}`));
  const applied = result.status !== 'dry-run' && result.applied > 0;
  setOutputs(deps, {
    drift: String(result.report.drift),
    changes: String(result.plan.changes.length),
    destructive: String(result.plan.withheld.length),
    applied: String(applied),
    verified: String(result.verified),
    migrationSql: sql,
    reportJson: reportPath,
    commentUrl: '',
  });
  if (result.report.drift && settings.failOnDrift && result.status !== 'dry-run') {
    deps.setFailed(`pgdrift: drift remains after apply: ${result.report.summary.changes} change${result.report.summary.changes === 1 ? '' : 's'} withheld as destructive. Run with allow-destructive: true to include them.`);
  }
}
