// The streaming aggregator behind load-report.html: a K6OutputSink that folds k6 samples into
// per-route and run-wide time series as they stream past. Memory is bounded whatever the file's
// size: buckets are capped by the Timeline, route groups by `maxRoutes` (the rest merge into
// '(other routes)'), custom metrics and check names by fixed caps, failed requests by a reservoir.
//
// Correlation ids. k6 does not tag samples with request headers, so our own k6 scripts report
// each failed request (unexpected status, or status >= 400) on a Counter named `failed_requests`:
//
//     const failedRequests = new Counter('failed_requests');
//     failedRequests.add(1, { name: 'GET /search', method: 'GET', status: String(res.status),
//                             correlation_id: res.request.headers['Correlation-Id'] });
//
// (k6 adds `scenario` and `group` itself). When that counter is present its samples are the
// report's failed-request samples; otherwise they come from k6's own http_req_failed samples,
// which carry route, status, scenario and url but no correlation id unless the request itself was
// tagged `correlation_id` (which also works, but makes one k6 time series per request).

import { FailedSampleReservoir } from './failed-samples.js';
import type { CheckRow, CustomMetricRow, FailedSample, RouteModel } from './model.js';
import type { K6OutputSink, MetricDeclaration, Tags } from './ndjson.js';
import { LatencyAggregate, RouteAggregate, round } from './routes.js';
import { NumberSeries, Timeline } from './timeline.js';

export const FAILED_REQUESTS_METRIC = 'failed_requests';
/** our scripts' counter of journeys that ended early, tagged journey, step and why */
export const JOURNEY_STOPPED_METRIC = 'journey_stopped';
export const CORRELATION_ID_TAG = 'correlation_id';
export const OTHER_ROUTES = '(other routes)';

export interface AggregateOptions {
  /** most points per time series (buckets widen to stay under it); default 600 */
  maxBuckets?: number;
  /** most route groups tracked separately; default 50 */
  maxRoutes?: number;
  /** failed-request samples kept: the first `first`, then a reservoir of `reservoir`; 25 + 75 */
  failedSamples?: { first: number; reservoir: number };
}

const ALWAYS_WANTED = new Set(['http_reqs', 'http_req_duration', 'http_req_failed', 'iterations',
  'iteration_duration', 'dropped_iterations', 'vus', 'checks', FAILED_REQUESTS_METRIC, JOURNEY_STOPPED_METRIC]);
/** k6's own metrics (and its extensions' prefixes): never treated as custom metrics */
const BUILTIN = /^(http_req|iteration|dropped_iterations$|vus|data_|checks$|group_duration$|ws_|grpc_|browser_)/;
const MAX_CUSTOM_METRICS = 30;
const MAX_CHECKS = 200;
const MAX_SCENARIOS = 20;

export class LoadAggregator implements K6OutputSink {
  readonly timeline: Timeline;
  readonly routes = new Map<string, RouteAggregate>();
  readonly declared = new Map<string, MetricDeclaration>();
  readonly requests: NumberSeries;
  readonly failed: NumberSeries;
  readonly judged: NumberSeries;
  readonly limited: NumberSeries;
  readonly iterations: NumberSeries;
  readonly dropped: NumberSeries;
  readonly vus: NumberSeries;
  readonly checksPassed: NumberSeries;
  readonly checksTotal: NumberSeries;
  readonly scenarios = new Map<string, NumberSeries>();
  /** iteration_duration per scenario (journey), as a route-like aggregate for its percentiles */
  readonly journeys = new Map<string, RouteAggregate>();
  readonly droppedByScenario = new Map<string, number>();
  /** answers the script expected although not 2xx (a deliberate 422, a handled 429): route|status → count */
  readonly expectedAnswers = new Map<string, number>();
  /** journey|step|why → count, from the journey_stopped counter */
  readonly stops = new Map<string, number>();
  readonly checks = new Map<string, CheckRow>();
  readonly custom = new Map<string, CustomMetric>();
  readonly httpFailures: FailedSampleReservoir;
  readonly reportedFailures: FailedSampleReservoir;
  readonly notes = new Set<string>();
  /** every request's duration, whatever its route: for the header and http_req_duration thresholds */
  readonly allLatency = new LatencyAggregate();
  maxVus = 0;
  private readonly maxRoutes: number;

