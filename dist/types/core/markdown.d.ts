/**
 * Untrusted text in Markdown (pull-request comments, job summaries). Names, literals and SQL come
 * from a spec in a pull request, so each must stay what it is: a code block that no line inside can
 * close, and text that cannot open an HTML comment, a tag, a link, an autolink, emphasis or a table
 * cell, in GitHub Flavored Markdown or in inline HTML.
 */
/**
 * A fenced code block holding `text` verbatim: the fence is longer than the longest run of
 * backticks anywhere in the text (and at least 3), so no line inside can close it early; after
 * the block, Markdown resumes as the renderer expects.
 */
export declare function fence(text: string, lang?: string): string;
/**
 * A code span holding any text on one line: the fence is longer than the longest run of backticks
 * inside, line breaks become spaces, and `|` is escaped so that it cannot end a table cell (GFM
 * splits cells on `|` even inside code spans).
 */
export declare function codeSpan(text: string): string;
/**
 * Text shown as itself, on one line, in Markdown or inside inline HTML: every character that could
 * start emphasis, a code span, a link or image, an HTML tag or comment, an entity, strikethrough or
 * a table cell boundary is backslash-escaped, and so are the `:` and `.` that GitHub's autolinker
 * starts from (`https://…`, `mailto:…`, `www.…`) and the `@` of an e-mail address.
 */
export declare function escapeMarkdown(text: string): string;
