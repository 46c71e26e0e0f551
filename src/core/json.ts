/**
 * A strict JSON reader for text that comes from a pull request. Unlike `JSON.parse` it places every
 * syntax error at the character where the text stops being JSON (a trailing comma is reported at
 * the comma), refuses a key repeated in one object (naming both places and the key's JSON path,
 * where `JSON.parse` silently keeps the last), refuses nesting deeper than `MAX_DEPTH`, and keeps
 * `"__proto__"` an ordinary key.
 */

export type JsonValue = null | boolean | number | string | JsonValue[] | { [key: string]: JsonValue };

/** Deeper nesting than any spec needs; it bounds the reader's recursion on hostile input. */
export const MAX_DEPTH = 256;

/** A JSON text that cannot be read: its message says where (line, column) and why; `path` is the JSON path, if any. */
export class JsonTextError extends Error {
  constructor(
    message: string,
    readonly offset: number,
    readonly path: string,
  ) {
    super(message);
    this.name = 'JsonTextError';
  }
}

/** 1-based line and column (in characters, not UTF-16 units) of `offset` in `text`. */
export function lineColumn(text: string, offset: number): { line: number; column: number } {
  let line = 1;
  let lineStart = 0;
  for (let i = text.indexOf('\n'); i !== -1 && i < offset; i = text.indexOf('\n', i + 1)) {
    line += 1;
    lineStart = i + 1;
  }
  let column = 1;
  for (let i = lineStart; i < offset; i += 1) {
    const code = text.charCodeAt(i);
    // The second half of a surrogate pair is not a character of its own.
    if (code < 0xdc00 || code > 0xdfff || i === lineStart || text.charCodeAt(i - 1) < 0xd800 || text.charCodeAt(i - 1) > 0xdbff)
      column += 1;
  }
  return { line, column };
}

function where(text: string, offset: number): string {
  const { line, column } = lineColumn(text, offset);
  return `line ${line}, column ${column}`;
}

/** `.name` when simple, `["odd name"]` otherwise (the same spelling as spec paths). */
function pathStep(path: string, key: string | number): string {
  if (typeof key === 'number') return `${path}[${key}]`;
  return /^[A-Za-z_][A-Za-z0-9_]*$/.test(key) ? `${path}.${key}` : `${path}[${JSON.stringify(key)}]`;
}

const NUMBER = /-?(?:0|[1-9][0-9]*)(?:\.[0-9]+)?(?:[eE][+-]?[0-9]+)?/y;
const ESCAPES: Record<string, string> = { '"': '"', '\\': '\\', '/': '/', b: '\b', f: '\f', n: '\n', r: '\r', t: '\t' };

/**
 * Parses JSON text (RFC 8259; a leading byte-order mark is skipped). Throws JsonTextError whose
 * message says `invalid JSON at line L, column C: why`.
 */
export function parseJsonText(text: string): JsonValue {
  // The native parser reads valid text several times faster; this reader runs only to place an
  // error, or when the text has more keys than the parsed objects (a key was repeated).
  let value: JsonValue;
  try {
    value = JSON.parse(text.charCodeAt(0) === 0xfeff ? text.slice(1) : text) as JsonValue;
  } catch {
    return new JsonReader(text).document();
  }
  const members = countMembers(value, 0);
  if (members < 0 || members !== countKeys(text)) return new JsonReader(text).document();
  return value;
}

/** The keys of all objects in `value`; -1 when it is nested deeper than MAX_DEPTH. */
function countMembers(value: JsonValue, depth: number): number {
  if (value === null || typeof value !== 'object') return 0;
  if (depth >= MAX_DEPTH) return -1;
  let n = 0;
  if (Array.isArray(value)) {
    for (const item of value) {
      const inner = countMembers(item, depth + 1);
      if (inner < 0) return -1;
      n += inner;
    }
    return n;
  }
  for (const key of Object.keys(value)) {
    const inner = countMembers(value[key] as JsonValue, depth + 1);
    if (inner < 0) return -1;
    n += inner + 1;
  }
  return n;
}

