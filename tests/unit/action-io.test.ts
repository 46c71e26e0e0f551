/**
 * The action's inputs and outputs are named once in src/action/io.ts; action.yml declares them
 * for the runner. The two must name exactly the same ones, and action.yml's defaults must be
 * those of src/defaults.ts, which the code uses.
 */
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { INPUTS, OUTPUTS } from '../../src/action/io.js';
import { DEFAULTS } from '../../src/defaults.js';
import { HELP } from '../../src/cli/main.js';
import { repoRoot } from '../helpers/cli.js';
import { asMapping, parseYaml } from '../helpers/yaml.js';

const action = asMapping(parseYaml(readFileSync(`${repoRoot}action.yml`, 'utf8')), 'action.yml');
const sorted = (names: Iterable<string>): string[] => [...names].sort();

describe('action.yml and src/action/io.ts', () => {
  it('name exactly the same inputs', () => {
    expect(sorted(Object.keys(asMapping(action.inputs, 'inputs')))).toEqual(sorted(Object.values(INPUTS)));
  });

  it('name exactly the same outputs', () => {
    expect(sorted(Object.keys(asMapping(action.outputs, 'outputs')))).toEqual(sorted(Object.values(OUTPUTS)));
  });

  it('use kebab-case names, each once', () => {
    for (const names of [Object.values(INPUTS), Object.values(OUTPUTS)]) {
      expect(new Set(names).size).toBe(names.length);
      for (const name of names) expect(name).toMatch(/^[a-z]+(-[a-z]+)*$/);
    }
  });

  it('give every input the default src/defaults.ts gives it', () => {
    const inputs = asMapping(action.inputs, 'inputs');
    // Defaults that are not pgdrift's: the runner's token, and none for the secret and the scratch server.
    const notOurs: Partial<Record<keyof typeof INPUTS, string | undefined>> = {
      githubToken: '${{ github.token }}',
      databaseUrl: undefined,
      scratchDatabaseUrl: undefined,
    };
    const checked: string[] = [];
    for (const [key, name] of Object.entries(INPUTS) as Array<[keyof typeof INPUTS, string]>) {
      const declared = asMapping(inputs[name], name).default as string | undefined;
      if (key in notOurs) {
        expect(declared, name).toBe(notOurs[key]);
        continue;
      }
      expect(key in DEFAULTS, `src/defaults.ts has a default for input ${name}`).toBe(true);
      const value = DEFAULTS[key as keyof typeof DEFAULTS];
      expect(declared, name).toBe(Array.isArray(value) ? value.join(',') : String(value));
      checked.push(name);
    }
    expect(checked).toEqual(expect.arrayContaining(['spec', 'mode', 'lock-timeout', 'id', 'schemas', 'comment']));
  });
});

describe('the CLI help and src/defaults.ts', () => {
  it.each([
    ['--spec FILE', `default: ${DEFAULTS.spec}`],
    ['--connect-timeout SECS', `or ${DEFAULTS.connectTimeout})`],
    ['--connect-retries N', `default ${DEFAULTS.connectRetries})`],
    ['--lock-timeout SECS', `default ${DEFAULTS.lockTimeout})`],
    ['--lock-retries N', `default ${DEFAULTS.lockRetries})`],
    ['--statement-timeout SECS', `default ${DEFAULTS.statementTimeout})`],
    ['--lock-wait SECS', `default ${DEFAULTS.lockWait})`],
  ])('%s shows the default the code uses', (flag, shown) => {
    const line = HELP.split('\n').find((l) => l.trimStart().startsWith(flag));
    expect(line).toBeDefined();
    expect(line).toContain(shown);
  });
});
