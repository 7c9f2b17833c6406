// `load compare`: two load runs side by side. For each route and journey, p50/p95/p99, error and
// 429 rates and throughput, with the change judged against the runs' own spread: each run is cut
// into equal time windows (routes.ts WINDOWS), and a latency or throughput change counts only when
// Welch's t-test over the two runs' window values says it is beyond their window-to-window
// variation (95 %) AND it is at least 10 % and 2 ms (a small shift between two runs on a busy
// machine, which one run's windows cannot see, is no regression); error and 429 rates use a
// two-proportion z-test and a 0.5-point floor. A budget
// (e.g. p95 may grow 10 %) turns a regression beyond it into "over budget" (exit 1).

import {
  LOAD_COMPARISON_VERSION,
  type ChangeVerdict,
  type ComparedEntity,
  type ComparedMetric,
  type LoadComparison,
  type MetricChange,
  type RunIdentity,
} from './compare-model.js';
import type { JourneyModel, LoadReportModel, RouteModel, WindowStats } from './model.js';

/** Allowances by metric: '+10%' or '+5ms' for latency, '+0.5pp' for rates, '-10%' for throughput. */
export type Allowances = Partial<Record<ComparedMetric, string>>;
export interface LoadBudget extends Allowances {
  routes?: Record<string, Allowances>;
  journeys?: Record<string, Allowances>;
}

export const METHOD =
  "Each run is cut into 10 equal time windows. A latency or throughput change is a regression or an improvement only when Welch's t-test over the two runs' window values puts it beyond their own window-to-window spread (95 %) and it is at least 10 % and 2 ms; error and 429 rates use a two-proportion z-test (95 %) and a 0.5-point floor. Anything else is within noise.";

const T95 = [12.71, 4.3, 3.18, 2.78, 2.57, 2.45, 2.36, 2.31, 2.26, 2.23, 2.2, 2.18, 2.16, 2.14, 2.13, 2.12, 2.11, 2.1, 2.09, 2.09, 2.08, 2.07, 2.07, 2.06, 2.06, 2.06, 2.05, 2.05, 2.05, 2.04];
const tCritical = (df: number) => (df < 1 ? Infinity : df <= 30 ? T95[Math.floor(df) - 1] : 1.96);

const mean = (xs: number[]) => xs.reduce((s, x) => s + x, 0) / xs.length;
const variance = (xs: number[]) => {
  const m = mean(xs);
  return xs.reduce((s, x) => s + (x - m) ** 2, 0) / (xs.length - 1);
};
const r3 = (n: number) => Math.round(n * 1000) / 1000;

/** Welch's t over two samples; null when either has fewer than 2 values. */
export function welch(a: number[], b: number[]): { t: number; df: number; critical: number } | null {
  if (a.length < 2 || b.length < 2) return null;
  const va = variance(a) / a.length;
  const vb = variance(b) / b.length;
  const se = Math.sqrt(va + vb);
  const diff = mean(b) - mean(a);
  if (se === 0) return { t: diff === 0 ? 0 : Math.sign(diff) * Infinity, df: a.length + b.length - 2, critical: tCritical(a.length + b.length - 2) };
  const df = (va + vb) ** 2 / (va ** 2 / (a.length - 1) + vb ** 2 / (b.length - 1));
  return { t: diff / se, df, critical: tCritical(df) };
}

function change(metric: ComparedMetric, baseline: number | null, candidate: number | null): MetricChange {
  const delta = baseline === null || candidate === null ? null : r3(candidate - baseline);
  const relative = delta === null || !baseline ? null : r3(delta / baseline);
  return { metric, baseline, candidate, delta, relative, verdict: 'no data', basis: 'not measured in both runs' };
}

/** Latency (higher is worse) or throughput (lower is worse), judged on window values. */
function judgeWindows(c: MetricChange, a: (number | null)[], b: (number | null)[], higherIsWorse: boolean): MetricChange {
  if (c.delta === null) return c;
  const xs = a.filter((v): v is number => v !== null);
  const ys = b.filter((v): v is number => v !== null);
  const w = welch(xs, ys);
  const unit = c.metric === 'throughput' ? '/s' : ' ms';
  const floor = Math.abs(c.delta) >= Math.max(0.1 * Math.abs(c.baseline ?? 0), c.metric === 'throughput' ? 0 : 2);
  if (!w) return { ...c, verdict: 'within noise', basis: `too few windows with samples to judge (${xs.length} and ${ys.length})` };
  const significant = Math.abs(w.t) > w.critical;
  const worse = higherIsWorse ? c.delta > 0 : c.delta < 0;
  const verdict: ChangeVerdict = significant && floor ? (worse ? 'regressed' : 'improved') : 'within noise';
  const basis = `Welch t = ${Number.isFinite(w.t) ? w.t.toFixed(2) : w.t > 0 ? '+∞' : '−∞'} over ${xs.length}+${ys.length} windows (critical ${w.critical.toFixed(2)}); change ${c.delta > 0 ? '+' : ''}${c.delta}${unit}${c.relative !== null ? ` (${c.relative > 0 ? '+' : ''}${(c.relative * 100).toFixed(1)} %)` : ''}${significant && !floor ? ', below the 10 % / 2 ms floor' : ''}`;
  return { ...c, verdict, basis };
}

