// What counts as catching a fault (issue 9, item 8), one definition for every fault test: a FAILED
// result of a dedicated check citing the fault's clause. A schema conformance result (`…:schema-200`)
// proves a body's shape, not the clause's rule, and does not count; an `errored` result is the tool
// failing, never a catch — and a fault run in which the tool fails does not pass either. Each fault
// names the checks it must fail (test/fixtures/fault-catches.json); `RECORD_FAULT_CATCHES=<file>`
// appends what each fault run caught, for `node scripts/fault-catches.mjs <file>` to name new faults.

import { appendFileSync, readFileSync } from 'node:fs';
import { expect } from 'vitest';
import type { CheckResult, RunResults } from '../src/results.js';

const line = (c: CheckResult) => `${c.status} ${c.id}: ${c.message}`;
const NAMED = JSON.parse(readFileSync(new URL('./fixtures/fault-catches.json', import.meta.url), 'utf8')) as { catches: Record<string, string[]> };

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

/** The fault run failed the checks the fault names, each a dedicated check of its clause, and the tool did not fail. */
export function expectCaught(r: RunResults, fault: string, clause: string): void {
  const hits = catches(r, clause).map((c) => c.id);
  if (process.env.RECORD_FAULT_CATCHES) appendFileSync(process.env.RECORD_FAULT_CATCHES, `${JSON.stringify({ fault, ids: [...hits].sort() })}\n`);
  expect(hits.length, explainMiss(r, clause)).toBeGreaterThan(0);
  expect(toolErrors(r), toolErrors(r).join('\n')).toEqual([]);
  const named = NAMED.catches[fault];
  expect(named?.length, `${fault} names no check it must fail: add it to test/fixtures/fault-catches.json (it failed ${hits.join(', ')})`).toBeGreaterThan(0);
  for (const id of named!) expect(hits, `${fault} did not fail ${id}\n${explainMiss(r, clause)}`).toContain(id);
}
