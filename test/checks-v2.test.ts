// Teeth and no-wolf for the storefront-v2 pack, end to end over real loopback HTTP against the
// embedded v2 reference server: clean, every V2 clause has a passing check and nothing fails or
// warns; every free choice of CONTRACT-v2 section 3 gives 0 failed; each v2 fault gives a failed
// check citing its clause (run with --only its family, as test/checks-a.test.ts does).

import { describe, expect, test } from 'vitest';
import { expectCaught } from './catches.js';
import type { RunResults } from '../src/results.js';
import { V2_FAULTS, V2_MODE_VALUES } from '../src/server/v2/index.js';
import { inProcessRunner, line } from './in-process.js';

const run = inProcessRunner('checks-v2', { pack: 'storefront-v2' });

const failed = (r: RunResults) => r.checks.filter((c) => c.status === 'failed' || c.status === 'errored').map(line);

describe('pack storefront-v2 against the v2 reference server', () => {
  test('clean: every V2 clause checked and passed, 0 failed, 0 warned', async () => {
    const r = await run([]);
    expect(r.pack).toBe('storefront-v2');
    expect(failed(r), failed(r).join('\n')).toEqual([]);
    expect(r.checks.filter((c) => c.status === 'warned').map(line)).toEqual([]);
    expect(r.coverage).toHaveLength(44);
    // judged by a dedicated check that passed: schema conformance alone does not check a clause's rule
    const unchecked = r.coverage.filter((c) => c.judged !== 'dedicated' || !c.dedicated.passed).map((c) => `${c.clause} (${c.judged})`);
    expect(unchecked).toEqual([]);
    // only V2 clauses: no check of the BFF's vocabulary leaks into a v2 run
    expect(r.checks.filter((c) => !c.clause.startsWith('V2-')).map(line)).toEqual([]);
  }, 300_000);

  const alternatives = Object.entries(V2_MODE_VALUES).map(([key, values]) => [`${key}=${String(values[1])}`, { [key]: values[1] }] as const);
  test.each([...alternatives, ['productCount=7', { productCount: 7 }] as const])('mode %s: 0 failed', async (_name, modes) => {
    const r = await run([], { modes: modes as never });
    expect(failed(r), failed(r).join('\n')).toEqual([]);
  }, 300_000);

  test.each(V2_FAULTS.map((f) => [f.id, f.clause] as const))('fault %s is caught by a %s check', async (id, clause) => {
    const r = await run([clause.replace(/-[0-9]{2}$/, '')], { faults: [id] });
    expectCaught(r, id, clause);
  }, 300_000);
});