/**
 * The keys written in a valid JSON text: strings followed by a colon. Outside strings JSON has no
 * quote, so matching string tokens one after another from the start never loses step.
 */
function countKeys(text: string): number {
  const token = /"[^"\\]*(?:\\.[^"\\]*)*"([ \t\r\n]*:)?/g;
  let n = 0;
  for (let match = token.exec(text); match; match = token.exec(text)) if (match[1] !== undefined) n += 1;
  return n;
}

class JsonReader {
  private pos = 0;
  private depth = 0;
  /** The path to the value being read, one step per enclosing array or object. */
  private readonly steps: Array<string | number> = [];

  constructor(private readonly text: string) {}

  document(): JsonValue {
    if (this.text.charCodeAt(0) === 0xfeff) this.pos = 1;
    this.space();
    const value = this.value();
    this.space();
    if (this.pos < this.text.length) this.fail(this.pos, `${this.describe(this.pos)} after the end of the JSON value`);
    return value;
  }

  private fail(offset: number, reason: string, path = ''): never {
    throw new JsonTextError(`invalid JSON at ${where(this.text, offset)}: ${reason}`, offset, path);
  }

  private path(): string {
    return this.steps.reduce<string>((path, step) => pathStep(path, step), '$');
  }

  private describe(offset: number): string {
    if (offset >= this.text.length) return 'the end of the text';
    const code = this.text.codePointAt(offset) as number;
    if (code < 0x20 || code === 0x7f || (code >= 0x80 && code < 0xa0))
      return `the control character U+${code.toString(16).toUpperCase().padStart(4, '0')}`;
    return `unexpected ${JSON.stringify(String.fromCodePoint(code))}`;
  }

  private space(): void {
    const t = this.text;
    let p = this.pos;
    for (;;) {
      const c = t.charCodeAt(p);
      if (c === 0x20 || c === 0x0a || c === 0x0d || c === 0x09) p += 1;
      else break;
    }
    this.pos = p;
  }

  private value(): JsonValue {
    const t = this.text;
    const c = t[this.pos];
    if (c === '{') return this.object();
    if (c === '[') return this.array();
    if (c === '"') return this.string();
    if (c === '-' || (c !== undefined && c >= '0' && c <= '9')) return this.number();
    for (const [word, value] of [
      ['true', true],
      ['false', false],
      ['null', null],
    ] as const) {
      if (t.startsWith(word, this.pos)) {
        this.pos += word.length;
        return value;
      }
    }
    return this.fail(this.pos, `expected a value, found ${this.describe(this.pos).replace(/^unexpected /, '')}`);
  }

  private enter(): void {
    this.depth += 1;
    if (this.depth > MAX_DEPTH) this.fail(this.pos, `nested deeper than ${MAX_DEPTH} levels`);
  }

  private array(): JsonValue[] {
    this.enter();
    const out: JsonValue[] = [];
    this.pos += 1;
    this.space();
    if (this.text[this.pos] === ']') {
      this.pos += 1;
      this.depth -= 1;
      return out;
    }
    this.steps.push(0);
    for (;;) {
      this.steps[this.steps.length - 1] = out.length;
      out.push(this.value());
      this.space();
      const c = this.text[this.pos];
      if (c === ']') break;
      if (c !== ',')
        this.fail(this.pos, `expected "," or "]" after an array element, found ${this.describe(this.pos).replace(/^unexpected /, '')}`);
      const comma = this.pos;
      this.pos += 1;
      this.space();
      if (this.text[this.pos] === ']') this.fail(comma, 'a comma after the last element of an array (JSON allows no trailing comma)');
    }
    this.pos += 1;
    this.steps.pop();
    this.depth -= 1;
    return out;
  }

  private object(): { [key: string]: JsonValue } {
    this.enter();
    const start = this.pos;
    const out: { [key: string]: JsonValue } = {};
    this.pos += 1;
    this.space();
    if (this.text[this.pos] === '}') {
      this.pos += 1;
      this.depth -= 1;
      return out;
    }
    this.steps.push('');
    for (;;) {
      if (this.text[this.pos] !== '"')
        this.fail(this.pos, `expected a double-quoted key, found ${this.describe(this.pos).replace(/^unexpected /, '')}`);
      const keyAt = this.pos;
      const key = this.string();
      this.steps[this.steps.length - 1] = key;
      if (Object.prototype.hasOwnProperty.call(out, key)) {
        const first = this.firstKey(start, key);
        const message = `the key ${JSON.stringify(key)} appears twice in one object: at ${where(this.text, first)} and at ${where(this.text, keyAt)}`;
        throw new JsonTextError(message, keyAt, this.path());
      }
      this.space();
      if (this.text[this.pos] !== ':')
        this.fail(
          this.pos,
          `expected ":" after the key ${JSON.stringify(key)}, found ${this.describe(this.pos).replace(/^unexpected /, '')}`,
        );
      this.pos += 1;
      this.space();
      const value = this.value();
      // A plain assignment of "__proto__" would set the prototype instead of adding a key.
      if (key === '__proto__') Object.defineProperty(out, key, { value, enumerable: true, writable: true, configurable: true });
      else out[key] = value;
      this.space();
      const c = this.text[this.pos];
      if (c === '}') break;
      if (c !== ',')
        this.fail(
          this.pos,
          `expected "," or "}" after the value of ${JSON.stringify(key)}, found ${this.describe(this.pos).replace(/^unexpected /, '')}`,
        );
      const comma = this.pos;
      this.pos += 1;
      this.space();
      if (this.text[this.pos] === '}') this.fail(comma, 'a comma after the last member of an object (JSON allows no trailing comma)');
    }
    this.pos += 1;
    this.steps.pop();
    this.depth -= 1;
    return out;
  }

  /** The offset of the first occurrence of `key` among the members of the object at `start`. */
  private firstKey(start: number, key: string): number {
    const reader = new JsonReader(this.text);
    reader.pos = start + 1;
    for (;;) {
      reader.space();
      const at = reader.pos;
      if (reader.string() === key) return at;
      reader.space();
      reader.pos += 1;
      reader.space();
      reader.value();
      reader.space();
      reader.pos += 1;
    }
  }

  private string(): string {
    const t = this.text;
    const open = this.pos;
    let p = open + 1;
    let out = '';
    let chunk = p;
    for (;;) {
      const c = t.charCodeAt(p);
      if (c === 0x22) break;
      if (Number.isNaN(c)) this.fail(open, 'a string that is never closed');
      if (c < 0x20) this.fail(p, `${this.describe(p)} inside a string (write it as an escape such as \\n)`);
      if (c === 0x5c) {
        out += t.slice(chunk, p);
        const e = t[p + 1];
        if (e === 'u') {
          const hex = t.slice(p + 2, p + 6);
          if (!/^[0-9A-Fa-f]{4}$/.test(hex)) this.fail(p, 'a \\u escape needs four hexadecimal digits');
          out += String.fromCharCode(parseInt(hex, 16));
          p += 6;
        } else if (e !== undefined && ESCAPES[e] !== undefined) {
          out += ESCAPES[e];
          p += 2;
        } else {
          this.fail(p, e === undefined ? 'a string that is never closed' : `the escape \\${e} is not JSON`);
        }
        chunk = p;
        continue;
      }
      p += 1;
    }
    out += t.slice(chunk, p);
    this.pos = p + 1;
    return out;
  }

  private number(): number {
    NUMBER.lastIndex = this.pos;
    const match = NUMBER.exec(this.text);
    if (!match) return this.fail(this.pos, 'a malformed number');
    this.pos += match[0].length;
    const next = this.text[this.pos];
    if (next !== undefined && /[0-9.eE+-]/.test(next))
      this.fail(this.pos, 'a malformed number (no leading zeros, digits after "." and after "e")');
    return Number(match[0]);
  }
}
