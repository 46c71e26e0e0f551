/**
 * Identifier and literal quoting. Every piece of SQL that pgdrift writes takes names through
 * `quoteIdent` and values through `quoteLiteral`; nothing else builds SQL from strings.
 */

/** Quotes an identifier for SQL, always, so that case, spaces, quotes and keywords are safe. */
export function quoteIdent(name: string): string {
  if (name.includes('\u0000')) throw new Error('identifier contains a NUL character');
  return `"${name.replace(/"/g, '""')}"`;
}

/** `"schema"."name"` */
export function quoteQualified(schema: string, name: string): string {
  return `${quoteIdent(schema)}.${quoteIdent(name)}`;
}

/** The bytes PostgreSQL keeps of a name (NAMEDATALEN - 1); it truncates longer ones. */
const MAX_NAME_BYTES = 63;

/**
 * Truncates a generated name to what PostgreSQL keeps (63 bytes), on a character boundary, and
 * appends `suffix` within those bytes (so names that differ only past byte 63 still differ).
 */
export function fitName(name: string, suffix = ''): string {
  const encoder = new TextEncoder();
  const room = MAX_NAME_BYTES - encoder.encode(suffix).length;
  let out = name;
  while (encoder.encode(out).length > room) out = [...out].slice(0, -1).join('');
  return out + suffix;
}

/**
 * Quotes a string literal so that it reads the same whatever `standard_conforming_strings` is: a
 * value with a backslash is written in the escape form (`E'…'`, backslashes doubled), which
 * PostgreSQL lexes the same way under either setting; any other value in the standard form.
 */
