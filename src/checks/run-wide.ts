// Checks that report the run-wide judges (src/engine/answer-log.ts): HDR-01/03/04/05 and FMT-01..04
// over every answer of the run, whichever family's check sent the request, writes and errors
// included. They send nothing and start last (atEnd 'last'), after the other judges' batteries.
// judgedRunWide is also how errors.ts's atEnd judges (ERR-01..03, ERR-07) read the whole run.

import type { CheckContext, CheckDef } from './types.js';

/** Failing operation/status pairs named in a message. */
const MAX_PAIRS = 5;

/**
 * Pass with "N answers judged", or fail with the first offenders (as evidence) and where the
 * failures fell (per operation and status); skip when no answer of the run was the judge's.
 */
export function judgedRunWide(ctx: CheckContext, clause: string, what = 'answers'): void {
  const t = ctx.runWide?.(clause);
  if (!t) return ctx.skip(`no run-wide log of ${clause} in this runtime or pack`);
  if (!t.judged) return ctx.skip(`no answer of this run was one ${clause} judges`);
  if (t.failed) {
    const pairs = [...t.byAnswer].filter(([, r]) => r.failed).sort((a, b) => b[1].failed - a[1].failed);
    const where = pairs.slice(0, MAX_PAIRS).map(([k, r]) => `${k} (${r.failed} of ${r.judged})`).join(', ') + (pairs.length > MAX_PAIRS ? `, and ${pairs.length - MAX_PAIRS} more` : '');
    ctx.fail(`${t.failed} of ${t.judged} ${what} of the whole run failed, on ${where}; first: ${t.offenders.map((o) => o.message).join('; then: ')}`, ...t.offenders.map((o) => o.exchange));
  }
  ctx.note(`${t.judged} ${what} of the whole run judged (${t.byAnswer.size} operation/status pairs), none failed`);
}

const TITLES: Record<string, string> = {
  'HDR-01': 'every answer of the run with a JSON body has Content-Type application/json',
  'HDR-03': 'every answer of the run carries X-Api-Version, the one its request sent',
  'HDR-04': 'every answer of the run echoes the Correlation-Id its request sent',
  'HDR-05': 'every answer of the run to a request without Correlation-Id carries a generated UUID',
  'FMT-01': 'every Money in every answer of the run is integer minor units with its currency\'s fraction digits',
  'FMT-02': 'every ...At field in every answer of the run is a UTC timestamp',
  'FMT-03': 'every LocalizedString in every answer of the run maps language tags to strings',
  'FMT-04': 'ids, versions and createdAt <= lastModifiedAt hold in every answer of the run',
};

/** One 'every-answer' check per clause: `HDR-03:*:every-answer`. */
export function everyAnswerChecks(clauses: readonly (keyof typeof TITLES)[]): CheckDef[] {
  return clauses.map((clause) => ({
    slug: 'every-answer', clause, title: TITLES[clause]!, endpoint: '*', atEnd: 'last',
    // a repeat would read the same log: the count of failing answers is the "k of n"
    repeatable: false,
    run: async (ctx) => judgedRunWide(ctx, clause),
  }));
}
