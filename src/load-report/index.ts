// The load report's entry point: stream k6's --out json file through the aggregator, read its
// summary for thresholds, and write a self-contained load-report.html. The `load` CLI command
// calls buildLoadReport after k6 exits (whatever its exit code: a failed run needs the report most).

import { mkdir, writeFile } from 'node:fs/promises';
import { dirname } from 'node:path';
import { LoadAggregator, type AggregateOptions } from './aggregate.js';
import { assembleModel } from './assemble.js';
import type { LoadProfileInput, LoadReportModel, RouteInfo } from './model.js';
import { readK6Ndjson } from './ndjson.js';
import { renderLoadReport } from './render.js';
import { readK6Summary } from './summary.js';

export { CORRELATION_ID_TAG, FAILED_REQUESTS_METRIC } from './aggregate.js';
export { LoadReportError } from './errors.js';
export type * from './model.js';
export { renderComparison, renderLoadReport } from './render.js';
export { compareLoadRuns, type CompareInput, type LoadBudget } from './compare.js';
export type * from './compare-model.js';

export interface BuildLoadReportOptions {
  /** k6 `--out json=<file>` output */
  ndjsonPath: string;
  /** k6 `--summary-export=<file>` output */
  summaryExportPath?: string;
  /** the `data` handleSummary received, as JSON (preferred over summaryExportPath when both are given) */
  handleSummaryPath?: string;
  /** where to write load-report.html (its folder is created) */
  outFile: string;
  /** the profile the run followed, for the target-vs-achieved chart */
  profile?: LoadProfileInput;
  /** the system under load, e.g. its base URL; shown in the header */
  target?: string;
  title?: string;
  aggregate?: AggregateOptions;
  /** the scripts' routes (load/routes.json), so a threshold with no samples can say why */
  routes?: RouteInfo[];
  /** also write the model as JSON here (what `load compare` reads) */
  modelFile?: string;
  /** the VU pools were capped (--vus) below what the rate needs */
  poolsCapped?: boolean;
}

export async function buildLoadReport(options: BuildLoadReportOptions): Promise<{ outFile: string; model: LoadReportModel }> {
  const aggregate = new LoadAggregator(options.aggregate);
  const [stats, summary] = await Promise.all([
    readK6Ndjson(options.ndjsonPath, aggregate),
    readK6Summary({ summaryExportPath: options.summaryExportPath, handleSummaryPath: options.handleSummaryPath }),
  ]);
  const model = assembleModel({ aggregate, stats, summary, profile: options.profile, target: options.target, title: options.title, routes: options.routes, poolsCapped: options.poolsCapped });
  await mkdir(dirname(options.outFile), { recursive: true });
  await writeFile(options.outFile, renderLoadReport(model), 'utf8');
  if (options.modelFile) await writeFile(options.modelFile, JSON.stringify(model) + '\n', 'utf8');
  return { outFile: options.outFile, model };
}
