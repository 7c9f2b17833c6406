// The load report builder on real k6 v1.3 output (../shared/k6-fixtures: one run with thresholds
// crossed, one passing), checked against numbers computed here independently from the raw file,
// plus the streaming pieces (time parsing, bucket widening, correlation ids) on small inputs.

import { existsSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { gzipSync } from 'node:zlib';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { LoadAggregator } from '../src/load-report/aggregate.js';
import { LogSketch } from '../src/load-report/histogram.js';
import { buildLoadReport, type LoadReportModel } from '../src/load-report/index.js';
import { K6TimeParser } from '../src/load-report/ndjson.js';
import { parseK6Duration, targetCurve } from '../src/load-report/profile.js';
import { scriptSafeJson as jsonForScript } from '../src/report/html.js';

const repoRoot = fileURLToPath(new URL('..', import.meta.url));
const fixtures = resolve(repoRoot, '../shared/k6-fixtures');
const haveFixtures = existsSync(join(fixtures, 'fail', 'out.ndjson')) && existsSync(join(fixtures, 'pass', 'out.ndjson'));
const fixtureTitle = haveFixtures ? 'load report on real k6 output' : `load report on real k6 output (SKIPPED: k6 fixtures not found at ${fixtures})`;

interface RawPoint { metric: string; type: string; data: { time: string; value: number; tags: Record<string, string> } }

function rawPoints(run: string): RawPoint[] {
  return readFileSync(join(fixtures, run, 'out.ndjson'), 'utf8').split('\n').filter(Boolean)
    .map((l) => JSON.parse(l) as RawPoint).filter((e) => e.type === 'Point');
}

function countBy<T>(items: T[], key: (t: T) => string): Record<string, number> {
  const out: Record<string, number> = {};
  for (const i of items) out[key(i)] = (out[key(i)] ?? 0) + 1;
  return out;
}

/** nearest rank, HdrHistogram's definition */
function exactPercentile(sorted: number[], p: number): number {
  return sorted[Math.max(1, Math.ceil((p / 100) * sorted.length)) - 1];
}

/** k6's own definition: linear interpolation between the two nearest ranks */
function k6Percentile(sorted: number[], p: number): number {
  const i = (p / 100) * (sorted.length - 1);
  const lo = Math.floor(i);
  return lo + 1 >= sorted.length ? sorted[lo] : sorted[lo] + (sorted[lo + 1] - sorted[lo]) * (i - lo);
}

function summaryOf(run: 'pass' | 'fail'): Record<string, Record<string, number>> {
  return JSON.parse(readFileSync(join(fixtures, run, 'summary-export.json'), 'utf8')).metrics;
}

async function build(run: 'pass' | 'fail', summary: 'export' | 'handle' = 'export'): Promise<LoadReportModel> {
  const dir = mkdtempSync(join(tmpdir(), 'load-report-'));
  const summaryPaths = summary === 'export'
    ? { summaryExportPath: join(fixtures, run, 'summary-export.json') }
    : { handleSummaryPath: join(fixtures, run, 'handle-summary-data.json') };
  const { model } = await buildLoadReport({ ndjsonPath: join(fixtures, run, 'out.ndjson'), ...summaryPaths, outFile: join(dir, 'load-report.html') });
  return model;
}

describe.skipIf(!haveFixtures)(fixtureTitle, () => {
  const crossed = (m: LoadReportModel) => m.thresholds.filter((t) => !t.ok).map((t) => `${t.metric} ${t.expression}`);

  it.each(['export', 'handle'] as const)('fail run (%s summary): the two crossed thresholds fail, the rest hold', async (format) => {
    const model = await build('fail', format);
    expect(crossed(model).sort()).toEqual(['http_req_duration{name:GET /search} p(95)<5', 'http_req_failed rate<0.01']);
    expect(model.thresholds).toHaveLength(6);
    expect(model.verdict).toBe('fail');
    const search = model.thresholds.find((t) => t.metric === 'http_req_duration{name:GET /search}');
    expect(search?.observed).toBeCloseTo(17.33262, 4);
  });

  it.each(['export', 'handle'] as const)('pass run (%s summary): every threshold holds', async (format) => {
    const model = await build('pass', format);
    expect(model.thresholds.length).toBeGreaterThan(0);
    expect(crossed(model)).toEqual([]);
    expect(model.verdict).toBe('pass');
  });

  it.each(['fail', 'pass'] as const)('%s run: per-route counts, failures and 429s equal the raw samples', async (run) => {
    const model = await build(run);
    const points = rawPoints(run);
    const reqs = points.filter((p) => p.metric === 'http_reqs');
    const routes = Object.fromEntries(model.routes.map((r) => [r.name, r]));
    expect(Object.fromEntries(model.routes.map((r) => [r.name, r.requests]))).toEqual(countBy(reqs, (p) => p.data.tags.name));
    const failed = points.filter((p) => p.metric === 'http_req_failed' && p.data.value === 1);
    const limited = reqs.filter((p) => p.data.tags.status === '429');
    for (const r of model.routes) {
      expect(r.failed).toBe(failed.filter((p) => p.data.tags.name === r.name).length);
      expect(r.limited).toBe(limited.filter((p) => p.data.tags.name === r.name).length);
    }
    expect(routes['GET /products/{productId}'].statuses['500']).toBeGreaterThan(0);
    expect(routes['GET /search'].statuses['429']).toBeGreaterThan(0);
    expect(model.totals.requests).toBe(reqs.length);
    expect(model.totals.iterations).toBe(points.filter((p) => p.metric === 'iterations').length);
    // the time series add up to the totals
    const perBucket = model.timeline.rps.reduce((s, v) => s + v * model.run.bucketSec, 0);
    expect(perBucket).toBeCloseTo(reqs.length, 6);
  });

  it.each(['fail', 'pass'] as const)('%s run: latency percentiles match the exact ones from every sample', async (run) => {
    const model = await build(run);
    const durations = rawPoints(run).filter((p) => p.metric === 'http_req_duration');
    for (const r of model.routes) {
      const values = durations.filter((p) => p.data.tags.name === r.name).map((p) => p.data.value).sort((a, b) => a - b);
      expect(r.latency.count).toBe(values.length);
      expect(r.latency.min).toBeCloseTo(values[0], 3);
      expect(r.latency.max).toBeCloseTo(values[values.length - 1], 3);
      const k6 = summaryOf(run)[`http_req_duration{name:${r.name}}`] ?? {};
      for (const p of [50, 90, 95, 99] as const) {
        // k6's own value where k6 computed it (one set of percentiles), our HDR's nearest rank elsewhere
        const fromK6 = r.latencySource === 'k6' && k6[p === 50 ? 'med' : `p(${p})`] !== undefined;
        const exact = fromK6 ? k6Percentile(values, p) : exactPercentile(values, p);
        const ours = r.latency[`p${p}`]!;
        expect(Math.abs(ours - exact) / exact, `${r.name} p${p}: ${ours} vs ${exact}`).toBeLessThan(0.002);
      }
      // per-bucket percentiles (1 % sketch) stay within the run's range
      for (const v of r.series.p99) if (v !== null) expect(v).toBeLessThanOrEqual(values[values.length - 1] * 1.011);
    }
  });

  it('reads gzipped output (k6 --out json=out.ndjson.gz) the same way', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'load-report-'));
    writeFileSync(join(dir, 'out.ndjson.gz'), gzipSync(readFileSync(join(fixtures, 'fail', 'out.ndjson'))));
    const { model } = await buildLoadReport({ ndjsonPath: join(dir, 'out.ndjson.gz'), summaryExportPath: join(fixtures, 'fail', 'summary-export.json'), outFile: join(dir, 'r.html') });
    const plain = await build('fail');
    expect(model.routes).toEqual(plain.routes);
    expect(model.run.points).toBe(plain.run.points);
  });

  it('fail run: the 500s are sampled as failures with route, status, time and scenario; the allowed 429s are shown apart', async () => {
    const model = await build('fail');
    const points = rawPoints('fail').filter((p) => p.metric === 'http_req_failed');
    const failures = points.filter((p) => p.data.value === 1);
    const allowed = points.filter((p) => p.data.value === 0 && Number(p.data.tags.status) >= 400);
    expect(allowed.length).toBeGreaterThan(0);
    expect(model.failedSamples.source).toBe('http_req_failed');
    expect(model.failedSamples.total).toBe(failures.length);
    const statuses = countBy(model.failedSamples.samples, (s) => s.status);
    expect(statuses).toEqual(countBy(failures, (p) => p.data.tags.status));
    expect(Object.keys(statuses).sort()).toEqual(['500']);
    for (const s of model.failedSamples.samples) {
      expect(s.route).toBe('GET /products/{productId}');
      expect(s.scenario).toBe('browse');
      expect(Date.parse(s.time)).toBeGreaterThan(0);
    }
    // the script allowed its 429s (expected_response true): they are answers it expected, not failures
    expect(model.expectedAnswers).toEqual([{ route: 'GET /search', status: '429', count: allowed.length }]);
    // this script declares no failed_requests counter, so its failures really carry no Correlation-Id
    expect(model.notes.join(' ')).toMatch(/Correlation-Id/);
    expect(model.customMetrics.find((m) => m.name === 'rate_limited')?.count).toBe(allowed.length);
  });

  it('pass run: no failures, so no Correlation-Id note, and k6\'s own percentiles where it computed them', async () => {
    const model = await build('pass');
    if (model.failedSamples.total === 0) expect(model.notes.join(' ')).not.toMatch(/Correlation-Id/);
    const summary = JSON.parse(readFileSync(join(fixtures, 'pass', 'summary-export.json'), 'utf8')).metrics;
    for (const r of model.routes) {
      const k6 = summary[`http_req_duration{name:${r.name}}`];
      if (k6 && k6['p(95)'] !== undefined && k6.med !== undefined) {
        expect(r.latencySource).toBe('k6');
        expect(r.latency.p95).toBeCloseTo(k6['p(95)'], 3);
      } else {
        expect(r.latencySource).toBe('hdr');
      }
    }
    // the Thresholds table's observed values are k6's too: one set of percentiles
    for (const t of model.thresholds.filter((x) => x.observedSource === 'k6' && /^http_req_duration\{name:/.test(x.metric))) {
      const route = model.routes.find((r) => t.metric === `http_req_duration{name:${r.name}}`);
      if (route && /^p\(95\)/.test(t.expression)) expect(route.latency.p95).toBeCloseTo(t.observed!, 3);
    }
  });
});

