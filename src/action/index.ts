/** The action's entry point (dist/index.js): wires the runner's toolkit into runAction. */
import { writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import * as core from '@actions/core';
import * as github from '@actions/github';
import { readSpecFile } from '../spec-file.js';
import { runAction } from './main.js';

await runAction({
  getInput: (name) => core.getInput(name),
  setOutput: (name, value) => core.setOutput(name, value),
  setSecret: (value) => core.setSecret(value),
  setFailed: (message) => core.setFailed(message),
  info: (message) => core.info(message),
  warning: (message, properties) => core.warning(message, properties),
  error: (message, properties) => core.error(message, properties),
  notice: (message, properties) => core.notice(message, properties),
  writeSummary: async (markdown) => {
    if (!process.env.GITHUB_STEP_SUMMARY) return;
    await core.summary.addRaw(markdown, true).write();
  },
  context: {
    eventName: github.context.eventName,
    payload: github.context.payload as Record<string, unknown>,
    repo: process.env.GITHUB_REPOSITORY ? github.context.repo : { owner: '', repo: '' },
    serverUrl: github.context.serverUrl,
    runId: github.context.runId,
    sha: github.context.sha,
  },
  getOctokit: (token) => github.getOctokit(token),
  readFile: (path) => readSpecFile(path),
  writeFile: (path, text) => writeFileSync(path, text),
  tempDir: process.env.RUNNER_TEMP || tmpdir(),
  debug: (message) => core.debug(message),
});
