// Time buckets that widen as the run gets longer, so a soak test and a 10-second smoke test both end
// up with at most `maxBuckets` points per series. Buckets start 1 s wide; when a sample falls past
// the last allowed bucket the width doubles and every registered series folds pairs of buckets into
// one. Bucket boundaries stay aligned on the first sample's whole second, so folding is exact.

/** A per-bucket series that can merge bucket 2i and 2i+1 into bucket i. */
export interface Foldable {
  fold(): void;
}

export class Timeline {
  /** epoch ms of bucket 0's start; NaN until the first sample */
  startMs = Number.NaN;
  widthMs: number;
  /** highest bucket index used so far (-1: none) */
  lastIndex = -1;
  firstSampleMs = Number.POSITIVE_INFINITY;
  lastSampleMs = Number.NEGATIVE_INFINITY;
  private readonly series: Foldable[] = [];

  constructor(
    readonly maxBuckets = 600,
    initialWidthMs = 1000,
  ) {
    if (maxBuckets < 2) throw new RangeError('maxBuckets must be at least 2');
    this.widthMs = initialWidthMs;
  }

  register<T extends Foldable>(series: T): T {
    this.series.push(series);
    return series;
  }

  /** The bucket a sample at `timeMs` belongs to; may widen the buckets first. */
  index(timeMs: number): number {
    if (timeMs < this.firstSampleMs) this.firstSampleMs = timeMs;
    if (timeMs > this.lastSampleMs) this.lastSampleMs = timeMs;
    if (Number.isNaN(this.startMs)) this.startMs = Math.floor(timeMs / 1000) * 1000;
    // k6 flushes metrics from several goroutines, so a sample may predate the first line's: it is
    // counted in bucket 0 rather than dropped.
    let i = Math.floor((timeMs - this.startMs) / this.widthMs);
    if (i < 0) i = 0;
    while (i >= this.maxBuckets) {
      this.widen();
      i = Math.floor((timeMs - this.startMs) / this.widthMs);
    }
    if (i > this.lastIndex) this.lastIndex = i;
    return i;
  }

  get bucketCount(): number {
    return this.lastIndex + 1;
  }

  private widen(): void {
    this.widthMs *= 2;
    this.lastIndex = this.lastIndex >> 1;
    for (const s of this.series) s.fold();
  }
}

/** A number per bucket, folded by sum (counts) or max (gauges such as vus). */
export class NumberSeries implements Foldable {
  values: number[] = [];

  constructor(private readonly mode: 'sum' | 'max' = 'sum') {}

  add(index: number, value: number): void {
    const v = this.values;
    while (v.length <= index) v.push(0);
    if (this.mode === 'sum') v[index] += value;
    else if (value > v[index]) v[index] = value;
  }

  fold(): void {
    const v = this.values;
    const out: number[] = [];
    for (let i = 0; i < v.length; i += 2) {
      const a = v[i];
      const b = i + 1 < v.length ? v[i + 1] : 0;
      out.push(this.mode === 'sum' ? a + b : Math.max(a, b));
    }
    this.values = out;
  }

  /** padded to `length` buckets */
  padded(length: number): number[] {
    const out = this.values.slice(0, length);
    while (out.length < length) out.push(0);
    return out;
  }
}
