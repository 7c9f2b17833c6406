// The harness rules, on a fixture suite of synthetic checks (test/fixtures/harness.suite.ts) run
// through runSuites against the real reference server.
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { beforeAll, describe, expect, test } from 'vitest';
import { resolveConfig } from '../src/config/index.js';
import type { CheckResult, RunResults } from '../src/results.js';
import { runSuites } from '../src/engine/run.js';

const cwd = mkdtempSync(join(tmpdir(), 'harness-test-'));
let results: RunResults;
const byId = (suffix: string): CheckResult => results.checks.find((c) => c.id.endsWith(suffix))!;

beforeAll(async () => {
  const config = { ...resolveConfig({}, {}, cwd), readOnly: true };
  results = await runSuites({ config, include: ['test/fixtures/harness.suite.ts'], reportDir: join(cwd, 'r'), reporters: ['json'] });
}, 120_000);

describe('harness', () => {
  test('a passing check keeps its notes', () => {
    expect(byId(':passes')).toMatchObject({ status: 'passed', message: 'health is UP', endpoint: 'GET /health/live', clause: 'ENV-01' });
  });
  test('a SHOULD failure is warned, with redacted evidence and a curl line', () => {
    const c = byId(':should-fails');
    expect(c.status).toBe('warned');
    expect(c.evidence?.[0].request.headers['X-BFF-Token']).toBe('<redacted:STOREFRONT_TOKEN>');
    expect(c.evidence?.[0].curl).toContain('"$STOREFRONT_TOKEN"');
  });
  test('a MUST failure without explicit evidence carries its last exchange', () => {
    const c = byId(':must-fails');
    expect(c.status).toBe('failed');
    expect(c.evidence?.[0].request.url).toMatch(/\/products\?limit=1$/);
  });
  test('a failure that passes when repeated is warned and flaky', () => {
    expect(byId(':flaky')).toMatchObject({ status: 'warned', flaky: true });
    expect(byId(':flaky').message).toMatch(/^flaky: .*first time unlucky/);
  });
  test('a thrown error is a failed "check crashed" naming it a tool bug', () => {
    expect(byId(':crashes').status).toBe('failed');
    expect(byId(':crashes').message).toMatch(/^check crashed: cannot read properties of undefined \(a bug in the tool/);
  });
  test('writes are skipped under --read-only, needs without the resource are skipped with the reason', () => {
    expect(byId(':writes')).toMatchObject({ status: 'skipped' });
    expect(byId(':writes').message).toMatch(/ENV-02/);
    // the embedded server has a second customer: the need is met, so the check runs (and fails on purpose)
    expect(byId(':needs-customer2').status).toBe('failed');
  });
  test('appliesTo expands over the catalogue and resolvePath resolves x-params', () => {
    const resolved = results.checks.filter((c) => c.id.endsWith(':resolves'));
    expect(resolved.length).toBeGreaterThanOrEqual(4);
    for (const c of resolved) expect(c.status, `${c.id}: ${c.message}`).toBe('passed');
    expect(new Set(resolved.map((c) => c.endpoint)).size).toBe(resolved.length);
  });
  test('cleanups run after the file (their failures are setup warnings)', () => {
    const warnings = results.setup.filter((s) => s.level === 'warning' && /cleanup ran for/.test(s.message));
    expect(warnings.length).toBe(results.checks.filter((c) => c.id.endsWith(':resolves')).length);
  });
  test('credentials are handed to checks', () => {
    expect(byId(':credentials').status).toBe('passed');
  });
});
