// A bounded, reproducible sample of failed requests: the first `first` failures as they happened,
// then a uniform reservoir (Algorithm R, seeded so two builds of one file agree) over the rest.
// A soak test can fail millions of requests; the report only needs enough to trace a few of them
// in the server's logs by their Correlation-Id.

import type { FailedSample } from './model.js';

export class FailedSampleReservoir {
  total = 0;
  private readonly head: FailedSample[] = [];
  private readonly pool: FailedSample[] = [];
  private state: number;

  constructor(
    private readonly first = 25,
    private readonly reservoir = 75,
    seed = 0x6b36,
  ) {
    this.state = seed >>> 0;
  }

  /** `make` is only called when the sample is kept, so rejected failures cost no allocation. */
  offer(make: () => FailedSample): void {
    this.total++;
    if (this.head.length < this.first) {
      this.head.push(make());
      return;
    }
    const seen = this.total - this.first;
    if (this.pool.length < this.reservoir) {
      this.pool.push(make());
      return;
    }
    const j = Math.floor(this.random() * seen);
    if (j < this.reservoir) this.pool[j] = make();
  }

  samples(): FailedSample[] {
    return [...this.head, ...this.pool].sort((a, b) => a.timeMs - b.timeMs);
  }

  /** mulberry32 */
  private random(): number {
    this.state = (this.state + 0x6d2b79f5) >>> 0;
    let t = this.state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  }
}
