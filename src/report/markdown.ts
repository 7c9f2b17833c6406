// summary.md: the run as a short markdown page for where CI users read — a job summary
// ($GITHUB_STEP_SUMMARY via --summary-file) or a PR comment. Verdict, counts, the clauses judged
// by dedicated checks / by schema conformance only / not at all, setup problems,
// failures grouped by clause (endpoint and a one-line message each), warnings, tool errors, the
// baseline's new/fixed entries and a link to report.html. Capped so it fits a PR comment: every
// list stops at its cap and says how many more there are.

import { existsSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { CheckResult, RunResults } from '../results.js';
import { coverageSentence } from './coverage-text.js';
import { appendSummary, capped, mdCode, mdText, oneLine } from './markdown-text.js';
import type { Reporter, ReporterOptions } from './types.js';

export interface MarkdownLimits {
  /** failures listed (over all clauses) before "… and N more" */
  failures: number;
  /** failures listed per clause (one broken clause often fails on every endpoint) */
  perClause: number;
  /** warnings and tool errors listed, each */
  others: number;
  /** baseline ids listed per kind */
  baseline: number;
}

export const DEFAULT_LIMITS: MarkdownLimits = { failures: 30, perClause: 8, others: 10, baseline: 10 };

export interface MarkdownLink {
  /** where report.html can be opened (a CI run's page, an artefact URL); else a relative link */
  href?: string;
  /** report.html exists beside summary.md */
  hasHtml: boolean;
}

const ICON = { pass: '✅', fail: '❌', error: '⚠️' } as const;

function checkLine(c: CheckResult): string {
  const tag = c.baselined ? ' _(baseline)_' : c.intermittent ? ' _(intermittent)_' : '';
  return `- ${mdCode(c.endpoint)} ${mdText(oneLine(c.message))}${tag}`;
}

/** Failures grouped by clause, in clause order; the cap counts check lines over all groups. */
function byClause(rows: readonly CheckResult[], max: number, perClause: number): string[] {
  const groups = new Map<string, CheckResult[]>();
  for (const r of [...rows].sort((a, b) => a.clause.localeCompare(b.clause) || a.endpoint.localeCompare(b.endpoint))) {
    groups.set(r.clause, [...(groups.get(r.clause) ?? []), r]);
  }
  const lines: string[] = [];
  const hidden: string[] = [];
  let hiddenChecks = 0;
  let left = max;
  for (const [clause, group] of groups) {
    if (left <= 0) {
      hidden.push(clause);
      hiddenChecks += group.length;
      continue;
    }
    lines.push(`**${mdText(clause)}** (${group.length})`, '');
    const shown = Math.min(left, perClause);
    lines.push(...capped(group, shown, checkLine, (n) => `- … and ${n} more for ${mdText(clause)}`), '');
    left -= Math.min(shown, group.length);
  }
  if (hidden.length) lines.push(`… and ${hiddenChecks} more failure(s) in ${hidden.length} more clause(s): ${hidden.map(mdText).join(', ')}`, '');
  return lines;
}

export function renderMarkdown(results: RunResults, link: MarkdownLink, limits: MarkdownLimits = DEFAULT_LIMITS): string {
  const s = results.summary;
  const ok = results.exitCode === 0;
  const icon = ok ? ICON.pass : results.exitCode === 4 ? ICON.error : ICON.fail;
  const verdict = results.verdict ?? (ok ? 'no contract failure' : 'failed');
  const t = results.target;
  const out: string[] = [];
  out.push(`## ${icon} storefront-check: ${ok ? 'PASS' : `FAIL (exit ${results.exitCode})`} — ${mdText(verdict)}`, '');
  out.push(
    `${mdCode(t.baseUrl)} (${t.embedded ? 'embedded reference server' : mdText(t.env)}) · pack ${mdText(results.pack)} · ` +
      `${results.checks.length} checks · ${results.requests} requests · ${(results.durationMs / 1000).toFixed(1)} s` +
      `${results.strict ? ' · --strict' : ''}${results.interrupted ? ' · **interrupted**' : ''}`,
    '',
  );
  out.push('| passed | failed | warned | skipped | errored |', '|---:|---:|---:|---:|---:|');
  out.push(`| ${s.passed} | ${s.failed} | ${s.warned} | ${s.skipped} | ${s.errored} |`, '');
  const judged = coverageSentence(results.coverage, 12, mdCode);
  if (judged) out.push(`${judged}.`, '');

  if (results.setup.length) {
    out.push('### Setup problems', '');
    for (const p of results.setup) out.push(`- **${p.level}**: ${mdText(oneLine(p.message, 300))}`);
    out.push('');
  }
  const failed = results.checks.filter((c) => c.status === 'failed');
  if (failed.length) out.push(`### Failures (${failed.length}), by clause`, '', ...byClause(failed, limits.failures, limits.perClause));
  const warned = results.checks.filter((c) => c.status === 'warned');
  if (warned.length) {
    out.push(`### Warnings (${warned.length})`, '');
    out.push(...capped(warned, limits.others, (c) => `- **${mdText(c.clause)}** ${checkLine(c).slice(2)}`, (n) => `- … and ${n} more`), '');
  }
  const errored = results.checks.filter((c) => c.status === 'errored');
  if (errored.length) {
    out.push(`### Tool errors (${errored.length}): the tool failed, not the API — please report these`, '');
    out.push(...capped(errored, limits.others, (c) => `- ${mdCode(c.id)} ${mdText(oneLine(c.message))}`, (n) => `- … and ${n} more`), '');
  }
  if (results.baseline) {
    const b = results.baseline;
    out.push(`### Baseline`, '', `${mdCode(b.file)}: ${b.known.length} known, ${b.new.length} new, ${b.fixed.length} fixed, ${b.expired.length} expired`, '');
    const kinds: [string, string[]][] = [
      ['New (not in the baseline)', b.new],
      ['Fixed (remove from the baseline)', b.fixed],
      ['Expired (failing again)', b.expired],
    ];
    for (const [label, ids] of kinds) {
      if (!ids.length) continue;
      out.push(`**${label}**`, '', ...capped(ids, limits.baseline, (id) => `- ${mdCode(id)}`, (n) => `- … and ${n} more`), '');
    }
  }
  if (link.href) out.push(`Full report (request, response and a curl line for every finding): [report.html](${encodeURI(link.href)})`);
  else if (link.hasHtml) out.push('Full report (request, response and a curl line for every finding): [report.html](report.html), in the report directory');
  return `${out.join('\n').replace(/\n{3,}/g, '\n\n').trimEnd()}\n`;
}

export function markdownReporter(opts: ReporterOptions = {}): Reporter {
  return {
    name: 'markdown',
    onRunEnd(results, dir) {
      const file = join(dir, 'summary.md');
      const markdown = renderMarkdown(results, { href: opts.reportUrl, hasHtml: existsSync(join(dir, 'report.html')) });
      writeFileSync(file, markdown);
      if (opts.summaryFile) appendSummary(opts.summaryFile, markdown);
      return file;
    },
  };
}
