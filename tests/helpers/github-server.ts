/**
 * A small local stand-in for GitHub's REST API: the routes the action uses, answered the way
 * api.github.com answers them (pagination with a Link header, base64 file contents, 403 for
 * /user with an installation token), recording every request so tests can assert on them.
 */
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';

export const BOT_LOGIN = 'github-actions[bot]';

export interface RecordedRequest {
  method: string;
  /** Path without the query string, e.g. /repos/acme/chatkit/issues/7/comments. */
  path: string;
  query: Record<string, string>;
  /** The raw request body ('' when none). */
  body: string;
  authorization: string | undefined;
  /** The status the server answered. */
  status: number;
}

export interface IssueComment {
  id: number;
  node_id: string;
  url: string;
  html_url: string;
  issue_url: string;
  body: string;
  user: { login: string; id: number; type: 'User' | 'Bot' };
  created_at: string;
  updated_at: string;
  author_association: string;
}

export interface GitHubServer {
  /** The base URL to put in GITHUB_API_URL (no trailing slash). */
  url: string;
  requests: RecordedRequest[];
  /** Answer 403 "Resource not accessible by integration" to every POST and PATCH. */
  failWrites: boolean;
  /** Who comments made through the API are by: github-actions[bot] for GITHUB_TOKEN, `<app>[bot]` for an app's token. */
  botLogin: string;
  /** The comments of one issue or pull request, oldest first (a live view). */
  comments(owner: string, repo: string, issue: number): IssueComment[];
  /** Adds a comment as someone, as if posted before the run. */
  seedComment(owner: string, repo: string, issue: number, body: string, login?: string): IssueComment;
  /** Labels of an issue or pull request (GET /repos/{owner}/{repo}/issues/{n}/labels, and the pulls listings). */
  setLabels(owner: string, repo: string, issue: number, labels: string[]): void;
  /** Says pull request `number` was merged as commit `sha` (GET /repos/{owner}/{repo}/commits/{sha}/pulls). */
  setMergedPull(owner: string, repo: string, sha: string, number: number): void;
  /** Serves `content` for GET /repos/{owner}/{repo}/contents/{path}?ref={ref}. */
  setFile(owner: string, repo: string, path: string, ref: string, content: string): void;
  /** Requests whose method and path match; `path` may be a RegExp. */
  find(method: string, path: string | RegExp): RecordedRequest[];
  clearRequests(): void;
  close(): Promise<void>;
}

const DOCS = 'https://docs.github.com/rest';

function send(res: ServerResponse, status: number, data: unknown, headers: Record<string, string> = {}): void {
  const text = data === undefined ? '' : JSON.stringify(data);
  res.writeHead(status, {
    'content-type': 'application/json; charset=utf-8',
    'x-github-media-type': 'github.v3; format=json',
    'x-ratelimit-limit': '5000',
    'x-ratelimit-remaining': '4999',
    ...headers,
  });
  res.end(text);
}

function readBody(req: IncomingMessage): Promise<string> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => resolve(Buffer.concat(chunks).toString('utf8')));
    req.on('error', reject);
  });
}

/** GitHub wraps base64 file contents at 60 characters with "\n". */
function githubBase64(text: string): string {
  const b64 = Buffer.from(text, 'utf8').toString('base64');
  return `${b64.match(/.{1,60}/g)?.join('\n') ?? ''}\n`;
}

