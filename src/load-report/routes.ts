// One route group's aggregation (a route group is the requests sharing a k6 `name` tag): counts,
// failures, 429s and latency for the whole run and per time bucket, in bounded memory.

import { LogSketch, newRunHistogram, percentileMs, recordMs } from './histogram.js';
import type { LatencySummary, RouteModel, WindowStats } from './model.js';

/** How many equal time windows a run is cut into for its own spread (load compare). */
export const WINDOWS = 10;
import type { Foldable } from './timeline.js';

interface RouteBucket {
  requests: number;
  failed: number;
  /** http_req_failed samples seen, the denominator of the error rate */
  judged: number;
  limited: number;
  latency: LogSketch | null;
}

export class RouteAggregate implements Foldable {
  requests = 0;
  failed = 0;
  judged = 0;
  limited = 0;
  readonly statuses = new Map<string, number>();
  readonly latency = new LatencyAggregate();
  private buckets: (RouteBucket | undefined)[] = [];

  constructor(readonly name: string) {}

  request(index: number, value: number, status: string | undefined): void {
    const b = this.bucket(index);
    this.requests += value;
    b.requests += value;
    if (status !== undefined) this.statuses.set(status, (this.statuses.get(status) ?? 0) + value);
    if (status === '429') {
      this.limited += value;
      b.limited += value;
    }
  }

  outcome(index: number, failed: boolean): void {
    const b = this.bucket(index);
    this.judged++;
    b.judged++;
    if (failed) {
      this.failed++;
      b.failed++;
    }
  }

  duration(index: number, ms: number): void {
    this.latency.record(ms);
    const b = this.bucket(index);
    if (b.latency === null) b.latency = new LogSketch();
    b.latency.record(ms);
  }

  fold(): void {
    const out: (RouteBucket | undefined)[] = [];
    for (let i = 0; i < this.buckets.length; i += 2) out.push(merge(this.buckets[i], this.buckets[i + 1]));
    this.buckets = out;
  }

  toModel(bucketCount: number, bucketSec: number, runSec: number): RouteModel {
    const rps: number[] = [];
    const errorRate: (number | null)[] = [];
    const limitedRate: (number | null)[] = [];
    const p50: (number | null)[] = [];
    const p95: (number | null)[] = [];
    const p99: (number | null)[] = [];
    for (let i = 0; i < bucketCount; i++) {
      const b = this.buckets[i];
      rps.push(b ? round(b.requests / bucketSec) : 0);
      errorRate.push(b && b.judged > 0 ? round(b.failed / b.judged, 5) : null);
      limitedRate.push(b && b.requests > 0 ? round(b.limited / b.requests, 5) : null);
      const [q50, q95, q99] = b?.latency ? b.latency.percentiles([50, 95, 99]) : [null, null, null];
      p50.push(roundOrNull(q50));
      p95.push(roundOrNull(q95));
      p99.push(roundOrNull(q99));
    }
    return {
      name: this.name,
      requests: this.requests,
      failed: this.failed,
      errorRate: this.judged > 0 ? this.failed / this.judged : 0,
      limited: this.limited,
      limitedRate: this.requests > 0 ? this.limited / this.requests : 0,
      rps: runSec > 0 ? round(this.requests / runSec) : 0,
      statuses: Object.fromEntries([...this.statuses].sort(([a], [b]) => a.localeCompare(b))),
      latency: this.latency.summary(),
      latencySource: 'hdr',
      series: { rps, errorRate, limitedRate, p50, p95, p99 },
      windows: this.windows(bucketCount),
    };
  }

  /** The run cut into WINDOWS equal spans: each span's count, percentiles and error rate. */
  windows(bucketCount: number): WindowStats {
    const out: WindowStats = { count: [], p50: [], p95: [], p99: [], errorRate: [] };
    const per = Math.max(1, Math.ceil(bucketCount / WINDOWS));
    for (let start = 0; start < bucketCount; start += per) {
      const sketch = new LogSketch();
      let failed = 0;
      let judged = 0;
      for (let i = start; i < Math.min(bucketCount, start + per); i++) {
        const b = this.buckets[i];
        if (!b) continue;
        if (b.latency) sketch.merge(b.latency);
        failed += b.failed;
        judged += b.judged;
      }
      const [q50, q95, q99] = sketch.percentiles([50, 95, 99]);
      out.count.push(sketch.total);
      out.p50.push(roundOrNull(q50));
      out.p95.push(roundOrNull(q95));
      out.p99.push(roundOrNull(q99));
      out.errorRate.push(judged > 0 ? round(failed / judged, 5) : null);
    }
    return out;
  }

  /** Bucket i's latency sketch (for replaying thresholds over time), if any request landed in it. */
  sketchAt(i: number): LogSketch | null {
    return this.buckets[i]?.latency ?? null;
  }

  /** Bucket i's failed and judged requests. */
  outcomesAt(i: number): { failed: number; judged: number } {
    const b = this.buckets[i];
    return { failed: b?.failed ?? 0, judged: b?.judged ?? 0 };
  }

  private bucket(index: number): RouteBucket {
    const buckets = this.buckets;
    while (buckets.length <= index) buckets.push(undefined);
    let b = buckets[index];
    if (b === undefined) {
      b = { requests: 0, failed: 0, judged: 0, limited: 0, latency: null };
      buckets[index] = b;
    }
    return b;
  }
}

function merge(a: RouteBucket | undefined, b: RouteBucket | undefined): RouteBucket | undefined {
  if (!a || !b) return a ?? b;
  a.requests += b.requests;
  a.failed += b.failed;
  a.judged += b.judged;
  a.limited += b.limited;
  if (b.latency) {
    if (a.latency) a.latency.merge(b.latency);
    else a.latency = b.latency;
  }
  return a;
}

/** A whole-run latency distribution: HdrHistogram plus exact count, min, max and mean. */
export class LatencyAggregate {
  count = 0;
  private sum = 0;
  private min = Number.POSITIVE_INFINITY;
  private max = Number.NEGATIVE_INFINITY;
  private readonly histogram = newRunHistogram();

  record(ms: number): void {
    this.count++;
    this.sum += ms;
    if (ms < this.min) this.min = ms;
    if (ms > this.max) this.max = ms;
    recordMs(this.histogram, ms);
  }

  /** clamped to the exact min and max: HdrHistogram answers with its bucket's upper edge */
  percentile(p: number): number | null {
    const v = percentileMs(this.histogram, p);
    return v === null ? null : Math.min(Math.max(v, this.min), this.max);
  }

  summary(): LatencySummary {
    const empty = this.count === 0;
    return {
      count: this.count,
      min: empty ? null : round(this.min),
      mean: empty ? null : round(this.sum / this.count),
      p50: roundOrNull(this.percentile(50)),
      p90: roundOrNull(this.percentile(90)),
      p95: roundOrNull(this.percentile(95)),
      p99: roundOrNull(this.percentile(99)),
      max: empty ? null : round(this.max),
    };
  }
}

export function round(n: number, digits = 3): number {
  const f = 10 ** digits;
  return Math.round(n * f) / f;
}

function roundOrNull(n: number | null): number | null {
  return n === null ? null : round(n);
}
