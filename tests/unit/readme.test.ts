import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { parse } from 'yaml';
import { repoRoot } from '../helpers/cli.js';

const action = parse(readFileSync(`${repoRoot}action.yml`, 'utf8')) as {
  inputs: Record<string, { default?: string; required?: boolean }>;
  outputs: Record<string, unknown>;
};
const readme = readFileSync(`${repoRoot}README.md`, 'utf8');

/** Rows of the Markdown table under a `### heading`: first cell, second cell. */
function tableRows(heading: string): Array<[string, string]> {
  const start = readme.indexOf(`### ${heading}\n`);
  expect(start, `README has a "### ${heading}" section`).toBeGreaterThanOrEqual(0);
  const rows: Array<[string, string]> = [];
  for (const line of readme.slice(start).split('\n').slice(1)) {
    if (line.startsWith('### ') || line.startsWith('## ')) break;
    const cells = line.split('|').map((c) => c.trim());
    if (cells.length < 4 || /^-+$/.test(cells[1] ?? '') || cells[1] === 'input' || cells[1] === 'output') continue;
    rows.push([(cells[1] ?? '').replace(/`/g, ''), (cells[2] ?? '').replace(/`/g, '')]);
  }
  return rows;
}

describe('the README', () => {
  it('lists exactly the inputs of action.yml, in its order, with their defaults', () => {
    const rows = tableRows('Inputs');
    expect(rows.map(([name]) => name)).toEqual(Object.keys(action.inputs));
    for (const [name, shown] of rows) {
      const input = action.inputs[name]!;
      if (input.required) expect(shown).toBe('(required)');
      else if (input.default === '' || input.default === undefined) expect(shown).toMatch(/^\(.+\)$/);
      else expect(shown).toBe(String(input.default));
    }
  });

  it('lists exactly the outputs of action.yml, in its order', () => {
    expect(tableRows('Outputs').map(([name]) => name)).toEqual(Object.keys(action.outputs));
  });

  it('shows workflow excerpts taken line for line from examples/workflows, the files the end-to-end tests follow', () => {
    const section = readme.slice(readme.indexOf('## Quick start'), readme.indexOf('### Inputs'));
    const blocks = [...section.matchAll(/```yaml\n([\s\S]*?)```/g)].map((m) => m[1]!.trimEnd());
    expect(blocks.length).toBeGreaterThanOrEqual(4);
    const files = readdirSync(`${repoRoot}examples/workflows`).map((f) => readFileSync(`${repoRoot}examples/workflows/${f}`, 'utf8'));
    for (const block of blocks)
      expect(
        files.some((f) => f.includes(`${block}\n`)),
        block,
      ).toBe(true);
  });

  it('shows the rendered comment: its Markdown in docs/ and its picture', () => {
    expect(readme).toContain('](docs/pr-comment.png)');
    expect(existsSync(`${repoRoot}docs/pr-comment.png`)).toBe(true);
    expect(readme).toContain('](docs/pr-comment.md)');
  });

  it('opens with the two commands a newcomer runs', () => {
    const firstBlock = /```sh\n([\s\S]*?)```/.exec(readme)?.[1] ?? '';
    const commands = firstBlock
      .split('\n')
      .filter(Boolean)
      .map((l) => l.replace(/\s+#.*$/, ''));
    expect(commands).toEqual(['npm ci && npm run demo', 'npm test']);
    expect(readme.indexOf('```sh')).toBeLessThan(readme.indexOf('## '));
  });
});
