// What a finished load run tells the person at the terminal, beyond k6's own summary: the
// thresholds that judged nothing (no samples) and why, and for a breakpoint run the arrival rate
// and moment at which the service broke. Read off the report model, so the two always agree.

import type { LoadReportModel } from '../load-report/index.js';
import { routeOf } from '../load-report/no-samples.js';

function clock(sec: number): string {
  const s = Math.round(sec);
  return `${Math.floor(s / 60)}:${String(s % 60).padStart(2, '0')}`;
}

export function verdictLines(model: LoadReportModel): string[] {
  const lines: string[] = [];
  const empty = model.thresholds.filter((t) => t.status === 'no-samples');
  if (empty.length > 0) {
    lines.push(`plan failure: ${empty.length} threshold(s) had no samples, so they judged nothing:`);
    const byRoute = new Map<string, { metrics: Set<string>; reason: string }>();
    for (const t of empty) {
      const key = routeOf(t.metric) ?? t.metric;
      const entry = byRoute.get(key) ?? { metrics: new Set<string>(), reason: t.reason ?? 'no request matched it' };
      entry.metrics.add(t.metric.replace(/\{.*$/, ''));
      byRoute.set(key, entry);
    }
    for (const [route, e] of byRoute) lines.push(`  ${route} (${[...e.metrics].join(', ')}): no samples: ${e.reason}`);
  }
  const b = model.breakpoint;
  if (b) {
    const end = `${b.aborted ? 'k6 aborted the run' : 'the run ended'} at ${clock(b.endSec)}${b.endTarget !== null ? ` (target ${b.endTarget} journeys/s)` : ''}`;
    if (b.firstCrossing) {
      const c = b.firstCrossing;
      lines.push(
        `breakpoint: the service broke at ${c.targetRate ?? '?'} journeys/s offered (${c.achievedRate}/s completing), ${clock(c.timeSec)} into the run: ` +
          `${c.metric} ${c.expression} crossed (${c.observed}); ${end}`,
      );
    } else {
      lines.push(`breakpoint: no service threshold crossed; ${end}`);
    }
  }
  return lines;
}
