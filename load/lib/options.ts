// Profile → k6 options, and the threshold validator: pure functions over the data files
// (profiles.json, slo.json, routes.json). This module imports nothing, so the same mapping runs in
// k6 (load/main.ts builds `options` with it) and in Node (src/load/ imports it for --dry-run,
// --emit-k8s and the pre-run threshold validation): the two can never disagree.
// Written for both runtimes: ES2020 only, no k6 or Node types.

export type Executor = 'constant-arrival-rate' | 'ramping-arrival-rate';

export interface Stage {
  duration: string;
  target: number;
}

/** One entry of load/profiles.json: the whole mix's arrival rate (journeys started per second). */
export interface Profile {
  description: string;
  executor: Executor;
  /** iterations/s of the whole mix: the constant rate, or the peak a ramping profile reaches */
  rate: number;
  /** constant-arrival-rate only */
  duration?: string;
  /** ramping-arrival-rate only */
  startRate?: number;
  stages?: Stage[];
  preAllocatedVUs: number;
  maxVUs: number;
  gracefulStop?: string;
  /** threshold expression on dropped_iterations (arrival-rate executors drop when out of VUs) */
  droppedIterations: string;
  /** breakpoint: every threshold aborts the run when crossed */
  abortOnFail?: boolean;
}

export interface ProfileCatalogue {
  /** journey → weight; the default 60/30/10 */
  mix: Record<string, number>;
  profiles: Record<string, Profile>;
}

export interface Slo {
  http_req_failed: string[];
  checks: string[];
  /** route group (routes.json `api`) → latency budget in ms */
  latency: Record<string, { p95: number; p99: number }>;
}

export interface Route {
  name: string;
  api: string;
  journeys: string[];
}

export interface RouteCatalogue {
  routes: Record<string, Route>;
}

export interface Overrides {
  /** scale the profile so its constant/peak rate is this many iterations/s */
  rate?: number;
  /** cap on VUs (maxVUs; preAllocatedVUs never above it) */
  vus?: number;
  /** total duration: a constant profile's duration, or the stages stretched/squeezed to it */
  duration?: string;
  /** journey → weight */
  mix?: Record<string, number>;
  /** threshold key → expressions; replaces the key's SLO thresholds ([] removes the key) */
  thresholds?: Record<string, string[]>;
}

export interface AbortingThreshold {
  threshold: string;
  abortOnFail: boolean;
  delayAbortEval?: string;
}
export type ThresholdSpec = string | AbortingThreshold;

interface ScenarioBase {
  exec: string;
  tags: Record<string, string>;
  timeUnit: string;
  preAllocatedVUs: number;
  maxVUs: number;
  gracefulStop?: string;
}
export interface ConstantScenario extends ScenarioBase {
  executor: 'constant-arrival-rate';
  rate: number;
  duration: string;
}
export interface RampingScenario extends ScenarioBase {
  executor: 'ramping-arrival-rate';
  startRate: number;
  stages: Stage[];
}
export type Scenario = ConstantScenario | RampingScenario;

export interface LoadOptions {
  scenarios: Record<string, Scenario>;
  thresholds: Record<string, ThresholdSpec[]>;
  summaryTrendStats: string[];
  tags: Record<string, string>;
  setupTimeout: string;
}

/** The profile after --rate/--vus/--duration, as the whole mix sees it (for reports and --dry-run). */
export interface ResolvedProfile extends Profile {
  name: string;
}

export const JOURNEYS = ['browse', 'search', 'buy'];
/** journeys that always run, whatever the mix: setup() */
const ALWAYS = ['setup'];

// ---------------------------------------------------------------------------------------------
// durations

const UNIT_MS: Record<string, number> = { ms: 1, s: 1000, m: 60000, h: 3600000 };

/** k6 duration strings: '30s', '1m30s', '2h', '500ms'; null when malformed */
export function parseDuration(text: string): number | null {
  const trimmed = String(text).trim();
  if (!/^(\d+(\.\d+)?(ms|s|m|h))+$/.test(trimmed)) return null;
  let total = 0;
  const part = /(\d+(?:\.\d+)?)(ms|s|m|h)/g;
  let m: RegExpExecArray | null;
  while ((m = part.exec(trimmed)) !== null) total += Number(m[1]) * UNIT_MS[m[2]];
  return total;
}

export function formatDuration(ms: number): string {
  const whole = Math.max(1, Math.round(ms / 1000));
  const h = Math.floor(whole / 3600);
  const m = Math.floor((whole % 3600) / 60);
  const s = whole % 60;
  return (h ? h + 'h' : '') + (m ? m + 'm' : '') + (s || (!h && !m) ? s + 's' : '');
}

