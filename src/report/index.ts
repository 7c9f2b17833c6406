// The reporters, by the name --reporter takes (after vitest's ReportersMap: the keys ARE the
// valid choices). Output redaction wraps them all here, in one place.

import { consoleReporter } from './console.js';
import { htmlReporter } from './html.js';
import { jsonReporter } from './json.js';
import { junitReporter } from './junit.js';
import { markdownReporter } from './markdown.js';
import { type OutputRedaction, redactingReporter, withRedaction } from './redact-output.js';
import type { Reporter, ReporterOptions } from './types.js';

export const ReportersMap = {
  console: consoleReporter,
  json: jsonReporter,
  junit: junitReporter,
  html: htmlReporter,
  // after html: summary.md links report.html when it was written
  markdown: markdownReporter,
} satisfies Record<string, (opts?: ReporterOptions) => Reporter>;

export type ReporterName = keyof typeof ReportersMap;
export const REPORTER_NAMES = Object.keys(ReportersMap) as ReporterName[];

export function isReporterName(name: string): name is ReporterName {
  return Object.prototype.hasOwnProperty.call(ReportersMap, name);
}

/**
 * The reporters by name. With `redaction`, everything they write — files and console lines —
 * is redacted at write time with every secret known by then (src/report/redact-output.ts).
 */
export function createReporters(names: readonly string[], opts: ReporterOptions = {}, redaction?: OutputRedaction): Reporter[] {
  return names.map((name) => {
    if (!isReporterName(name)) throw new Error(`unknown reporter '${name}': use ${REPORTER_NAMES.join(', ')}`);
    const reporter = ReportersMap[name](withRedaction(opts, redaction));
    return redaction ? redactingReporter(reporter, redaction) : reporter;
  });
}

export type { Reporter, ReporterOptions } from './types.js';
export type { OutputRedaction } from './redact-output.js';
