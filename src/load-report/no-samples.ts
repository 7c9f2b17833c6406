// Why a threshold had no samples. k6 passes a latency threshold on a route that received no
// request; our plan pairs each with a presence threshold (http_reqs{...} count>0) and the report
// says why the route went unexercised: a condition on which it is sent at all (load/routes.json
// `when`), or the journeys that send it stopped earlier (the scripts' journey_stopped counter says
// at which step and on which answer), or none of its journeys ran an iteration.

import type { RouteInfo, ThresholdRow } from './model.js';

export interface Stop {
  journey: string;
  step: string;
  why: string;
  count: number;
}

/** The route a threshold selects by name tag, if it does. */
export function routeOf(metric: string): string | null {
  const m = /\{(?:[^{}]*,)?name:(.+?)\}$/.exec(metric);
  return m ? m[1].replace(/,\s*[a-z_]+:[^,]*$/, '') : null;
}

export function noSamplesReason(metric: string, routes: RouteInfo[], stops: Stop[], iterations: Map<string, number>): string {
  const name = routeOf(metric);
  const route = name === null ? undefined : routes.find((r) => r.name === name);
  if (!route) return 'no request matched this selector during the run';
  if (route.when) return `${route.name} is sent ${route.when}, and that never happened in this run`;
  const parts: string[] = [];
  for (const journey of route.journeys) {
    const stopped = stops.filter((s) => s.journey === journey).sort((a, b) => b.count - a.count);
    const ran = iterations.get(journey) ?? 0;
    if (stopped.length > 0) {
      const where = stopped.slice(0, 3).map((s) => `at "${s.step}" ${s.count}× (${s.why})`).join('; ');
      parts.push(`the ${journey} journey stopped before it: ${where}`);
    } else if (ran === 0) {
      parts.push(journey === 'setup' ? 'setup() did not run' : `no ${journey} iteration ran`);
    }
  }
  return parts.length > 0 ? parts.join('; ') : `none of its journeys (${route.journeys.join(', ')}) reached it`;
}

/** Fills `reason` on every no-samples row. */
export function explainNoSamples(rows: ThresholdRow[], routes: RouteInfo[], stops: Stop[], iterations: Map<string, number>): ThresholdRow[] {
  return rows.map((r) => (r.status === 'no-samples' ? { ...r, reason: noSamplesReason(r.metric, routes, stops, iterations) } : r));
}
