import { describe, expect, it } from 'vitest';
import { sqlSection } from '../../src/action/main.js';
import { renderComment } from '../../src/core/comment.js';
import { diffSchemas } from '../../src/core/diff.js';
import { codeSpan, escapeMarkdown, fence } from '../../src/core/markdown.js';
import { planMigration, specSearchPath } from '../../src/core/plan.js';
import { planToJson, renderPlanSql } from '../../src/core/render-plan.js';
import { buildReport, renderMarkdown } from '../../src/core/report.js';
import { parseSpec } from '../../src/core/spec.js';
import { buildSchema } from '../helpers/builders.js';

/**
 * How a CommonMark renderer splits a document into fenced code blocks and the rest (the rules of
 * CommonMark 0.31 §4.5: an opening fence of 3+ backticks indented at most 3 spaces, closed by a
 * line of at least as many backticks and nothing else), and where HTML comments are in the rest.
 */
function structure(markdown: string): { code: string[]; prose: string; comments: string[] } {
  const code: string[] = [];
  const prose: string[] = [];
  let open: { ticks: number; lines: string[] } | null = null;
  for (const line of markdown.split('\n')) {
    if (open) {
      const close = /^ {0,3}(`{3,})\s*$/.exec(line);
      if (close && (close[1] as string).length >= open.ticks) {
        code.push(open.lines.join('\n'));
        open = null;
      } else open.lines.push(line);
      continue;
    }
    const start = /^ {0,3}(`{3,})([^`]*)$/.exec(line);
    if (start) open = { ticks: (start[1] as string).length, lines: [] };
    else prose.push(line);
  }
  if (open) code.push(open.lines.join('\n'));
  const text = prose.join('\n');
  const comments = [...text.matchAll(/<!--[\s\S]*?(?:-->|$)/g)].map((m) => m[0]);
  return { code, prose: text, comments };
}

describe('fence', () => {
  it.each([
    ['plain SQL', 'SELECT 1;', '```'],
    ['a run of three backticks inside', 'a ``` b', '````'],
    ['a line of four backticks', 'x\n````\ny', '`````'],
    ['nine backticks', '`````````', '``````````'],
  ])('is longer than any backtick run: %s', (_name, text, ticks) => {
    const block = fence(text, 'sql');
    expect(block).toBe(`${ticks}sql\n${text}\n${ticks}`);
    expect(structure(block).code).toEqual([text]);
  });
});

describe('codeSpan and escapeMarkdown', () => {
  it.each([
    ['a`b', '``a`b``'],
    ['`x`', '`` `x` ``'],
    ['a|b', '`a\\|b`'],
    ['line\nbreak', '`line break`'],
  ])('codeSpan(%j)', (text, expected) => {
    expect(codeSpan(text)).toBe(expected);
  });

  const hostile = 'x` **[Approve](https://evil.example)** `y';
  it.each([
    ['a fake approval link', hostile, '\\`', 'https\\://evil.example'],
    ['an HTML comment', 'a<!--b', '\\<\\!--'],
    ['a tag', '<img src=x onerror=alert(1)>', '\\<img'],
    ['emphasis', '*a* _b_ ~~c~~', '\\*a\\* \\_b\\_ \\~\\~c\\~\\~'],
    ['an image', '![x](y)', '\\!\\[x\\]'],
    ['an entity', '&lt;!--', '\\&lt;'],
    ['a table cell', 'a | b', 'a \\| b'],
    ['an autolink without scheme', 'see www.evil.example', 'www\\.evil'],
    ['an e-mail autolink', 'a@evil.example', 'a\\@evil'],
    ['a mailto link', 'mailto:a', 'mailto\\:a'],
    ['a line break', 'a\n# heading', 'a # heading'],
  ])('escapes %s', (_name, text, ...expected) => {
    const escaped = escapeMarkdown(text);
    for (const e of expected) expect(escaped).toContain(e);
    expect(escaped).not.toMatch(/(^|[^\\])[<`*_[\]|~&!]/);
    expect(escaped).not.toMatch(/[^\\]:\/\//);
  });

  it('leaves SQL casts readable', () => {
    expect(escapeMarkdown("'a'::text")).toBe("'a'::text");
  });
});

describe('untrusted SQL and names in the pull-request comment and the job summary', () => {
  const trap = 'x\n````\n<!-- hidden';
  const spec = parseSpec(
    JSON.stringify({
      version: 1,
      tables: {
        'public.notes': { columns: { id: 'int', body: { type: 'text', default: `'${trap}'` } } },
        'public.secrets': { columns: { token: 'text' } },
        'public."x` **[Approve](https://evil.example)** `y"': { columns: { id: 'int' } },
      },
      views: { 'public.leak': { query: 'SELECT token FROM secrets' } },
    }),
  );
  const live = buildSchema();
  const changes = diffSchemas(live, spec.schema, { scope: spec.scope });
  const plan = planMigration(changes, {
    allowDestructive: false,
    concurrently: false,
    tablesWithRows: new Set(),
    searchPath: specSearchPath(spec.schema, live),
  });
  const sql = renderPlanSql(plan);
  const report = buildReport(changes);
  const statements = plan.statements.map((s) => s.sql);

  it('plans the statements the test is about', () => {
    expect(statements.some((s) => s.includes(trap))).toBe(true);
    expect(statements.some((s) => /CREATE VIEW .*leak.* AS\s+SELECT token FROM secrets/s.test(s))).toBe(true);
  });

  function expectEveryStatementShown(markdown: string): void {
    const { code, comments } = structure(markdown);
    expect(code).toHaveLength(1);
    for (const statement of statements) expect(code[0]).toContain(statement);
    for (const comment of comments) for (const statement of statements) expect(comment).not.toContain(statement.split('\n')[0]);
  }

  it('shows every statement inside one code block in the comment, none in an HTML comment', () => {
    const body = renderComment({
      id: 'default',
      specPath: 'pgdrift.json',
      baseDrift: null,
      specChanges: null,
      plan: planToJson(plan),
      sql,
      headDrift: report,
    });
    expectEveryStatementShown(body);
    // The only HTML comment is pgdrift's own marker.
    expect(structure(body).comments).toEqual(['<!-- pgdrift:default -->']);
  });

  it('shows every statement inside one code block in the job summary', () => {
    expectEveryStatementShown(sqlSection(sql));
  });

  it('renders the table named like an approval link as plain text in the report', () => {
    const markdown = renderMarkdown(report);
    // Code spans (opened by an unescaped backtick run) are shown literally: the rest could render.
    const prose = structure(markdown).prose.replace(/(?<![\\`])(`+)(?!`)([\s\S]*?[^`])\1(?!`)/g, '');
    expect(prose).toContain('Approve');
    expect(prose).not.toContain('](https://');
    expect(prose).not.toMatch(/(^|[^\\])https:\/\//m);
    expect(prose).not.toMatch(/(^|[^\\`])\*\*\\?\[/m);
    for (const line of prose.split('\n').filter((l) => l.includes('Approve'))) {
      // In a heading the name is a code span; in a table cell every character is escaped.
      if (line.startsWith('#### ')) expect(line).toMatch(/^#### ``[^`].*[^`]``$/);
      else expect(line).toContain('x\\` \\*\\*\\[Approve\\](https\\://evil.example)\\*\\* \\`y');
    }
  });
});

describe('a withheld destructive change named like an approval link', () => {
  it('is listed in the comment as a code span and escaped text', () => {
    const hostile = 'x` **[Approve](https://evil.example)** `y';
    const live = parseSpec(JSON.stringify({ version: 1, tables: { [`public."${hostile}"`]: { columns: { id: 'int' } } } })).schema;
    const desired = parseSpec(JSON.stringify({ version: 1 })).schema;
    const changes = diffSchemas(live, desired, { scope: { schemas: ['public'], ignore: [] } });
    const plan = planMigration(changes, {
      allowDestructive: false,
      concurrently: false,
      tablesWithRows: new Set(),
      searchPath: specSearchPath(desired, live),
    });
    expect(plan.withheld.length).toBeGreaterThan(0);
    const report = buildReport(changes);
    const body = renderComment({
      id: 'default',
      specPath: 'pgdrift.json',
      baseDrift: report,
      specChanges: null,
      plan: planToJson(plan),
      sql: renderPlanSql(plan),
      headDrift: report,
    });
    const withheld = body.split('\n').filter((line) => line.startsWith('- ⚠️'));
    expect(withheld.length).toBeGreaterThan(0);
    for (const line of withheld) {
      // Outside code spans, and without pgdrift's own links to the hazard docs.
      const outside = line
        .replace(/(?<![\\`])(`+)(?!`)([\s\S]*?[^`])\1(?!`)/g, '')
        .replace(/\[\]\(https:\/\/github\.com\/pgdrift\/pgdrift\/blob\/main\/docs\/hazards\.md#[a-z-]+\)/g, '');
      expect(outside).not.toContain('](https://');
      expect(outside).not.toMatch(/(^|[^\\])(\*\*|\[)/);
    }
  });
});
