// Turns what was aggregated from k6's output, plus its summary and the intended profile, into the
// LoadReportModel. The verdict comes from k6's thresholds, the same ones that set k6's exit code.

import type { LoadAggregator } from './aggregate.js';
import { findBreakpoint } from './crossing.js';
import {
  LOAD_REPORT_MODEL_VERSION,
  type JourneyModel,
  type LatencySummary,
  type LoadProfileInput,
  type LoadReportModel,
  type RouteInfo,
  type RouteModel,
  type ThresholdRow,
  type TimelineModel,
  type Verdict,
} from './model.js';
import type { ReadStats } from './ndjson.js';
import { explainNoSamples, type Stop } from './no-samples.js';
import { describeProfile, plannedSeconds, targetCurve } from './profile.js';
import { round } from './routes.js';
import type { NumberSeries } from './timeline.js';
import { thresholdAggregation, type K6Summary } from './summary.js';

export interface AssembleInput {
  aggregate: LoadAggregator;
  stats: ReadStats;
  summary: K6Summary | null;
  profile?: LoadProfileInput;
  target?: string;
  title?: string;
  now?: Date;
  /** the scripts' routes, so a threshold with no samples can say why */
  routes?: RouteInfo[];
  /** the VU pools were capped (--vus) below what the rate needs: drops then measure the cap */
  poolsCapped?: boolean;
}

export function assembleModel(input: AssembleInput): LoadReportModel {
  const { aggregate: agg, stats, summary, profile } = input;
  const tl = agg.timeline;
  const sampledSec = tl.bucketCount > 0 ? Math.max(0, (tl.lastSampleMs - tl.firstSampleMs) / 1000) : 0;
  const durationSec = summary?.durationMs != null ? summary.durationMs / 1000 : sampledSec;
  const requests = sum(agg.requests.values);
  const failed = sum(agg.failed.values);
  const judged = sum(agg.judged.values);
  const limited = sum(agg.limited.values);
  const checksTotal = sum(agg.checksTotal.values);
  const checksPassed = sum(agg.checksPassed.values);
  const stops: Stop[] = [...agg.stops].map(([key, count]) => {
    const [journey, step, why] = key.split('|');
    return { journey, step, why, count };
  });
  const iterationsBy = new Map([...agg.scenarios].map(([name, series]) => [name, sum(series.values)]));
  const thresholds: ThresholdRow[] = explainNoSamples((summary?.thresholds ?? []).map((t) => withObserved(t, agg)), input.routes ?? [], stops, iterationsBy);
  for (const t of thresholds) if (t.metric === 'dropped_iterations' && t.status === 'fail') t.reason = dropReason(agg, input.poolsCapped === true);
  const { verdict, reason } = decideVerdict(summary, thresholds);
  const notes = [...agg.notes];
  const failedSamples = agg.failedSamples();
  const declaresFailures = agg.declared.has('failed_requests');
  if (failedSamples.total > 0 && !declaresFailures && failedSamples.samples.every((s) => s.correlationId === null)) {
    notes.push('Failed-request samples carry no Correlation-Id: the k6 script did not report failures on a `failed_requests` Counter tagged `correlation_id` (the convention is in src/load-report/aggregate.ts).');
  }
  const curve = profile ? targetCurve(profile) : null;
  const breakpoint = profile?.breakpoint
    ? findBreakpoint(thresholds, agg, curve, durationSec, plannedSeconds(profile), profile.abortDelaySec ?? 10, input.routes ?? [])
    : null;
  if (breakpoint?.aborted) {
    const at = `${Math.floor(breakpoint.endSec / 60)}:${String(Math.round(breakpoint.endSec % 60)).padStart(2, '0')}`;
    for (const t of thresholds) if (t.status === 'no-samples') t.reason = `${t.reason ?? 'no samples'} (the run was aborted at ${at})`;
  }
  if (stats.malformedLines > 0) notes.push(`${stats.malformedLines} line(s) of the k6 output could not be parsed and were skipped.`);

  return {
    version: LOAD_REPORT_MODEL_VERSION,
    title: input.title ?? `Load report${profile ? `: ${profile.name}` : ''}`,
    generatedAt: (input.now ?? new Date()).toISOString(),
    target: input.target ?? null,
    profile: profile ? { name: profile.name, description: describeProfile(profile), unit: profile.unit ?? 'iterations/s' } : null,
    verdict,
    verdictReason: reason,
    run: {
      start: Number.isFinite(tl.firstSampleMs) ? new Date(tl.firstSampleMs).toISOString() : null,
      end: Number.isFinite(tl.lastSampleMs) ? new Date(tl.lastSampleMs).toISOString() : null,
      durationSec: round(durationSec),
      bucketSec: tl.widthMs / 1000,
      buckets: tl.bucketCount,
      points: stats.points,
      parsedPoints: stats.parsedPoints,
      bytes: stats.bytes,
    },
    totals: {
      requests,
      failed,
      errorRate: judged > 0 ? failed / judged : 0,
      limited,
      limitedRate: requests > 0 ? limited / requests : 0,
      rps: durationSec > 0 ? round(requests / durationSec) : 0,
      iterations: sum(agg.iterations.values),
      droppedIterations: sum(agg.dropped.values),
      checksPassed,
      checksFailed: checksTotal - checksPassed,
      checksRate: checksTotal > 0 ? checksPassed / checksTotal : null,
      maxVus: agg.maxVus,
      ...k6Latency(summary, 'http_req_duration', agg.allLatency.summary()),
    },
    thresholds,
    routes: agg.routeModels(durationSec).map((r) => withK6Percentiles(r, summary)),
    journeys: journeyModels(agg, durationSec),
    expectedAnswers: [...agg.expectedAnswers].map(([key, count]) => {
      const bar = key.lastIndexOf('|');
      return { route: key.slice(0, bar), status: key.slice(bar + 1), count };
    }).sort((a, b) => a.route.localeCompare(b.route) || a.status.localeCompare(b.status)),
    stops: stops.sort((a, b) => b.count - a.count),
    breakpoint,
    timeline: timelineModel(agg, profile),
    checks: [...agg.checks.values()].sort((a, b) => a.name.localeCompare(b.name)),
    customMetrics: agg.customRows(durationSec),
    failedSamples,
    notes,
  };
}

