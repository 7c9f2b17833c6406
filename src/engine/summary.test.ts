// The gate's verdict, table-driven: which results give which exit code.
import { describe, expect, it } from 'vitest';
import { ExitCode } from '../errors.js';
import type { CheckResult, RunResults } from '../results.js';
import { coverage, judgedBy, summarise, verdict } from './summary.js';

const c = (status: CheckResult['status'], extra: Partial<CheckResult> = {}): CheckResult => ({
  id: `PAG-01:GET /p:${Math.random()}`, clause: 'PAG-01', family: 'PAG', endpoint: 'GET /p', title: 't', status, message: 'm', durationMs: 1, ...extra,
});
const results = (checks: CheckResult[], extra: Partial<RunResults> = {}): Omit<RunResults, 'exitCode'> => ({
  tool: { name: 'storefront-check', version: '0' }, target: { baseUrl: 'http://x', env: 'custom', embedded: false }, pack: 'p',
  startedAt: '', durationMs: 0, requests: 0, summary: summarise(checks), checks, coverage: [], setup: [], ...extra,
});

describe('verdict', () => {
  it.each([
    ['all passed', [c('passed'), c('skipped')], {}, {}, ExitCode.OK],
    ['a failure', [c('passed'), c('failed')], {}, {}, ExitCode.FAILED],
    ['a baselined failure', [c('passed'), c('failed', { baselined: true })], {}, {}, ExitCode.OK],
    ['a warning', [c('passed'), c('warned')], {}, {}, ExitCode.OK],
    ['a warning under --strict', [c('passed'), c('warned')], {}, { strict: true }, ExitCode.FAILED],
    ['an intermittent failure', [c('passed'), c('failed', { intermittent: true })], {}, {}, ExitCode.FAILED],
    ['a tool error', [c('passed'), c('errored')], {}, {}, ExitCode.INTERNAL],
    ['a tool error beside a failure', [c('failed'), c('errored')], {}, {}, ExitCode.INTERNAL],
    ['everything skipped', [c('skipped'), c('skipped')], {}, {}, ExitCode.FAILED],
    ['no checks at all', [], {}, {}, ExitCode.FAILED],
    ['a setup error', [c('passed')], { setup: [{ level: 'error' as const, message: 'login failed' }] }, {}, ExitCode.FAILED],
    ['a setup warning', [c('passed')], { setup: [{ level: 'warning' as const, message: 'no customer2' }] }, {}, ExitCode.OK],
    ['interrupted', [c('passed')], { interrupted: true }, {}, ExitCode.FAILED],
    ['target lost', [c('passed')], { interrupted: true }, { targetLost: true }, ExitCode.UNREACHABLE],
    ['stopped by SIGINT', [c('passed')], { interrupted: true }, { stoppedBy: 'SIGINT' }, ExitCode.INTERRUPTED],
    ['stopped by SIGTERM', [c('passed')], { interrupted: true }, { stoppedBy: 'SIGTERM' }, ExitCode.TERMINATED],
    ['stopped by its --deadline', [c('passed')], { interrupted: true }, { stoppedBy: 'deadline' }, ExitCode.FAILED],
  ])('%s', (_w, checks, extra, opts, code) => {
    expect(verdict(results(checks, extra), opts).exitCode).toBe(code);
  });

  it('a run stopped by its --deadline says so and counts the checks it never ran', () => {
    const never = c('skipped', { message: "deadline: the run's --deadline passed before this check started" });
    const v = verdict(results([c('passed'), never, { ...never, id: 'x' }, c('skipped', { message: 'needs customer2' })], { interrupted: true }), { stoppedBy: 'deadline' });
    expect(v.reason).toBe("the run's --deadline passed: 2 check(s) never ran or were cut short (skipped: deadline); the reports hold what was checked so far");
  });
});

describe('coverage', () => {
  it('has a row per clause, also for clauses no check cites', () => {
    const rows = coverage(
      [
        { id: 'PAG-01', family: 'PAG', level: 'MUST', summary: 's' },
        { id: 'PAG-02', family: 'PAG', level: 'MUST', summary: 's' },
      ],
      [c('passed'), c('failed', { endpoint: 'GET /q' })],
    );
    expect(rows.find((r) => r.clause === 'PAG-01')).toMatchObject({ checks: 2, passed: 1, failed: 1, endpoints: ['GET /p', 'GET /q'] });
    expect(rows.find((r) => r.clause === 'PAG-02')).toMatchObject({ checks: 0 });
  });

  const PAG = [{ id: 'PAG-01', family: 'PAG', level: 'MUST' as const, summary: 's' }];
  const schema = (status: CheckResult['status']) => c(status, { id: `PAG-01:GET /p:schema-200`, schema: true });
  const counts = (over: Partial<Record<CheckResult['status'], number>> = {}) => ({ passed: 0, failed: 0, warned: 0, skipped: 0, errored: 0, ...over });

  it.each([
    ['dedicated passes', [c('passed'), schema('passed')], 'dedicated', counts({ passed: 1 }), counts({ passed: 1 })],
    ['only schema passes: schema only, not covered', [schema('passed'), c('skipped')], 'schema only', counts({ skipped: 1 }), counts({ passed: 1 })],
    ['a schema failure alone is still schema only', [schema('failed')], 'schema only', counts(), counts({ failed: 1 })],
    ['a dedicated failure', [c('failed'), schema('passed')], 'dedicated', counts({ failed: 1 }), counts({ passed: 1 })],
    ['a dedicated warning', [c('warned')], 'dedicated', counts({ warned: 1 }), counts()],
    ['errored judges nothing', [c('errored')], 'not checked', counts({ errored: 1 }), counts()],
    ['errored beside schema passes is schema only', [c('errored'), schema('passed')], 'schema only', counts({ errored: 1 }), counts({ passed: 1 })],
    ['all skipped', [c('skipped'), c('skipped')], 'not checked', counts({ skipped: 2 }), counts()],
    ['no result', [], 'not checked', counts(), counts()],
  ])('%s', (_what, checks, judged, dedicated, schemaCounts) => {
    const [row] = coverage(PAG, checks);
    expect(row).toMatchObject({ judged, dedicated, schema: schemaCounts, checks: checks.length });
    // the totals stay the sum of both kinds
    expect(row!.passed).toBe(dedicated.passed + schemaCounts.passed);
    expect(judgedBy(row!.dedicated, row!.schema)).toBe(judged);
  });

  it('a result citing a clause the pack does not list gets a row of its own', () => {
    const rows = coverage(PAG, [c('failed', { clause: 'ERR-07', id: 'ERR-07:GET /c:parameter-source', endpoint: 'GET /c' })]);
    expect(rows.find((r) => r.clause === 'ERR-07')).toMatchObject({ judged: 'dedicated', dedicated: counts({ failed: 1 }), endpoints: ['GET /c'] });
    expect(rows.find((r) => r.clause === 'PAG-01')).toMatchObject({ judged: 'not checked', checks: 0 });
  });
});