export function profileDurationMs(profile: Profile): number {
  if (profile.executor === 'constant-arrival-rate') return parseDuration(profile.duration || '0s') || 0;
  return (profile.stages || []).reduce((sum, s) => sum + (parseDuration(s.duration) || 0), 0);
}

// ---------------------------------------------------------------------------------------------
// profile → scenarios

function round2(n: number): number {
  return Math.round(n * 100) / 100;
}

/** Applies --rate, --vus, --duration to a profile of the catalogue. */
export function resolveProfile(catalogue: ProfileCatalogue, name: string, overrides: Overrides = {}): ResolvedProfile {
  const base = catalogue.profiles[name];
  if (!base) {
    throw new Error(`unknown profile '${name}': use one of ${Object.keys(catalogue.profiles).join(', ')}`);
  }
  const p: ResolvedProfile = JSON.parse(JSON.stringify(base));
  p.name = name;
  if (overrides.rate !== undefined) {
    if (!(overrides.rate > 0)) throw new Error(`rate must be a positive number of iterations per second (got ${overrides.rate})`);
    const factor = overrides.rate / base.rate;
    p.rate = overrides.rate;
    if (p.startRate !== undefined) p.startRate = round2(p.startRate * factor);
    if (p.stages) p.stages = p.stages.map((s) => ({ duration: s.duration, target: round2(s.target * factor) }));
  }
  if (overrides.vus !== undefined) {
    if (!(overrides.vus >= 1) || Math.floor(overrides.vus) !== overrides.vus) {
      throw new Error(`vus must be a whole number of at least 1 (got ${overrides.vus})`);
    }
    p.maxVUs = overrides.vus;
    p.preAllocatedVUs = Math.min(p.preAllocatedVUs, overrides.vus);
  }
  if (overrides.duration !== undefined) {
    const wanted = parseDuration(overrides.duration);
    if (!wanted) throw new Error(`duration '${overrides.duration}' is not a k6 duration such as 30s, 5m or 1h30m`);
    if (p.executor === 'constant-arrival-rate') {
      p.duration = formatDuration(wanted);
    } else {
      const total = profileDurationMs(base);
      p.stages = (p.stages || []).map((s) => ({
        duration: formatDuration(((parseDuration(s.duration) || 0) * wanted) / total),
        target: s.target,
      }));
    }
  }
  return p;
}

/** The mix in use: journey → share (0..1) of the arrivals; journeys with weight 0 are left out. */
export function mixShares(mix: Record<string, number>): Record<string, number> {
  const total = Object.keys(mix).reduce((sum, k) => sum + mix[k], 0);
  const shares: Record<string, number> = {};
  for (const journey of Object.keys(mix)) {
    if (JOURNEYS.indexOf(journey) < 0) throw new Error(`unknown journey '${journey}' in the mix: use ${JOURNEYS.join(', ')}`);
    if (!(mix[journey] >= 0)) throw new Error(`the weight of '${journey}' must be a number >= 0`);
    if (mix[journey] > 0) shares[journey] = mix[journey] / total;
  }
  if (Object.keys(shares).length === 0) throw new Error('the mix gives every journey weight 0: nothing would run');
  return shares;
}

/**
 * k6 arrival rates are integers per timeUnit. A journey's share of the rate is expressed per second
 * when every value is whole, else per minute (0.6/s becomes 36 per 1m), which k6 spreads evenly.
 */
function scenarioFor(p: ResolvedProfile, journey: string, share: number): Scenario {
  const values = [p.rate * share, (p.startRate || 0) * share].concat((p.stages || []).map((s) => s.target * share));
  const whole = values.every((v) => Math.abs(v - Math.round(v)) < 1e-9);
  const perUnit = whole ? 1 : 60;
  const scale = (v: number) => (v > 0 ? Math.max(1, Math.round(v * share * perUnit)) : 0);
  const pre = Math.max(1, Math.ceil(p.preAllocatedVUs * share));
  const base: ScenarioBase = {
    exec: journey,
    tags: { journey },
    timeUnit: whole ? '1s' : '1m',
    preAllocatedVUs: pre,
    maxVUs: Math.max(pre, Math.ceil(p.maxVUs * share)),
  };
  if (p.gracefulStop) base.gracefulStop = p.gracefulStop;
  if (p.executor === 'constant-arrival-rate') {
    return { executor: p.executor, ...base, rate: scale(p.rate), duration: p.duration || '1m' };
  }
  return {
    executor: p.executor,
    ...base,
    startRate: scale(p.startRate || 0),
    stages: (p.stages || []).map((st) => ({ duration: st.duration, target: scale(st.target) })),
  };
}

