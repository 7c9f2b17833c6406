// The engine's vitest reporter: the only one vitest gets (no default reporters, nothing on
// stdout). It gathers the CheckResults and file totals the workers put in task.meta, turns a
// test that vitest itself failed (timeout, crashed worker) or a suite file that did not load into
// results and setup problems, and emits progress events as checks and files finish.

import type { TestAnnotation } from 'vitest';
import type { Reporter, TestCase, TestModule } from 'vitest/node';
import type { CheckResult, ProgressEvent } from '../results.js';
import { PROGRESS_TEST, type FileMeta, type LandedResult } from './context.js';
import { familyOf } from './select.js';

function parseId(id: string): { clause: string; endpoint: string; slug: string } {
  const first = id.indexOf(':');
  const last = id.lastIndexOf(':');
  if (first < 0 || last === first) return { clause: 'TOOL', endpoint: '*', slug: id };
  return { clause: id.slice(0, first), endpoint: id.slice(first + 1, last), slug: id.slice(last + 1) };
}

export class ResultCollector implements Reporter {
  readonly checks: CheckResult[] = [];
  readonly files: FileMeta[] = [];
  readonly problems: string[] = [];
  /** called when a check or a suite file saw a request get no response (is the target gone?) */
  onNetworkError?: () => void;
  constructor(private readonly onProgress?: (e: ProgressEvent) => void) {}

  /** ids already shown as progress (from the progress test's annotations) */
  private readonly announced = new Set<string>();

  onTestCaseAnnotate(testCase: TestCase, annotation: TestAnnotation): void {
    if (testCase.name !== PROGRESS_TEST || annotation.type !== PROGRESS_TEST) return;
    const { noResponse, ...result } = JSON.parse(annotation.message) as LandedResult;
    this.announced.add(result.id);
    if (noResponse) this.onNetworkError?.();
    this.onProgress?.({ type: 'check', result });
  }

  onTestCaseResult(testCase: TestCase): void {
    if (testCase.name === PROGRESS_TEST) {
      const r = testCase.result();
      if (r.state === 'failed') this.problems.push(`the run's progress test failed: ${r.errors?.[0]?.message ?? 'unknown error'}`);
      return;
    }
    const meta = testCase.meta().storefrontCheck;
    if (meta) {
      this.checks.push(meta);
      if (this.announced.has(meta.id)) return;
      if (meta.evidence?.some((e) => e.error)) this.onNetworkError?.();
      this.onProgress?.({ type: 'check', result: meta });
      return;
    }
    const result = testCase.result();
    if (result.state !== 'failed') return; // skipped placeholders ('no check selected'), cancelled tests
    const { clause, endpoint } = parseId(testCase.name);
    const error = result.errors?.[0]?.message ?? 'unknown error';
    const synthetic: CheckResult = {
      id: testCase.name,
      clause,
      family: familyOf(clause),
      endpoint,
      title: testCase.name,
      status: 'errored',
      message: `the tool failed, not the API: ${error}`,
      durationMs: Math.round(testCase.diagnostic()?.duration ?? 0),
    };
    this.checks.push(synthetic);
    this.onProgress?.({ type: 'check', result: synthetic });
  }

  onTestModuleEnd(module: TestModule): void {
    for (const err of module.errors()) {
      this.problems.push(`suite ${module.relativeModuleId} did not load: ${err.message?.split('\n')[0] ?? String(err)}`);
    }
    let family: string | undefined;
    for (const suite of module.children.allSuites()) {
      for (const err of suite.errors()) {
        this.problems.push(`suite ${module.relativeModuleId} (${suite.name}) failed: ${err.message?.split('\n')[0] ?? String(err)}`);
      }
      const meta = suite.meta().storefrontFile;
      if (meta) {
        this.files.push(meta);
        family = meta.family;
        if (meta.networkErrors) this.onNetworkError?.();
      }
    }
    const mine = [...module.children.allTests()].map((t) => t.meta().storefrontCheck).filter((m): m is CheckResult => Boolean(m));
    if (!mine.length) return;
    const counts = { passed: 0, failed: 0, warned: 0, skipped: 0, errored: 0 };
    for (const m of mine) counts[m.status]++;
    this.onProgress?.({ type: 'family', family: family ?? mine[0].family, counts });
  }

  onTestRunEnd(_modules: ReadonlyArray<TestModule>, errors: ReadonlyArray<{ message?: string }>): void {
    for (const e of errors) this.problems.push(`unhandled error in a suite: ${e.message?.split('\n')[0] ?? 'unknown'}`);
  }
}
