// Thresholds: the service levels (load/slo.json) as k6 thresholds, a sample-presence threshold
// beside each one that could otherwise pass on no samples, and the validation that rejects a
// threshold no sample can match. The metrics it knows are k6's built-in ones and exactly those the
// scripts declare (load/metrics.json, which load/lib/metrics.ts turns into the k6 metric objects).
// Pure functions: the same code runs in k6 (load/main.ts) and in Node (src/load/plan.ts).

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
  /** a condition on which the route is sent at all: no default SLO threshold */
  when?: string;
}

export interface RouteCatalogue {
  routes: Record<string, Route>;
}

export type MetricType = 'trend' | 'rate' | 'counter' | 'gauge';

/** load/metrics.json */
export interface MetricCatalogue {
  metrics: Record<string, { type: MetricType; tags: string[]; description: string }>;
}

export interface AbortingThreshold {
  threshold: string;
  abortOnFail: boolean;
  delayAbortEval?: string;
}
export type ThresholdSpec = string | AbortingThreshold;

/** The expression of a sample-presence threshold: a route with no request fails, not passes. */
export const PRESENCE = 'count>0';

/** journeys that always run, whatever the mix: setup() */
const ALWAYS = ['setup'];

/** Journeys whose requests will be sent: the mix's journeys (weight > 0), plus setup. */
export function journeysSent(running: string[]): string[] {
  return ALWAYS.concat(running);
}

/** The SLO thresholds: failure rate, checks, and p95/p99 per unconditional route of the mix. */
export function sloThresholds(slo: Slo, routes: RouteCatalogue, journeys: string[]): Record<string, string[]> {
  const out: Record<string, string[]> = {
    http_req_failed: slo.http_req_failed.slice(),
    checks: slo.checks.slice(),
  };
  for (const key of Object.keys(routes.routes)) {
    const route = routes.routes[key];
    if (route.when || !route.journeys.some((j) => journeys.indexOf(j) >= 0)) continue;
    const budget = slo.latency[route.api];
    if (!budget) continue;
    out[`http_req_duration{name:${route.name}}`] = [`p(95)<${budget.p95}`, `p(99)<${budget.p99}`];
  }
  return out;
}

/**
 * For every tagged threshold on a per-request trend or rate (http_req_duration{name:X}, ...), k6
 * passes on zero samples; http_reqs{same tags} count>0 beside it makes no-samples a failure.
 */
export function presenceThresholds(keys: string[]): Record<string, string[]> {
  const out: Record<string, string[]> = {};
  for (const key of keys) {
    const parsed = parseThresholdKey(key);
    if (typeof parsed === 'string' || !/^http_req_(?!s$)/.test(parsed.metric) || Object.keys(parsed.tags).length === 0) continue;
    out[`http_reqs${key.slice(parsed.metric.length)}`] = [PRESENCE];
  }
  return out;
}

/**
 * What aborts a breakpoint run: the service thresholds over populations large enough that one slow
 * request cannot end it: failures, checks, and each route group's p95 budget (http_req_duration
 * {api:<group>}). A single route's p95 over its first handful of samples is one outlier away from
 * crossing; those stay judged at the end, without aborting.
 */
const ABORTS = /^(http_req_failed|checks|http_req_duration\{api:[^,}]+\})$/;

/** Each route group's p95 budget, over every route of the group the mix sends (breakpoint only). */
export function groupThresholds(slo: Slo, routes: RouteCatalogue, journeys: string[]): Record<string, string[]> {
  const out: Record<string, string[]> = {};
  for (const key of Object.keys(routes.routes)) {
    const route = routes.routes[key];
    const budget = slo.latency[route.api];
    // setup's lone health check is no population
    const sent = route.journeys.some((j) => j !== 'setup' && journeys.indexOf(j) >= 0);
    if (budget && sent) out[`http_req_duration{api:${route.api}}`] = [`p(95)<${budget.p95}`];
  }
  return out;
}

export function buildThresholds(
  slo: Slo,
  routes: RouteCatalogue,
  journeys: string[],
  profile: { droppedIterations: string; abortOnFail?: boolean },
  overrides: Record<string, string[]> = {},
  abortDelay = '10s',
): Record<string, ThresholdSpec[]> {
  const plain = sloThresholds(slo, routes, journeys);
  if (profile.abortOnFail) Object.assign(plain, groupThresholds(slo, routes, journeys));
  plain.dropped_iterations = [profile.droppedIterations];
  for (const key of Object.keys(overrides)) {
    if (overrides[key].length === 0) delete plain[key];
    else plain[key] = overrides[key].slice();
  }
  const presence = presenceThresholds(Object.keys(plain));
  for (const key of Object.keys(presence)) if (!plain[key]) plain[key] = presence[key];
  const out: Record<string, ThresholdSpec[]> = {};
  for (const key of Object.keys(plain)) {
    const aborts = profile.abortOnFail && ABORTS.test(key);
    out[key] = aborts ? plain[key].map((threshold) => ({ threshold, abortOnFail: true, delayAbortEval: abortDelay })) : plain[key];
  }
  return out;
}

// ---------------------------------------------------------------------------------------------
// validation: a threshold no sample can match passes silently in k6; here it is an error

/** k6's built-in metrics a script on k6/http with checks and groups produces (k6's metrics docs). */
const K6_BUILTIN: Record<string, MetricType> = {
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
};

/** Every metric a run produces: k6's built-ins and the scripts' declared ones. */
export function knownMetrics(declared: MetricCatalogue): Record<string, MetricType> {
  const out: Record<string, MetricType> = {};
  for (const name of Object.keys(K6_BUILTIN)) out[name] = K6_BUILTIN[name];
  for (const name of Object.keys(declared.metrics)) out[name] = declared.metrics[name].type;
  return out;
}

