// Profiles as data → k6 options (load/lib/options.ts, the code k6 itself runs), and the threshold
// validator that makes a threshold naming a route, tag or metric no request carries an error
// before the run, instead of a silent pass.
import { describe, expect, it } from 'vitest';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { loadDir, readCatalogue, scriptFiles } from '../src/load/catalogue.js';
import { describeSizing, planLoad, parseThresholdFlags, parseMixFlag } from '../src/load/plan.js';
import {
  abortDelaySeconds,
  buildOptions,
  planOptions,
  parseDuration,
  parseThresholdKey,
  profileDurationMs,
  resolveProfile,
  validateThresholds,
  type ConstantScenario,
  type RampingScenario,
} from '../load/lib/options.js';
import { UsageError } from '../src/errors.js';

const catalogue = readCatalogue();
const { profiles, routes, metrics, slo } = catalogue;

describe('profile catalogue', () => {
  it('holds the k6 test types, each on an open-model arrival-rate executor', () => {
    expect(Object.keys(profiles.profiles).sort()).toEqual(['average', 'breakpoint', 'smoke', 'soak', 'spike', 'stress']);
    for (const p of Object.values(profiles.profiles)) {
      expect(['constant-arrival-rate', 'ramping-arrival-rate']).toContain(p.executor);
    }
    expect(profiles.mix).toEqual({ browse: 60, search: 30, buy: 10 });
    // the shapes relate as the test types say they should
    const peak = (n: string) => profiles.profiles[n].rate;
    expect(peak('smoke')).toBeLessThan(peak('average'));
    expect(peak('stress')).toBeGreaterThan(peak('average'));
    expect(peak('spike')).toBeGreaterThan(peak('stress'));
    expect(profileDurationMs(profiles.profiles.soak)).toBeGreaterThanOrEqual(3 * 3600_000);
    expect(profiles.profiles.breakpoint.abortOnFail).toBe(true);
  });
});

