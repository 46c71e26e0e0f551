/**
 * Where things are in a spec file: the line of each object key, so that an annotation can point
 * at the line of the object a change is about. Reads text that already parsed as JSON.
 */
import type { ReportChange } from './report.js';

export interface KeyPosition {
  /** The keys from the top: `['tables', 'public.messages', 'columns', 'tokens']`. */
  path: string[];
  /** 1-based. */
  line: number;
}

/** The line of every object key down to `maxDepth` levels, in text order. */
export function keyPositions(text: string, maxDepth = 4): KeyPosition[] {
  const out: KeyPosition[] = [];
  const containers: Array<'object' | 'array'> = [];
  const path: string[] = [];
  let line = 1;
  let expectKey = false;
  let pendingKey: string | null = null;
  for (let i = 0; i < text.length; i++) {
    const ch = text[i];
    if (ch === '\n') line += 1;
    else if (ch === '"') {
      let j = i + 1;
      while (j < text.length && text[j] !== '"') j += text[j] === '\\' ? 2 : 1;
      if (containers[containers.length - 1] === 'object' && expectKey) {
        const key = JSON.parse(text.slice(i, j + 1)) as string;
        if (containers.length <= maxDepth) out.push({ path: [...path.slice(1), key], line });
        pendingKey = key;
        expectKey = false;
      }
      i = j;
    } else if (ch === '{' || ch === '[') {
      path.push(pendingKey ?? '');
      pendingKey = null;
      containers.push(ch === '{' ? 'object' : 'array');
      expectKey = ch === '{';
    } else if (ch === '}' || ch === ']') {
      containers.pop();
      path.pop();
    } else if (ch === ',') {
      pendingKey = null;
      expectKey = containers[containers.length - 1] === 'object';
    }
  }
  return out;
}

const SECTIONS = ['tables', 'views', 'enums', 'sequences', 'extensions', 'schemas'];

/**
 * The line of the spec that a change is about: the key of its object (a column, an index, a
 * constraint) inside its table, else the table's (or view's, enum's …) key; null when the spec
 * does not name it (a table only the database has).
 */
export function lineOfChange(positions: readonly KeyPosition[], change: Pick<ReportChange, 'object' | 'table'>): number | null {
  const owner = change.table ?? change.object;
  const names = new Set([owner, owner.startsWith('public.') ? owner.slice('public.'.length) : `public.${owner}`]);
  const top = positions.find((p) => p.path.length === 2 && SECTIONS.includes(p.path[0]!) && names.has(p.path[1]!));
  if (!top) return null;
  if (change.table && change.object.startsWith(`${change.table}.`)) {
    const own = change.object.slice(change.table.length + 1);
    const inner = positions.find(
      (p) => p.path.length >= 3 && p.path[0] === top.path[0] && p.path[1] === top.path[1] && p.path[p.path.length - 1] === own,
    );
    if (inner) return inner.line;
  }
  return top.line;
}