/** A share (errors, 429s): two-proportion z-test, 0.5-point floor; higher is worse. */
function judgeShare(c: MetricChange, hitsA: number, nA: number, hitsB: number, nB: number): MetricChange {
  if (c.delta === null || nA === 0 || nB === 0) return c;
  const p = (hitsA + hitsB) / (nA + nB);
  const se = Math.sqrt(p * (1 - p) * (1 / nA + 1 / nB));
  const z = se === 0 ? 0 : (hitsB / nB - hitsA / nA) / se;
  const significant = Math.abs(z) > 1.96 && Math.abs(c.delta) >= 0.005;
  const verdict: ChangeVerdict = significant ? (c.delta > 0 ? 'regressed' : 'improved') : 'within noise';
  return { ...c, verdict, basis: `z = ${z.toFixed(2)} (${hitsA}/${nA} vs ${hitsB}/${nB}; critical 1.96, floor 0.5 points)` };
}

/** '+10%' / '+5ms' / '+0.5pp' / '-10%': did the change break it? */
export function exceeds(c: MetricChange, allowance: string): boolean {
  const m = /^([+-]?)(\d+(?:\.\d+)?)(%|ms|pp)$/.exec(allowance.trim());
  if (!m || c.delta === null) return false;
  const n = Number(m[2]);
  if (c.metric === 'throughput') return c.relative !== null && c.relative < -n / 100;
  if (m[3] === '%') return c.relative !== null ? c.relative > n / 100 : c.delta > 0;
  if (m[3] === 'ms') return c.delta > n;
  return c.delta > n / 100;
}

function entityVerdict(metrics: MetricChange[]): ChangeVerdict {
  if (metrics.some((m) => m.verdict === 'regressed')) return 'regressed';
  if (metrics.some((m) => m.verdict === 'improved')) return 'improved';
  return metrics.every((m) => m.verdict === 'no data') ? 'no data' : 'within noise';
}

function applyBudget(e: ComparedEntity, allowances: Allowances | undefined): ComparedEntity {
  if (!allowances) return e;
  const metrics = e.metrics.map((m) => {
    const allowed = allowances[m.metric];
    if (!allowed) return m;
    return { ...m, budget: { allowed, exceeded: m.verdict === 'regressed' && exceeds(m, allowed) } };
  });
  return { ...e, metrics, overBudget: metrics.filter((m) => m.budget?.exceeded).map((m) => m.metric) };
}

function windowRates(w: WindowStats, runSec: number): number[] {
  const span = runSec / Math.max(1, w.count.length);
  return w.count.map((n) => (span > 0 ? n / span : 0));
}

type Side<T> = { model: LoadReportModel; item: T } | null;

function compareRoute(name: string, a: Side<RouteModel>, b: Side<RouteModel>): ComparedEntity {
  const ra = a?.item;
  const rb = b?.item;
  const latency = (k: 'p50' | 'p95' | 'p99') =>
    judgeWindows(change(k, ra?.latency[k] ?? null, rb?.latency[k] ?? null), ra?.windows[k] ?? [], rb?.windows[k] ?? [], true);
  const metrics = [
    latency('p50'),
    latency('p95'),
    latency('p99'),
    judgeShare(change('errorRate', ra ? r3(ra.errorRate) : null, rb ? r3(rb.errorRate) : null), ra?.failed ?? 0, ra?.requests ?? 0, rb?.failed ?? 0, rb?.requests ?? 0),
    judgeShare(change('limitedRate', ra ? r3(ra.limitedRate) : null, rb ? r3(rb.limitedRate) : null), ra?.limited ?? 0, ra?.requests ?? 0, rb?.limited ?? 0, rb?.requests ?? 0),
    judgeWindows(change('throughput', ra?.rps ?? null, rb?.rps ?? null),
      ra ? windowRates(ra.windows, a!.model.run.durationSec) : [], rb ? windowRates(rb.windows, b!.model.run.durationSec) : [], false),
  ];
  const series = (s: Side<RouteModel>) => (s ? { t: s.model.timeline.t, p95: s.item.series.p95 } : null);
  return {
    name,
    kind: 'route',
    verdict: !ra ? 'only in candidate' : !rb ? 'only in baseline' : entityVerdict(metrics),
    requests: { baseline: ra?.requests ?? 0, candidate: rb?.requests ?? 0 },
    metrics,
    overBudget: [],
    series: { baseline: series(a), candidate: series(b) },
  };
}

