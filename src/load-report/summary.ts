// Reads k6's end-of-test summary for the threshold table and the run's totals. Two formats exist
// (both in ../shared/k6-fixtures/*/):
//   --summary-export:  metrics[m].thresholds = { "p(95)<5": true }   where true means CROSSED
//   handleSummary data: metrics[m].thresholds = { "p(95)<5": { ok: false } }, plus state.testRunDurationMs
// The values sit on the metric itself in the first format and under `values` in the second; a
// Rate's share is `value` in the first and `rate` in the second.

import { readFile } from 'node:fs/promises';
import { LoadReportError } from './errors.js';
import type { ThresholdRow } from './model.js';

export interface K6Summary {
  thresholds: ThresholdRow[];
  /** flattened metric values, e.g. values['http_reqs'].count, values['checks'].rate */
  values: Record<string, Record<string, number>>;
  durationMs: number | null;
}

export async function readK6Summary(paths: { summaryExportPath?: string; handleSummaryPath?: string }): Promise<K6Summary | null> {
  // handleSummary data is preferred: its threshold flag is unambiguous and it knows the duration
  const path = paths.handleSummaryPath ?? paths.summaryExportPath;
  if (!path) return null;
  let json: unknown;
  try {
    json = JSON.parse(await readFile(path, 'utf8'));
  } catch (err) {
    throw new LoadReportError(`cannot read k6 summary ${path}: ${(err as Error).message}`);
  }
  return parseK6Summary(json, path);
}

export function parseK6Summary(json: unknown, source = 'k6 summary'): K6Summary {
  const metrics = (json as { metrics?: unknown })?.metrics;
  if (!metrics || typeof metrics !== 'object') {
    throw new LoadReportError(`${source} is not a k6 summary: it has no "metrics" object`);
  }
  const thresholds: ThresholdRow[] = [];
  const values: Record<string, Record<string, number>> = {};
  for (const [metric, raw] of Object.entries(metrics as Record<string, Record<string, unknown>>)) {
    const v = numbers(raw.values && typeof raw.values === 'object' ? raw.values : raw);
    // summary-export calls a Rate's share `value`; handleSummary calls it `rate`
    if (v.rate === undefined && v.value !== undefined && v.passes !== undefined) v.rate = v.value;
    values[metric] = v;
    const declared = raw.thresholds;
    if (!declared || typeof declared !== 'object') continue;
    const samples = sampleCount(v);
    for (const [expression, flag] of Object.entries(declared as Record<string, unknown>)) {
      const ok = typeof flag === 'boolean' ? !flag : Boolean((flag as { ok?: unknown })?.ok);
      const observed = observedValue(expression, v);
      // a trend or rate with no samples judged nothing; so did a presence threshold (count>0) that failed
      const empty = samples === 0 && (!isCounter(v) || (!ok && /^count\s*>\s*0$/.test(expression.trim())));
      thresholds.push({
        metric,
        expression,
        ok: ok && !empty,
        status: empty ? 'no-samples' : ok ? 'pass' : 'fail',
        observed,
        observedSource: observed === null ? null : 'k6',
        samples,
      });
    }
  }
  thresholds.sort((a, b) => a.metric.localeCompare(b.metric) || a.expression.localeCompare(b.expression));
  const state = (json as { state?: { testRunDurationMs?: unknown } }).state;
  const durationMs = typeof state?.testRunDurationMs === 'number' ? state.testRunDurationMs : null;
  return { thresholds, values, durationMs };
}

/** 'p(95)<5' → 'p(95)'; 'rate<0.01' → 'rate'; 'count<1' → 'count'; 'avg<200' → 'avg' */
export function thresholdAggregation(expression: string): string | null {
  const m = /^\s*([a-z]+(?:\(\s*[\d.]+\s*\))?)\s*(?:<=|>=|==|===|!=|<|>)/i.exec(expression);
  if (!m) return null;
  return m[1].replace(/\s+/g, '');
}

function observedValue(expression: string, values: Record<string, number>): number | null {
  const agg = thresholdAggregation(expression);
  if (!agg) return null;
  const v = values[agg] ?? (agg === 'p(50)' ? values.med : undefined);
  return typeof v === 'number' ? v : null;
}

/** k6 names no metric type in --summary-export: a trend has percentiles, a rate passes and fails. */
function isCounter(v: Record<string, number>): boolean {
  return v.med === undefined && v.passes === undefined && v.value === undefined && v.count !== undefined;
}

/** A trend's count (when summaryTrendStats has it), a rate's passes + fails, a counter's count. */
function sampleCount(v: Record<string, number>): number | null {
  if (v.passes !== undefined && v.fails !== undefined) return v.passes + v.fails;
  return typeof v.count === 'number' ? v.count : null;
}

function numbers(obj: object): Record<string, number> {
  const out: Record<string, number> = {};
  for (const [k, v] of Object.entries(obj)) if (typeof v === 'number') out[k] = v;
  return out;
}
