import { describe, expect, it } from 'vitest';
import { keyPositions, lineOfChange } from '../../src/core/source-map.js';

const text = `{
  "version": 1,
  "tables": {
    "public.conversations": {
      "columns": {
        "id": { "type": "varchar(36)" },
        "title": { "type": "varchar(100)", "default": "'a \\"quoted\\" {brace}'" }
      },
      "primaryKey": ["id"]
    },
    "messages": {
      "columns": { "id": "int", "tokens": "int" }
    }
  },
  "enums": { "public.state": { "values": ["open", "closed"] } }
}
`;

describe('keyPositions and lineOfChange', () => {
  const positions = keyPositions(text);

  it('records the line of every key, past strings holding quotes and braces', () => {
    expect(JSON.parse(text)).toBeTruthy();
    expect(positions.find((p) => p.path.join('/') === 'tables/public.conversations/columns/title')?.line).toBe(7);
    expect(positions.find((p) => p.path.join('/') === 'tables/public.conversations/primaryKey')?.line).toBe(9);
    expect(positions.find((p) => p.path.join('/') === 'tables/messages/columns/tokens')?.line).toBe(12);
    expect(positions.find((p) => p.path.join('/') === 'enums/public.state')?.line).toBe(15);
  });

  it.each([
    { name: 'a column', change: { object: 'public.conversations.title', table: 'public.conversations' }, line: 7 },
    {
      name: 'a column of a table keyed without its schema',
      change: { object: 'public.messages.tokens', table: 'public.messages' },
      line: 12,
    },
    {
      name: 'a column the spec does not have: its table',
      change: { object: 'public.conversations.legacy', table: 'public.conversations' },
      line: 4,
    },
    { name: 'an enum', change: { object: 'public.state' }, line: 15 },
    { name: 'a table only the database has', change: { object: 'public.audit', table: 'public.audit' }, line: null },
  ])('$name', ({ change, line }) => {
    expect(lineOfChange(positions, change)).toBe(line);
  });
});
