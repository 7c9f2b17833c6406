// The runtime's rules, on synthetic checks (test/fixtures/harness-checks.ts) against the real
// reference server — run twice, in-process and through vitest (harness.suite.ts), which must agree:
// vitest is only glue over the same CheckRuntime.
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { beforeAll, describe, expect, test } from 'vitest';
import { resolveConfig } from '../src/config/index.js';
import { runSuites } from '../src/engine/run.js';
import { ExitCode } from '../src/errors.js';
import type { CheckResult, RunResults } from '../src/results.js';
import { harnessChecks } from './fixtures/harness-checks.js';

const cwd = mkdtempSync(join(tmpdir(), 'harness-test-'));
const runs: Record<'in-process' | 'vitest', RunResults> = {} as never;

beforeAll(async () => {
  const config = { ...resolveConfig({}, {}, cwd), readOnly: true };
  const common = { config, reporters: ['json'] };
  runs['in-process'] = await runSuites({ ...common, driver: 'in-process', families: { HARNESS: harnessChecks }, reportDir: join(cwd, 'a') });
  runs.vitest = await runSuites({ ...common, include: ['test/fixtures/harness.suite.ts'], reportDir: join(cwd, 'b') });
}, 120_000);

describe.each(['in-process', 'vitest'] as const)('runtime rules (%s)', (driver) => {
  const byId = (suffix: string): CheckResult => runs[driver].checks.find((c) => c.id.endsWith(suffix))!;
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
    expect(c.message).toMatch(/failed again when repeated/);
    expect(c.evidence?.[0].request.url).toMatch(/\/products\?limit=1$/);
  });
  test('a failure that passes when repeated is still a failure, marked intermittent', () => {
    expect(byId(':flaky')).toMatchObject({ status: 'failed', intermittent: true });
    expect(byId(':flaky').message).toMatch(/^intermittent \(1 of 2 runs failed\): first time unlucky/);
  });
  test('a thrown error is errored (the tool failed), with its stack, and the run exits 4', () => {
    const c = byId(':crashes');
    expect(c.status).toBe('errored');
    expect(c.message).toMatch(/^the tool failed, not the API: cannot read properties of undefined/);
    expect(c.stack).toMatch(/TypeError: cannot read properties of undefined\n\s+at /);
    expect(runs[driver].summary.errored).toBe(1);
    expect(runs[driver].exitCode).toBe(ExitCode.INTERNAL);
  });
  test('writes are skipped under --read-only, needs without the resource are skipped with the reason', () => {
    expect(byId(':writes')).toMatchObject({ status: 'skipped' });
    expect(byId(':writes').message).toMatch(/ENV-02/);
    // the embedded server has a second customer: the need is met, so the check runs (and fails on purpose)
    expect(byId(':needs-customer2').status).toBe('failed');
  });
  test('appliesTo expands over the catalogue and resolvePath resolves x-params', () => {
    const resolved = runs[driver].checks.filter((c) => c.id.endsWith(':resolves'));
    expect(resolved.length).toBeGreaterThanOrEqual(4);
    for (const c of resolved) expect(c.status, `${c.id}: ${c.message}`).toBe('passed');
    expect(new Set(resolved.map((c) => c.endpoint)).size).toBe(resolved.length);
  });
  test('cleanups run at the end (their failures are setup warnings)', () => {
    const warnings = runs[driver].setup.filter((s) => s.level === 'warning' && /cleanup ran for/.test(s.message));
    expect(warnings.length).toBe(runs[driver].checks.filter((c) => c.id.endsWith(':resolves')).length);
  });
  test('credentials are handed to checks', () => {
    expect(byId(':credentials').status).toBe('passed');
  });
});

test('both drivers give the same statuses for the same checks', () => {
  const statuses = (r: RunResults) => r.checks.map((c) => `${c.id} ${c.status}`);
  expect(statuses(runs.vitest)).toEqual(statuses(runs['in-process']));
});
