// Bench subject: the real browse journey (load/journeys/browse.ts: checks, groups, tags, metrics)
// with no think time, on the same executor and offered load as bench/k6/bare-browse.js.
import { browse } from '../../load/journeys/browse.ts';

const RATE = Number(__ENV.BENCH_RATE || 400);

export const options = {
  scenarios: {
    browse: {
      executor: 'constant-arrival-rate',
      rate: RATE,
      timeUnit: '1s',
      duration: __ENV.BENCH_DURATION || '20s',
      preAllocatedVUs: Number(__ENV.BENCH_VUS || 200),
      maxVUs: Number(__ENV.BENCH_VUS || 200),
    },
  },
  summaryTrendStats: ['avg', 'med', 'p(95)', 'p(99)', 'max', 'count'],
};

export default function (): void {
  browse();
}
