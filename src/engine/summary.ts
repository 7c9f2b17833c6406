// From check results to the run's verdict: counts, clause coverage (dedicated checks apart from
// schema-only coverage), and the exit code of the gate (src/errors.ts). Pure functions: the CLI
// and the tests reach the same verdict.

import { ExitCode, type ExitCodeValue } from '../errors.js';
import type { Clause } from '../contract/types.js';
import type { CheckResult, ClauseCoverage, RunResults, StatusCounts } from '../results.js';

export function summarise(checks: readonly CheckResult[]): RunResults['summary'] {
  const s = { passed: 0, failed: 0, warned: 0, skipped: 0, errored: 0 };
  for (const c of checks) s[c.status]++;
  return s;
}

const zero = (): StatusCounts => ({ passed: 0, failed: 0, warned: 0, skipped: 0, errored: 0 });

/** What a clause's results judged: a dedicated check's verdict, schema conformance alone, or nothing. */
export function judgedBy(dedicated: StatusCounts, schema: StatusCounts): ClauseCoverage['judged'] {
  // skipped and errored judge nothing: a tool error is never coverage, nor a catch
  const judged = (n: StatusCounts) => n.passed + n.failed + n.warned > 0;
  return judged(dedicated) ? 'dedicated' : judged(schema) ? 'schema only' : 'not checked';
}

/**
 * A row per clause (also for clauses no check cites, and for clauses a result cites that the pack
 * does not list): the counts of all its results, then the dedicated checks apart from the schema
 * conformance results, and how the clause was judged.
 */
export function coverage(clauses: readonly Clause[], checks: readonly CheckResult[]): ClauseCoverage[] {
  const rows = new Map<string, ClauseCoverage>();
  const row = (clause: string, level: ClauseCoverage['level'], summary: string): ClauseCoverage =>
    ({ clause, level, summary, checks: 0, ...zero(), endpoints: [], dedicated: zero(), schema: zero(), judged: 'not checked' });
  for (const c of clauses) rows.set(c.id, row(c.id, c.level, c.summary));
  for (const r of checks) {
    let cov = rows.get(r.clause);
    if (!cov) rows.set(r.clause, (cov = row(r.clause, 'MUST', '')));
    cov.checks++;
    cov[r.status]++;
    (r.schema ? cov.schema : cov.dedicated)[r.status]++;
    if (!cov.endpoints.includes(r.endpoint)) cov.endpoints.push(r.endpoint);
  }
  for (const cov of rows.values()) {
    cov.endpoints.sort();
    cov.judged = judgedBy(cov.dedicated, cov.schema);
  }
  return [...rows.values()];
}

export interface Verdict {
  exitCode: ExitCodeValue;
  /** one line saying why, for the console */
  reason: string;
}

export function verdict(
  results: Omit<RunResults, 'exitCode'>,
  /** stoppedBy: the abort reason of an interrupted run, 'SIGINT' | 'SIGTERM' | 'deadline' (its --deadline passed) */
  opts: { strict?: boolean; targetLost?: boolean; stoppedBy?: string },
): Verdict {
  const failing = results.checks.filter((c) => c.status === 'failed' && !c.baselined);
  const warnings = results.checks.filter((c) => c.status === 'warned' && !c.baselined);
  const checked = results.checks.filter((c) => c.status !== 'skipped').length;
  const setupErrors = results.setup.filter((s) => s.level === 'error');
  const errored = results.checks.filter((c) => c.status === 'errored');
  if (opts.targetLost) return { exitCode: ExitCode.UNREACHABLE, reason: 'the target stopped answering during the run' };
  if (results.interrupted && opts.stoppedBy === 'deadline') {
    const never = results.checks.filter((c) => c.status === 'skipped' && c.message.startsWith('deadline:')).length;
    return { exitCode: ExitCode.FAILED, reason: `the run's --deadline passed: ${never} check(s) never ran or were cut short (skipped: deadline); the reports hold what was checked so far` };
  }
  if (results.interrupted) {
    const exitCode = opts.stoppedBy === 'SIGTERM' ? ExitCode.TERMINATED : opts.stoppedBy === 'SIGINT' ? ExitCode.INTERRUPTED : ExitCode.FAILED;
    return { exitCode, reason: `the run was interrupted${opts.stoppedBy ? ` (${opts.stoppedBy})` : ''}; the reports hold what was checked so far` };
  }
  if (setupErrors.length) return { exitCode: ExitCode.FAILED, reason: `setup problem: ${setupErrors[0].message}` };
  if (errored.length) {
    return { exitCode: ExitCode.INTERNAL, reason: `${errored.length} check(s) errored: the tool failed, not the API (${errored[0].id}); please report it${failing.length ? `; and ${failing.length} check(s) failed` : ''}` };
  }
  if (failing.length) return { exitCode: ExitCode.FAILED, reason: `${failing.length} check(s) failed` };
  if (opts.strict && warnings.length) return { exitCode: ExitCode.FAILED, reason: `${warnings.length} warning(s) fail the gate under --strict` };
  if (checked === 0) {
    return {
      exitCode: ExitCode.FAILED,
      reason: results.checks.length ? 'nothing was checked: every check was skipped (see the reasons)' : 'nothing was checked: no check matched',
    };
  }
  return { exitCode: ExitCode.OK, reason: 'no contract failure' };
}
