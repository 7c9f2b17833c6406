// A load profile (load/profiles.json) → one open-model scenario per journey of the mix, with its VU
// pool sized from the journey's cost (load/journeys.json): rate × expected journey duration ×
// headroom, pre-allocated in full and never grown (preAllocatedVUs = maxVUs). k6 drops an
// iteration every time it must add a VU mid-run, so a pool that grows measures k6, not the API;
// a pool that is full from the start only drops when every VU is busy, i.e. when journeys run
// longer than the service levels allow. Pure functions over the data files: the same code runs in
// k6 (load/main.ts) and in Node (src/load/plan.ts). ES2020 only, no k6 or Node types.

import type { RouteCatalogue, Slo } from './thresholds.ts';

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
  /** a cap on the whole run's VUs (--vus); none by default: the pool is sized from the rate */
  maxVUs?: number;
  gracefulStop?: string;
  /** threshold expression on dropped_iterations */
  droppedIterations: string;
  /** breakpoint: the service thresholds (latency, errors, checks) abort the run when crossed */
  abortOnFail?: boolean;
}

export interface ProfileCatalogue {
  /** journey → weight; the default 60/30/10 */
  mix: Record<string, number>;
  profiles: Record<string, Profile>;
}

/** load/journeys.json */
export interface JourneyCost {
  /** think time per iteration, in units of the think time */
  thinks: number;
  /** route keys of load/routes.json, in the order sent */
  requests: string[];
}
export interface JourneyCatalogue {
  headroom: number;
  journeys: Record<string, JourneyCost>;
}

/** The profile after --rate/--vus/--duration, as the whole mix sees it (for reports and --dry-run). */
export interface ResolvedProfile extends Profile {
  name: string;
}

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

/** How one scenario's pool was sized, for --dry-run and the report. */
export interface ScenarioSizing {
  journey: string;
  /** the journey's peak arrival rate, per second */
  peakRate: number;
  /** seconds one iteration takes with every request at its p99 budget */
  expectedSec: number;
  /** rate × expectedSec × headroom, rounded up, + 1 */
  needed: number;
  /** what the scenario got: `needed`, or its share of --vus when that is lower */
  vus: number;
}

export const JOURNEYS = ['browse', 'search', 'buy'];

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

function round2(n: number): number {
  return Math.round(n * 100) / 100;
}

// ---------------------------------------------------------------------------------------------
// profile → scenarios

export interface ProfileOverrides {
  rate?: number;
  vus?: number;
  duration?: string;
}

/** Applies --rate, --vus, --duration to a profile of the catalogue. */
export function resolveProfile(catalogue: ProfileCatalogue, name: string, overrides: ProfileOverrides = {}): ResolvedProfile {
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

/** The highest arrival rate (per second) the profile reaches. */
export function peakRate(p: Profile): number {
  return Math.max(p.rate, p.startRate || 0, ...(p.stages || []).map((s) => s.target));
}

/**
 * When a breakpoint run may first abort (k6's delayAbortEval): once `journeys` journeys have
 * arrived (the ramp's integral), so its thresholds judge a population, not the first few requests;
 * at least 10 s.
 */
export function abortDelaySeconds(p: Profile, journeys = 100): number {
  let t = 0;
  let arrived = 0;
  let from = p.startRate || 0;
  const stages = p.executor === 'constant-arrival-rate' ? [{ duration: p.duration || '1m', target: p.rate }] : p.stages || [];
  for (const st of stages) {
    const d = (parseDuration(st.duration) || 0) / 1000;
    const to = p.executor === 'constant-arrival-rate' ? p.rate : st.target;
    if (p.executor === 'constant-arrival-rate') from = p.rate;
    const inStage = ((from + to) / 2) * d;
    if (arrived + inStage >= journeys) {
      // solve from·x + (to − from)·x²/(2d) = journeys − arrived for x in [0, d]
      const need = journeys - arrived;
      const a = (to - from) / (2 * d);
      const x = Math.abs(a) < 1e-12 ? need / from : (-from + Math.sqrt(from * from + 4 * a * need)) / (2 * a);
      return Math.max(10, Math.ceil(t + x));
    }
    arrived += inStage;
    t += d;
    from = to;
  }
  return Math.max(10, Math.ceil(t));
}

/** Seconds one iteration of a journey takes when every request takes its route group's p99 budget. */
export function expectedJourneySeconds(cost: JourneyCost, routes: RouteCatalogue, slo: Slo, thinkTime: number): number {
  let ms = cost.thinks * thinkTime * 1000;
  for (const key of cost.requests) {
    const route = routes.routes[key];
    if (!route) throw new Error(`load/journeys.json names route '${key}', which load/routes.json does not hold`);
    const budget = slo.latency[route.api];
    ms += budget ? budget.p99 : 1000;
  }
  return ms / 1000;
}

/** Each journey's pool: rate × expected duration × headroom; --vus caps the total, split by need. */
export function sizeScenarios(
  p: ResolvedProfile,
  shares: Record<string, number>,
  costs: JourneyCatalogue,
  routes: RouteCatalogue,
  slo: Slo,
  thinkTime: number,
): ScenarioSizing[] {
  const out: ScenarioSizing[] = Object.keys(shares).map((journey) => {
    const cost = costs.journeys[journey];
    if (!cost) throw new Error(`load/journeys.json has no cost for the journey '${journey}'`);
    const rate = peakRate(p) * shares[journey];
    const expectedSec = Math.round(expectedJourneySeconds(cost, routes, slo, thinkTime) * 100) / 100;
    const needed = Math.ceil(rate * expectedSec * costs.headroom) + 1;
    return { journey, peakRate: round2(rate), expectedSec, needed, vus: needed };
  });
  const total = out.reduce((sum, s) => sum + s.needed, 0);
  if (p.maxVUs !== undefined && p.maxVUs < total) {
    for (const s of out) s.vus = Math.max(1, Math.floor((p.maxVUs * s.needed) / total));
  }
  return out;
}

/**
 * k6 arrival rates are integers per timeUnit. A journey's share of the rate is expressed per second
 * when every value is whole, else per minute (0.6/s becomes 36 per 1m), which k6 spreads evenly.
 */
export function scenarioFor(p: ResolvedProfile, journey: string, share: number, vus: number): Scenario {
  const values = [p.rate * share, (p.startRate || 0) * share].concat((p.stages || []).map((s) => s.target * share));
  const whole = values.every((v) => Math.abs(v - Math.round(v)) < 1e-9);
  const perUnit = whole ? 1 : 60;
  const scale = (v: number) => (v > 0 ? Math.max(1, Math.round(v * share * perUnit)) : 0);
  const base: ScenarioBase = {
    exec: journey,
    tags: { journey },
    timeUnit: whole ? '1s' : '1m',
    preAllocatedVUs: vus,
    maxVUs: vus,
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