// ---------------------------------------------------------------------------------------------
// thresholds

/** Journeys whose requests will be sent: the mix's journeys with weight > 0, plus setup. */
export function activeJourneys(mix: Record<string, number>): string[] {
  return ALWAYS.concat(Object.keys(mixShares(mix)));
}

/** The SLO thresholds: failure rate, checks, and p95/p99 per route of every route group in use. */
export function sloThresholds(slo: Slo, routes: RouteCatalogue, journeys: string[]): Record<string, string[]> {
  const out: Record<string, string[]> = {
    http_req_failed: slo.http_req_failed.slice(),
    checks: slo.checks.slice(),
  };
  for (const key of Object.keys(routes.routes)) {
    const route = routes.routes[key];
    if (!route.journeys.some((j) => journeys.indexOf(j) >= 0)) continue;
    const budget = slo.latency[route.api];
    if (!budget) continue;
    out[`http_req_duration{name:${route.name}}`] = [`p(95)<${budget.p95}`, `p(99)<${budget.p99}`];
  }
  return out;
}

export function buildThresholds(
  profile: ResolvedProfile,
  slo: Slo,
  routes: RouteCatalogue,
  journeys: string[],
  overrides: Record<string, string[]> = {},
): Record<string, ThresholdSpec[]> {
  const plain = sloThresholds(slo, routes, journeys);
  plain.dropped_iterations = [profile.droppedIterations];
  for (const key of Object.keys(overrides)) {
    if (overrides[key].length === 0) delete plain[key];
    else plain[key] = overrides[key].slice();
  }
  const out: Record<string, ThresholdSpec[]> = {};
  for (const key of Object.keys(plain)) {
    out[key] = profile.abortOnFail
      ? plain[key].map((threshold) => ({ threshold, abortOnFail: true, delayAbortEval: '10s' }))
      : plain[key];
  }
  return out;
}

export function buildOptions(
  catalogue: ProfileCatalogue,
  slo: Slo,
  routes: RouteCatalogue,
  profileName: string,
  overrides: Overrides = {},
): LoadOptions {
  const profile = resolveProfile(catalogue, profileName, overrides);
  const mix = overrides.mix || catalogue.mix;
  const shares = mixShares(mix);
  const scenarios: Record<string, Scenario> = {};
  for (const journey of Object.keys(shares)) scenarios[journey] = scenarioFor(profile, journey, shares[journey]);
  return {
    scenarios,
    thresholds: buildThresholds(profile, slo, routes, activeJourneys(mix), overrides.thresholds),
    // p(99) is not in k6's default list, and the SLOs name it
    summaryTrendStats: ['avg', 'min', 'med', 'max', 'p(90)', 'p(95)', 'p(99)', 'count'],
    tags: { profile: profileName },
    setupTimeout: '30s',
  };
}

// ---------------------------------------------------------------------------------------------
// threshold validation: a threshold no sample can match passes silently in k6; here it is an error

type MetricType = 'trend' | 'rate' | 'counter' | 'gauge';

/** k6's built-in metrics our scripts can produce, and the scripts' own (load/lib/http.ts). */
export const METRICS: Record<string, MetricType> = {
  http_reqs: 'counter',
  http_req_duration: 'trend',
  http_req_blocked: 'trend',
  http_req_connecting: 'trend',
  http_req_tls_handshaking: 'trend',
  http_req_sending: 'trend',
  http_req_waiting: 'trend',
  http_req_receiving: 'trend',
  http_req_failed: 'rate',
  iterations: 'counter',
  iteration_duration: 'trend',
  dropped_iterations: 'counter',
  vus: 'gauge',
  vus_max: 'gauge',
  data_sent: 'counter',
  data_received: 'counter',
  checks: 'rate',
  group_duration: 'trend',
  rate_limited: 'counter',
  failed_requests: 'counter',
  journey_duration: 'trend',
};

const AGGREGATIONS: Record<MetricType, RegExp> = {
  trend: /^(avg|min|max|med|p\(\d+(\.\d+)?\))$/,
  rate: /^rate$/,
  counter: /^(count|rate)$/,
  gauge: /^value$/,
};

/** Which request tags a metric's samples carry (http_* per request; the rest per iteration). */
const REQUEST_METRIC = /^(http_req|failed_requests$|rate_limited$)/;

export interface ThresholdContext {
  routes: RouteCatalogue;
  /** journeys that will run (activeJourneys) */
  journeys: string[];
}

