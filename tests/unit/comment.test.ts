/**
 * The sticky comment, pure: its verdict, the record the deploy reads back, the order of its
 * sections, names escaped in each, and how it shrinks under GitHub's limit.
 */
import { describe, expect, it } from 'vitest';
import {
  COMMENT_LIMIT,
  comparableComment,
  planRecordMarker,
  readPlanRecord,
  renderComment,
  verdictOf,
  type CommentInput,
} from '../../src/core/comment.js';
import { diffSchemas } from '../../src/core/diff.js';
import { planMigration, specSearchPath } from '../../src/core/plan.js';
import { planToJson, renderPlanSql } from '../../src/core/render-plan.js';
import { buildReport } from '../../src/core/report.js';
import { parseSpec } from '../../src/core/spec.js';

const HOSTILE = 'x` **[Approve](https://evil.example)** `y';

/** A comment from two specs: `live` is the database and the base branch, `desired` the pull request's spec. */
function input(live: object, desired: object, approve = false): CommentInput {
  const a = parseSpec(JSON.stringify({ version: 1, ...live })).schema;
  const parsed = parseSpec(JSON.stringify({ version: 1, ...desired }));
  const b = parsed.schema;
  const changes = diffSchemas(a, b, { scope: parsed.scope });
  const plan = planMigration(changes, {
    allowDestructive: approve,
    concurrently: false,
    tablesWithRows: new Set(),
    searchPath: specSearchPath(b, a),
  });
  const report = buildReport(changes);
  return {
    id: 'default',
    specPath: 'db/schema.json',
    baseDrift: buildReport([]),
    specChanges: report,
    baseStatus: 'compared',
    plan: planToJson(plan),
    sql: renderPlanSql(plan),
    headDrift: report,
    summaryUrl: 'https://github.com/acme/chatkit/actions/runs/1',
    approval: { label: 'pgdrift:destructive', by: approve ? 'label' : null },
    fingerprint: '0123456789ab',
    commit: { sha: 'c'.repeat(40), time: '2026-01-05T10:00:00Z' },
  };
}