export function quoteLiteral(value: string): string {
  if (value.includes('\u0000')) throw new Error('literal contains a NUL character');
  const quoted = value.replace(/'/g, "''");
  return value.includes('\\') ? `E'${quoted.replace(/\\/g, '\\\\')}'` : `'${quoted}'`;
}

const SIMPLE = /^[a-z_][a-z0-9_$]*$/;

/** A readable name for reports and spec keys: bare when simple, double-quoted otherwise. */
export function displayIdent(name: string): string {
  return SIMPLE.test(name) ? name : quoteIdent(name);
}

/** `schema.name` for reports and spec keys; the inverse of `parseQualifiedName`. */
export function displayQualified(schema: string, name: string): string {
  return `${displayIdent(schema)}.${displayIdent(name)}`;
}

/**
 * Splits `name`, `schema.name`, `"My Schema"."My Table"` into parts. Unquoted parts are taken as
 * written (pgdrift does not fold case: a spec says the name it means). Returns null when the text
 * is not one or two identifiers separated by a dot.
 */
export function parseQualifiedName(text: string): { schema: string | undefined; name: string } | null {
  const parts: string[] = [];
  let i = 0;
  while (i <= text.length) {
    if (text[i] === '"') {
      let j = i + 1;
      let part = '';
      for (;;) {
        if (j >= text.length) return null;
        if (text[j] === '"') {
          if (text[j + 1] === '"') {
            part += '"';
            j += 2;
            continue;
          }
          break;
        }
        part += text[j];
        j += 1;
      }
      parts.push(part);
      i = j + 1;
    } else {
      let j = i;
      while (j < text.length && text[j] !== '.') {
        if (text[j] === '"') return null;
        j += 1;
      }
      parts.push(text.slice(i, j));
      i = j;
    }
    if (i === text.length) break;
    if (text[i] !== '.') return null;
    i += 1;
  }
  const [first, second, ...rest] = parts;
  if (first === undefined || rest.length > 0 || parts.some((p) => p.length === 0)) return null;
  return second === undefined ? { schema: undefined, name: first } : { schema: first, name: second };
}

/**
 * Checks that a piece of SQL text supplied by a user (a default, a check, an index expression, a
 * view query) is one self-contained fragment: quotes, dollar quotes and comments are closed,
 * parentheses never close more than they open, and there is no statement separator outside of
 * them. pgdrift wraps such fragments in parentheses, so a fragment that passes cannot end the
 * surrounding statement or start another one. Returns a reason, or null when the text is safe.
 *
 * The text is split into tokens the way PostgreSQL's lexer splits it (with
 * standard_conforming_strings on), because every place where the two disagree is a way to hide a
 * separator: a name runs on through letters, digits, `$` and every non-ASCII character (so `é$$`
 * and `x$$t$` are names, not dollar quotes), an E string is only the one-letter name `e` glued to a
 * quote (so `ée'\'` is a name and a standard string), and a string continued on the next line keeps
 * the escaping of its first part. Where the lexers of PostgreSQL versions differ (a number running
 * into a name: `1e'…'`), the fragment is refused.
 */
export function fragmentProblem(text: string, allowTrailingSemicolon = false): string | null {
  const body = allowTrailingSemicolon ? text.replace(/;\s*$/, '') : text;
  let depth = 0;
  let i = 0;
  while (i < body.length) {
    const c = body.charAt(i);
    const next = body[i + 1];
    if (isIdentStart(c)) {
      const start = i;
      while (i < body.length && isIdentCont(body.charAt(i))) i += 1;
      if (body[i] === "'") {
        const escapes = i - start === 1 && (c === 'e' || c === 'E');
        const end = stringEnd(body, i, escapes);
        if (end < 0) return 'a string literal is not closed';
        i = end;
      }
    } else if (isDigit(c) || (c === '.' && isDigit(next ?? ''))) {
      i = numberEnd(body, i);
      if (i < body.length && isIdentStart(body.charAt(i)))
        return `a number runs into a name (${body.slice(0, i + 1).slice(-20)}): put a space between them`;
    } else if (c === "'") {
      const end = stringEnd(body, i, false);
      if (end < 0) return 'a string literal is not closed';
      i = end;
    } else if (c === '"') {
      const end = quotedEnd(body, i);
      if (end < 0) return 'a quoted identifier is not closed';
      i = end;
    } else if (c === '$') {
      const tag = /^\$(?:[A-Za-z_\u0080-\uffff][A-Za-z0-9_\u0080-\uffff]*)?\$/.exec(body.slice(i))?.[0];
      if (tag) {
        const end = body.indexOf(tag, i + tag.length);
        if (end < 0) return 'a dollar-quoted string is not closed';
        i = end + tag.length;
      } else {
        // A parameter ($1) or a lone dollar.
        i += 1;
        while (i < body.length && isDigit(body.charAt(i))) i += 1;
      }
    } else if (c === '-' && next === '-') {
      while (i < body.length && body[i] !== '\n' && body[i] !== '\r') i += 1;
    } else if (c === '/' && next === '*') {
      const end = commentEnd(body, i);
      if (end < 0) return 'a comment is not closed';
      i = end;
    } else if (c === '(') {
      depth += 1;
      i += 1;
    } else if (c === ')') {
      depth -= 1;
      if (depth < 0) return 'it closes a parenthesis it did not open';
      i += 1;
    } else if (c === ';') {
      return 'it contains a statement separator (;)';
    } else {
      i += 1;
    }
  }
  if (depth !== 0) return 'a parenthesis is not closed';
  if (body.trim().length === 0) return 'it is empty';
  return null;
}

export const isDigit = (c: string): boolean => c >= '0' && c <= '9';
/** PostgreSQL: ident_start [A-Za-z\200-\377_], ident_cont adds digits and $. */
export const isIdentStart = (c: string): boolean => /[A-Za-z_]/.test(c) || c.charCodeAt(0) >= 0x80;
export const isIdentCont = (c: string): boolean => isIdentStart(c) || isDigit(c) || c === '$';

/** End (exclusive) of a number: digits with `_`, a fraction, an exponent, or 0x / 0o / 0b digits. */
export function numberEnd(body: string, start: number): number {
  let i = start;
  const radix = /^0[xXoObB][0-9A-Fa-f_]+/.exec(body.slice(i));
  if (radix) return i + radix[0].length;
  while (i < body.length && (isDigit(body.charAt(i)) || body[i] === '_')) i += 1;
  if (body[i] === '.' && body[i + 1] !== '.') {
    i += 1;
    while (i < body.length && (isDigit(body.charAt(i)) || body[i] === '_')) i += 1;
  }
  const exponent = /^[eE][+-]?[0-9]/.exec(body.slice(i));
  if (exponent) {
    i += exponent[0].length;
    while (i < body.length && (isDigit(body.charAt(i)) || body[i] === '_')) i += 1;
  }
  return i;
}

/**
 * End (exclusive) of the string starting at the quote `start`, or -1. Quotes are doubled; in an
 * E string a backslash escapes the next character. A quote that follows the closing one across
 * whitespace holding a newline (and perhaps `--` comments) continues the same string.
 */
export function stringEnd(body: string, start: number, escapes: boolean): number {
  let j = start + 1;
  for (;;) {
    if (j >= body.length) return -1;
    const ch = body[j];
    if (escapes && ch === '\\') {
      j += 2;
      continue;
    }
    if (ch === "'") {
      if (body[j + 1] === "'") {
        j += 2;
        continue;
      }
      const continued = /^(?:[ \t\f]|--[^\n\r]*)*(?:\r\n|\r|\n)(?:[ \t\n\r\f\v]|--[^\n\r]*)*'/.exec(body.slice(j + 1));
      if (continued) {
        j += 1 + continued[0].length;
        continue;
      }
      return j + 1;
    }
    j += 1;
  }
}

export function quotedEnd(body: string, start: number): number {
  let j = start + 1;
  for (;;) {
    const end = body.indexOf('"', j);
    if (end < 0) return -1;
    if (body[end + 1] === '"') {
      j = end + 2;
      continue;
    }
    return end + 1;
  }
}

export function commentEnd(body: string, start: number): number {
  let level = 1;
  let j = start + 2;
  while (level > 0) {
    if (j >= body.length) return -1;
    if (body[j] === '/' && body[j + 1] === '*') {
      level += 1;
      j += 2;
    } else if (body[j] === '*' && body[j + 1] === '/') {
      level -= 1;
      j += 2;
    } else j += 1;
  }
  return j;
}