/** k6's selector syntax: metric{key:value,key:value}; values may contain braces (route templates). */
export function parseThresholdKey(key: string): { metric: string; tags: Record<string, string> } | string {
  const open = key.indexOf('{');
  const close = key.lastIndexOf('}');
  if (open < 0 && close < 0) return { metric: key.trim(), tags: {} };
  if (open < 0 || close < 0 || close < open || close !== key.length - 1) {
    return `'${key}' is not a metric selector: write metric or metric{tag:value}`;
  }
  const tags: Record<string, string> = {};
  for (const part of key.slice(open + 1, close).split(',')) {
    const colon = part.indexOf(':');
    const value = colon < 0 ? '' : part.slice(colon + 1).trim().replace(/^["']+|["']+$/g, '');
    if (colon < 0 || value === '') return `'${key}': tag expression '${part.trim()}' is malformed (write tag:value)`;
    tags[part.slice(0, colon).trim().replace(/^["']+|["']+$/g, '')] = value;
  }
  return { metric: key.slice(0, open).trim(), tags };
}

/** Every problem with a threshold set, as sentences; empty when every threshold can be evaluated. */
export function validateThresholds(thresholds: Record<string, ThresholdSpec[]>, ctx: ThresholdContext): string[] {
  const problems: string[] = [];
  const all = Object.keys(ctx.routes.routes).map((k) => ctx.routes.routes[k]);
  const sent = all.filter((r) => r.journeys.some((j) => ctx.journeys.indexOf(j) >= 0));
  const apis = all.map((r) => r.api).filter((a, i, arr) => arr.indexOf(a) === i);
  const sentApis = sent.map((r) => r.api);
  for (const key of Object.keys(thresholds)) {
    const parsed = parseThresholdKey(key);
    if (typeof parsed === 'string') {
      problems.push(parsed);
      continue;
    }
    const type = METRICS[parsed.metric];
    if (!type) {
      problems.push(`'${key}': no metric '${parsed.metric}' is produced by the scripts (known: ${Object.keys(METRICS).join(', ')})`);
      continue;
    }
    for (const spec of thresholds[key]) {
      const expr = typeof spec === 'string' ? spec : spec.threshold;
      const m = /^\s*([a-z]+(?:\(\d+(?:\.\d+)?\))?)\s*(<=|>=|===|==|!=|<|>)\s*(-?\d+(?:\.\d+)?)\s*$/.exec(expr);
      if (!m) {
        problems.push(`'${key}': '${expr}' is not a threshold expression such as p(95)<500 or rate<0.01`);
      } else if (!AGGREGATIONS[type].test(m[1])) {
        problems.push(`'${key}': ${parsed.metric} is a ${type} metric, '${m[1]}' does not apply to it`);
      }
    }
    for (const tag of Object.keys(parsed.tags)) {
      const value = parsed.tags[tag];
      const perRequest = REQUEST_METRIC.test(parsed.metric);
      if (tag === 'name') {
        if (!perRequest) problems.push(`'${key}': ${parsed.metric} samples carry no route name tag`);
        else if (!all.some((r) => r.name === value)) {
          problems.push(`'${key}': no request carries the name tag '${value}' (routes: see load/routes.json)`);
        } else if (!sent.some((r) => r.name === value)) {
          const users = all.filter((r) => r.name === value)[0].journeys.join(', ');
          problems.push(`'${key}': '${value}' is only requested by ${users}, which has no weight in this mix`);
        }
      } else if (tag === 'api') {
        if (!perRequest) problems.push(`'${key}': ${parsed.metric} samples carry no api tag`);
        else if (apis.indexOf(value) < 0) problems.push(`'${key}': no request carries the api tag '${value}' (groups: ${apis.join(', ')})`);
        else if (sentApis.indexOf(value) < 0) problems.push(`'${key}': no journey in this mix sends a request of the '${value}' group`);
      } else if (tag === 'journey' || tag === 'scenario') {
        if (ctx.journeys.indexOf(value) < 0 || value === 'setup') {
          problems.push(`'${key}': no scenario '${value}' runs in this mix (running: ${ctx.journeys.filter((j) => j !== 'setup').join(', ')})`);
        }
      } else if (tag === 'method') {
        if (!sent.some((r) => r.name.split(' ')[0] === value)) problems.push(`'${key}': no request uses method '${value}'`);
      } else if (tag === 'status') {
        if (!/^\d{3}$/.test(value)) problems.push(`'${key}': status '${value}' is not an HTTP status code`);
      } else if (tag === 'expected_response') {
        if (value !== 'true' && value !== 'false') problems.push(`'${key}': expected_response is true or false`);
      } else {
        problems.push(`'${key}': the scripts set no '${tag}' tag (use name, api, journey, scenario, method, status or expected_response)`);
      }
    }
  }
  return problems;
}
