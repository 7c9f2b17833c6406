// Honest counting (issue 9, item 8): a schema conformance result proves a body's shape, not a
// clause's rule. A read-only run never confirms an order, so CART-02 (the order total equals the cart
// total) is never checked — yet GET /orders/{orderId}'s bodies conform to the Order schema, whose
// root clause is CART-02. The coverage must show CART-02 as "schema only", not as passed, in
// results.json, summary.md and report.html's model; the writable run judges it by its dedicated check.

import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, test } from 'vitest';
import { resolveConfig } from '../src/config/index.js';
import type { ClauseCoverage, RunResults } from '../src/results.js';
import { runSuites } from '../src/engine/run.js';
import { FAULTS } from '../src/server/faults.js';
import { V2_FAULTS } from '../src/server/v2/index.js';

const cwd = mkdtempSync(join(tmpdir(), 'dodges-counting-'));
// CART, and FMT-02, whose checks read GET /orders/{orderId} (so its bodies are schema-validated)
const ONLY = ['CART', 'FMT-02'];

async function run(readOnly: boolean): Promise<{ r: RunResults; dir: string }> {
  const dir = mkdtempSync(join(cwd, 'r-'));
  const r = await runSuites({
    embedded: { rateLimits: { windowMs: 2000 } },
    config: { ...resolveConfig({}, {}, cwd), readOnly },
    only: ONLY,
    reporters: ['json', 'markdown', 'html'],
    reportDir: dir,
    retry: { maxWaitMs: 3000 },
    driver: 'in-process',
  });
  return { r, dir };
}

const zero = { passed: 0, failed: 0, warned: 0, skipped: 0, errored: 0 };

describe('coverage: dedicated checks apart from schema-only coverage', () => {
  test('a read-only run shows CART-02 as schema only, not passed', async () => {
    const { r, dir } = await run(true);
    const schemaResult = r.checks.find((c) => c.id === 'CART-02:GET /orders/{orderId}:schema-200');
    expect(schemaResult, JSON.stringify(r.checks.filter((c) => c.clause === 'CART-02'))).toMatchObject({ status: 'passed', schema: true });
    expect(r.checks.find((c) => c.id === 'CART-02:POST /checkout/{sessionId}/confirm:order-total')?.status).toBe('skipped');
    const row = r.coverage.find((c) => c.clause === 'CART-02')!;
    expect(row).toMatchObject({ judged: 'schema only', dedicated: { ...zero, skipped: 1 }, schema: { ...zero, passed: 1 } });
    // CART-01: every check skipped (writes), and no schema names it: not checked
    expect(r.coverage.find((c) => c.clause === 'CART-01')).toMatchObject({ judged: 'not checked', dedicated: { ...zero, skipped: 3 } });
    expect(r.coverage.find((c) => c.clause === 'FMT-02')).toMatchObject({ judged: 'dedicated' });

    // the JSON report carries both counts per clause
    const json = JSON.parse(readFileSync(join(dir, 'results.json'), 'utf8')) as RunResults;
    expect(json.coverage.find((c: ClauseCoverage) => c.clause === 'CART-02')).toEqual(row);
    // summary.md says which clauses only schema conformance judged
    expect(readFileSync(join(dir, 'summary.md'), 'utf8')).toMatch(/by schema conformance only, their rule not checked \(`CART-02`\)/);
    // report.html's model carries it (the page renders "schema only" from it)
    expect(readFileSync(join(dir, 'report.html'), 'utf8')).toContain('"judged":"schema only"');
  }, 60_000);

  test('the writable run judges CART-02 by its dedicated check', async () => {
    const { r } = await run(false);
    expect(r.checks.find((c) => c.id === 'CART-02:POST /checkout/{sessionId}/confirm:order-total')?.status).toBe('passed');
    expect(r.coverage.find((c) => c.clause === 'CART-02')).toMatchObject({ judged: 'dedicated', dedicated: { ...zero, passed: 1 } });
  }, 60_000);

  test('the fault tests name the checks each fault must fail, for faults of the catalogues only', () => {
    const named = JSON.parse(readFileSync(new URL('./fixtures/fault-catches.json', import.meta.url), 'utf8')) as { catches: Record<string, string[]> };
    const known = new Set<string>([...FAULTS, ...V2_FAULTS].map((f) => f.id));
    expect(Object.keys(named.catches).filter((id) => !known.has(id))).toEqual([]);
    // each named id cites the fault's clause and is a dedicated check, not a schema result
    const clauseOf = new Map<string, string>([...FAULTS, ...V2_FAULTS].map((f) => [f.id, f.clause]));
    for (const [fault, ids] of Object.entries(named.catches)) {
      for (const id of ids) expect(`${fault}: ${id}`).toMatch(new RegExp(`^${fault}: ${clauseOf.get(fault)}:.+:(?!schema-\\d+$)[^:]+$`));
    }
  });
});
