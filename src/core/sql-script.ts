/**
 * Splits a SQL script (DDL as people keep it in a file) into statements, the way psql does: at
 * semicolons outside string literals, quoted identifiers, dollar quotes, comments, parentheses and
 * SQL-standard function bodies (`BEGIN ATOMIC … END`). Each statement keeps its offset in the
 * script, so an error PostgreSQL reports in it can be given as a line and column of the file.
 */
import { commentEnd, isDigit, isIdentCont, isIdentStart, numberEnd, quotedEnd, stringEnd } from './ident.js';

export interface ScriptStatement {
  /** The statement's text, without its terminating semicolon. */
  sql: string;
  /** Offset of its first character in the script (UTF-16 code units). */
  offset: number;
}

/** 1-based line and column of `offset` in `text`. */
export function lineAndColumn(text: string, offset: number): { line: number; column: number } {
  let line = 1;
  let start = 0;
  for (let i = 0; i < offset && i < text.length; i++) {
    if (text[i] === '\n') {
      line += 1;
      start = i + 1;
    }
  }
  return { line, column: offset - start + 1 };
}

/**
 * The statements of `script`, in order; blank statements (only whitespace and comments) are left
 * out. An unterminated string, quote, dollar quote or comment ends the script: what is left is one
 * statement, and PostgreSQL reports the problem when it runs it.
 */
export function splitStatements(script: string): ScriptStatement[] {
  const out: ScriptStatement[] = [];
  let start = 0;
  let depth = 0;
  /** Nesting of BEGIN ATOMIC bodies, and of CASE … END inside them. */
  let atomic = 0;
  let previousWord = '';
  let meaningful = false;
  const finish = (end: number): void => {
    if (meaningful) {
      const raw = script.slice(start, end);
      const lead = raw.length - raw.trimStart().length;
      out.push({ sql: raw.trim(), offset: start + lead });
    }
    start = end + 1;
    meaningful = false;
  };
  let i = 0;
  while (i < script.length) {
    const c = script.charAt(i);
    const next = script[i + 1];
    if (c === '-' && next === '-') {
      while (i < script.length && script[i] !== '\n') i += 1;
      continue;
    }
    if (c === '/' && next === '*') {
      const end = commentEnd(script, i);
      i = end < 0 ? script.length : end;
      continue;
    }
    if (/\s/.test(c)) {
      i += 1;
      continue;
    }
    if (c === ';' && depth === 0 && atomic === 0) {
      finish(i);
      i += 1;
      previousWord = '';
      continue;
    }
    meaningful = true;
    if (isIdentStart(c)) {
      const begin = i;
      while (i < script.length && isIdentCont(script.charAt(i))) i += 1;
      if (script[i] === "'") {
        const end = stringEnd(script, i, i - begin === 1 && (c === 'e' || c === 'E'));
        i = end < 0 ? script.length : end;
        previousWord = '';
        continue;
      }
      const word = script.slice(begin, i).toUpperCase();
      if (word === 'ATOMIC' && previousWord === 'BEGIN') atomic += 1;
      else if (atomic > 0 && word === 'CASE') atomic += 1;
      else if (atomic > 0 && word === 'END') atomic -= 1;
      previousWord = word;
      continue;
    }
    previousWord = '';
    if (isDigit(c)) i = numberEnd(script, i);
    else if (c === "'") i = stringEnd(script, i, false);
    else if (c === '"') i = quotedEnd(script, i);
    else if (c === '$') {
      const tag = /^\$(?:[A-Za-z_\u0080-\uffff][A-Za-z0-9_\u0080-\uffff]*)?\$/.exec(script.slice(i, i + 200))?.[0];
      if (tag) {
        const end = script.indexOf(tag, i + tag.length);
        i = end < 0 ? script.length : end + tag.length;
      } else i += 1;
    } else {
      if (c === '(') depth += 1;
      else if (c === ')') depth = Math.max(0, depth - 1);
      i += 1;
    }
    if (i < 0) i = script.length;
  }
  finish(script.length);
  return out;
}
