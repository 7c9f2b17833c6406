// The pre-release comparison's typed model: two load runs (a baseline and a candidate) side by
// side, per route and per journey, with each change judged against the runs' own spread.
// `compareLoadRuns` (compare.ts) builds it from two LoadReportModels; compare.html renders it, and
// compare.json is this model as JSON, for CI and for other renderers (a markdown summary, say).

export const LOAD_COMPARISON_VERSION = 1;

/** regressed / improved: a change beyond the runs' own spread (and beyond a small practical floor) */
export type ChangeVerdict = 'regressed' | 'improved' | 'within noise' | 'no data';

export type ComparedMetric = 'p50' | 'p95' | 'p99' | 'errorRate' | 'limitedRate' | 'throughput';

export interface MetricChange {
  metric: ComparedMetric;
  baseline: number | null;
  candidate: number | null;
  /** candidate − baseline (ms, share 0..1, or per second) */
  delta: number | null;
  /** delta / baseline, null when the baseline is 0 or unknown */
  relative: number | null;
  verdict: ChangeVerdict;
  /** how the verdict was reached, in words (the test and its numbers) */
  basis: string;
  /** the budget's allowance for this metric and whether the change broke it */
  budget?: { allowed: string; exceeded: boolean };
}

export interface ComparedEntity {
  /** a route template ('GET /search') or a journey name ('buy') */
  name: string;
  kind: 'route' | 'journey';
  /** the entity's verdict: regressed if any metric regressed, improved if any improved and none regressed */
  verdict: ChangeVerdict | 'only in baseline' | 'only in candidate';
  requests: { baseline: number; candidate: number };
  metrics: MetricChange[];
  /** the metrics that broke the budget (exit code 1) */
  overBudget: ComparedMetric[];
  /** p95 latency over time in each run, for the overlaid charts (seconds from each run's start) */
  series: { baseline: { t: number[]; p95: (number | null)[] } | null; candidate: { t: number[]; p95: (number | null)[] } | null };
}

export interface RunIdentity {
  /** the report dir it came from */
  dir: string;
  title: string;
  profile: string | null;
  target: string | null;
  start: string | null;
  durationSec: number;
  verdict: string;
}

export interface LoadComparison {
  version: typeof LOAD_COMPARISON_VERSION;
  generatedAt: string;
  baseline: RunIdentity;
  candidate: RunIdentity;
  /** how "within noise" is decided, in one sentence */
  method: string;
  routes: ComparedEntity[];
  journeys: ComparedEntity[];
  /** the budget file used, if any */
  budget: string | null;
  /** any entity over budget: `load compare` then exits 1 */
  overBudget: boolean;
  summary: { regressed: string[]; improved: string[]; withinNoise: number };
  notes: string[];
}