describe('profile → k6 options', () => {
  it('smoke: one constant-arrival-rate scenario per journey, the rate split 60/30/10 per minute', () => {
    const o = buildOptions(catalogue, 'smoke');
    expect(Object.keys(o.scenarios)).toEqual(['browse', 'search', 'buy']);
    const browse = o.scenarios.browse as ConstantScenario;
    expect(browse).toMatchObject({ executor: 'constant-arrival-rate', exec: 'browse', rate: 36, timeUnit: '1m', duration: '1m', tags: { journey: 'browse' } });
    expect((o.scenarios.search as ConstantScenario).rate).toBe(18);
    expect((o.scenarios.buy as ConstantScenario).rate).toBe(6);
    expect(o.summaryTrendStats).toContain('p(99)');
  });

  it('average: ramping-arrival-rate with the stages scaled by each journey\'s share', () => {
    const o = buildOptions(catalogue, 'average');
    const browse = o.scenarios.browse as RampingScenario;
    expect(browse.executor).toBe('ramping-arrival-rate');
    expect(browse.timeUnit).toBe('1s');
    expect(browse.stages).toEqual([
      { duration: '2m', target: 6 },
      { duration: '10m', target: 6 },
      { duration: '1m', target: 0 },
    ]);
    expect((o.scenarios.buy as RampingScenario).stages[1].target).toBe(1);
  });

  it('thresholds come from slo.json: failure rate, checks, p95/p99 per route, dropped_iterations', () => {
    const o = buildOptions(catalogue, 'average');
    expect(o.thresholds.http_req_failed).toEqual(['rate<0.01']);
    expect(o.thresholds.checks).toEqual(['rate>0.99']);
    expect(o.thresholds['http_req_duration{name:GET /products/{productId}}']).toEqual(['p(95)<300', 'p(99)<800']);
    expect(o.thresholds['http_req_duration{name:POST /checkout}']).toEqual(['p(95)<800', 'p(99)<2000']);
    expect(o.thresholds.dropped_iterations).toEqual(['count<1']);
    // every route a journey always sends has a latency threshold, and a sample-presence one beside it
    for (const r of Object.values(routes.routes).filter((x) => !x.when)) {
      expect(o.thresholds[`http_req_duration{name:${r.name}}`]).toBeDefined();
      expect(o.thresholds[`http_reqs{name:${r.name}}`]).toEqual(['count>0']);
    }
    // a route sent only on a condition (no saved address) gets none: with no samples it could not be judged
    expect(o.thresholds['http_req_duration{name:POST /customers/me/addresses}']).toBeUndefined();
    expect(o.thresholds['http_reqs{name:POST /customers/me/addresses}']).toBeUndefined();
  });

  it('a latency threshold set on a conditional route still gets its sample-presence threshold', () => {
    const o = buildOptions(catalogue, 'smoke', { thresholds: { 'http_req_duration{name:POST /customers/me/addresses}': ['p(95)<100'] } });
    expect(o.thresholds['http_reqs{name:POST /customers/me/addresses}']).toEqual(['count>0']);
  });

  it('sizes each pool from rate × expected journey duration × headroom, pre-allocated in full', () => {
    const plan = planOptions(catalogue, 'average');
    const { journeys } = catalogue;
    for (const s of plan.sizing) {
      const scenario = plan.options.scenarios[s.journey];
      expect(scenario.preAllocatedVUs).toBe(scenario.maxVUs); // k6 never allocates mid-run, so never drops for it
      expect(scenario.preAllocatedVUs).toBe(Math.ceil(s.peakRate * s.expectedSec * journeys.headroom) + 1);
    }
    const buy = plan.sizing.find((s) => s.journey === 'buy')!;
    // buy at 1/s: 4 think seconds + 12 requests at their p99 budgets (slo.json) = 18.4 s
    expect(buy).toMatchObject({ peakRate: 1, expectedSec: 18.4, needed: 29, vus: 29 });
    // no think time: the pools shrink to the requests' budgets
    const fast = planOptions(catalogue, 'average', { thinkTime: 0 }).sizing.find((s) => s.journey === 'buy')!;
    expect(fast.expectedSec).toBeCloseTo(14.4, 5);
  });

  it('--vus caps the total, split by need, and the plan says the drops then measure the cap', () => {
    const plan = planLoad(catalogue, 'average', { vus: 20 });
    expect(plan.sizing.reduce((n, s) => n + s.vus, 0)).toBeLessThanOrEqual(20);
    expect(describeSizing(plan).at(-1)).toMatch(/--vus 20 is below the \d+ VUs the rate needs: dropped iterations then measure the cap/);
  });

  it('breakpoint: failures, checks and each route group\'s p95 abort the run, once 100 journeys have arrived; nothing else aborts', () => {
    const o = buildOptions(catalogue, 'breakpoint');
    const aborting = Object.entries(o.thresholds).filter(([, specs]) => specs.some((x) => typeof x !== 'string')).map(([k]) => k).sort();
    expect(aborting).toEqual(['checks', 'http_req_failed', ...Object.keys(slo.latency).filter((g) => g !== 'health').map((g) => `http_req_duration{api:${g}}`)].sort());
    for (const k of aborting) for (const spec of o.thresholds[k]) expect(spec).toMatchObject({ abortOnFail: true, delayAbortEval: '30s' });
    expect(o.thresholds['http_req_duration{api:search}']).toEqual([{ threshold: 'p(95)<400', abortOnFail: true, delayAbortEval: '30s' }]);
    // one route's p95 over its first few samples is one outlier away from crossing: judged at the end only
    expect(o.thresholds['http_req_duration{name:GET /search}']).toEqual(['p(95)<400', 'p(99)<1000']);
    // a sample-presence threshold is false at the start of every run: aborting on it would end the run at once
    expect(o.thresholds['http_reqs{name:GET /search}']).toEqual(['count>0']);
    expect(o.thresholds.dropped_iterations).toEqual(['count<1']);
    expect(validateThresholds(o.thresholds, { routes, metrics, journeys: ['setup', 'browse', 'search', 'buy'] })).toEqual([]);
  });

  it('the abort delay is when 100 journeys have arrived on the ramp, at least 10 s', () => {
    // 1 → 200/s over 20 min: t + 199·t²/2400 = 100 at t ≈ 29.2 s
    expect(abortDelaySeconds(profiles.profiles.breakpoint)).toBe(30);
    // --rate 20 --duration 1m: 0.1 → 20/s over 60 s: 100 journeys at ≈ 24.3 s
    expect(abortDelaySeconds(resolveProfile(profiles, 'breakpoint', { rate: 20, duration: '1m' }))).toBe(25);
    expect(abortDelaySeconds(resolveProfile(profiles, 'smoke', { rate: 50 }))).toBe(10);
  });

  it('--rate rescales every target, --duration stretches the stages, --vus caps maxVUs', () => {
    const p = resolveProfile(profiles, 'spike', { rate: 30, duration: '10m', vus: 40 });
    expect(p.rate).toBe(30);
    expect(Math.max(...p.stages!.map((s) => s.target))).toBe(30);
    expect(p.startRate).toBe(0.5);
    expect(profileDurationMs(p)).toBe(600_000);
    expect(p.maxVUs).toBe(40);
    const smoke = resolveProfile(profiles, 'smoke', { duration: '90s' });
    expect(smoke.duration).toBe('1m30s');
  });

  it('--mix drops journeys with weight 0, and their routes\' thresholds with them', () => {
    const o = buildOptions(catalogue, 'smoke', { mix: { browse: 1, search: 1, buy: 0 } });
    expect(Object.keys(o.scenarios)).toEqual(['browse', 'search']);
    expect(o.thresholds['http_req_duration{name:POST /checkout}']).toBeUndefined();
    expect(o.thresholds['http_req_duration{name:GET /search}']).toBeDefined();
  });

  it('threshold overrides replace a key, and an empty list removes it', () => {
    const o = buildOptions(catalogue, 'smoke', {
      thresholds: { 'http_req_duration{name:GET /search}': ['p(95)<50'], checks: [] },
    });
    expect(o.thresholds['http_req_duration{name:GET /search}']).toEqual(['p(95)<50']);
    expect(o.thresholds.checks).toBeUndefined();
  });

  it('parses k6 durations', () => {
    expect(parseDuration('1h30m')).toBe(5_400_000);
    expect(parseDuration('500ms')).toBe(500);
    expect(parseDuration('ten minutes')).toBeNull();
  });
});

