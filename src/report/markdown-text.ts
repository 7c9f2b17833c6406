// Markdown text helpers shared by the run and load summaries (summary.md): escaping data so it
// can never become markup in a PR comment or a CI job summary, one-line messages, code spans,
// the cap that keeps a summary short enough for a PR comment, and appending to --summary-file.

import { appendFileSync, mkdirSync } from 'node:fs';
import { dirname } from 'node:path';

/** Characters that mean something to GitHub/GitLab markdown (and HTML, which both render); `(`
 * and `!` need no escape once `[` and `]` have one (no link or image can start). */
const SPECIAL = /[\\`*_{}[\]<>#|~&]/g;

export function mdText(s: string): string {
  return s.replace(SPECIAL, (ch) => (ch === '<' ? '&lt;' : ch === '>' ? '&gt;' : ch === '&' ? '&amp;' : `\\${ch}`));
}

/** A message on one line, cut at `max` characters (an ellipsis says it was cut). */
export function oneLine(s: string, max = 160): string {
  const flat = s.replace(/\s+/g, ' ').trim();
  return flat.length > max ? `${flat.slice(0, max - 1)}…` : flat;
}

/** An inline code span that survives backticks inside the value. */
export function mdCode(s: string): string {
  const flat = oneLine(s, 200);
  const fence = flat.includes('`') ? '``' : '`';
  return `${fence}${flat.includes('`') ? ` ${flat} ` : flat}${fence}`;
}

/** At most `max` of `items`, rendered, then "… and N more" when some were left out. */
export function capped<T>(items: readonly T[], max: number, render: (item: T) => string, more: (n: number) => string): string[] {
  const lines = items.slice(0, max).map(render);
  if (items.length > max) lines.push(more(items.length - max));
  return lines;
}

/** Append a summary to --summary-file (e.g. $GITHUB_STEP_SUMMARY), creating its folder. */
export function appendSummary(file: string, markdown: string): void {
  mkdirSync(dirname(file), { recursive: true });
  appendFileSync(file, markdown.endsWith('\n') ? markdown : `${markdown}\n`);
}