function timelineModel(agg: LoadAggregator, profile: LoadProfileInput | undefined): TimelineModel {
  const tl = agg.timeline;
  const n = tl.bucketCount;
  const sec = tl.widthMs / 1000;
  const perSec = (s: NumberSeries) => s.padded(n).map((v) => round(v / sec));
  const ratio = (num: NumberSeries, den: NumberSeries) => {
    const d = den.padded(n);
    return num.padded(n).map((v, i) => (d[i] > 0 ? round(v / d[i], 5) : null));
  };
  const t = Array.from({ length: n }, (_, i) => i * sec);
  const curve = profile ? targetCurve(profile) : null;
  const scenarios = [...agg.scenarios].map(([name, s]) => ({ name, iterationsPerSec: perSec(s) }));
  let achieved = perSec(agg.iterations);
  let achievedLabel = 'iterations/s (all scenarios)';
  if (profile?.unit === 'VUs') {
    achieved = agg.vus.padded(n);
    achievedLabel = 'VUs';
  } else if (profile?.scenario) {
    const s = scenarios.find((x) => x.name === profile.scenario);
    if (s) {
      achieved = s.iterationsPerSec;
      achievedLabel = `iterations/s (${s.name})`;
    }
  }
  return {
    t,
    rps: perSec(agg.requests),
    failedPerSec: perSec(agg.failed),
    iterationsPerSec: perSec(agg.iterations),
    droppedPerSec: perSec(agg.dropped),
    vus: agg.vus.padded(n),
    errorRate: ratio(agg.failed, agg.judged),
    limitedRate: ratio(agg.limited, agg.requests),
    checksRate: ratio(agg.checksPassed, agg.checksTotal),
    target: curve ? t.map((x) => {
      const v = curve(x + sec / 2);
      return v === null ? null : round(v);
    }) : null,
    achieved,
    achievedLabel,
    scenarios,
    counters: [...agg.custom.values()]
      .filter((m) => m.series && m.seen)
      .map((m) => ({ name: m.name, perSec: perSec(m.series!) })),
  };
}

