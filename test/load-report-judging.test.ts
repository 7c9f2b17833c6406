// The report's judgements beyond k6's own: a threshold with no samples is a plan failure with its
// reason (no-samples.ts, summary.ts), and a breakpoint run's first crossing is found by replaying
// the thresholds over the run as k6 evaluates them (crossing.ts), on real k6 output.
import { readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { LoadAggregator } from '../src/load-report/aggregate.js';
import { assembleModel } from '../src/load-report/assemble.js';
import { findBreakpoint } from '../src/load-report/crossing.js';
import { readK6Ndjson } from '../src/load-report/ndjson.js';
import { explainNoSamples, noSamplesReason, routeOf } from '../src/load-report/no-samples.js';
import { targetCurve } from '../src/load-report/profile.js';
import { parseK6Summary } from '../src/load-report/summary.js';

const fixtures = resolve(fileURLToPath(new URL('..', import.meta.url)), '../shared/k6-fixtures');
const routes = [
  { name: 'POST /auth/login', journeys: ['buy'] },
  { name: 'POST /carts', journeys: ['buy'] },
  { name: 'POST /customers/me/addresses', journeys: ['buy'], when: 'only when the customer has no saved address' },
  { name: 'GET /search', journeys: ['search'] },
];

describe('no samples is a failure of the plan, with the reason', () => {
  it('k6 passes a trend threshold on zero samples; the summary reader does not', () => {
    const s = parseK6Summary({
      metrics: {
        'http_req_duration{name:POST /carts}': { avg: 0, min: 0, med: 0, max: 0, 'p(95)': 0, count: 0, thresholds: { 'p(95)<400': false } },
        'http_reqs{name:POST /carts}': { count: 0, rate: 0, thresholds: { 'count>0': true } },
        dropped_iterations: { count: 0, rate: 0, thresholds: { 'count<1': false } },
        http_req_failed: { passes: 0, fails: 0, value: 0, thresholds: { 'rate<0.01': false } },
      },
    });
    const by = Object.fromEntries(s.thresholds.map((t) => [`${t.metric} ${t.expression}`, t.status]));
    expect(by).toEqual({
      'http_req_duration{name:POST /carts} p(95)<400': 'no-samples',
      'http_reqs{name:POST /carts} count>0': 'no-samples',
      'dropped_iterations count<1': 'pass', // a counter at 0 is a measurement, not an absence
      'http_req_failed rate<0.01': 'no-samples',
    });
    expect(s.thresholds.every((t) => t.status === 'pass' || !t.ok)).toBe(true);
  });

  it.each([
    ['http_req_duration{name:POST /carts}', [{ journey: 'buy', step: 'Sign in', why: 'POST /auth/login answered 401', count: 30 }], { buy: 30 },
      'the buy journey stopped before it: at "Sign in" 30× (POST /auth/login answered 401)'],
    ['http_req_duration{name:POST /customers/me/addresses}', [], { buy: 30 },
      'POST /customers/me/addresses is sent only when the customer has no saved address, and that never happened in this run'],
    ['http_reqs{name:GET /search}', [], { search: 0 }, 'no search iteration ran'],
    ['http_req_duration{name:GET /nowhere}', [], {}, 'no request matched this selector during the run'],
  ])('%s', (metric, stops, iterations, reason) => {
    expect(noSamplesReason(metric, routes, stops, new Map(Object.entries(iterations)))).toBe(reason);
  });

  it('finds the route of a selector, braces in the template included', () => {
    expect(routeOf('http_req_duration{name:GET /products/{productId}}')).toBe('GET /products/{productId}');
    expect(routeOf('http_req_failed')).toBeNull();
    const rows = explainNoSamples(
      [{ metric: 'http_reqs{name:POST /carts}', expression: 'count>0', ok: false, status: 'no-samples', observed: 0, observedSource: 'k6', samples: 0 }],
      routes, [], new Map([['buy', 0]]),
    );
    expect(rows[0].reason).toBe('no buy iteration ran');
  });
});

describe('breakpoint: where the service broke', () => {
  it('replays the crossed thresholds over the run and reads the arrival rate at the first crossing', async () => {
    const agg = new LoadAggregator();
    await readK6Ndjson(join(fixtures, 'fail', 'out.ndjson'), agg);
    const summary = parseK6Summary(JSON.parse(readFileSync(join(fixtures, 'fail', 'summary-export.json'), 'utf8')));
    const profile = { name: 'ramp', startRate: 5, stages: [{ target: 30, duration: '4s' }, { target: 30, duration: '4s' }, { target: 0, duration: '2s' }] };
    const curve = targetCurve(profile)!;
    const b = findBreakpoint(summary.thresholds, agg, curve, 10, 10, 0);
    const crossed = summary.thresholds.filter((t) => t.status === 'fail').map((t) => `${t.metric} ${t.expression}`);
    expect(b.firstCrossing).not.toBeNull();
    const c = b.firstCrossing!;
    expect(crossed).toContain(`${c.metric} ${c.expression}`);
    expect(c.targetRate).toBeCloseTo(curve(c.timeSec)!, 1);
    // it did cross there: p(95)<5 for GET /search, or rate<0.01 for failures
    const limit = Number(/[\d.]+$/.exec(c.expression)![0]);
    expect(c.observed).toBeGreaterThanOrEqual(limit);
    expect(b.aborted).toBe(false); // the run lasted as planned
    // a route group's threshold (what aborts a breakpoint run) is replayed over the group's routes
    const group = [{ metric: 'http_req_duration{api:search}', expression: 'p(95)<5', ok: false, status: 'fail' as const, observed: null, observedSource: null, samples: null }];
    const g = findBreakpoint(group, agg, curve, 10, 10, 0, [{ name: 'GET /search', api: 'search', journeys: ['search'] }]);
    expect(g.firstCrossing).toMatchObject({ metric: 'http_req_duration{api:search}' });
    expect(g.firstCrossing!.observed).toBeGreaterThanOrEqual(5);
    expect(findBreakpoint(group, agg, curve, 10, 10, 0, []).firstCrossing).toBeNull(); // no route of the group: nothing to replay
    // with k6's 10 s delayAbortEval, nothing before 10 s counts
    const late = findBreakpoint(summary.thresholds, agg, curve, 10, 10, 10);
    if (late.firstCrossing) expect(late.firstCrossing.timeSec).toBeGreaterThanOrEqual(10);
  });
});

describe('dropped iterations: the service, or a --vus cap', () => {
  const run = (poolsCapped: boolean) => {
    const agg = new LoadAggregator();
    const t0 = Date.parse('2026-11-28T10:00:00Z');
    agg.declare({ name: 'dropped_iterations', type: 'counter' });
    for (let i = 0; i < 3; i++) agg.point('dropped_iterations', t0 + i * 1000, 1, { scenario: 'buy' });
    agg.point('dropped_iterations', t0 + 500, 1, { scenario: 'browse' });
    const summary = parseK6Summary({ metrics: { dropped_iterations: { count: 4, rate: 1, thresholds: { 'count<1': true } } } });
    const stats = { bytes: 0, lines: 0, points: 4, parsedPoints: 4, malformedLines: 0 };
    return assembleModel({ aggregate: agg, stats, summary, poolsCapped }).thresholds[0];
  };

  it('full pools: every VU was busy, so journeys ran longer than the service levels allow', () => {
    expect(run(false)).toMatchObject({ status: 'fail', reason: expect.stringMatching(/^dropped \(buy 3, browse 1\): every pre-allocated VU of the scenario was busy/) });
  });

  it('pools capped by --vus: the drops measure the cap', () => {
    expect(run(true).reason).toMatch(/capped by --vus below what the rate needs: these drops measure the cap, not the service/);
  });
});