/** The Markdown outside code blocks, code spans and HTML comments. */
const prose = (markdown: string): string =>
  markdown
    .replace(/^(`{3,})[^\n]*\n[\s\S]*?\n\1$/gm, '')
    .replace(/(?<![\\`])(`+)(?!`)([\s\S]*?[^`])\1(?!`)/g, '')
    .replace(/<!--[\s\S]*?-->/g, '')
    // pgdrift's own links to the hazard docs.
    .replace(/\[[^\]]*\]\(https:\/\/github\.com\/pgdrift\/pgdrift\/blob\/main\/docs\/hazards\.md#[a-z-]+\)/g, '');

describe('verdictOf', () => {
  const plan = (statements: number, withheld: number) => ({
    version: 1,
    summary: { statements, changes: statements, withheld, outsideTransaction: 0 },
    statements: [],
    withheld: [],
  });
  it.each([
    { name: 'no change', plan: plan(0, 0), planError: null, changes: 0, approved: 0, blocked: false, text: 'No schema change' },
    {
      name: 'safe statements',
      plan: plan(3, 0),
      planError: null,
      changes: 3,
      approved: 0,
      blocked: false,
      text: 'Merging applies 3 statements, all safe',
    },
    {
      name: 'approved destructive',
      plan: plan(2, 0),
      planError: null,
      changes: 2,
      approved: 1,
      blocked: false,
      text: 'Merging applies 2 statements, including 1 approved destructive change',
    },
    {
      name: 'withheld destructive',
      plan: plan(1, 2),
      planError: null,
      changes: 3,
      approved: 0,
      blocked: true,
      text: 'Merging will block the deploy: 2 destructive changes need approval',
    },
    {
      name: 'a change that cannot apply',
      plan: null,
      planError: 'column x: NOT NULL without a default on a table with rows',
      changes: 1,
      approved: 0,
      blocked: true,
      text: 'Merging will block the deploy: a change cannot be applied: column x: NOT NULL without a default on a table with rows',
    },
  ])('$name', ({ plan, planError, changes, approved, blocked, text }) => {
    const v = verdictOf({ plan, planError, changes, approvedDestructive: approved });
    expect(v).toMatchObject({ blocked, text });
  });
});

describe('the plan record', () => {
  it('reads back what was written, and nothing from a forged or broken marker', () => {
    const record = {
      fingerprint: 'abc',
      destructive: [`drop-table public."${HOSTILE} -->"`, 'drop-column public.t.c'],
      approved: ['drop-column public.t.c'],
    };
    expect(readPlanRecord(`text\n${planRecordMarker(record)}\n`)).toEqual(record);
    expect(readPlanRecord('<!-- pgdrift-plan:not base64! -->')).toBeNull();
    expect(readPlanRecord(`<!-- pgdrift-plan:${btoa('{"fingerprint":1}')} -->`)).toBeNull();
    expect(readPlanRecord('no marker')).toBeNull();
  });

  it('is carried by the comment, with every destructive change it lists', () => {
    const body = renderComment(
      input({ tables: { 'public.t': { columns: { a: 'int', b: 'int' } } } }, { tables: { 'public.t': { columns: { a: 'int' } } } }),
    );
    expect(readPlanRecord(body)).toEqual({ fingerprint: '0123456789ab', destructive: ['drop-column public.t.b'], approved: [] });
  });
});

describe('renderComment', () => {
  it("opens with the verdict, then the counts, dangerous changes, existing drift, this PR's changes, the SQL and the footer", () => {
    const body = renderComment(
      input(
        { tables: { 'public.t': { columns: { a: 'int', b: 'int' } } } },
        { tables: { 'public.t': { columns: { a: 'int', c: 'text' } } } },
      ),
    );
    const lines = body.split('\n');
    expect(lines[3]).toBe('⛔ **Merging will block the deploy: 1 destructive change needs approval**');
    const order = [
      'Existing drift: **',
      '#### Dangerous changes',
      '**To approve**',
      'Existing drift (live',
      "This pull request's changes to the spec",
      'SQL that merging will run',
      '<sub>Commit `cccccccccccc` · checked 2026-01-05T10:00:00Z',
    ].map((s) => body.indexOf(s));
    expect(order.every((at, i) => at > 0 && (i === 0 || at > order[i - 1]!))).toBe(true);
  });

  it('leaves the footer out of the comparison that decides whether to update the comment', () => {
    const a = input({ tables: { 'public.t': { columns: { a: 'int' } } } }, { tables: { 'public.t': { columns: { a: 'int', b: 'int' } } } });
    const later = renderComment({
      ...a,
      commit: { sha: 'd'.repeat(40), time: '2026-01-06T10:00:00Z' },
      summaryUrl: 'https://github.com/acme/chatkit/actions/runs/2',
    });
    expect(comparableComment(later)).toBe(comparableComment(renderComment(a)));
    expect(later).not.toBe(renderComment(a));
  });

  it('escapes hostile names in every section', () => {
    const q = `"${HOSTILE.replace(/"/g, '""')}"`;
    const body = renderComment(
      input(
        { tables: { [`public.${q}`]: { columns: { [HOSTILE]: 'text' } }, 'public.t': { columns: { [HOSTILE]: 'text' } } } },
        {
          tables: {
            [`public."new ${HOSTILE.replace(/"/g, '""')}"`]: { columns: { [HOSTILE]: 'text' } },
            'public.t': { columns: { id: 'int' } },
          },
        },
      ),
    );
    expect(body.split('Approve').length - 1).toBeGreaterThanOrEqual(6);
    expect(prose(body)).not.toContain('](https://evil');
    expect(prose(body)).not.toMatch(/(^|[^\\])\*\*\\?\[Approve/m);
  });

  it('over the limit, gives up the SQL, then the tables, never the verdict, the counts or the destructive list', () => {
    const tables: Record<string, unknown> = {};
    for (let i = 0; i < 600; i++)
      tables[`public.t${i}`] = {
        columns: { id: 'bigint', a_long_column_name_for_width: 'varchar(200)', another_long_column_name: 'text' },
      };
    const live = { tables: { 'public.old_a': { columns: { id: 'int' } }, 'public.old_b': { columns: { id: 'int' } } } };
    const full = input(live, { tables });
    const body = renderComment(full, COMMENT_LIMIT);
    expect(body.length).toBeLessThanOrEqual(COMMENT_LIMIT);
    expect(body).toContain('⛔ **Merging will block the deploy: 2 destructive changes need approval**');
    expect(body).toContain("This pull request's changes: **602**");
    expect(body).toContain('- ⚠️ `public.old_a`');
    expect(body).toContain('- ⚠️ `public.old_b`');
    expect(body).toContain('Shortened to fit a comment');

    const tiny = renderComment(full, 6_000);
    expect(tiny.length).toBeLessThanOrEqual(6_000);
    expect(tiny).toContain('Merging will block the deploy');
    expect(tiny).toContain('- ⚠️ `public.old_a`');
    expect(tiny).toContain('_602 changes (2 destructive): the table is in the job summary._');
  });

  it('says so when the base branch has no spec, and still shows the change table', () => {
    const body = renderComment({
      ...input({}, { tables: { 'public.t': { columns: { a: 'int' } } } }),
      baseDrift: null,
      specChanges: null,
      baseStatus: 'absent',
    });
    expect(body).toContain('The base branch has no spec at `db/schema.json`: this pull request adds it');
    expect(body).toContain("Differences between the database and this pull request's spec: 1");
    expect(body).toContain('| ➕ | create table public.t (1 column) |');
  });
});

describe('docs/hazards.md', () => {
  it('has a heading for every hazard code the comment links to', async () => {
    const { readFileSync } = await import('node:fs');
    const { HAZARDS } = await import('../../src/core/hazards.js');
    const docs = readFileSync(new URL('../../docs/hazards.md', import.meta.url), 'utf8');
    for (const code of Object.keys(HAZARDS)) expect(docs).toContain(`\n## ${code}\n`);
  });
});
