/**
 * One sticky comment per pull request and pgdrift `id`: found again by its hidden marker and its
 * author across every page of comments, updated in place, left alone when nothing changed.
 */
import type { getOctokit } from '@actions/github';

type Octokit = ReturnType<typeof getOctokit>;

export interface StickyTarget {
  owner: string;
  repo: string;
  issueNumber: number;
  marker: string;
}

export interface StickyResult {
  action: 'created' | 'updated' | 'unchanged' | 'none';
  /** '' when there is no comment (action none). */
  url: string;
}

/**
 * The login the token comments as, or null when the token cannot say: GITHUB_TOKEN and GitHub App
 * installation tokens get 403 from /user, and they comment as different bots
 * (`github-actions[bot]`, `<app-slug>[bot]`).
 */
async function authorLogin(octokit: Octokit): Promise<string | null> {
  try {
    const { data } = await octokit.rest.users.getAuthenticated();
    return data.login;
  } catch {
    return null;
  }
}

type IssueComment = Awaited<ReturnType<Octokit['rest']['issues']['listComments']>>['data'][number];

/** The login GitHub's own GITHUB_TOKEN comments as. */
export const ACTIONS_BOT = 'github-actions[bot]';

/**
 * pgdrift's own comment for the marker: every page read; the newest of the token's comments that
 * carry it. When the token cannot tell its login, a bot's comment counts, or with `trusted` only
 * one by github-actions[bot]: the comment is then read as an approval record, which another app
 * installed on the repository must not be able to forge.
 */
async function findSticky(octokit: Octokit, target: StickyTarget, trusted = false): Promise<IssueComment | undefined> {
  const author = await authorLogin(octokit);
  const comments = await octokit.paginate(octokit.rest.issues.listComments, {
    owner: target.owner,
    repo: target.repo,
    issue_number: target.issueNumber,
    per_page: 100,
  });
  // A person quoting the comment carries the marker too: only the token's own login counts, or,
  // when the token cannot tell its login, a bot. The newest match wins if there are several.
  const byUs = (c: IssueComment): boolean =>
    author ? c.user?.login === author : trusted ? c.user?.login === ACTIONS_BOT : c.user?.type === 'Bot';
  return comments.filter((c) => (c.body ?? '').includes(target.marker) && byUs(c)).pop();
}

/**
 * The body of pgdrift's comment on the pull request, or null when there is none: the token's own,
 * or github-actions[bot]'s when the token cannot tell its login (never another bot's, as the
 * deploy trusts the approvals it records).
 */
export async function readStickyComment(octokit: Octokit, target: StickyTarget): Promise<string | null> {
  return (await findSticky(octokit, target, true))?.body ?? null;
}

/**
 * Creates or updates the comment. With `create: false` an existing comment is updated and none is
 * created (a pull request with nothing to report gets no comment). A comment that differs only in
 * what `comparable` leaves out is left alone.
 */
export async function upsertStickyComment(
  octokit: Octokit,
  target: StickyTarget,
  body: string,
  options: { create?: boolean; comparable?: (body: string) => string } = {},
): Promise<StickyResult> {
  const mine = await findSticky(octokit, target);
  if (mine) {
    // `comparable` leaves out what changes on every run (the footer's time and run link).
    const same = options.comparable ?? ((text: string) => text);
    if (same(mine.body ?? '') === same(body)) return { action: 'unchanged', url: mine.html_url };
    const { data } = await octokit.rest.issues.updateComment({ owner: target.owner, repo: target.repo, comment_id: mine.id, body });
    return { action: 'updated', url: data.html_url };
  }
  if (options.create === false) return { action: 'none', url: '' };
  const { data } = await octokit.rest.issues.createComment({
    owner: target.owner,
    repo: target.repo,
    issue_number: target.issueNumber,
    body,
  });
  return { action: 'created', url: data.html_url };
}

/** Reads a file at a commit through the contents API; null when it does not exist there. */
export async function readFileAt(octokit: Octokit, owner: string, repo: string, path: string, ref: string): Promise<string | null> {
  try {
    const { data } = await octokit.rest.repos.getContent({ owner, repo, path, ref });
    if (Array.isArray(data) || data.type !== 'file' || !('content' in data)) return null;
    return Buffer.from(data.content, (data.encoding as BufferEncoding) || 'base64').toString('utf8');
  } catch (error) {
    if ((error as { status?: number }).status === 404) return null;
    throw error;
  }
}

/** A pull request as the deploy needs it: its number and labels. */
export interface PullRequestRef {
  number: number;
  labels: string[];
  merged: boolean;
}

/**
 * The pull request a commit on the default branch came from (`GET /repos/{owner}/{repo}/commits/{sha}/pulls`):
 * the merged one whose merge commit it is, else any merged one; null when it came from none.
 */
export async function mergedPullRequest(octokit: Octokit, owner: string, repo: string, sha: string): Promise<PullRequestRef | null> {
  const { data } = await octokit.rest.repos.listPullRequestsAssociatedWithCommit({ owner, repo, commit_sha: sha, per_page: 100 });
  const merged = data.filter((p) => p.merged_at);
  const pick = merged.find((p) => p.merge_commit_sha === sha) ?? merged[0];
  if (!pick) return null;
  return { number: pick.number, labels: pick.labels.map((l) => l.name ?? '').filter(Boolean), merged: true };
}

/** The labels of an issue or pull request. */
export async function labelsOf(octokit: Octokit, owner: string, repo: string, issueNumber: number): Promise<string[]> {
  const labels = await octokit.paginate(octokit.rest.issues.listLabelsOnIssue, { owner, repo, issue_number: issueNumber, per_page: 100 });
  return labels.map((l) => l.name);
}
