// Renders load-report.html: the static template with the chart.js UMD bundle and the model JSON
// injected at their placeholders. The file is self-contained (no external URL), so it can be
// attached to a CI run and opened offline.

import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import type { LoadReportModel } from './model.js';
import type { LoadComparison } from './compare-model.js';
import { COMPARE_TEMPLATE, COMPARISON_PLACEHOLDER } from './compare-template.js';
import { CHART_JS_PLACEHOLDER, LOAD_REPORT_TEMPLATE, MODEL_PLACEHOLDER } from './template.js';
import { scriptSafeJson } from '../report/html.js';

let chartJs: string | undefined;

/** chart.js's UMD bundle; its package exports hide dist/, so it is found next to the main entry. */
export function chartJsBundle(): string {
  if (chartJs === undefined) {
    const main = createRequire(import.meta.url).resolve('chart.js');
    chartJs = inlineScript(readFileSync(join(dirname(main), 'chart.umd.min.js'), 'utf8'));
  }
  return chartJs;
}

export function renderLoadReport(model: LoadReportModel): string {
  return fill(fill(LOAD_REPORT_TEMPLATE, MODEL_PLACEHOLDER, scriptSafeJson(model)), CHART_JS_PLACEHOLDER, chartJsBundle());
}

export function renderComparison(comparison: LoadComparison): string {
  return fill(fill(COMPARE_TEMPLATE, COMPARISON_PLACEHOLDER, scriptSafeJson(comparison)), CHART_JS_PLACEHOLDER, chartJsBundle());
}


/** A script body must not close its element or open an HTML comment; in JS both rewrites are no-ops. */
function inlineScript(code: string): string {
  return code.replace(/<\/script/gi, '<\\/script').replace(/<!--/g, '<\\!--');
}

/** split/join rather than String.replace, whose replacement string would interpret `$&` and kin */
function fill(template: string, placeholder: string, content: string): string {
  const parts = template.split(placeholder);
  if (parts.length !== 2) throw new Error(`load-report template: placeholder ${placeholder} must occur exactly once`);
  return parts[0] + content + parts[1];
}
