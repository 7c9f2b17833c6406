// The load report's typed JSON model: everything load-report.html shows, and nothing else. The
// HTML template reads it from a <script type="application/json"> block; see render.ts.
// Times on series are seconds from the run's start; latencies are milliseconds; rates are 0..1.

export const LOAD_REPORT_MODEL_VERSION = 2;

export type Verdict = 'pass' | 'fail' | 'unknown';

/** The load profile the run was meant to follow (from load/profiles/), for "target vs achieved". */
export interface LoadProfileInput {
  name: string;
  /** ramping stages: the target moves linearly from the previous target to `target` over `duration` */
  stages?: { target: number; duration: string }[];
  /** constant rate (constant-arrival-rate), per `timeUnit` */
  rate?: number;
  /** where ramping stages start from (ramping-arrival-rate `startRate`, ramping-vus `startVUs`); 0 by default */
  startRate?: number;
  /** k6 duration string, default '1s' */
  timeUnit?: string;
  /** how long a constant `rate` lasts (k6 duration string); the whole run by default */
  duration?: string;
  /** compare the target with this scenario's iterations rather than all iterations */
  scenario?: string;
  /** breakpoint: the run is meant to end where a service threshold crosses */
  breakpoint?: boolean;
  /** breakpoint: seconds before k6 may abort (its delayAbortEval) */
  abortDelaySec?: number;
  /** what the target counts: arrival-rate executors count iterations/s, VU executors count VUs */
  unit?: 'iterations/s' | 'VUs';
}

export interface LatencySummary {
  count: number;
  min: number | null;
  mean: number | null;
  p50: number | null;
  p90: number | null;
  p95: number | null;
  p99: number | null;
  max: number | null;
}

export interface ThresholdRow {
  /** as k6 names it, submetric selector included: 'http_req_duration{name:GET /search}' */
  metric: string;
  expression: string;
  /** k6's verdict; false too when the metric had no samples (see `status`) */
  ok: boolean;
  /** 'no-samples': nothing was measured, so the threshold judged nothing: a failure of the plan */
  status: 'pass' | 'fail' | 'no-samples';
  /** the value the expression was tested on, when the summary (or our histograms) know it */
  observed: number | null;
  /** where `observed` comes from: k6's own summary, or our HDR histograms where k6 gave none */
  observedSource: 'k6' | 'hdr' | null;
  /** samples of the metric (a trend's count, a rate's passes + fails, a counter's count), when known */
  samples: number | null;
  /** why there were no samples, when status is 'no-samples' */
  reason?: string;
}

/** A route of the scripts (load/routes.json), so the report can say why one got no samples. */
export interface RouteInfo {
  name: string;
  /** its route group (the `api` tag) */
  api?: string;
  journeys: string[];
  /** the condition on which it is sent at all */
  when?: string;
}

/** The run cut into equal time windows: its own spread, for `load compare`. */
export interface WindowStats {
  count: number[];
  p50: (number | null)[];
  p95: (number | null)[];
  p99: (number | null)[];
  errorRate: (number | null)[];
}

export interface JourneyModel {
  /** the scenario, named after its journey */
  name: string;
  iterations: number;
  /** iterations per second over the run */
  rate: number;
  dropped: number;
  /** iteration_duration, think time included (HDR) */
  latency: LatencySummary;
  windows: WindowStats;
}

/** For breakpoint runs: where the service broke. */
export interface BreakpointModel {
  /** k6 stopped the run before the profile's end (an abortOnFail threshold crossed) */
  aborted: boolean;
  /** seconds from the start at which the run ended */
  endSec: number;
  /** the profile's arrival rate when the run ended */
  endTarget: number | null;
  /** the first service threshold to cross, replayed over the run as k6 evaluates it (cumulatively) */
  firstCrossing: {
    timeSec: number;
    metric: string;
    expression: string;
    observed: number;
    /** the profile's arrival rate at that moment, and the iterations completing in that bucket (per second) */
    targetRate: number | null;
    achievedRate: number;
  } | null;
}