function compareJourney(name: string, a: Side<JourneyModel>, b: Side<JourneyModel>): ComparedEntity {
  const ja = a?.item;
  const jb = b?.item;
  const latency = (k: 'p50' | 'p95' | 'p99') =>
    judgeWindows(change(k, ja?.latency[k] ?? null, jb?.latency[k] ?? null), ja?.windows[k] ?? [], jb?.windows[k] ?? [], true);
  const metrics = [
    latency('p50'),
    latency('p95'),
    latency('p99'),
    judgeWindows(change('throughput', ja?.rate ?? null, jb?.rate ?? null),
      ja ? windowRates(ja.windows, a!.model.run.durationSec) : [], jb ? windowRates(jb.windows, b!.model.run.durationSec) : [], false),
  ];
  return {
    name,
    kind: 'journey',
    verdict: !ja ? 'only in candidate' : !jb ? 'only in baseline' : entityVerdict(metrics),
    requests: { baseline: ja?.iterations ?? 0, candidate: jb?.iterations ?? 0 },
    metrics,
    overBudget: [],
    series: { baseline: null, candidate: null },
  };
}

function identity(dir: string, m: LoadReportModel): RunIdentity {
  return { dir, title: m.title, profile: m.profile?.name ?? null, target: m.target, start: m.run.start, durationSec: m.run.durationSec, verdict: m.verdict };
}

export interface CompareInput {
  baseline: { dir: string; model: LoadReportModel };
  candidate: { dir: string; model: LoadReportModel };
  budget?: { file: string; budget: LoadBudget };
  now?: Date;
}

/** The comparison of two runs: a pure function of their report models (and a budget). */
export function compareLoadRuns(input: CompareInput): LoadComparison {
  const A = input.baseline.model;
  const B = input.candidate.model;
  const budget = input.budget?.budget;
  const pick = <T extends { name: string }>(list: T[], model: LoadReportModel, name: string): Side<T> => {
    const item = list.find((x) => x.name === name);
    return item ? { model, item } : null;
  };
  const routeNames = [...new Set([...A.routes, ...B.routes].map((r) => r.name))].sort();
  const journeyNames = [...new Set([...A.journeys, ...B.journeys].map((j) => j.name))].sort();
  const routes = routeNames.map((n) => {
    const allowances = { ...budgetDefaults(budget), ...(budget?.routes?.[n] ?? {}) };
    return applyBudget(compareRoute(n, pick(A.routes, A, n), pick(B.routes, B, n)), budget ? allowances : undefined);
  });
  const journeys = journeyNames.map((n) => {
    const allowances = { ...budgetDefaults(budget), ...(budget?.journeys?.[n] ?? {}) };
    return applyBudget(compareJourney(n, pick(A.journeys, A, n), pick(B.journeys, B, n)), budget ? allowances : undefined);
  });
  const all = [...routes, ...journeys];
  const notes: string[] = [];
  if (A.profile?.name !== B.profile?.name) notes.push(`The runs followed different profiles (${A.profile?.name ?? '?'} vs ${B.profile?.name ?? '?'}): their numbers are not like for like.`);
  if (A.target !== B.target) notes.push(`The runs had different targets (${A.target ?? '?'} vs ${B.target ?? '?'}).`);
  return {
    version: LOAD_COMPARISON_VERSION,
    generatedAt: (input.now ?? new Date()).toISOString(),
    baseline: identity(input.baseline.dir, A),
    candidate: identity(input.candidate.dir, B),
    method: METHOD,
    routes,
    journeys,
    budget: input.budget?.file ?? null,
    overBudget: all.some((e) => e.overBudget.length > 0),
    summary: {
      regressed: all.filter((e) => e.verdict === 'regressed').map((e) => e.name),
      improved: all.filter((e) => e.verdict === 'improved').map((e) => e.name),
      withinNoise: all.filter((e) => e.verdict === 'within noise').length,
    },
    notes,
  };
}

function budgetDefaults(budget: LoadBudget | undefined): Allowances {
  if (!budget) return {};
  const out: Allowances = {};
  for (const k of ['p50', 'p95', 'p99', 'errorRate', 'limitedRate', 'throughput'] as const) if (budget[k]) out[k] = budget[k];
  return out;
}
