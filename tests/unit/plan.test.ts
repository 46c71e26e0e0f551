import { describe, expect, it } from 'vitest';
import { checkColumns, diffSchemas } from '../../src/core/diff.js';
import { PHASES, planMigration } from '../../src/core/plan.js';
import { buildCheck, buildColumn, buildSchema, buildTable } from '../helpers/builders.js';

const scope = { schemas: ['public'], ignore: [] };
const options = { allowDestructive: false, concurrently: false, tablesWithRows: new Set<string>() };

function plan(live: ReturnType<typeof buildSchema>, desired: ReturnType<typeof buildSchema>, allowDestructive = false) {
  return planMigration(diffSchemas(live, desired, { scope }), live, desired, { ...options, allowDestructive });
}

describe('planMigration', () => {
  it('ends a fragment compared as written that has a line comment with a line break, so the comment cannot swallow the rest', () => {
    const live = buildSchema({ tables: [buildTable({ name: 't', columns: ['a'] })] });
    const desired = buildSchema({ tables: [buildTable({ name: 't', columns: [buildColumn('a', 'integer', { default: '1 -- one' })], checks: [buildCheck('a > 0 -- positive')] })] });
    const sql = plan(live, desired).statements.map((s) => s.sql);
    expect(sql).toContain('ALTER TABLE "public"."t" ALTER COLUMN "a" SET DEFAULT 1 -- one\n');
    expect(sql.some((s) => s.includes('CHECK (a > 0 -- positive\n) NOT VALID'))).toBe(true);
  });

  it('withholds a destructive change unless allowed, and plans it when allowed', () => {
    const live = buildSchema({ tables: [buildTable({ name: 't', columns: ['a', 'b'] })] });
    const desired = buildSchema({ tables: [buildTable({ name: 't', columns: ['a'] })] });
    const withheld = plan(live, desired);
    expect(withheld.statements).toEqual([]);
    expect(withheld.withheld.map((c) => `${c.kind} ${c.object}`)).toEqual(['drop-column public.t.b']);
    const allowed = plan(live, desired, true);
    expect(allowed.statements.map((s) => s.sql)).toEqual(['ALTER TABLE "public"."t" DROP COLUMN "b"']);
    expect(allowed.withheld).toEqual([]);
  });

  it('orders statements by phase whatever the order of the changes', () => {
    const live = buildSchema({ tables: [buildTable({ name: 'a', columns: ['x', 'gone'] })] });
    const desired = buildSchema({ tables: [buildTable({ name: 'a', columns: ['x', 'y'] }), buildTable({ name: 'b', columns: ['z'] })] });
    const phases = plan(live, desired, true).statements.map((s) => PHASES.indexOf(s.phase));
    expect(phases).toEqual([...phases].sort((p, q) => p - q));
    expect(phases.length).toBeGreaterThanOrEqual(3);
  });
});

describe('checkColumns', () => {
  const columns = ['state', 'id', 'Name', 'text', 'year'];
  it.each([
    ["state <> 'archived'::status", ['state']],
    ["(state <> 'archived'::public.status) OR (id > 0)", ['state', 'id']],
    ["char_length((state)::text) <= 12", ['state']],
    ['"Name" IS NOT NULL', ['Name']],
    ["(state)::character varying IS NOT NULL AND id > 1", ['state', 'id']],
    ["'text year state' = ''", []],
    ['lower(text) = text', ['text']],
    ['length(x) > 0', []],
    ["EXTRACT(year FROM now()) > 2000", ['year']],
  ])('reads the columns of %s', (expression, expected) => {
    expect(checkColumns(expression, columns)).toEqual(expected);
  });
});

describe('commit-first stage', () => {
  const live = buildSchema({ enums: [{ schema: 'public', name: 'mood', values: ['sad'] }], tables: [buildTable({ name: 't', columns: [buildColumn('m', 'public.mood')] })] });
  it('commits a new enum value first only when another statement uses it', () => {
    const uses = buildSchema({ enums: [{ schema: 'public', name: 'mood', values: ['sad', 'ok'] }], tables: [buildTable({ name: 't', columns: [buildColumn('m', 'public.mood', { default: "'ok'::public.mood" })] })] });
    expect(plan(live, uses).statements.map((s) => s.stage)).toEqual(['first', 'main']);
    const unused = buildSchema({ enums: [{ schema: 'public', name: 'mood', values: ['sad', 'ok'] }], tables: [buildTable({ name: 't', columns: [buildColumn('m', 'public.mood', { default: "'sad'::public.mood" })] })] });
    expect(plan(live, unused).statements.map((s) => s.stage)).toEqual(['main', 'main']);
  });
});
