// A load run's plan, before anything starts: the profile after --rate/--vus/--duration/--mix, the k6
// options it maps to (load/lib/options.ts, the same code k6 runs), and the threshold check: a
// threshold naming a route, tag or metric no request carries is a usage error here, not a silent
// pass in k6. Also the k6 command line: non-secret settings as -e, secrets only in the environment.

import { UsageError } from '../errors.js';
import {
  abortDelaySeconds,
  planOptions,
  planProblems,
  type LoadOptions,
  type Overrides,
  type ResolvedProfile,
  type ScenarioSizing,
} from '../../load/lib/options.js';
import type { LoadCatalogue } from './catalogue.js';
import type { LoadProfileInput } from '../load-report/model.js';

export interface LoadPlan {
  profile: ResolvedProfile;
  options: LoadOptions;
  /** each scenario's VU pool: from its rate and its journey's cost */
  sizing: ScenarioSizing[];
  /** journeys that send requests (the mix's, plus setup) */
  journeys: string[];
  overrides: Overrides;
}

/** Env var names k6 reads the settings from (load/config.ts). */
export const K6_ENV = {
  baseUrl: 'STOREFRONT_BASE_URL',
  apiVersion: 'STOREFRONT_API_VERSION',
  profile: 'STOREFRONT_LOAD_PROFILE',
  rate: 'STOREFRONT_LOAD_RATE',
  vus: 'STOREFRONT_LOAD_VUS',
  duration: 'STOREFRONT_LOAD_DURATION',
  mix: 'STOREFRONT_LOAD_MIX',
  thresholds: 'STOREFRONT_LOAD_THRESHOLDS',
  slo: 'STOREFRONT_LOAD_SLO',
  data: 'STOREFRONT_LOAD_DATA',
} as const;

/** The secrets k6 needs, by env var name: never on a command line, in a manifest or in a report. */
export const SECRET_ENV = {
  customerPassword: 'STOREFRONT_CUSTOMER_PASSWORD',
  customer2Password: 'STOREFRONT_CUSTOMER2_PASSWORD',
  recaptchaToken: 'STOREFRONT_RECAPTCHA_TOKEN',
} as const;

/** `browse=60,search=30,buy=10` */
export function parseMixFlag(text: string): Record<string, number> {
  const mix: Record<string, number> = {};
  for (const part of text.split(',')) {
    const m = /^\s*([a-z]+)\s*=\s*(\d+(?:\.\d+)?)\s*$/.exec(part);
    if (!m) throw new UsageError(`--mix '${text}' must be written journey=weight,..., e.g. browse=60,search=30,buy=10`);
    mix[m[1]] = Number(m[2]);
  }
  return mix;
}

/** `--threshold 'http_req_duration{name:GET /search}=p(95)<300'` (repeatable; same key accumulates) */
export function parseThresholdFlags(flags: string[]): Record<string, string[]> {
  const out: Record<string, string[]> = {};
  for (const flag of flags) {
    // the key may hold '=' only inside {...}; the expression starts after the last '=' outside braces
    const close = flag.lastIndexOf('}');
    const eq = flag.indexOf('=', close < 0 ? 0 : close);
    if (eq < 1) {
      throw new UsageError(`--threshold '${flag}' must be written metric{tag:value}=expression, e.g. 'http_req_duration{name:GET /search}=p(95)<300'`);
    }
    const key = flag.slice(0, eq).trim();
    const expr = flag.slice(eq + 1).trim();
    (out[key] ??= []).push(...(expr === '' || expr === 'none' ? [] : [expr]));
  }
  return out;
}

/** STOREFRONT_LOAD_THRESHOLDS='{"metric{tag:value}":["expr"]}' */
export function parseThresholdEnv(text: string | undefined): Record<string, string[]> {
  if (!text) return {};
  let parsed: unknown;
  try {
    parsed = JSON.parse(text);
  } catch {
    throw new UsageError('STOREFRONT_LOAD_THRESHOLDS must be JSON such as {"http_req_duration{name:GET /search}":["p(95)<300"]}');
  }
  const ok =
    parsed !== null && typeof parsed === 'object' && !Array.isArray(parsed) &&
    Object.values(parsed).every((v) => Array.isArray(v) && v.every((e) => typeof e === 'string'));
  if (!ok) throw new UsageError('STOREFRONT_LOAD_THRESHOLDS must map each metric selector to an array of expressions');
  return parsed as Record<string, string[]>;
}

