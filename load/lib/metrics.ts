// The scripts' own metrics, declared once from load/metrics.json: the threshold validation knows
// exactly these (load/lib/thresholds.ts), so a threshold on a metric no script emits is rejected.
// No other file creates a k6 metric (test/load-profiles.test.ts checks).

import { Counter, Gauge, Rate, Trend } from 'k6/metrics';
import { METRICS } from '../config.ts';

type Metric = Counter | Gauge | Rate | Trend;

const made: Record<string, Metric> = {};
for (const name of Object.keys(METRICS.metrics)) {
  const type = METRICS.metrics[name].type;
  made[name] = type === 'counter' ? new Counter(name) : type === 'rate' ? new Rate(name) : type === 'gauge' ? new Gauge(name) : new Trend(name);
}

/** The declared metric of that name; a name load/metrics.json lacks is a bug in the scripts. */
export function metric(name: string): Metric {
  const m = made[name];
  if (!m) throw new Error(`metric '${name}' is not declared in load/metrics.json`);
  return m;
}
