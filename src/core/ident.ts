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

/**
 * Quotes a string literal. Uses the standard form (`'…'` with doubled quotes), which is what
 * PostgreSQL reads when `standard_conforming_strings` is on (the default since 9.1 and required
 * by pgdrift's sessions, which set it).
 */
export function quoteLiteral(value: string): string {
  if (value.includes('\u0000')) throw new Error('literal contains a NUL character');
  return `'${value.replace(/'/g, "''")}'`;
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
  if (parts.length === 0 || parts.length > 2 || parts.some((p) => p.length === 0)) return null;
  return parts.length === 2 ? { schema: parts[0], name: parts[1] as string } : { schema: undefined, name: parts[0] as string };
}

/**
 * Checks that a piece of SQL text supplied by a user (a default, a check, an index expression, a
 * view query) is one self-contained fragment: quotes, dollar quotes and comments are closed,
 * parentheses never close more than they open, and there is no statement separator outside of
 * them. pgdrift wraps such fragments in parentheses, so a fragment that passes cannot end the
 * surrounding statement or start another one. Returns a reason, or null when the text is safe.
 */
export function fragmentProblem(text: string, allowTrailingSemicolon = false): string | null {
  let depth = 0;
  let i = 0;
  let body = text;
  if (allowTrailingSemicolon) body = text.replace(/;\s*$/, '');
  while (i < body.length) {
    const c = body[i] as string;
    const next = body[i + 1];
    if (c === "'") {
      const escapes = i > 0 && /[eE]/.test(body[i - 1] as string) && !/[A-Za-z0-9_]/.test(body[i - 2] ?? ' ');
      let j = i + 1;
      for (;;) {
        if (j >= body.length) return 'a string literal is not closed';
        if (escapes && body[j] === '\\') {
          j += 2;
          continue;
        }
        if (body[j] === "'") {
          if (body[j + 1] === "'") {
            j += 2;
            continue;
          }
          break;
        }
        j += 1;
      }
      i = j + 1;
    } else if (c === '"') {
      const end = body.indexOf('"', i + 1);
      if (end < 0) return 'a quoted identifier is not closed';
      i = end + 1;
      while (body[i] === '"') {
        const again = body.indexOf('"', i + 1);
        if (again < 0) return 'a quoted identifier is not closed';
        i = again + 1;
      }
    } else if (c === '$' && (i === 0 || !/[A-Za-z0-9_]/.test(body[i - 1] as string))) {
      const m = /^\$([A-Za-z_][A-Za-z0-9_]*)?\$/.exec(body.slice(i));
      if (m) {
        const tag = m[0];
        const end = body.indexOf(tag, i + tag.length);
        if (end < 0) return 'a dollar-quoted string is not closed';
        i = end + tag.length;
      } else {
        i += 1;
      }
    } else if (c === '-' && next === '-') {
      const end = body.indexOf('\n', i);
      i = end < 0 ? body.length : end + 1;
    } else if (c === '/' && next === '*') {
      let level = 1;
      let j = i + 2;
      while (level > 0) {
        if (j >= body.length) return 'a comment is not closed';
        if (body[j] === '/' && body[j + 1] === '*') {
          level += 1;
          j += 2;
        } else if (body[j] === '*' && body[j + 1] === '/') {
          level -= 1;
          j += 2;
        } else j += 1;
      }
      i = j;
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
