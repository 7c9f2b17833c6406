// What counts as catching a fault (issue 9, item 8), one definition for every fault test: a FAILED
// result of a dedicated check citing the fault's clause. A schema conformance result (`…:schema-200`)
// proves a body's shape, not the clause's rule, and does not count; an `errored` result is the tool
// failing, never a catch — and a fault run in which the tool fails does not pass either.

import type { CheckResult, RunResults } from '../src/results.js';

const line = (c: CheckResult) => `${c.status} ${c.id}: ${c.message}`;

/** The dedicated checks citing `clause` that failed. */
export function catches(r: RunResults, clause: string): CheckResult[] {
  return r.checks.filter((c) => c.status === 'failed' && c.clause === clause && !c.schema);
}

/** The run's tool errors, one line each (expected: none). */
export function toolErrors(r: RunResults): string[] {
  return r.checks.filter((c) => c.status === 'errored').map(line);
}

/** Why a fault was not caught: the clause's results, schema conformance marked. */
export function explainMiss(r: RunResults, clause: string): string {
  const of = r.checks.filter((c) => c.clause === clause);
  return `no failed dedicated ${clause} check; its results:\n${of.map((c) => `${line(c)}${c.schema ? ' (schema conformance: not a catch)' : ''}`).join('\n')}`;
}
