// Latency distributions, in two precisions.
//
// A route's whole-run distribution is an HdrHistogram (hdr-histogram-js, pure-JS build: its
// WebAssembly build needs an async init and gains nothing at our recording rates) with 3
// significant digits (0.1 % error) in a 32-bit array, ~95 KB each, at most `maxRoutes` of them.
// Values arrive in ms as floats and are recorded in µs.
//
// Per time bucket there are up to routes × 600 distributions, and the report only draws them as
// chart lines, so they use LogSketch: log-spaced bins with 1 % relative error (as in DDSketch), in a
// dense window of bins that grows to cover only the values seen (typically a few hundred bytes,
// at most ~4.4 KB from 1 µs to 1 h). Measured on the 2M-sample bench, HdrHistogram's packed
// (sparse) layout cost 60 % of the run time in percentile queries; its dense layout would cost
// ~18 KB per bucket.

import { build, type Histogram } from 'hdr-histogram-js';

const ONE_HOUR_US = 3_600_000_000;

export function newRunHistogram(): Histogram {
  return build({
    bitBucketSize: 32,
    numberOfSignificantValueDigits: 3,
    lowestDiscernibleValue: 1,
    highestTrackableValue: ONE_HOUR_US,
    autoResize: true,
    useWebAssembly: false,
  });
}

export function recordMs(h: Histogram, ms: number): void {
  h.recordValue(ms > 0 ? Math.round(ms * 1000) : 0);
}

/** nearest-rank percentile in ms (HdrHistogram's definition), or null for an empty histogram */
export function percentileMs(h: Histogram, p: number): number | null {
  if (h.totalCount === 0) return null;
  return h.getValueAtPercentile(p) / 1000;
}

const GAMMA = 1.02;
const LOG_GAMMA = Math.log(GAMMA);
/** values at or below 1 µs share bin 0 */
const MIN_MS = 0.001;
const SLACK = 8;

export class LogSketch {
  total = 0;
  private offset = 0;
  private counts: Uint32Array | null = null;

  record(ms: number): void {
    this.add(binOf(ms), 1);
  }

  merge(other: LogSketch): void {
    if (!other.counts) return;
    for (let i = 0; i < other.counts.length; i++) if (other.counts[i] > 0) this.add(other.offset + i, other.counts[i]);
  }

  /** nearest-rank percentiles (ps ascending) in one pass; each within 1 % of the true value */
  percentiles(ps: number[]): (number | null)[] {
    const counts = this.counts;
    if (!counts || this.total === 0) return ps.map(() => null);
    const out: (number | null)[] = [];
    let seen = 0;
    let k = 0;
    for (let i = 0; i < counts.length && k < ps.length; i++) {
      seen += counts[i];
      while (k < ps.length && seen >= Math.max(1, Math.ceil((ps[k] / 100) * this.total))) {
        out.push(valueOf(this.offset + i));
        k++;
      }
    }
    while (out.length < ps.length) out.push(valueOf(this.offset + counts.length - 1));
    return out;
  }

  private add(bin: number, n: number): void {
    let counts = this.counts;
    if (!counts) {
      this.offset = Math.max(0, bin - SLACK);
      counts = this.counts = new Uint32Array(2 * SLACK);
    }
    const end = this.offset + counts.length;
    if (bin < this.offset || bin >= end) {
      const lo = bin < this.offset ? Math.max(0, bin - SLACK) : this.offset;
      const hi = bin >= end ? bin + 1 + SLACK + (counts.length >> 1) : end;
      const grown = new Uint32Array(hi - lo);
      grown.set(counts, this.offset - lo);
      this.offset = lo;
      counts = this.counts = grown;
    }
    counts[bin - this.offset] += n;
    this.total += n;
  }
}

function binOf(ms: number): number {
  return ms <= MIN_MS ? 0 : Math.ceil(Math.log(ms / MIN_MS) / LOG_GAMMA);
}

/** the bin's value that is within (γ-1)/(γ+1) of everything in the bin */
function valueOf(bin: number): number {
  return bin === 0 ? MIN_MS : (MIN_MS * 2 * GAMMA ** bin) / (GAMMA + 1);
}
