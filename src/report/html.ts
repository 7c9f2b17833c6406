// report.html: ONE self-contained file — the static template (html-template.ts) with the run's
// RunResults injected as JSON at the placeholder. Nothing else is assembled here.

import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { RunResults } from '../results.js';
import { HTML_TEMPLATE, MODEL_PLACEHOLDER } from './html-template.js';
import type { Reporter } from './types.js';

/** JSON that is safe inside <script>: no '</script>', no '<!--', no line separators JS chokes on. */
export function scriptSafeJson(value: unknown): string {
  return JSON.stringify(value)
    .replace(/</g, '\\u003c')
    .replace(/>/g, '\\u003e')
    .replace(/&/g, '\\u0026')
    .replace(/\u2028/g, '\\u2028')
    .replace(/\u2029/g, '\\u2029');
}

export function renderHtml(results: RunResults): string {
  const script = `<script id="storefront-check-model" type="application/json">${scriptSafeJson(results)}</script>`;
  return HTML_TEMPLATE.replace(MODEL_PLACEHOLDER, () => script);
}

export function htmlReporter(): Reporter {
  return {
    name: 'html',
    onRunEnd(results, dir) {
      const file = join(dir, 'report.html');
      writeFileSync(file, renderHtml(results));
      return file;
    },
  };
}
