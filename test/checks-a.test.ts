// Teeth and no-wolf for the HDR, ERR, FMT, PAG, SRT and FLT families (and the search/content
// checks, which cite FLT/ERR/PAG clauses), end to end over real loopback HTTP: the embedded
// reference server clean and in each relevant free-choice mode (CONTRACT.md section 4) must give
// 0 failed (and, clean, 0 warned); each fault of these families must give a failed dedicated check
// citing its clause (test/catches.ts: not a schema result, and no tool error in the run).

import { describe, expect, test } from 'vitest';
import type { RunResults } from '../src/results.js';
import { expectCaught } from './catches.js';
import { inProcessRunner, line } from './in-process.js';
import { FAULTS } from '../src/server/faults.js';
import type { StartOptions } from '../src/server/types.js';

const FAMILIES = ['HDR', 'ERR', 'FMT', 'PAG', 'SRT', 'FLT'];
const run = inProcessRunner('checks-a');

const failed = (r: RunResults) => r.checks.filter((c) => c.status === 'failed').map(line);
const warned = (r: RunResults) => r.checks.filter((c) => c.status === 'warned').map(line);

describe('families HDR ERR FMT PAG SRT FLT against the reference server', () => {
  test('clean server: 0 failed, 0 warned, every clause exercised', async () => {
    const r = await run(FAMILIES);
    expect(failed(r), failed(r).join('\n')).toEqual([]);
    expect(warned(r), warned(r).join('\n')).toEqual([]);
    expect(r.setup.filter((s) => s.level === 'error')).toEqual([]);
    // passed by a dedicated check: schema conformance alone does not exercise a clause's rule
    const passed = new Set(r.checks.filter((c) => c.status === 'passed' && !c.schema).map((c) => c.clause));
    const skipped = r.checks.filter((c) => c.status === 'skipped').map(line);
    const clauses = r.coverage.map((c) => c.clause).filter((c) => FAMILIES.includes(c.split('-')[0]!));
    expect(clauses.length).toBe(7 + 7 + 4 + 8 + 6 + 6);
    for (const clause of clauses) expect(passed.has(clause), `${clause} has no passing check; skipped:\n${skipped.join('\n')}`).toBe(true);
    // the search/content checks ran too (they cite FLT-04, ERR-01, PAG-02, FLT-06)
    for (const id of ['FLT-04:GET /search:search-exact-name', 'ERR-01:GET /search/suggestions:query-required', 'PAG-02:GET /search/suggestions:suggestions-bound', 'FLT-06:GET /content/{slug}:documented-content']) {
      expect(r.checks.find((c) => c.id === id)?.status, id).toBe('passed');
    }
  }, 300_000);

  // each free choice of section 4 that these families meet, with the families it concerns
  const modes: Array<[string, StartOptions['modes'], string[]]> = [
    ['outOfRange clamp', { outOfRange: 'clamp' }, ['PAG', 'ERR']],
    ['lenientSort reject', { lenientSort: 'reject' }, ['SRT']],
    ['rangeOnNonNumeric reject', { rangeOnNonNumeric: 'reject' }, ['FLT']],
    ['missingApiVersion reject', { missingApiVersion: 'reject' }, ['HDR', 'ERR']],
    ['localeFallback 404', { localeFallback: '404' }, ['FLT']],
    ['unsupportedMethod 405', { unsupportedMethod: 405 }, ['ERR', 'HDR']],
    ['errorType omit', { errorType: 'omit' }, ['ERR']],
    ['idFormat uuid', { idFormat: 'uuid' }, ['ERR', 'FMT', 'HDR']],
    ['searchInactive exclude', { searchInactive: 'exclude' }, ['FLT', 'PAG']],
    ['productCount 5 (one page)', { productCount: 5 }, ['PAG', 'SRT', 'FLT']],
    ['deleteLineItem 204', { deleteLineItem: 204 }, ['HDR']],
    ['emptyCartCheckout 422', { emptyCartCheckout: 422 }, ['ERR']],
    ['foreignResource 404', { foreignResource: 404 }, ['ERR']],
    ['bodyOnBodyless validate', { bodyOnBodyless: 'validate' }, ['HDR', 'ERR']],
  ];
  test.each(modes)('mode %s: 0 failed', async (_name, modes, only) => {
    const r = await run(only, { modes });
    expect(failed(r), failed(r).join('\n')).toEqual([]);
  }, 300_000);

  const faults = FAULTS.filter((f) => FAMILIES.includes(f.clause.split('-')[0]!));
  // a fault on other families' traffic (FaultInfo.traffic) runs with the families whose requests show it
  test.each(faults.map((f) => [f.id, f.clause, 'traffic' in f ? f.traffic : []] as const))('fault %s is caught by a %s check', async (id, clause, traffic) => {
    const r = await run([clause, ...traffic], { faults: [id] });
    expectCaught(r, id, clause);
  }, 300_000);
});
