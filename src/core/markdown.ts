/**
 * Untrusted text in Markdown (pull-request comments, job summaries). Names, literals and SQL come
 * from a spec in a pull request, so each must stay what it is: a code block that no line inside can
 * close, and text that cannot open an HTML comment, a tag, a link, an autolink, emphasis or a table
 * cell, in GitHub Flavored Markdown or in inline HTML.
 */

function longestRun(text: string, char: string): number {
  let longest = 0;
  let run = 0;
  for (const c of text) {
    run = c === char ? run + 1 : 0;
    if (run > longest) longest = run;
  }
  return longest;
}

/**
 * A fenced code block holding `text` verbatim: the fence is longer than the longest run of
 * backticks anywhere in the text (and at least 3), so no line inside can close it early; after
 * the block, Markdown resumes as the renderer expects.
 */
export function fence(text: string, lang = ''): string {
  const ticks = '`'.repeat(Math.max(3, longestRun(text, '`') + 1));
  const info = lang.replace(/[^A-Za-z0-9_+-]/g, '');
  return `${ticks}${info}\n${text.trimEnd()}\n${ticks}`;
}

/**
 * A code span holding any text on one line: the fence is longer than the longest run of backticks
 * inside, line breaks become spaces, and `|` is escaped so that it cannot end a table cell (GFM
 * splits cells on `|` even inside code spans).
 */
export function codeSpan(text: string): string {
  const flat = text.replace(/[\r\n]+/g, ' ').replace(/\|/g, '\\|');
  const ticks = '`'.repeat(longestRun(flat, '`') + 1);
  const pad = flat.startsWith('`') || flat.endsWith('`') || (flat.startsWith(' ') && flat.endsWith(' ') && flat.trim() !== '') ? ' ' : '';
  return `${ticks}${pad}${flat}${pad}${ticks}`;
}

/**
 * Text shown as itself, on one line, in Markdown or inside inline HTML: every character that could
 * start emphasis, a code span, a link or image, an HTML tag or comment, an entity, strikethrough or
 * a table cell boundary is backslash-escaped, and so are the `:` and `.` that GitHub's autolinker
 * starts from (`https://…`, `mailto:…`, `www.…`) and the `@` of an e-mail address.
 */
export function escapeMarkdown(text: string): string {
  return text
    .replace(/[\r\n]+/g, ' ')
    .replace(/[\\`*_[\]<>|~&!@]/g, (ch) => `\\${ch}`)
    .replace(/:(?=\/\/)|(?<=\b(?:mailto|xmpp)):/gi, '\\:')
    .replace(/(www)\./gi, '$1\\.');
}