export async function startGitHubServer(): Promise<GitHubServer> {
  const issues = new Map<string, IssueComment[]>();
  const files = new Map<string, string>();
  const labels = new Map<string, string[]>();
  const mergedPulls = new Map<string, number[]>();
  const requests: RecordedRequest[] = [];
  let nextId = 1_000_001;
  let base = '';
  let clock = Date.parse('2026-01-05T10:00:00Z');

  const issueKey = (owner: string, repo: string, issue: number): string => `${owner}/${repo}#${issue}`;
  const labelObject = (name: string) => ({
    id: 5_000_000 + name.length,
    node_id: `LA_${name.length}`,
    url: `${base}/labels/${encodeURIComponent(name)}`,
    name,
    color: 'd73a4a',
    default: false,
    description: null,
  });
  /** GitHub's Link headers point at /repositories/{id}/…; ids are handed out per repository. */
  const repoIds = new Map<string, number>();
  const repoId = (owner: string, repo: string): number => {
    const key = `${owner}/${repo}`;
    if (!repoIds.has(key)) repoIds.set(key, 700_000 + repoIds.size + 1);
    return repoIds.get(key) as number;
  };
  const repoById = (id: number): [string, string] | undefined => {
    for (const [key, value] of repoIds) if (value === id) return key.split('/') as [string, string];
    return undefined;
  };
  const listOf = (owner: string, repo: string, issue: number): IssueComment[] => {
    const key = issueKey(owner, repo, issue);
    let list = issues.get(key);
    if (!list) issues.set(key, (list = []));
    return list;
  };
  const newComment = (owner: string, repo: string, issue: number, body: string, login: string): IssueComment => {
    const id = nextId++;
    const at = new Date((clock += 60_000)).toISOString();
    const comment: IssueComment = {
      id,
      node_id: `IC_kwDO${id.toString(36)}`,
      url: `${base}/repos/${owner}/${repo}/issues/comments/${id}`,
      html_url: `https://github.com/${owner}/${repo}/pull/${issue}#issuecomment-${id}`,
      issue_url: `${base}/repos/${owner}/${repo}/issues/${issue}`,
      body,
      user: { login, id: login === BOT_LOGIN ? 41898282 : 1000 + login.length, type: login.endsWith('[bot]') ? 'Bot' : 'User' },
      created_at: at,
      updated_at: at,
      author_association: login.endsWith('[bot]') ? 'NONE' : 'MEMBER',
    };
    listOf(owner, repo, issue).push(comment);
    return comment;
  };
  const findComment = (owner: string, repo: string, id: number): IssueComment | undefined => {
    for (const [key, list] of issues) {
      if (!key.startsWith(`${owner}/${repo}#`)) continue;
      const hit = list.find((c) => c.id === id);
      if (hit) return hit;
    }
    return undefined;
  };

  const server: Server = createServer((req, res) => {
    void (async () => {
      const body = await readBody(req);
      const u = new URL(req.url ?? '/', base);
      const record: RecordedRequest = {
        method: req.method ?? 'GET',
        path: u.pathname,
        query: Object.fromEntries(u.searchParams),
        body,
        authorization: req.headers.authorization,
        status: 0,
      };
      requests.push(record);
      const reply = (status: number, data: unknown, headers: Record<string, string> = {}): void => {
        record.status = status;
        send(res, status, data, headers);
      };
      const forbidden = (): void =>
        reply(403, { message: 'Resource not accessible by integration', documentation_url: DOCS, status: '403' });
      const notFound = (): void => reply(404, { message: 'Not Found', documentation_url: DOCS, status: '404' });

      if (!record.authorization) return reply(401, { message: 'Requires authentication', documentation_url: DOCS, status: '401' });
      if ((record.method === 'POST' || record.method === 'PATCH') && handle.failWrites) return forbidden();

      let m: RegExpMatchArray | null;
      if (record.method === 'GET' && u.pathname === '/user') return forbidden();

      const byId = u.pathname.match(/^\/repositories\/(\d+)\/(.*)$/);
      const pathname = byId ? `/repos/${(repoById(Number(byId[1])) ?? ['?', '?']).join('/')}/${byId[2]}` : u.pathname;
      if ((m = pathname.match(/^\/repos\/([^/]+)\/([^/]+)\/issues\/(\d+)\/comments$/))) {
        const [, owner = '', repo = '', num = '0'] = m;
        const list = listOf(owner, repo, Number(num));
        if (record.method === 'GET') {
          const perPage = Math.min(100, Math.max(1, Number(u.searchParams.get('per_page') ?? 30) || 30));
          const page = Math.max(1, Number(u.searchParams.get('page') ?? 1) || 1);
          const last = Math.max(1, Math.ceil(list.length / perPage));
          const link = (p: number): string => {
            const l = new URL(`${base}/repositories/${repoId(owner, repo)}/issues/${num}/comments`);
            l.searchParams.set('per_page', String(perPage));
            l.searchParams.set('page', String(p));
            return l.toString();
          };
          const rels: string[] = [];
          if (page > 1) rels.push(`<${link(page - 1)}>; rel="prev"`);
          if (page < last) rels.push(`<${link(page + 1)}>; rel="next"`, `<${link(last)}>; rel="last"`);
          if (page > 1) rels.push(`<${link(1)}>; rel="first"`);
          return reply(200, list.slice((page - 1) * perPage, page * perPage), rels.length ? { link: rels.join(', ') } : {});
        }
        if (record.method === 'POST') {
          const text = (JSON.parse(body || '{}') as { body?: unknown }).body;
          if (typeof text !== 'string')
            return reply(422, { message: 'Invalid request.\n\n"body" wasn\'t supplied.', documentation_url: DOCS, status: '422' });
          if (text.length > 65_536)
            return reply(422, {
              message: 'Validation Failed',
              errors: [
                { resource: 'IssueComment', code: 'custom', field: 'body', message: 'body is too long (maximum is 65536 characters)' },
              ],
              documentation_url: DOCS,
              status: '422',
            });
          return reply(201, newComment(owner, repo, Number(num), text, handle.botLogin));
        }
      }

      if ((m = pathname.match(/^\/repos\/([^/]+)\/([^/]+)\/issues\/comments\/(\d+)$/)) && record.method === 'PATCH') {
        const [, owner = '', repo = '', id = '0'] = m;
        const comment = findComment(owner, repo, Number(id));
        if (!comment) return notFound();
        if (comment.user.login !== handle.botLogin) return forbidden();
        const text = (JSON.parse(body || '{}') as { body?: unknown }).body;
        if (typeof text !== 'string') return reply(422, { message: 'Invalid request.', documentation_url: DOCS, status: '422' });
        if (text.length > 65_536) return reply(422, { message: 'Validation Failed', documentation_url: DOCS, status: '422' });
        comment.body = text;
        comment.updated_at = new Date((clock += 60_000)).toISOString();
        return reply(200, comment);
      }

      if ((m = pathname.match(/^\/repos\/([^/]+)\/([^/]+)\/issues\/(\d+)\/labels$/)) && record.method === 'GET') {
        const [, owner = '', repo = '', num = '0'] = m;
        return reply(200, (labels.get(issueKey(owner, repo, Number(num))) ?? []).map(labelObject));
      }

      if ((m = pathname.match(/^\/repos\/([^/]+)\/([^/]+)\/commits\/([0-9a-f]{7,40})\/pulls$/)) && record.method === 'GET') {
        const [, owner = '', repo = '', commit = ''] = m;
        const numbers = mergedPulls.get(`${owner}/${repo}@${commit}`) ?? [];
        return reply(
          200,
          numbers.map((number) => ({
            url: `${base}/repos/${owner}/${repo}/pulls/${number}`,
            id: 1_900_000 + number,
            number,
            state: 'closed',
            title: `Pull request ${number}`,
            user: { login: 'octocat', id: 1, type: 'User' },
            labels: (labels.get(issueKey(owner, repo, number)) ?? []).map(labelObject),
            merged_at: '2026-01-05T10:00:00Z',
            merge_commit_sha: commit,
            html_url: `https://github.com/${owner}/${repo}/pull/${number}`,
            base: { ref: 'main', sha: 'b'.repeat(40) },
            head: { ref: 'feature', sha: 'c'.repeat(40) },
          })),
        );
      }

      if ((m = pathname.match(/^\/repos\/([^/]+)\/([^/]+)\/contents\/(.+)$/)) && record.method === 'GET') {
        const [, owner = '', repo = '', rawPath = ''] = m;
        const path = decodeURIComponent(rawPath);
        const ref = u.searchParams.get('ref') ?? 'HEAD';
        const text = files.get(`${owner}/${repo}@${ref}:${path}`);
        if (text === undefined) return notFound();
        const name = path.split('/').pop() ?? path;
        return reply(200, {
          type: 'file',
          encoding: 'base64',
          size: Buffer.byteLength(text),
          name,
          path,
          content: githubBase64(text),
          sha: '3d21ec53a331a6f037a91c368710b99387d012c1',
          url: `${base}/repos/${owner}/${repo}/contents/${rawPath}?ref=${ref}`,
          html_url: `https://github.com/${owner}/${repo}/blob/${ref}/${path}`,
          download_url: `https://raw.githubusercontent.com/${owner}/${repo}/${ref}/${path}`,
        });
      }

      return notFound();
    })().catch((error: unknown) => {
      send(res, 500, { message: String(error) });
    });
  });

  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;

  const handle: GitHubServer = {
    url: base,
    requests,
    failWrites: false,
    botLogin: BOT_LOGIN,
    comments: (owner, repo, issue) => listOf(owner, repo, issue),
    seedComment: (owner, repo, issue, body, login = 'octocat') => newComment(owner, repo, issue, body, login),
    setLabels: (owner, repo, issue, names) => {
      labels.set(issueKey(owner, repo, issue), [...names]);
    },
    setMergedPull: (owner, repo, sha, number) => {
      mergedPulls.set(`${owner}/${repo}@${sha}`, [number]);
    },
    setFile: (owner, repo, path, ref, content) => {
      files.set(`${owner}/${repo}@${ref}:${path}`, content);
    },
    find: (method, path) => requests.filter((r) => r.method === method && (typeof path === 'string' ? r.path === path : path.test(r.path))),
    clearRequests: () => {
      requests.length = 0;
    },
    close: () =>
      new Promise<void>((resolve, reject) => {
        server.closeAllConnections();
        server.close((error) => (error ? reject(error) : resolve()));
      }),
  };
  return handle;
}
