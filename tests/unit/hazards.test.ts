/**
 * The hazard catalogue is the one source of hazard wording: every code in it must be given to the
 * changes and statements that have it, and every rendering must print its message from it.
 */
import { describe, expect, it } from 'vitest';
import { diffSchemas, type Change } from '../../src/core/diff.js';
import { HAZARDS, type HazardCode } from '../../src/core/hazards.js';
import type { Schema } from '../../src/core/model.js';
import { planMigration, specSearchPath, type Plan } from '../../src/core/plan.js';
import { planToJson, renderPlanSql } from '../../src/core/render-plan.js';
import { buildReport, renderMarkdown, renderText } from '../../src/core/report.js';
import { buildColumn, buildEnum, buildIndex, buildSchema, buildScope, buildTable } from '../helpers/builders.js';

const scope = buildScope();
const plan = (
  live: Schema,
  desired: Schema,
  options: { concurrently?: boolean; rows?: string[] } = {},
): { changes: Change[]; plan: Plan } => {
  const changes = diffSchemas(live, desired, { scope });
  return {
    changes,
    plan: planMigration(changes, {
      allowDestructive: true,
      concurrently: options.concurrently ?? false,
      tablesWithRows: new Set(options.rows ?? []),
      searchPath: specSearchPath(desired, live),
    }),
  };
};
const table = (...columns: Parameters<typeof buildColumn>[]): Schema =>
  buildSchema({ tables: [buildTable({ name: 't', columns: columns.map((c) => buildColumn(...c)) })] });

/**
 * Catalogue codes that nothing gives to a change or a statement. The report lists unverified
 * spec paths itself, in its own words, so the `unverified` entry is not used; this list keeps the
 * test honest about it and fails once it is used again, or once another code falls out of use.
 */
const NOT_GIVEN: HazardCode[] = ['unverified'];

/** For each code, one change the diff or the planner must give it to. */
const GIVEN: Array<{ code: HazardCode; why: string; live: Schema; desired: Schema; concurrently?: boolean; kind: string }> = [
  { code: 'deletes-data', why: 'dropping a column', live: table(['id'], ['note', 'text']), desired: table(['id']), kind: 'drop-column' },
  {
    code: 'rewrites-table',
    why: 'widening integer to bigint',
    live: table(['n', 'integer']),
    desired: table(['n', 'bigint']),
    kind: 'alter-column-type',
  },
  { code: 'access-exclusive-lock', why: 'dropping a table', live: table(['id']), desired: buildSchema(), kind: 'drop-table' },
  {
    code: 'may-fail-on-existing-rows',
    why: 'setting NOT NULL',
    live: table(['n']),
    desired: table(['n', 'integer', { notNull: true }]),
    kind: 'set-not-null',
  },
  {
    code: 'may-lose-precision',
    why: 'narrowing text to varchar(10)',
    live: table(['s', 'text']),
    desired: table(['s', 'character varying(10)']),
    kind: 'alter-column-type',
  },
  {
    code: 'blocks-writes',
    why: 'building an index in the transaction',
    live: table(['n']),
    desired: buildSchema({ tables: [buildTable({ name: 't', columns: ['n'], indexes: { t_n_idx: buildIndex('t_n_idx', ['n']) } })] }),
    kind: 'add-index',
  },
  {
    code: 'not-transactional',
    why: 'building an index CONCURRENTLY',
    live: table(['n']),
    desired: buildSchema({ tables: [buildTable({ name: 't', columns: ['n'], indexes: { t_n_idx: buildIndex('t_n_idx', ['n']) } })] }),
    concurrently: true,
    kind: 'add-index',
  },
  {
    code: 'dependent-objects',
    why: 'dropping a column',
    live: table(['id'], ['note', 'text']),
    desired: table(['id']),
    kind: 'drop-column',
  },
  {
    code: 'enum-value-usable-after-commit',
    why: 'adding an enum value',
    live: buildSchema({ enums: [buildEnum('mood', ['sad'])] }),
    desired: buildSchema({ enums: [buildEnum('mood', ['sad', 'ok'])] }),
    kind: 'add-enum-value',
  },
];

/** Every code a change or a planned statement carries. */
function codesOf(result: { changes: Change[]; plan: Plan }): Set<HazardCode> {
  return new Set([...result.changes.flatMap((c) => c.hazards), ...result.plan.statements.flatMap((s) => s.hazards)]);
}

describe('the hazard catalogue', () => {
  it('has a row below for every code it holds, or names the code as not given', () => {
    expect([...new Set([...GIVEN.map((g) => g.code), ...NOT_GIVEN])].sort()).toEqual(Object.keys(HAZARDS).sort());
  });

  it.each(GIVEN.map((g) => [g.code, g.why, g] as const))('gives %s to %s', (code, _why, row) => {
    const result = plan(row.live, row.desired, { concurrently: row.concurrently ?? false });
    const carriers = [
      ...result.changes.filter((c) => c.hazards.includes(code)).map((c) => c.kind),
      ...result.plan.statements.filter((s) => s.hazards.includes(code)).map((s) => result.plan.changes[s.change]?.kind),
    ];
    expect(carriers).toContain(row.kind);
  });

  it('gives the codes it holds as not given to none of the changes above', () => {
    const given = new Set(GIVEN.flatMap((row) => [...codesOf(plan(row.live, row.desired, { concurrently: row.concurrently ?? false }))]));
    expect(NOT_GIVEN.filter((code) => given.has(code))).toEqual([]);
  });

  it.each(Object.keys(HAZARDS) as HazardCode[])('words %s as one or more full sentences in kebab-case code', (code) => {
    expect(code).toMatch(/^[a-z]+(-[a-z]+)*$/);
    expect(HAZARDS[code]).toMatch(/^[A-Z][^\n]*\.$/);
  });
});

describe('every rendering takes the wording from the catalogue', () => {
  const result = plan(table(['id'], ['note', 'text']), table(['id']));
  const codes: HazardCode[] = ['deletes-data', 'dependent-objects'];

  it('the planned statement carries the codes', () => {
    expect(result.plan.statements.flatMap((s) => s.hazards)).toEqual(codes);
  });

  it.each([
    ['the plan JSON', () => JSON.stringify(planToJson(result.plan))],
    ['the plan SQL', () => renderPlanSql(result.plan)],
    ['the JSON report', () => JSON.stringify(buildReport(result.changes))],
    ['the Markdown report', () => renderMarkdown(buildReport(result.changes))],
    ['the text report', () => renderText(buildReport(result.changes))],
  ])('%s prints each code with its message', (_name, render) => {
    const text = render();
    for (const code of codes) {
      expect(text).toContain(code);
      expect(text).toContain(HAZARDS[code]);
    }
  });
});
