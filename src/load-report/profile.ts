// The load profile's intended shape, for the "target vs achieved" chart: k6 stages ramp linearly
// from the previous target (or `startRate`) to each stage's target; a constant `rate` holds for
// `duration` (or the whole run). Rates are per `timeUnit` and reported per second.

import { LoadReportError } from './errors.js';
import type { LoadProfileInput } from './model.js';

const UNIT_MS: Record<string, number> = { ms: 1, s: 1000, m: 60_000, h: 3_600_000, d: 86_400_000 };

/** k6 duration strings: '30s', '1m30s', '2h', '500ms', '1.5m' */
export function parseK6Duration(text: string): number {
  const trimmed = text.trim();
  if (trimmed.length === 0) throw new LoadReportError('profile: empty duration');
  if (/^\d+(\.\d+)?$/.test(trimmed)) return Number(trimmed) * 1000;
  let total = 0;
  let rest = trimmed;
  const part = /^(\d+(?:\.\d+)?)(ms|s|m|h|d)/;
  while (rest.length > 0) {
    const m = part.exec(rest);
    if (!m) throw new LoadReportError(`profile: "${text}" is not a k6 duration (expected e.g. "30s", "1m30s", "500ms")`);
    total += Number(m[1]) * UNIT_MS[m[2]];
    rest = rest.slice(m[0].length);
  }
  return total;
}

/** The target at `tSec` seconds into the run, or null where the profile says nothing. */
export type TargetCurve = (tSec: number) => number | null;

export function targetCurve(profile: LoadProfileInput): TargetCurve | null {
  const perSecond = profile.unit === 'VUs' ? 1 : 1000 / parseK6Duration(profile.timeUnit ?? '1s');
  if (profile.stages && profile.stages.length > 0) {
    const points: { t: number; v: number }[] = [{ t: 0, v: (profile.startRate ?? 0) * perSecond }];
    let t = 0;
    for (const stage of profile.stages) {
      t += parseK6Duration(stage.duration) / 1000;
      points.push({ t, v: stage.target * perSecond });
    }
    return (tSec) => {
      if (tSec < 0 || tSec > t) return null;
      for (let i = 1; i < points.length; i++) {
        const a = points[i - 1];
        const b = points[i];
        if (tSec <= b.t) return b.t === a.t ? b.v : a.v + ((b.v - a.v) * (tSec - a.t)) / (b.t - a.t);
      }
      return null;
    };
  }
  if (typeof profile.rate === 'number') {
    const rate = profile.rate * perSecond;
    const end = profile.duration ? parseK6Duration(profile.duration) / 1000 : Number.POSITIVE_INFINITY;
    return (tSec) => (tSec >= 0 && tSec <= end ? rate : null);
  }
  return null;
}

/** How long the profile lasts, in seconds; null when it does not say. */
export function plannedSeconds(profile: LoadProfileInput): number | null {
  if (profile.stages && profile.stages.length > 0) return profile.stages.reduce((t, s) => t + parseK6Duration(s.duration) / 1000, 0);
  return profile.duration ? parseK6Duration(profile.duration) / 1000 : null;
}

export function describeProfile(profile: LoadProfileInput): string {
  const unit = profile.unit ?? 'iterations/s';
  const per = profile.timeUnit && profile.timeUnit !== '1s' ? ` per ${profile.timeUnit}` : '';
  if (profile.stages && profile.stages.length > 0) {
    const steps = profile.stages.map((s) => `to ${s.target} over ${s.duration}`).join(', ');
    return `ramping from ${profile.startRate ?? 0} ${unit}${per}: ${steps}`;
  }
  if (typeof profile.rate === 'number') {
    return `constant ${profile.rate} ${unit}${per}${profile.duration ? ` for ${profile.duration}` : ''}`;
  }
  return 'no target given';
}
