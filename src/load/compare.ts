// `storefront-check load compare <baseline-dir> <candidate-dir>` and `load --baseline <dir>`: reads
// two runs' report models (load-report.json, or rebuilt from k6's output in the dir), compares them
// (src/load-report/compare.ts) and writes compare.html and compare.json. Exit 1 when a budget file
// is given and a regression breaks it; without a budget the comparison only reports.

import { existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { z } from 'zod';
import { ExitCode, UsageError, type ExitCodeValue } from '../errors.js';
import { readJsonFile } from './catalogue.js';
import type { LoadBudget, LoadComparison, LoadReportModel } from '../load-report/index.js';

const allowance = z.string().regex(/^[+-]?\d+(\.\d+)?(%|ms|pp)$/, "must be written like '+10%', '+5ms' or '+0.5pp'");
const allowances = z.strictObject({
  p50: allowance.optional(),
  p95: allowance.optional(),
  p99: allowance.optional(),
  errorRate: allowance.optional(),
  limitedRate: allowance.optional(),
  throughput: allowance.optional(),
});
const budgetSchema = allowances.extend({
  $comment: z.string().optional(),
  routes: z.record(z.string(), allowances).optional(),
  journeys: z.record(z.string(), allowances).optional(),
});

export function readBudget(file: string): LoadBudget {
  const { $comment: _, ...budget } = readJsonFile(file, budgetSchema);
  return budget as LoadBudget;
}

/** A run's report model: its load-report.json, or rebuilt from the k6 output it holds. */
export async function readRunModel(dir: string): Promise<LoadReportModel> {
  const json = join(dir, 'load-report.json');
  if (existsSync(json)) {
    const model = JSON.parse(readFileSync(json, 'utf8')) as LoadReportModel;
    if (model.version !== 2) throw new UsageError(`${json} is a load report model of version ${String(model.version)}; load compare reads version 2 (rerun the load test)`);
    return model;
  }
  const ndjson = join(dir, 'k6-samples.ndjson');
  if (!existsSync(ndjson)) {
    throw new UsageError(`${dir} holds no load run: expected load-report.json or k6-samples.ndjson (the report dir of a storefront-check load run)`);
  }
  const { buildLoadReport } = await import('../load-report/index.js');
  const scratch = mkdtempSync(join(tmpdir(), 'storefront-check-compare-'));
  try {
    const summary = join(dir, 'summary-export.json');
    const { model } = await buildLoadReport({ ndjsonPath: ndjson, summaryExportPath: existsSync(summary) ? summary : undefined, outFile: join(scratch, 'r.html') });
    return model;
  } finally {
    rmSync(scratch, { recursive: true, force: true });
  }
}

export interface CompareCommandInput {
  baseline: string;
  candidate: string;
  budget?: string;
  /** where compare.html and compare.json go */
  outDir: string;
}

export interface CompareOutcome {
  comparison: LoadComparison;
  html: string;
  json: string;
  exitCode: ExitCodeValue;
}

export async function runCompare(input: CompareCommandInput, cwd: string): Promise<CompareOutcome> {
  const baselineDir = resolve(cwd, input.baseline);
  const candidateDir = resolve(cwd, input.candidate);
  const budgetFile = input.budget ? resolve(cwd, input.budget) : undefined;
  const budget = budgetFile ? readBudget(budgetFile) : undefined;
  const [a, b] = await Promise.all([readRunModel(baselineDir), readRunModel(candidateDir)]);
  const { compareLoadRuns, renderComparison } = await import('../load-report/index.js');
  const comparison = compareLoadRuns({
    baseline: { dir: baselineDir, model: a },
    candidate: { dir: candidateDir, model: b },
    budget: budgetFile && budget ? { file: budgetFile, budget } : undefined,
  });
  const outDir = resolve(cwd, input.outDir);
  mkdirSync(outDir, { recursive: true });
  const html = join(outDir, 'compare.html');
  const json = join(outDir, 'compare.json');
  writeFileSync(html, renderComparison(comparison));
  writeFileSync(json, JSON.stringify(comparison, null, 2) + '\n');
  return { comparison, html, json, exitCode: comparison.overBudget ? ExitCode.FAILED : ExitCode.OK };
}

/** The lines the terminal gets: the regressions and improvements, and the budget's verdict. */
export function comparisonLines(c: LoadComparison): string[] {
  const lines: string[] = [];
  for (const e of [...c.routes, ...c.journeys]) {
    if (e.verdict !== 'regressed' && e.verdict !== 'improved') continue;
    const moved = e.metrics.filter((m) => m.verdict === e.verdict).map((m) => `${m.metric} ${m.baseline} → ${m.candidate}${m.relative !== null ? ` (${m.relative > 0 ? '+' : ''}${(m.relative * 100).toFixed(1)} %)` : ''}`);
    lines.push(`${e.verdict}: ${e.kind} ${e.name}: ${moved.join(', ')}${e.overBudget.length ? ` — over budget (${e.overBudget.join(', ')})` : ''}`);
  }
  lines.push(`${c.summary.regressed.length} regressed, ${c.summary.improved.length} improved, ${c.summary.withinNoise} within noise${c.budget ? `; budget ${c.overBudget ? 'EXCEEDED' : 'held'}` : ''}`);
  return lines;
}
