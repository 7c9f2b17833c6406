// The load run's summary.md (for CI job summaries and PR comments), from the load report's model
// (src/load-report/model.ts) and nothing else: verdict, totals, the thresholds (crossed first),
// the routes over budget (a threshold on the route crossed) with their latency and error rate,
// and — when the run was compared with a baseline run — the comparison's regressions, which the
// `load compare` command hands in through LoadComparisonForSummary. Capped like the run summary.

import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { LoadComparison } from '../load-report/compare-model.js';
import type { LoadReportModel, RouteModel, ThresholdRow } from '../load-report/model.js';
import { appendSummary, capped, mdCode, mdText } from './markdown-text.js';

/**
 * The hook for `load compare` / `load --baseline` (issue 11): the comparison's regressed routes.
 * The comparison owns the judgement (its own spread and budget); the summary only lists them.
 */
export interface LoadComparisonForSummary {
  /** what the candidate was compared with: the baseline run's folder or name */
  baseline: string;
  regressions: { route: string; metric: string; baseline: number | null; candidate: number | null; note?: string }[];
  /** routes judged improved / within noise, for one counts line */
  improved?: number;
  withinNoise?: number;
}

/** The comparison's regressed routes and journeys, for the summary (the comparison judged them). */
export function comparisonForSummary(c: LoadComparison): LoadComparisonForSummary {
  const entities = [...c.routes, ...c.journeys];
  return {
    baseline: c.baseline.dir,
    regressions: entities.flatMap((e) =>
      e.metrics
        .filter((m) => m.verdict === 'regressed')
        .map((m) => ({ route: e.kind === 'journey' ? `journey ${e.name}` : e.name, metric: m.metric, baseline: m.baseline, candidate: m.candidate, ...(m.budget?.exceeded ? { note: `over budget (${m.budget.allowed})` } : {}) })),
    ),
    improved: entities.filter((e) => e.verdict === 'improved').length,
    withinNoise: c.summary.withinNoise,
  };
}

export interface LoadMarkdownOptions {
  /** load-report.html sits beside summary.md */
  hasHtml: boolean;
  /** where load-report.html can be opened (CI run page); else a relative link */
  href?: string;
  comparison?: LoadComparisonForSummary;
  /** rows per list before "… and N more" (default 20) */
  max?: number;
}

const ms = (v: number | null | undefined) => (v === null || v === undefined ? '–' : `${v < 10 ? v.toFixed(1) : Math.round(v)} ms`);
const pct = (v: number | null | undefined) => (v === null || v === undefined ? '–' : `${(v * 100).toFixed(v < 0.01 && v > 0 ? 2 : 1)}%`);
const num = (v: number | null) => (v === null ? '–' : String(Number(v.toPrecision(3))));

/** The route a threshold is about: the `name` tag in its selector, 'http_req_duration{name:GET /search}'. */
export function thresholdRoute(metric: string): string | undefined {
  const open = metric.indexOf('{');
  if (open < 0 || !metric.endsWith('}')) return undefined;
  // route templates hold braces themselves ('GET /products/{productId}'): split on the tag commas only
  const tags = metric.slice(open + 1, -1).split(/,(?=[A-Za-z_][\w-]*:)/);
  return tags.find((t) => t.startsWith('name:'))?.slice('name:'.length).trim();
}

/** Routes with at least one crossed threshold, each with the expressions it crossed. */
export function routesOverBudget(model: LoadReportModel): { route: string; model?: RouteModel; crossed: ThresholdRow[] }[] {
  const byRoute = new Map<string, ThresholdRow[]>();
  for (const t of model.thresholds) {
    const route = thresholdRoute(t.metric);
    if (!t.ok && route) byRoute.set(route, [...(byRoute.get(route) ?? []), t]);
  }
  return [...byRoute].map(([route, crossed]) => ({ route, model: model.routes.find((r) => r.name === route), crossed }));
}

