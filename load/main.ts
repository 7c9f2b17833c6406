// The one script k6 runs: `k6 run load/main.ts` (k6 v1.x runs TypeScript natively).
// The scenarios come from the chosen profile (load/profiles.json, STOREFRONT_LOAD_PROFILE), one
// open-model scenario per journey of the weighted mix, its VU pool sized from the journey's cost
// (load/journeys.json); the thresholds from load/slo.json. A threshold no request could match
// fails the init, before any load is sent.
import exec from 'k6/execution';
import type { Options } from 'k6/options';
import { planOptions, planProblems, type LoadData } from './lib/options.ts';
import { JOURNEY_COSTS, METRICS, PROFILES, ROUTES, SLO, accounts, envOverrides, settings } from './config.ts';
import { checkHealth } from './actions/check-health.ts';
import { startIteration } from './lib/http.ts';
import { passwordOf } from './journeys/buy.ts';
import { browse as browseJourney } from './journeys/browse.ts';
import { search as searchJourney } from './journeys/search.ts';
import { buy as buyJourney } from './journeys/buy.ts';

const data: LoadData = { profiles: PROFILES, slo: SLO, routes: ROUTES, journeys: JOURNEY_COSTS, metrics: METRICS };
const built = planOptions(data, settings.profile, envOverrides());
const journeys = built.journeys;
const problems = planProblems(data, built);
if (problems.length > 0) throw new Error(`invalid thresholds:\n  ${problems.join('\n  ')}`);

export const options: Options = built.options;

export function setup(): void {
  if (!checkHealth(startIteration())) {
    exec.test.abort(`${settings.baseUrl} is not answering GET /health/live with 200 UP`);
  }
  if (journeys.indexOf('buy') >= 0) {
    const missing: string[] = [];
    for (const a of accounts) if (!passwordOf(a)) missing.push(a.passwordEnv || a.email); // SharedArray: no .filter
    if (accounts.length === 0 || missing.length > 0) {
      exec.test.abort(`the buy journey needs test accounts with passwords (missing: ${missing.join(', ') || 'accounts'})`);
    }
  }
}

export function browse(): void {
  browseJourney();
}
export function search(): void {
  searchJourney();
}
export function buy(): void {
  buyJourney();
}
