/**
 * The action's inputs and outputs are named once in src/action/io.ts; action.yml declares them
 * for the runner. The two must name exactly the same ones.
 */
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { INPUTS, OUTPUTS } from '../../src/action/io.js';
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
});
