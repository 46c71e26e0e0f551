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
  action: 'created' | 'updated' | 'unchanged';
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

export async function upsertStickyComment(octokit: Octokit, target: StickyTarget, body: string): Promise<StickyResult> {
  const author = await authorLogin(octokit);
  const comments = await octokit.paginate(octokit.rest.issues.listComments, {
    owner: target.owner,
    repo: target.repo,
    issue_number: target.issueNumber,
    per_page: 100,
  });
  // A person quoting the comment carries the marker too: only the token's own login counts, or,
  // when the token cannot tell its login, a bot. The newest match wins if there are several.
  const mine = comments.filter((c) => (c.body ?? '').includes(target.marker) && (author ? c.user?.login === author : c.user?.type === 'Bot')).pop();
  if (mine) {
    if (mine.body === body) return { action: 'unchanged', url: mine.html_url };
    const { data } = await octokit.rest.issues.updateComment({ owner: target.owner, repo: target.repo, comment_id: mine.id, body });
    return { action: 'updated', url: data.html_url };
  }
  const { data } = await octokit.rest.issues.createComment({ owner: target.owner, repo: target.repo, issue_number: target.issueNumber, body });
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
