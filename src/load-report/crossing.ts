// Where a breakpoint run broke: k6 evaluates thresholds over everything measured so far (every
// ~2 s, aborting when an abortOnFail one crosses after its delayAbortEval), so the first crossing
// is found by replaying each crossed service threshold (per route, per route group, failures,
// checks) over the timeline's buckets cumulatively, the way k6 did, from the same delay on, and
// reading the profile's arrival rate at that moment. Latency percentiles come from the
// per-bucket sketches (1 % error), rates from the bucket counts.

import type { LoadAggregator } from './aggregate.js';
import { LogSketch } from './histogram.js';
import type { BreakpointModel, RouteInfo, ThresholdRow } from './model.js';
import { thresholdAggregation } from './summary.js';

type Compare = (a: number, b: number) => boolean;
const OPS: Record<string, Compare> = {
  '<': (a, b) => a < b,
  '<=': (a, b) => a <= b,
  '>': (a, b) => a > b,
  '>=': (a, b) => a >= b,
  '==': (a, b) => a === b,
  '===': (a, b) => a === b,
  '!=': (a, b) => a !== b,
};

/** The cumulative value of one service threshold after each bucket, or null where unknown. */
function replay(row: ThresholdRow, agg: LoadAggregator, buckets: number, info: RouteInfo[]): (number | null)[] | null {
  const agg_ = thresholdAggregation(row.expression);
  const latency = /^http_req_duration(?:\{(name|api):(.+)\})?$/.exec(row.metric);
  const out: (number | null)[] = [];
  if (latency && agg_) {
    const p = /^p\(([\d.]+)\)$/.exec(agg_);
    if (!p) return null;
    const names = latency[1] === undefined ? [...agg.routes.keys()] : latency[1] === 'name' ? [latency[2]] : info.filter((r) => r.api === latency[2]).map((r) => r.name);
    const routes = names.map((n) => agg.routes.get(n)).filter((r) => r !== undefined);
    const running = new LogSketch();
    for (let i = 0; i < buckets; i++) {
      for (const r of routes) {
        const s = r!.sketchAt(i);
        if (s) running.merge(s);
      }
      out.push(running.total > 0 ? running.percentiles([Number(p[1])])[0] : null);
    }
    return out;
  }
  const ratio = (num: number[], den: number[]) => {
    let n = 0;
    let d = 0;
    for (let i = 0; i < buckets; i++) {
      n += num[i] ?? 0;
      d += den[i] ?? 0;
      out.push(d > 0 ? n / d : null);
    }
    return out;
  };
  if (row.metric === 'http_req_failed' && agg_ === 'rate') return ratio(agg.failed.values, agg.judged.values);
  if (row.metric === 'checks' && agg_ === 'rate') return ratio(agg.checksPassed.values, agg.checksTotal.values);
  return null;
}

export function findBreakpoint(
  thresholds: ThresholdRow[],
  agg: LoadAggregator,
  target: ((tSec: number) => number | null) | null,
  runSec: number,
  plannedSec: number | null,
  delaySec = 10,
  info: RouteInfo[] = [],
): BreakpointModel {
  const tl = agg.timeline;
  const n = tl.bucketCount;
  const sec = tl.widthMs / 1000;
  const iterations = agg.iterations.padded(n);
  let first: BreakpointModel['firstCrossing'] = null;
  const crossed = thresholds.filter((t) => t.status === 'fail' && /^(http_req_duration|http_req_failed|checks)(\{|$)/.test(t.metric));
  // the ones that abort a breakpoint run (load/lib/thresholds.ts) name the break; per-route ones only without them
  const aborting = crossed.filter((t) => /^(http_req_failed|checks|http_req_duration\{api:[^,}]+\})$/.test(t.metric));
  for (const row of aborting.length > 0 ? aborting : crossed) {
    const values = replay(row, agg, n, info);
    const m = /(<=|>=|===|==|!=|<|>)\s*(-?[\d.]+)\s*$/.exec(row.expression);
    if (!values || !m) continue;
    for (let i = 0; i < n; i++) {
      const t = (i + 1) * sec; // the bucket's end: when k6 could have seen it
      const v = values[i];
      if (t < delaySec || v === null || OPS[m[1]](v, Number(m[2]))) continue;
      if (!first || t < first.timeSec) {
        first = {
          timeSec: t,
          metric: row.metric,
          expression: row.expression,
          observed: Math.round(v * 1000) / 1000,
          targetRate: target ? roundOrNull(target(t)) : null,
          achievedRate: Math.round((iterations[i] / sec) * 100) / 100,
        };
      }
      break;
    }
  }
  return {
    aborted: plannedSec !== null && runSec < plannedSec - 5,
    endSec: runSec,
    endTarget: target ? roundOrNull(target(runSec)) : null,
    firstCrossing: first,
  };
}

function roundOrNull(v: number | null): number | null {
  return v === null ? null : Math.round(v * 100) / 100;
}