  constructor(options: AggregateOptions = {}) {
    this.timeline = new Timeline(options.maxBuckets ?? 600);
    this.maxRoutes = options.maxRoutes ?? 50;
    const fs = options.failedSamples ?? { first: 25, reservoir: 75 };
    this.httpFailures = new FailedSampleReservoir(fs.first, fs.reservoir);
    this.reportedFailures = new FailedSampleReservoir(fs.first, fs.reservoir);
    const t = this.timeline;
    this.requests = t.register(new NumberSeries());
    this.failed = t.register(new NumberSeries());
    this.judged = t.register(new NumberSeries());
    this.limited = t.register(new NumberSeries());
    this.iterations = t.register(new NumberSeries());
    this.dropped = t.register(new NumberSeries());
    this.vus = t.register(new NumberSeries('max'));
    this.checksPassed = t.register(new NumberSeries());
    this.checksTotal = t.register(new NumberSeries());
  }

  wants(metric: string): boolean {
    return ALWAYS_WANTED.has(metric) || this.custom.has(metric);
  }

  declare(metric: MetricDeclaration): void {
    this.declared.set(metric.name, metric);
    if (BUILTIN.test(metric.name) || this.custom.has(metric.name)) return;
    if (this.custom.size >= MAX_CUSTOM_METRICS) {
      this.notes.add(`More than ${MAX_CUSTOM_METRICS} custom metrics: only the first ${MAX_CUSTOM_METRICS} are shown.`);
      return;
    }
    this.custom.set(metric.name, new CustomMetric(metric.name, metric.type, this.timeline));
  }

  point(metric: string, timeMs: number, value: number, tags: Tags): void {
    const i = this.timeline.index(timeMs);
    switch (metric) {
      case 'http_reqs':
        this.requests.add(i, value);
        if (tags.status === '429') this.limited.add(i, value);
        this.route(tags).request(i, value, tags.status);
        if (tags.expected_response === 'true' && !/^2/.test(tags.status ?? '')) {
          const key = `${tags.name ?? tags.url ?? '(unnamed)'}|${tags.status ?? '0'}`;
          this.expectedAnswers.set(key, (this.expectedAnswers.get(key) ?? 0) + value);
        }
        break;
      case 'http_req_duration':
        this.allLatency.record(value);
        this.route(tags).duration(i, value);
        break;
      case 'http_req_failed': {
        const failed = value !== 0;
        this.judged.add(i, 1);
        if (failed) this.failed.add(i, 1);
        this.route(tags).outcome(i, failed);
        const status = Number(tags.status ?? 0);
        // only unexpected answers: a deliberate 422 or a handled 429 is no failure (expectedAnswers)
        if (failed || (tags.expected_response === undefined && (status >= 400 || status === 0))) this.httpFailures.offer(() => toSample(timeMs, tags));
        break;
      }
      case 'iteration_duration':
        this.journey(tags.scenario ?? 'default')?.duration(i, value);
        break;
      case 'iterations': {
        this.iterations.add(i, value);
        this.scenario(tags.scenario ?? 'default')?.add(i, value);
        break;
      }
      case 'dropped_iterations': {
        this.dropped.add(i, value);
        const scenario = tags.scenario ?? 'default';
        this.droppedByScenario.set(scenario, (this.droppedByScenario.get(scenario) ?? 0) + value);
        break;
      }
      case 'vus':
        this.vus.add(i, value);
        if (value > this.maxVus) this.maxVus = value;
        break;
      case 'checks':
        this.check(i, tags.check ?? '(unnamed check)', value !== 0);
        break;
    }
    if (metric === FAILED_REQUESTS_METRIC && value > 0) this.reportedFailures.offer(() => toSample(timeMs, tags));
    if (metric === JOURNEY_STOPPED_METRIC && value > 0) {
      const key = `${tags.journey ?? tags.scenario ?? '?'}|${tags.step ?? '?'}|${tags.why ?? '?'}`;
      if (this.stops.has(key) || this.stops.size < MAX_CHECKS) this.stops.set(key, (this.stops.get(key) ?? 0) + value);
    }
    this.custom.get(metric)?.add(i, value);
  }