describe('threshold validation (before the run)', () => {
  const ctx = { routes, metrics, journeys: ['setup', 'browse', 'search', 'buy'] };
  const problems = (key: string, expr = 'p(95)<100') => validateThresholds({ [key]: [expr] }, ctx);

  it('accepts every threshold the SLOs produce', () => {
    for (const name of Object.keys(profiles.profiles)) {
      const o = buildOptions(catalogue, name);
      expect(validateThresholds(o.thresholds, ctx)).toEqual([]);
    }
  });

  it('parses selectors the way k6 does, route templates with braces included', () => {
    expect(parseThresholdKey('http_req_duration{name:GET /products/{productId}}')).toEqual({
      metric: 'http_req_duration',
      tags: { name: 'GET /products/{productId}' },
    });
    expect(parseThresholdKey('http_req_duration{name:GET /x')).toMatch(/not a metric selector/);
  });

  it.each([
    ['http_req_duration{name:GET /wishlist}', /no request carries the name tag 'GET \/wishlist'/],
    ['http_req_duration{name:GET /products/{id}}', /no request carries the name tag/],
    ['http_req_duration{route:GET /products}', /the scripts set no 'route' tag/],
    ['http_req_duration{api:payments}', /no request carries the api tag 'payments'/],
    ['http_req_duration{scenario:checkout}', /no scenario 'checkout'/],
    ['http_req_latency', /no metric 'http_req_latency'/],
    ['iteration_duration{name:GET /search}', /carry no route name tag/],
    // no script emits it: the metrics are exactly k6's and load/metrics.json's
    ['journey_duration', /no metric 'journey_duration' is produced by the scripts/],
    ['journey_stopped{name:GET /search}', /journey_stopped samples carry no route name tag/],
  ])('rejects %s', (key, message) => {
    expect(problems(key).join('\n')).toMatch(message);
  });

  it('knows the scripts\' own metrics from their declarations, and nothing declares a metric elsewhere', () => {
    expect(problems('failed_requests{status:500}', 'count<1')).toEqual([]);
    expect(problems('journey_stopped{journey:buy}', 'count<1')).toEqual([]);
    const declaring: string[] = [];
    for (const file of scriptFiles().filter((f) => f.endsWith('.ts'))) {
      const source = readFileSync(join(loadDir(), file), 'utf8');
      if (/new (Counter|Trend|Rate|Gauge)\(/.test(source)) declaring.push(file);
    }
    expect(declaring).toEqual(['lib/metrics.ts']);
    for (const name of Object.keys(metrics.metrics)) {
      const used = scriptFiles().some((f) => f.endsWith('.ts') && readFileSync(join(loadDir(), f), 'utf8').includes(`metric('${name}')`));
      expect(used, `${name} is declared and used`).toBe(true);
    }
  });

  it('rejects an expression that does not fit the metric', () => {
    expect(problems('http_req_failed', 'p(95)<100')[0]).toMatch(/rate metric, 'p\(95\)' does not apply/);
    expect(problems('http_req_failed', 'rate less than 1%')[0]).toMatch(/not a threshold expression/);
  });

  it('rejects a route only a journey left out of the mix requests', () => {
    const out = validateThresholds({ 'http_req_duration{name:POST /checkout}': ['p(95)<100'] }, { routes, metrics, journeys: ['setup', 'browse'] });
    expect(out[0]).toMatch(/only requested by buy, which has no weight in this mix/);
  });

  it('planLoad turns problems into one usage error (exit 2) listing them all', () => {
    const run = () =>
      planLoad(catalogue, 'smoke', {
        thresholds: { 'http_req_duration{name:GET /wishlist}': ['p(95)<100'], 'http_req_duration{tier:gold}': ['p(95)<1'] },
      });
    expect(run).toThrow(UsageError);
    expect(run).toThrow(/2 thresholds would never be evaluated, so nothing was run/);
  });

  it('reads --threshold and --mix flags', () => {
    expect(parseThresholdFlags(['http_req_duration{name:GET /search}=p(95)<300', 'http_req_duration{name:GET /search}=p(99)<900', 'checks=none'])).toEqual({
      'http_req_duration{name:GET /search}': ['p(95)<300', 'p(99)<900'],
      checks: [],
    });
    expect(parseMixFlag('browse=70,search=30,buy=0')).toEqual({ browse: 70, search: 30, buy: 0 });
    expect(() => parseMixFlag('browse:70')).toThrow(/journey=weight/);
  });
});