export function planLoad(catalogue: LoadCatalogue, profileName: string, overrides: Overrides): LoadPlan {
  let built: ReturnType<typeof planOptions>;
  try {
    built = planOptions(catalogue, profileName, overrides);
  } catch (err) {
    throw new UsageError((err as Error).message);
  }
  const problems = planProblems(catalogue, built);
  if (problems.length > 0) {
    throw new UsageError(
      `${problems.length === 1 ? 'a threshold' : `${problems.length} thresholds`} would never be evaluated, so nothing was run:\n  ${problems.join('\n  ')}`,
    );
  }
  return { profile: built.profile, options: built.options, sizing: built.sizing, journeys: built.journeys, overrides };
}

/** One line per scenario: how its VU pool was sized, and a warning when --vus cut it below need. */
export function describeSizing(plan: LoadPlan): string[] {
  const lines = plan.sizing.map(
    (s) => `${s.journey}: ${s.vus} VUs pre-allocated (peak ${s.peakRate}/s × ${s.expectedSec} s per journey at the p99 budgets × headroom${s.vus < s.needed ? `; ${s.needed} needed, capped by --vus` : ''})`,
  );
  if (plan.sizing.some((s) => s.vus < s.needed)) {
    lines.push(`--vus ${plan.profile.maxVUs} is below the ${plan.sizing.reduce((n, s) => n + s.needed, 0)} VUs the rate needs: dropped iterations then measure the cap, not the service`);
  }
  return lines;
}

/** The non-secret settings k6 gets (as -e KEY=VALUE). */
export function k6Settings(plan: LoadPlan, target: { baseUrl: string; apiVersion: string }, files: { data: string; slo?: string }): Record<string, string> {
  const o = plan.overrides;
  const env: Record<string, string> = {
    [K6_ENV.baseUrl]: target.baseUrl,
    [K6_ENV.apiVersion]: target.apiVersion,
    [K6_ENV.profile]: plan.profile.name,
    [K6_ENV.data]: files.data,
  };
  if (o.rate !== undefined) env[K6_ENV.rate] = String(o.rate);
  if (o.vus !== undefined) env[K6_ENV.vus] = String(o.vus);
  if (o.duration !== undefined) env[K6_ENV.duration] = o.duration;
  if (o.mix) env[K6_ENV.mix] = Object.entries(o.mix).map(([j, w]) => `${j}=${w}`).join(',');
  if (o.thresholds && Object.keys(o.thresholds).length > 0) env[K6_ENV.thresholds] = JSON.stringify(o.thresholds);
  if (files.slo) env[K6_ENV.slo] = files.slo;
  return env;
}

export interface K6Paths {
  script: string;
  summaryExport: string;
  ndjson: string;
}

/** `k6 run ...`: outputs, non-secret settings as -e; secrets reach k6 through its environment. */
export function k6Args(paths: K6Paths, settings: Record<string, string>): string[] {
  const args = [
    'run',
    '--summary-export', paths.summaryExport,
    '--out', `json=${paths.ndjson}`,
    '--include-system-env-vars',
    '--no-usage-report',
  ];
  for (const [k, v] of Object.entries(settings)) args.push('-e', `${k}=${v}`);
  args.push(paths.script);
  return args;
}

/** The profile's shape for the report's "target vs achieved" chart (the whole mix, per second). */
export function reportProfile(profile: ResolvedProfile): LoadProfileInput {
  const shape: LoadProfileInput = { name: profile.name, timeUnit: '1s', unit: 'iterations/s' };
  if (profile.abortOnFail) {
    shape.breakpoint = true;
    shape.abortDelaySec = abortDelaySeconds(profile);
  }
  if (profile.executor === 'constant-arrival-rate') {
    shape.rate = profile.rate;
    shape.duration = profile.duration;
  } else {
    shape.startRate = profile.startRate ?? 0;
    shape.stages = profile.stages;
  }
  return shape;
}

/** POSIX-shell quoting for printing a command (never for running one). */
export function shellQuote(arg: string): string {
  return /^[\w@%+=:,./-]+$/.test(arg) ? arg : `'${arg.replace(/'/g, `'\\''`)}'`;
}
