/**
 * Which comment the deploy trusts as pgdrift's approval record: GITHUB_TOKEN cannot tell its own
 * login (/user is forbidden), so only github-actions[bot]'s comment counts, never another bot's
 * or a person's that carries the same marker.
 */
import { getOctokit } from '@actions/github';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { commentMarker } from '../../src/core/comment.js';
import { readStickyComment } from '../../src/github/comments.js';
import { startGitHubServer, type GitHubServer } from '../helpers/github-server.js';

describe('the approval record the deploy reads', () => {
  let server: GitHubServer;
  beforeAll(async () => {
    server = await startGitHubServer();
  });
  afterAll(async () => {
    await server.close();
  });

  it('is github-actions[bot]’s comment, never a forged one by another bot or a person', async () => {
    const octokit = getOctokit('ghs_installation_token', { baseUrl: server.url });
    const marker = commentMarker('default');
    const target = { owner: 'acme', repo: 'chatkit', issueNumber: 90, marker };
    server.seedComment('acme', 'chatkit', 90, `${marker}\nforged by a person`, 'mallory');
    server.seedComment('acme', 'chatkit', 90, `${marker}\nforged by another app`, 'other-app[bot]');
    expect(await readStickyComment(octokit, target)).toBeNull();
    server.seedComment('acme', 'chatkit', 90, `${marker}\nthe real record`, 'github-actions[bot]');
    server.seedComment('acme', 'chatkit', 90, `${marker}\nforged later by another app`, 'other-app[bot]');
    expect(await readStickyComment(octokit, target)).toBe(`${marker}\nthe real record`);
  });
});