describe('load report streaming pieces', () => {
  it('parses k6 timestamps with nanoseconds and offsets', () => {
    const t = new K6TimeParser();
    expect(t.parse('2026-11-23T08:16:07.909221817Z')).toBeCloseTo(Date.parse('2026-11-23T08:16:07.909Z') + 0.221817, 6);
    expect(t.parse('2026-11-23T09:16:07.5+01:00')).toBe(Date.parse('2026-11-23T08:16:07.500Z'));
    expect(t.parse('2026-11-23T08:16:08Z')).toBe(Date.parse('2026-11-23T08:16:08Z'));
  });

  it('widens buckets to stay under maxBuckets, keeping every count', () => {
    const agg = new LoadAggregator({ maxBuckets: 4 });
    const t0 = Date.parse('2026-01-01T00:00:00Z');
    for (let s = 0; s < 10; s++) {
      agg.point('http_reqs', t0 + s * 1000 + 10, 1, { name: 'GET /a', status: s === 3 ? '429' : '200' });
      agg.point('http_req_duration', t0 + s * 1000 + 10, 10 + s, { name: 'GET /a' });
    }
    expect(agg.timeline.widthMs).toBe(4000);
    expect(agg.timeline.bucketCount).toBe(3);
    const [route] = agg.routeModels(10);
    expect(route.series.rps.map((v) => v * 4)).toEqual([4, 4, 2]);
    expect(route.series.limitedRate[0]).toBe(0.25);
    expect(route.series.p99[2]).toBeCloseTo(19, 0);
  });

  it('keeps per-bucket percentiles within 1 %', () => {
    const sketch = new LogSketch();
    const values = Array.from({ length: 1000 }, (_, i) => 0.5 + i * 0.37);
    values.forEach((v) => sketch.record(v));
    const [p50, p99] = sketch.percentiles([50, 99]);
    expect(Math.abs(p50! - exactPercentile(values, 50)) / exactPercentile(values, 50)).toBeLessThan(0.01);
    expect(Math.abs(p99! - exactPercentile(values, 99)) / exactPercentile(values, 99)).toBeLessThan(0.01);
  });

  it('takes failed-request samples with correlation ids from the failed_requests counter', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'load-report-'));
    const tags = (status: string) => `{"name":"POST /checkout","method":"POST","status":"${status}","scenario":"buy"}`;
    const lines = [
      '{"type":"Metric","data":{"name":"http_reqs","type":"counter","contains":"default","thresholds":[],"submetrics":null},"metric":"http_reqs"}',
      `{"metric":"http_reqs","type":"Point","data":{"time":"2026-01-01T00:00:00.1Z","value":1,"tags":${tags('503')}}}`,
      `{"metric":"http_req_failed","type":"Point","data":{"time":"2026-01-01T00:00:00.1Z","value":1,"tags":${tags('503')}}}`,
      '{"type":"Metric","data":{"name":"failed_requests","type":"counter","contains":"default","thresholds":[],"submetrics":null},"metric":"failed_requests"}',
      '{"metric":"failed_requests","type":"Point","data":{"time":"2026-01-01T00:00:00.1Z","value":1,"tags":{"name":"POST /checkout","status":"503","correlation_id":"c0ffee-1"}}}',
      'not json',
    ];
    writeFileSync(join(dir, 'out.ndjson'), lines.join('\r\n'));
    const { model } = await buildLoadReport({ ndjsonPath: join(dir, 'out.ndjson'), outFile: join(dir, 'r.html'), profile: { name: 'p', rate: 2, timeUnit: '2s' } });
    expect(model.failedSamples.source).toBe('failed_requests');
    expect(model.failedSamples.samples.map((s) => [s.route, s.status, s.correlationId])).toEqual([['POST /checkout', '503', 'c0ffee-1']]);
    expect(model.routes[0].failed).toBe(1);
    expect(model.verdict).toBe('unknown');
    expect(model.timeline.target).toEqual([1]);
    expect(model.notes.join(' ')).toMatch(/could not be parsed/);
  });

  it('names the file when the k6 output cannot be read', async () => {
    await expect(buildLoadReport({ ndjsonPath: '/nonexistent/out.ndjson', outFile: join(tmpdir(), 'never.html') }))
      .rejects.toMatchObject({ code: 'E_LOAD_REPORT_INPUT', message: expect.stringContaining('/nonexistent/out.ndjson') });
  });

  it('parses k6 durations and ramps the target between stages', () => {
    expect(parseK6Duration('1m30s')).toBe(90_000);
    expect(parseK6Duration('500ms')).toBe(500);
    expect(() => parseK6Duration('soon')).toThrow(/not a k6 duration/);
    const curve = targetCurve({ name: 'ramp', startRate: 10, stages: [{ target: 30, duration: '10s' }, { target: 30, duration: '5s' }] })!;
    expect([curve(0), curve(5), curve(12), curve(20)]).toEqual([10, 20, 30, null]);
  });

  it('escapes the model so it cannot close its <script> element', () => {
    const json = jsonForScript({ route: '</script><script>alert(1)</script>', sep: '\u2028' });
    expect(json).not.toMatch(/<|>|\u2028/);
    expect(JSON.parse(json)).toEqual({ route: '</script><script>alert(1)</script>', sep: '\u2028' });
  });
});