export function renderLoadMarkdown(model: LoadReportModel, opts: LoadMarkdownOptions): string {
  const max = opts.max ?? 20;
  const icon = model.verdict === 'pass' ? '✅' : model.verdict === 'fail' ? '❌' : '❔';
  const t = model.totals;
  const out: string[] = [];
  out.push(`## ${icon} storefront-check load${model.profile ? ` (${mdText(model.profile.name)})` : ''}: ${model.verdict.toUpperCase()} — ${mdText(model.verdictReason)}`, '');
  out.push(
    `${model.target ? `${mdCode(model.target)} · ` : ''}${Math.round(model.run.durationSec)} s · ${t.requests} requests (${t.rps.toFixed(1)}/s) · ` +
      `${pct(t.errorRate)} failed · ${t.limited} rate-limited · p95 ${ms(t.latency.p95)} · p99 ${ms(t.latency.p99)} · ` +
      `${t.iterations} journeys, ${t.droppedIterations} dropped`,
    '',
  );

  const thresholds = [...model.thresholds].sort((a, b) => Number(a.ok) - Number(b.ok) || a.metric.localeCompare(b.metric));
  const crossed = thresholds.filter((x) => !x.ok).length;
  if (thresholds.length) {
    out.push(`### Thresholds: ${crossed} of ${thresholds.length} crossed`, '', '| | metric | threshold | observed |', '|---|---|---|---:|');
    const hiddenCrossed = Math.max(0, crossed - max);
    const more = (n: number) => `| | … and ${n} more (${hiddenCrossed ? `${hiddenCrossed} of them crossed` : 'all held'}) | | |`;
    out.push(...capped(thresholds, max, (x) => `| ${x.ok ? '✅' : '❌'} | ${mdCode(x.metric)} | ${mdCode(x.expression)} | ${num(x.observed)} |`, more));
    out.push('');
  }

  const over = routesOverBudget(model);
  if (over.length) {
    out.push(`### Routes over budget (${over.length})`, '', '| route | requests | p95 | p99 | errors | crossed |', '|---|---:|---:|---:|---:|---|');
    out.push(
      ...capped(
        over,
        max,
        (r) => `| ${mdCode(r.route)} | ${r.model?.requests ?? 0} | ${ms(r.model?.latency.p95)} | ${ms(r.model?.latency.p99)} | ${pct(r.model?.errorRate)} | ${r.crossed.map((c) => mdCode(c.expression)).join(' ')} |`,
        (n) => `| … and ${n} more | | | | | |`,
      ),
      '',
    );
  }

  if (opts.comparison) {
    const c = opts.comparison;
    const others = [c.improved !== undefined ? `${c.improved} improved` : '', c.withinNoise !== undefined ? `${c.withinNoise} within noise` : ''].filter(Boolean).join(', ');
    out.push(`### Compared with ${mdCode(c.baseline)}: ${c.regressions.length} regression(s)${others ? `, ${others}` : ''}`, '');
    if (c.regressions.length) {
      out.push('| route | metric | baseline | candidate | |', '|---|---|---:|---:|---|');
      out.push(
        ...capped(c.regressions, max, (r) => `| ${mdCode(r.route)} | ${mdText(r.metric)} | ${num(r.baseline)} | ${num(r.candidate)} | ${mdText(r.note ?? '')} |`, (n) => `| … and ${n} more | | | | |`),
        '',
      );
    }
  }

  if (model.notes.length) out.push('**Notes**', '', ...capped(model.notes, 5, (n) => `- ${mdText(n)}`, (n) => `- … and ${n} more`), '');
  if (opts.href) out.push(`Full report (timeline, per-route latency, failed samples): [load-report.html](${encodeURI(opts.href)})`);
  else if (opts.hasHtml) out.push('Full report (timeline, per-route latency, failed samples): [load-report.html](load-report.html), in the report directory');
  return `${out.join('\n').replace(/\n{3,}/g, '\n\n').trimEnd()}\n`;
}

/** Write summary.md beside load-report.html, and append it to --summary-file when given. */
export function writeLoadSummary(model: LoadReportModel, dir: string, opts: Omit<LoadMarkdownOptions, 'hasHtml'> & { summaryFile?: string }): string {
  const file = join(dir, 'summary.md');
  const markdown = renderLoadMarkdown(model, { ...opts, hasHtml: true });
  writeFileSync(file, markdown);
  if (opts.summaryFile) appendSummary(opts.summaryFile, markdown);
  return file;
}
