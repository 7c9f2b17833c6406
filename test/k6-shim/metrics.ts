// Test shim for `k6/metrics`: every add() is recorded with its metric name and tags.
import { groupPath, shimState } from './state.js';

class Metric {
  constructor(
    readonly name: string,
    readonly isTime = false,
  ) {}
  add(value: number | boolean, tags: Record<string, string> = {}): void {
    shimState().samples.push({ metric: this.name, value: Number(value), tags: { group: groupPath(), ...tags } });
  }
}
export class Counter extends Metric {}
export class Gauge extends Metric {}
export class Rate extends Metric {}
export class Trend extends Metric {}
export default { Counter, Gauge, Rate, Trend };
