/**
 * A minimal YAML reader for the subset that action.yml and GitHub workflow files use: block
 * mappings and sequences, plain and quoted scalars, `|` / `>` block scalars, one-line flow
 * sequences and mappings of scalars, comments. Anything outside that subset (anchors, aliases,
 * tags, complex keys, multi-line plain scalars, tabs, several documents, duplicate keys) throws
 * rather than being read wrongly. Scalars follow the YAML 1.2 core schema: true/false, null,
 * integers and floats become JSON values, everything else a string (so `on:` stays "on").
 */

export type YamlValue = null | boolean | number | string | YamlValue[] | { [key: string]: YamlValue };

interface Line {
  no: number;
  indent: number;
  text: string;
}

export class YamlSubsetError extends Error {
  constructor(message: string, line?: number) {
    super(line === undefined ? message : `line ${line}: ${message}`);
  }
}

/** Removes a trailing comment (` #…` outside quotes). */
function stripComment(text: string): string {
  let quote: string | null = null;
  for (let i = 0; i < text.length; i++) {
    const ch = text[i];
    if (quote) {
      if (ch === quote) {
        if (quote === "'" && text[i + 1] === "'") i++;
        else quote = null;
      } else if (quote === '"' && ch === '\\') i++;
    } else if (ch === '"' || ch === "'") {
      if (i === 0 || /[\s:[{,-]/.test(text[i - 1] ?? '')) quote = ch;
    } else if (ch === '#' && (i === 0 || /\s/.test(text[i - 1] ?? ''))) {
      return text.slice(0, i).trimEnd();
    }
  }
  return text.trimEnd();
}

function scalar(raw: string, no: number): YamlValue {
  const text = raw.trim();
  if (text === '') return null;
  if (/^[&*!]/.test(text)) throw new YamlSubsetError(`anchors, aliases and tags are not supported: ${text}`, no);
  if (text.startsWith('"')) {
    if (!text.endsWith('"') || text.length < 2) throw new YamlSubsetError(`unterminated double-quoted scalar: ${text}`, no);
    return JSON.parse(text.replace(/\\\//g, '/')) as string;
  }
  if (text.startsWith("'")) {
    if (!text.endsWith("'") || text.length < 2) throw new YamlSubsetError(`unterminated single-quoted scalar: ${text}`, no);
    return text.slice(1, -1).replace(/''/g, "'");
  }
  if (text.startsWith('[')) return flowSequence(text, no);
  if (text.startsWith('{')) return flowMapping(text, no);
  if (/:(\s|$)/.test(text)) throw new YamlSubsetError(`mapping values are not allowed in a plain scalar (quote it): ${text}`, no);
  if (/^[@`%|>]/.test(text)) throw new YamlSubsetError(`a plain scalar cannot start with ${text[0]} (quote it): ${text}`, no);
  if (/^(true|True|TRUE)$/.test(text)) return true;
  if (/^(false|False|FALSE)$/.test(text)) return false;
  if (/^(null|Null|NULL|~)$/.test(text)) return null;
  if (/^[-+]?\d+$/.test(text)) return Number(text);
  if (/^[-+]?(\d+\.\d*|\.\d+)([eE][-+]?\d+)?$/.test(text)) return Number(text);
  return text;
}

/** Splits the inside of a one-line flow collection on commas outside quotes. */
function splitFlow(inner: string, no: number): string[] {
  const parts: string[] = [];
  let quote: string | null = null;
  let start = 0;
  for (let i = 0; i < inner.length; i++) {
    const ch = inner[i];
    if (quote) {
      if (ch === quote) quote = null;
      else if (quote === '"' && ch === '\\') i++;
    } else if (ch === '"' || ch === "'") quote = ch;
    else if (ch === '[' || ch === '{') throw new YamlSubsetError('nested flow collections are not supported', no);
    else if (ch === ',') {
      parts.push(inner.slice(start, i));
      start = i + 1;
    }
  }
  parts.push(inner.slice(start));
  return parts.map((p) => p.trim()).filter((p, i, all) => p !== '' || i < all.length - 1);
}

function flowSequence(text: string, no: number): YamlValue[] {
  if (!text.endsWith(']')) throw new YamlSubsetError(`a flow sequence must close on its line: ${text}`, no);
  return splitFlow(text.slice(1, -1), no).map((p) => scalar(p, no));
}

function flowMapping(text: string, no: number): { [key: string]: YamlValue } {
  if (!text.endsWith('}')) throw new YamlSubsetError(`a flow mapping must close on its line: ${text}`, no);
  const out: { [key: string]: YamlValue } = {};
  for (const part of splitFlow(text.slice(1, -1), no)) {
    const kv = splitKey(part, no);
    if (!kv) throw new YamlSubsetError(`expected key: value in a flow mapping, got ${part}`, no);
    if (kv.key in out) throw new YamlSubsetError(`duplicate key "${kv.key}"`, no);
    out[kv.key] = scalar(kv.rest, no);
  }
  return out;
}

/** `key: rest` → { key, rest }, or null when the text is not a mapping entry. */
function splitKey(text: string, no: number): { key: string; rest: string } | null {
  if (text.startsWith('? ')) throw new YamlSubsetError('complex mapping keys are not supported', no);
  let end: number;
  let key: string;
  if (text.startsWith('"') || text.startsWith("'")) {
    const q = text[0] as string;
    end = text.indexOf(q, 1);
    while (q === "'" && end !== -1 && text[end + 1] === "'") end = text.indexOf(q, end + 2);
    if (end === -1) return null;
    key = scalar(text.slice(0, end + 1), no) as string;
    end += 1;
    if (text[end] !== ':') return null;
  } else {
    const m = /:(\s|$)/.exec(text);
    if (!m) return null;
    end = m.index;
    key = text.slice(0, end).trim();
    if (key.startsWith('[') || key.startsWith('{') || key.startsWith('"') || key.startsWith("'")) return null;
  }
  return { key, rest: text.slice(end + 1).trim() };
}

class Parser {
  private i = 0;
  constructor(private readonly lines: string[]) {}

  /** The next line that is neither blank nor only a comment. */
  private peek(): Line | null {
    while (this.i < this.lines.length) {
      const raw = this.lines[this.i] as string;
      const no = this.i + 1;
      const indentMatch = /^[ \t]*/.exec(raw)?.[0] ?? '';
      if (indentMatch.includes('\t') && raw.trim() !== '') throw new YamlSubsetError('tabs in indentation are not allowed in YAML', no);
      const text = stripComment(raw.slice(indentMatch.length));
      if (text === '') {
        this.i++;
        continue;
      }
      if (indentMatch.length === 0 && (text === '---' || text === '...')) {
        if (text === '...' || this.sawContent) throw new YamlSubsetError('only one document is supported', no);
        this.i++;
        continue;
      }
      return { no, indent: indentMatch.length, text };
    }
    return null;
  }

  private sawContent = false;
  /** Replaces the current line (used to read `- key: value` as a mapping at the key's column). */
  private override: Line | null = null;

  private next(): Line | null {
    if (this.override) return this.override;
    return this.peek();
  }

  private consume(): void {
    if (this.override) this.override = null;
    else this.i++;
    this.sawContent = true;
  }

  parseDocument(): YamlValue {
    const first = this.next();
    if (!first) return null;
    if (first.indent !== 0) throw new YamlSubsetError('the document must start at column 0', first.no);
    const value = this.parseNode(0);
    const rest = this.next();
    if (rest) throw new YamlSubsetError(`unexpected content: ${rest.text}`, rest.no);
    return value;
  }

  private parseNode(minIndent: number): YamlValue {
    const line = this.next();
    if (!line || line.indent < minIndent) return null;
    if (line.text === '-' || line.text.startsWith('- ')) return this.parseSequence(line.indent);
    if (splitKey(line.text, line.no)) return this.parseMapping(line.indent);
    this.consume();
    const value = scalar(line.text, line.no);
    const after = this.next();
    if (after && after.indent > minIndent && after.indent >= line.indent) throw new YamlSubsetError('multi-line plain scalars are not supported', after.no);
    return value;
  }

  private parseSequence(indent: number): YamlValue[] {
    const out: YamlValue[] = [];
    for (let line = this.next(); line && line.indent === indent && (line.text === '-' || line.text.startsWith('- ')); line = this.next()) {
      const rest = line.text === '-' ? '' : line.text.slice(2);
      const column = indent + 2 + (rest.length - rest.trimStart().length);
      const item = rest.trim();
      if (item === '') {
        this.consume();
        out.push(this.parseNode(indent + 1));
      } else if (splitKey(item, line.no) || item.startsWith('- ')) {
        this.consume();
        this.override = { no: line.no, indent: column, text: item };
        out.push(this.parseNode(column));
      } else if (item.startsWith('|') || item.startsWith('>')) {
        this.consume();
        out.push(this.blockScalar(item, indent, line.no));
      } else {
        this.consume();
        out.push(scalar(item, line.no));
      }
    }
    this.expectDedent(indent);
    return out;
  }

  private parseMapping(indent: number): { [key: string]: YamlValue } {
    const out: { [key: string]: YamlValue } = {};
    for (let line = this.next(); line && line.indent === indent; line = this.next()) {
      const kv = splitKey(line.text, line.no);
      if (!kv) throw new YamlSubsetError(`expected key: value, got ${line.text}`, line.no);
      if (Object.prototype.hasOwnProperty.call(out, kv.key)) throw new YamlSubsetError(`duplicate key "${kv.key}"`, line.no);
      this.consume();
      if (kv.rest === '') {
        const child = this.next();
        if (child && child.indent === indent && (child.text === '-' || child.text.startsWith('- '))) out[kv.key] = this.parseSequence(indent);
        else out[kv.key] = child && child.indent > indent ? this.parseNode(indent + 1) : null;
      } else if (kv.rest.startsWith('|') || kv.rest.startsWith('>')) {
        out[kv.key] = this.blockScalar(kv.rest, indent, line.no);
      } else {
        out[kv.key] = scalar(kv.rest, line.no);
        const after = this.next();
        if (after && after.indent > indent) throw new YamlSubsetError('multi-line plain scalars and mappings as scalar values are not supported', after.no);
      }
    }
    this.expectDedent(indent);
    return out;
  }

  private expectDedent(indent: number): void {
    const line = this.next();
    if (line && line.indent > indent) throw new YamlSubsetError(`unexpected indentation: ${line.text}`, line.no);
  }

  /** `|`, `|-`, `|+`, `>`, `>-`: the raw lines indented deeper than the parent. */
  private blockScalar(header: string, parentIndent: number, no: number): string {
    const m = /^([|>])([-+]?)$/.exec(header);
    if (!m) throw new YamlSubsetError(`unsupported block scalar header: ${header}`, no);
    const [, style, chomp] = m;
    const body: string[] = [];
    let blockIndent = -1;
    while (this.i < this.lines.length) {
      const raw = this.lines[this.i] as string;
      const indent = (/^ */.exec(raw)?.[0] ?? '').length;
      if (raw.trim() === '') {
        body.push('');
        this.i++;
        continue;
      }
      if (blockIndent === -1) {
        if (indent <= parentIndent) break;
        blockIndent = indent;
      }
      if (indent < blockIndent) break;
      body.push(raw.slice(blockIndent));
      this.i++;
    }
    this.sawContent = true;
    let trailing = 0;
    while (body.length && body[body.length - 1] === '') {
      body.pop();
      trailing++;
    }
    let text = style === '|' ? body.join('\n') : body.join('\n').replace(/([^\n])\n(?=[^\n ])/g, '$1 ');
    if (chomp === '+') text += '\n'.repeat(trailing + 1);
    else if (chomp !== '-' && text !== '') text += '\n';
    return text;
  }
}

/** Parses one YAML document in the supported subset; throws YamlSubsetError on anything else. */
export function parseYaml(text: string): YamlValue {
  return new Parser(text.replace(/\r\n/g, '\n').split('\n')).parseDocument();
}

/** A mapping value, or an error naming where it was expected. */
export function asMapping(value: YamlValue | undefined, where: string): { [key: string]: YamlValue } {
  if (value === null || value === undefined || typeof value !== 'object' || Array.isArray(value)) throw new Error(`${where}: expected a mapping`);
  return value;
}

/** A sequence value, or an error naming where it was expected. */
export function asSequence(value: YamlValue | undefined, where: string): YamlValue[] {
  if (!Array.isArray(value)) throw new Error(`${where}: expected a sequence`);
  return value;
}
