// `load compare`: the judge (Welch's t over each run's windows, z-test for rates, budgets) on
// models built from real k6 output (../shared/k6-fixtures), and the command's files and exit code.
import { mkdtempSync, readFileSync, writeFileSync, mkdirSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { beforeAll, describe, expect, it } from 'vitest';
import { buildLoadReport, compareLoadRuns, type LoadReportModel } from '../src/load-report/index.js';
import { exceeds, welch } from '../src/load-report/compare.js';
import { runCompare } from '../src/load/compare.js';
import { ToolError } from '../src/errors.js';

const fixtures = resolve(fileURLToPath(new URL('..', import.meta.url)), '../shared/k6-fixtures');
const SLOW = 'GET /products';

async function model(run: 'pass' | 'fail', dir: string): Promise<LoadReportModel> {
  mkdirSync(dir, { recursive: true });
  const { model } = await buildLoadReport({
    ndjsonPath: join(fixtures, run, 'out.ndjson'),
    summaryExportPath: join(fixtures, run, 'summary-export.json'),
    outFile: join(dir, 'load-report.html'),
    modelFile: join(dir, 'load-report.json'),
  });
  return model;
}

/** The same run with one route 40 ms slower: every latency it reports, whole-run and per window. */
function slowed(m: LoadReportModel, route: string, ms: number): LoadReportModel {
  const copy = JSON.parse(JSON.stringify(m)) as LoadReportModel;
  const r = copy.routes.find((x) => x.name === route)!;
  const add = (v: number | null) => (v === null ? null : v + ms);
  for (const k of ['p50', 'p90', 'p95', 'p99', 'min', 'max', 'mean'] as const) r.latency[k] = add(r.latency[k]);
  for (const k of ['p50', 'p95', 'p99'] as const) {
    r.windows[k] = r.windows[k].map(add);
    r.series[k] = r.series[k].map(add);
  }
  return copy;
}

let work: string;
let base: LoadReportModel;
beforeAll(async () => {
  work = mkdtempSync(join(tmpdir(), 'load-compare-'));
  base = await model('pass', join(work, 'baseline'));
});

describe('the judge', () => {
  it('Welch: a shift far beyond the spread is significant, one inside it is not', () => {
    const a = [2, 2.2, 1.9, 2.1, 2.05, 1.95];
    expect(Math.abs(welch(a, a.map((x) => x + 40))!.t)).toBeGreaterThan(welch(a, a.map((x) => x + 40))!.critical);
    const w = welch(a, [2.1, 1.9, 2.0, 2.2, 1.95, 2.05])!;
    expect(Math.abs(w.t)).toBeLessThan(w.critical);
    expect(welch([1], [2, 3])).toBeNull();
  });

  it.each([
    ['p95', 10, 11.5, '+10%', true],
    ['p95', 10, 10.9, '+10%', false],
    ['p95', 10, 16, '+5ms', true],
    ['errorRate', 0.001, 0.008, '+0.5pp', true],
    ['throughput', 10, 8.5, '-10%', true],
    ['throughput', 10, 9.5, '-10%', false],
  ] as const)('budget %s %s → %s against %s: exceeded %s', (metric, b, c, allowed, expected) => {
    const change = { metric, baseline: b, candidate: c, delta: c - b, relative: (c - b) / b, verdict: 'regressed' as const, basis: '' };
    expect(exceeds(change, allowed)).toBe(expected);
  });

  it('a run against itself: every route and journey within noise, nothing over budget', () => {
    const c = compareLoadRuns({ baseline: { dir: 'a', model: base }, candidate: { dir: 'b', model: base }, budget: { file: 'b.json', budget: { p95: '+10%' } } });
    expect(c.summary.regressed).toEqual([]);
    expect(c.summary.improved).toEqual([]);
    expect(c.routes.length).toBe(base.routes.length);
    expect(c.routes.every((r) => r.verdict === 'within noise')).toBe(true);
    expect(c.overBudget).toBe(false);
  });

  it('one route 40 ms slower: exactly that route regressed, the others within noise; over a +10% p95 budget', () => {
    const c = compareLoadRuns({
      baseline: { dir: 'a', model: base },
      candidate: { dir: 'b', model: slowed(base, SLOW, 40) },
      budget: { file: 'budget.json', budget: { p95: '+10%' } },
    });
    expect(c.summary.regressed).toEqual([SLOW]);
    const r = c.routes.find((x) => x.name === SLOW)!;
    expect(r.metrics.find((m) => m.metric === 'p95')).toMatchObject({ verdict: 'regressed', budget: { allowed: '+10%', exceeded: true } });
    expect(r.overBudget).toContain('p95');
    expect(c.overBudget).toBe(true);
    expect(r.series.candidate!.p95.length).toBe(base.timeline.t.length);
  });
});

describe('storefront-check load compare', () => {
  it('writes compare.html and compare.json; exit 0 without a budget, 1 over it, 2 for a bad budget or dir', async () => {
    const candidate = join(work, 'candidate');
    mkdirSync(candidate, { recursive: true });
    writeFileSync(join(candidate, 'load-report.json'), JSON.stringify(slowed(base, SLOW, 40)));
    const plain = await runCompare({ baseline: join(work, 'baseline'), candidate, outDir: join(work, 'out') }, work);
    expect(plain.exitCode).toBe(0);
    expect(plain.comparison.summary.regressed).toEqual([SLOW]);
    expect(JSON.parse(readFileSync(plain.json, 'utf8')).routes.length).toBe(base.routes.length);
    expect(readFileSync(plain.html, 'utf8')).toContain('<script id="load-comparison" type="application/json">');
    writeFileSync(join(work, 'budget.json'), JSON.stringify({ p95: '+10%', routes: { [SLOW]: { p99: '+50%' } } }));
    const over = await runCompare({ baseline: join(work, 'baseline'), candidate, budget: 'budget.json', outDir: join(work, 'out2') }, work);
    expect(over.exitCode).toBe(1);
    writeFileSync(join(work, 'bad.json'), JSON.stringify({ p95: 'ten percent' }));
    const bad = runCompare({ baseline: join(work, 'baseline'), candidate, budget: 'bad.json', outDir: join(work, 'out3') }, work);
    await expect(bad).rejects.toThrow(/'p95' must be written like '\+10%'/);
    await expect(bad).rejects.toBeInstanceOf(ToolError);
    await expect(runCompare({ baseline: work, candidate, outDir: work }, work)).rejects.toThrow(/holds no load run/);
  });
});