function decideVerdict(summary: K6Summary | null, thresholds: ThresholdRow[]): { verdict: Verdict; reason: string } {
  if (!summary) return { verdict: 'unknown', reason: 'No k6 summary was given, so thresholds are unknown.' };
  if (thresholds.length === 0) return { verdict: 'unknown', reason: 'The run defined no thresholds.' };
  const crossed = thresholds.filter((t) => t.status === 'fail');
  const empty = thresholds.filter((t) => t.status === 'no-samples');
  if (crossed.length === 0 && empty.length === 0) return { verdict: 'pass', reason: `All ${thresholds.length} thresholds held.` };
  const parts: string[] = [];
  if (crossed.length > 0) parts.push(`${crossed.length} of ${thresholds.length} thresholds crossed: ${crossed.map((t) => `${t.metric} ${t.expression}`).join('; ')}`);
  if (empty.length > 0) {
    const metrics = [...new Set(empty.map((t) => t.metric))];
    parts.push(`plan failure: ${empty.length} threshold(s) had no samples, so they judged nothing (${metrics.join(', ')})`);
  }
  return { verdict: 'fail', reason: parts.join('. ') + '.' };
}

/** Why iterations were dropped: the service (every VU of a full pool busy) or a --vus cap. */
function dropReason(agg: LoadAggregator, capped: boolean): string {
  const by = [...agg.droppedByScenario].filter(([, n]) => n > 0).map(([s, n]) => `${s} ${n}`).join(', ');
  return capped
    ? `dropped (${by}) with the VU pools capped by --vus below what the rate needs: these drops measure the cap, not the service`
    : `dropped (${by}): every pre-allocated VU of the scenario was busy (k6 never adds VUs mid-run here), so journeys ran longer than their service levels allow`;
}

/** k6's own percentiles of a trend, from its summary, when it computed them; else ours (HDR). */
function k6Latency(summary: K6Summary | null, metric: string, hdr: LatencySummary): { latency: LatencySummary; latencySource: 'k6' | 'hdr' } {
  const v = summary?.values[metric];
  // k6 lists only its summaryTrendStats (p(99) is not among its defaults): a missing one stays HDR
  if (!v || v.med === undefined || v['p(95)'] === undefined || !(hdr.count > 0)) return { latency: hdr, latencySource: 'hdr' };
  const r = (x: number | undefined, fallback: number | null) => (x === undefined ? fallback : round(x));
  return {
    latencySource: 'k6',
    latency: {
      count: v.count ?? hdr.count,
      min: r(v.min, hdr.min),
      mean: r(v.avg, hdr.mean),
      p50: r(v.med, hdr.p50),
      p90: r(v['p(90)'], hdr.p90),
      p95: r(v['p(95)'], hdr.p95),
      p99: r(v['p(99)'], hdr.p99),
      max: r(v.max, hdr.max),
    },
  };
}

function withK6Percentiles(route: RouteModel, summary: K6Summary | null): RouteModel {
  return { ...route, ...k6Latency(summary, `http_req_duration{name:${route.name}}`, route.latency) };
}

function journeyModels(agg: LoadAggregator, runSec: number): JourneyModel[] {
  const n = agg.timeline.bucketCount;
  return [...agg.journeys.values()]
    .filter((j) => agg.scenarios.has(j.name))
    .sort((a, b) => a.name.localeCompare(b.name))
    .map((j) => {
      const iterations = sum(agg.scenarios.get(j.name)!.values);
      return {
        name: j.name,
        iterations,
        rate: runSec > 0 ? round(iterations / runSec) : 0,
        dropped: agg.droppedByScenario.get(j.name) ?? 0,
        latency: j.latency.summary(),
        windows: j.windows(n),
      };
    });
}

/** Fills a missing observed value for latency percentiles from our own histograms (k6's summary
 * only lists the `summaryTrendStats`, which leave out p(99) by default). */
function withObserved(row: ThresholdRow, agg: LoadAggregator): ThresholdRow {
  if (row.observed !== null) return row;
  const m = /^http_req_duration(?:\{name:(.+)\})?$/.exec(row.metric);
  const p = /^p\(([\d.]+)\)$/.exec(thresholdAggregation(row.expression) ?? '');
  if (!m || !p) return row;
  const latency = m[1] === undefined ? agg.allLatency : agg.routes.get(m[1])?.latency;
  const v = latency?.percentile(Number(p[1])) ?? null;
  return { ...row, observed: v === null ? null : round(v), observedSource: v === null ? null : 'hdr' };
}

function sum(values: number[]): number {
  let s = 0;
  for (const v of values) s += v;
  return s;
}
