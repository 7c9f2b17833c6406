// Profile, mix, service levels → k6 options: the scenarios (load/lib/profiles.ts, pools sized from
// the journeys' cost) and the thresholds (load/lib/thresholds.ts). The same code builds `options`
// in k6 (load/main.ts) and the plan in Node (src/load/plan.ts, for --dry-run, --emit-k8s and the
// pre-run threshold validation), so the two can never disagree. ES2020 only, no k6 or Node types.

import {
  abortDelaySeconds,
  mixShares,
  resolveProfile,
  scenarioFor,
  sizeScenarios,
  type JourneyCatalogue,
  type ProfileCatalogue,
  type ResolvedProfile,
  type Scenario,
  type ScenarioSizing,
} from './profiles.ts';
import {
  buildThresholds,
  journeysSent,
  validateThresholds,
  type MetricCatalogue,
  type RouteCatalogue,
  type Slo,
  type ThresholdSpec,
} from './thresholds.ts';

export * from './profiles.ts';
export * from './thresholds.ts';

/** Everything in load/ the options are built from. */
export interface LoadData {
  profiles: ProfileCatalogue;
  slo: Slo;
  routes: RouteCatalogue;
  journeys: JourneyCatalogue;
  metrics: MetricCatalogue;
}

export interface Overrides {
  /** scale the profile so its constant/peak rate is this many iterations/s */
  rate?: number;
  /** cap on the run's VUs (the pools are otherwise sized from the rate) */
  vus?: number;
  /** total duration: a constant profile's duration, or the stages stretched/squeezed to it */
  duration?: string;
  /** journey → weight */
  mix?: Record<string, number>;
  /** threshold key → expressions; replaces the key's SLO thresholds ([] removes the key) */
  thresholds?: Record<string, string[]>;
  /** seconds a shopper pauses between steps (default 1) */
  thinkTime?: number;
}

export interface LoadOptions {
  scenarios: Record<string, Scenario>;
  thresholds: Record<string, ThresholdSpec[]>;
  summaryTrendStats: string[];
  tags: Record<string, string>;
  setupTimeout: string;
}

export interface BuiltOptions {
  profile: ResolvedProfile;
  options: LoadOptions;
  sizing: ScenarioSizing[];
  /** journeys that send requests: the mix's, plus setup */
  journeys: string[];
}

/** Journeys whose requests will be sent: the mix's journeys with weight > 0, plus setup. */
export function activeJourneys(mix: Record<string, number>): string[] {
  return journeysSent(Object.keys(mixShares(mix)));
}

export function planOptions(data: LoadData, profileName: string, overrides: Overrides = {}): BuiltOptions {
  const profile = resolveProfile(data.profiles, profileName, overrides);
  const mix = overrides.mix || data.profiles.mix;
  const shares = mixShares(mix);
  const thinkTime = overrides.thinkTime === undefined ? 1 : overrides.thinkTime;
  const sizing = sizeScenarios(profile, shares, data.journeys, data.routes, data.slo, thinkTime);
  const scenarios: Record<string, Scenario> = {};
  for (const s of sizing) scenarios[s.journey] = scenarioFor(profile, s.journey, shares[s.journey], s.vus);
  const journeys = activeJourneys(mix);
  return {
    profile,
    sizing,
    journeys,
    options: {
      scenarios,
      thresholds: buildThresholds(data.slo, data.routes, journeys, profile, overrides.thresholds, `${abortDelaySeconds(profile)}s`),
      // p(99) is not in k6's default list, and the SLOs name it; count tells no-samples apart
      summaryTrendStats: ['avg', 'min', 'med', 'max', 'p(90)', 'p(95)', 'p(99)', 'count'],
      tags: { profile: profileName },
      setupTimeout: '30s',
    },
  };
}

export function buildOptions(data: LoadData, profileName: string, overrides: Overrides = {}): LoadOptions {
  return planOptions(data, profileName, overrides).options;
}

/** Problems with the thresholds of a plan (see validateThresholds), as sentences. */
export function planProblems(data: LoadData, built: BuiltOptions): string[] {
  return validateThresholds(built.options.thresholds, { routes: data.routes, metrics: data.metrics, journeys: built.journeys });
}