const AGGREGATIONS: Record<MetricType, RegExp> = {
  trend: /^(avg|min|max|med|p\(\d+(\.\d+)?\))$/,
  rate: /^rate$/,
  counter: /^(count|rate)$/,
  gauge: /^value$/,
};

export interface ThresholdContext {
  routes: RouteCatalogue;
  metrics: MetricCatalogue;
  /** journeys that will run (journeysSent) */
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

/** Tags every sample of a metric carries: k6's per-request tags on http_*, else the declared ones. */
function tagsOf(metric: string, declared: MetricCatalogue): string[] {
  const k6Always = ['scenario', 'group', 'journey'];
  if (/^http_req/.test(metric)) return k6Always.concat(['name', 'api', 'method', 'status', 'expected_response']);
  const own = declared.metrics[metric];
  return own ? k6Always.concat(own.tags) : metric === 'checks' ? k6Always.concat(['check']) : k6Always;
}

function checkTag(key: string, metric: string, tag: string, value: string, ctx: ThresholdContext): string | null {
  const all = Object.keys(ctx.routes.routes).map((k) => ctx.routes.routes[k]);
  const sent = all.filter((r) => r.journeys.some((j) => ctx.journeys.indexOf(j) >= 0));
  const allowed = tagsOf(metric, ctx.metrics);
  if (allowed.indexOf(tag) < 0) {
    const known = ['name', 'api', 'journey', 'scenario', 'method', 'status', 'expected_response', 'check'];
    if (known.indexOf(tag) >= 0 || Object.keys(ctx.metrics.metrics).some((m) => ctx.metrics.metrics[m].tags.indexOf(tag) >= 0)) {
      return `'${key}': ${metric} samples carry no ${tag === 'name' ? 'route name' : tag} tag (its tags: ${allowed.join(', ')})`;
    }
    return `'${key}': the scripts set no '${tag}' tag (use name, api, journey, scenario, method, status or expected_response)`;
  }
  if (tag === 'name') {
    if (!all.some((r) => r.name === value)) return `'${key}': no request carries the name tag '${value}' (routes: see load/routes.json)`;
    if (!sent.some((r) => r.name === value)) {
      const users = all.filter((r) => r.name === value)[0].journeys.join(', ');
      return `'${key}': '${value}' is only requested by ${users}, which has no weight in this mix`;
    }
  } else if (tag === 'api') {
    const apis = all.map((r) => r.api);
    if (apis.indexOf(value) < 0) return `'${key}': no request carries the api tag '${value}' (groups: ${apis.filter((a, i) => apis.indexOf(a) === i).join(', ')})`;
    if (!sent.some((r) => r.api === value)) return `'${key}': no journey in this mix sends a request of the '${value}' group`;
  } else if (tag === 'journey' || tag === 'scenario') {
    if (ctx.journeys.indexOf(value) < 0 || value === 'setup') {
      return `'${key}': no scenario '${value}' runs in this mix (running: ${ctx.journeys.filter((j) => j !== 'setup').join(', ')})`;
    }
  } else if (tag === 'method') {
    if (!sent.some((r) => r.name.split(' ')[0] === value)) return `'${key}': no request uses method '${value}'`;
  } else if (tag === 'status') {
    if (!/^\d{3}$/.test(value)) return `'${key}': status '${value}' is not an HTTP status code`;
  } else if (tag === 'expected_response') {
    if (value !== 'true' && value !== 'false') return `'${key}': expected_response is true or false`;
  }
  return null;
}

/** Every problem with a threshold set, as sentences; empty when every threshold can be evaluated. */
export function validateThresholds(thresholds: Record<string, ThresholdSpec[]>, ctx: ThresholdContext): string[] {
  const problems: string[] = [];
  const metrics = knownMetrics(ctx.metrics);
  const keys = Object.keys(thresholds);
  const derived = presenceThresholds(keys);
  for (const key of keys) {
    // a presence threshold derived from another is valid exactly when its source is: one message
    if (derived[key] && thresholds[key].length === 1 && thresholds[key][0] === PRESENCE && keys.some((k) => k !== key && presenceThresholds([k])[key])) continue;
    const parsed = parseThresholdKey(key);
    if (typeof parsed === 'string') {
      problems.push(parsed);
      continue;
    }
    const type = metrics[parsed.metric];
    if (!type) {
      problems.push(`'${key}': no metric '${parsed.metric}' is produced by the scripts (known: ${Object.keys(metrics).join(', ')}; the scripts' own are declared in load/metrics.json)`);
      continue;
    }
    for (const spec of thresholds[key]) {
      const expr = typeof spec === 'string' ? spec : spec.threshold;
      const m = /^\s*([a-z]+(?:\(\d+(?:\.\d+)?\))?)\s*(<=|>=|===|==|!=|<|>)\s*(-?\d+(?:\.\d+)?)\s*$/.exec(expr);
      if (!m) problems.push(`'${key}': '${expr}' is not a threshold expression such as p(95)<500 or rate<0.01`);
      else if (!AGGREGATIONS[type].test(m[1])) problems.push(`'${key}': ${parsed.metric} is a ${type} metric, '${m[1]}' does not apply to it`);
    }
    for (const tag of Object.keys(parsed.tags)) {
      const problem = checkTag(key, parsed.metric, tag, parsed.tags[tag], ctx);
      if (problem) problems.push(problem);
    }
  }
  return problems;
}