  routeModels(runSec: number): RouteModel[] {
    const t = this.timeline;
    return [...this.routes.values()]
      .sort((a, b) => a.name.localeCompare(b.name))
      .map((r) => r.toModel(t.bucketCount, t.widthMs / 1000, runSec));
  }

  failedSamples(): { total: number; source: 'failed_requests' | 'http_req_failed' | null; samples: FailedSample[] } {
    const reported = this.reportedFailures.total > 0;
    const r = reported ? this.reportedFailures : this.httpFailures;
    if (r.total === 0) return { total: 0, source: null, samples: [] };
    return { total: r.total, source: reported ? FAILED_REQUESTS_METRIC : 'http_req_failed', samples: r.samples() };
  }

  customRows(runSec: number): CustomMetricRow[] {
    return [...this.custom.values()].filter((m) => m.seen).map((m) => m.toRow(runSec));
  }

  private route(tags: Tags): RouteAggregate {
    let name = tags.name ?? tags.url ?? '(unnamed)';
    let r = this.routes.get(name);
    if (r) return r;
    if (this.routes.size >= this.maxRoutes) {
      name = OTHER_ROUTES;
      r = this.routes.get(name);
      this.notes.add(`More than ${this.maxRoutes} route names: the rest are merged into "${OTHER_ROUTES}". Tag requests with a route template (tags: { name }).`);
      if (r) return r;
    }
    r = this.timeline.register(new RouteAggregate(name));
    this.routes.set(name, r);
    return r;
  }

  private journey(name: string): RouteAggregate | undefined {
    let j = this.journeys.get(name);
    if (!j && this.journeys.size < MAX_SCENARIOS) {
      j = this.timeline.register(new RouteAggregate(name));
      this.journeys.set(name, j);
    }
    return j;
  }

  private scenario(name: string): NumberSeries | undefined {
    let s = this.scenarios.get(name);
    if (!s && this.scenarios.size < MAX_SCENARIOS) {
      s = this.timeline.register(new NumberSeries());
      this.scenarios.set(name, s);
    }
    return s;
  }

  private check(i: number, name: string, passed: boolean): void {
    this.checksTotal.add(i, 1);
    if (passed) this.checksPassed.add(i, 1);
    let row = this.checks.get(name);
    if (!row) {
      if (this.checks.size >= MAX_CHECKS) return;
      row = { name, passes: 0, fails: 0 };
      this.checks.set(name, row);
    }
    if (passed) row.passes++;
    else row.fails++;
  }
}

/** A script's own metric (e.g. the `rate_limited` Counter or a `journey_duration` Trend). */
class CustomMetric {
  seen = false;
  count = 0;
  nonZero = 0;
  last: number | null = null;
  readonly series: NumberSeries | null;
  readonly latency: LatencyAggregate | null;

  constructor(readonly name: string, readonly type: string, timeline: Timeline) {
    this.series = type === 'counter' ? timeline.register(new NumberSeries()) : null;
    this.latency = type === 'trend' ? new LatencyAggregate() : null;
  }

  add(i: number, value: number): void {
    this.seen = true;
    this.last = value;
    if (value !== 0) this.nonZero++;
    if (this.type === 'counter') {
      this.count += value;
      this.series?.add(i, value);
    } else {
      this.count++;
      this.latency?.record(value);
    }
  }

  toRow(runSec: number): CustomMetricRow {
    let rate: number | null = null;
    if (this.type === 'counter') rate = runSec > 0 ? round(this.count / runSec) : null;
    if (this.type === 'rate') rate = this.count > 0 ? this.nonZero / this.count : null;
    return {
      name: this.name,
      type: this.type,
      count: this.type === 'rate' ? this.nonZero : this.count,
      rate,
      latency: this.latency ? this.latency.summary() : null,
      last: this.type === 'gauge' ? this.last : null,
    };
  }
}

function toSample(timeMs: number, tags: Tags): FailedSample {
  const expected = tags.expected_response;
  return {
    timeMs,
    time: new Date(timeMs).toISOString(),
    route: tags.name ?? tags.url ?? '(unnamed)',
    method: tags.method ?? null,
    status: tags.status ?? '0',
    scenario: tags.scenario ?? null,
    url: tags.url ?? null,
    correlationId: tags[CORRELATION_ID_TAG] ?? null,
    expected: expected === undefined ? null : expected === 'true',
    errorCode: tags.error_code ?? null,
  };
}