export interface RouteSeries {
  rps: number[];
  errorRate: (number | null)[];
  limitedRate: (number | null)[];
  p50: (number | null)[];
  p95: (number | null)[];
  p99: (number | null)[];
}

export interface RouteModel {
  /** the request's `name` tag (a route template such as 'GET /products/{productId}') */
  name: string;
  requests: number;
  failed: number;
  errorRate: number;
  /** responses with status 429 */
  limited: number;
  limitedRate: number;
  rps: number;
  statuses: Record<string, number>;
  latency: LatencySummary;
  /** 'k6': k6's own percentiles from its summary (the ones its thresholds judged; any it did not
   * list, e.g. p(99) outside its default summaryTrendStats, from HDR); 'hdr': ours */
  latencySource: 'k6' | 'hdr';
  series: RouteSeries;
  windows: WindowStats;
}

export interface TimelineModel {
  /** start of each bucket, seconds from the run's start */
  t: number[];
  rps: number[];
  failedPerSec: number[];
  iterationsPerSec: number[];
  droppedPerSec: number[];
  vus: number[];
  errorRate: (number | null)[];
  limitedRate: (number | null)[];
  checksRate: (number | null)[];
  /** the profile's target at each bucket's middle, or null outside the profile / without one */
  target: (number | null)[] | null;
  /** what the target is compared with (iterations/s, a scenario's iterations/s, or VUs) */
  achieved: number[];
  achievedLabel: string;
  scenarios: { name: string; iterationsPerSec: number[] }[];
  counters: { name: string; perSec: number[] }[];
}

export interface CheckRow {
  name: string;
  passes: number;
  fails: number;
}

export interface CustomMetricRow {
  name: string;
  type: string;
  /** counter: sum; rate: non-zero samples; trend/gauge: number of samples */
  count: number;
  /** rate: share of non-zero samples; counter: per second over the run */
  rate: number | null;
  latency: LatencySummary | null;
  last: number | null;
}

export interface FailedSample {
  timeMs: number;
  time: string;
  route: string;
  method: string | null;
  /** '0' when no response arrived (k6 then sets error_code) */
  status: string;
  scenario: string | null;
  url: string | null;
  correlationId: string | null;
  /** k6's expected_response tag: false for a failure, true for e.g. an allowed 429 */
  expected: boolean | null;
  errorCode: string | null;
}

export interface LoadReportModel {
  version: typeof LOAD_REPORT_MODEL_VERSION;
  title: string;
  generatedAt: string;
  /** the system under load (base URL), as the caller named it */
  target: string | null;
  profile: { name: string; description: string; unit: 'iterations/s' | 'VUs' } | null;
  verdict: Verdict;
  verdictReason: string;
  run: {
    start: string | null;
    end: string | null;
    durationSec: number;
    bucketSec: number;
    buckets: number;
    points: number;
    parsedPoints: number;
    bytes: number;
  };
  totals: {
    requests: number;
    failed: number;
    errorRate: number;
    limited: number;
    limitedRate: number;
    rps: number;
    iterations: number;
    droppedIterations: number;
    checksPassed: number;
    checksFailed: number;
    checksRate: number | null;
    maxVus: number;
    /** every request's http_req_duration */
    latency: LatencySummary;
    latencySource: 'k6' | 'hdr';
  };
  thresholds: ThresholdRow[];
  routes: RouteModel[];
  timeline: TimelineModel;
  checks: CheckRow[];
  customMetrics: CustomMetricRow[];
  journeys: JourneyModel[];
  /** answers the scripts expected although not 2xx (a deliberate 422, a handled 429): no failures */
  expectedAnswers: { route: string; status: string; count: number }[];
  /** journeys that ended early: where and why */
  stops: { journey: string; step: string; why: string; count: number }[];
  breakpoint: BreakpointModel | null;
  failedSamples: {
    total: number;
    /** 'failed_requests': our scripts' counter (carries correlation ids); else k6's own samples */
    source: 'failed_requests' | 'http_req_failed' | null;
    samples: FailedSample[];
  };
  /** caveats the reader should know (routes merged, correlation ids absent, …) */
  notes: string[];
}
