// The load run's summary.md: from the load report model built out of real k6 v1.3 output
// (../shared/k6-fixtures), it shows the verdict, the thresholds (crossed first) and the routes over
// budget; the comparison hook lists regressions; and `load --summary-file` writes summary.md
// beside load-report.html and appends it (a stand-in K6_BIN replays the fixture, as in load-cli).

import { chmodSync, existsSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { buildLoadReport } from '../src/load-report/index.js';
import { runLoadCommand, type LoadCommandInput } from '../src/load/index.js';
import { renderLoadMarkdown, thresholdRoute } from '../src/report/load-markdown.js';

const fixtures = resolve(fileURLToPath(new URL('..', import.meta.url)), '../shared/k6-fixtures');
const work = mkdtempSync(join(tmpdir(), 'load-summary-'));
const skip = existsSync(join(fixtures, 'fail', 'out.ndjson')) ? null : `k6 fixtures not found at ${fixtures}`;

async function modelOf(run: 'pass' | 'fail') {
  const { model } = await buildLoadReport({
    ndjsonPath: join(fixtures, run, 'out.ndjson'),
    summaryExportPath: join(fixtures, run, 'summary-export.json'),
    outFile: join(work, run, 'load-report.html'),
    target: 'http://127.0.0.1:18777',
  });
  return model;
}

it.each([
  ['http_req_duration{name:GET /search}', 'GET /search'],
  ['http_req_duration{expected_response:true,name:GET /products/{productId}}', 'GET /products/{productId}'],
  ['http_req_failed', undefined],
])('thresholdRoute(%s)', (metric, route) => expect(thresholdRoute(metric)).toBe(route));

describe.skipIf(skip !== null)(`load summary.md${skip ? ` (SKIPPED: ${skip})` : ''}`, () => {
  it('a run that crossed thresholds: FAIL, crossed thresholds first, the route over budget', async () => {
    const model = await modelOf('fail');
    const md = renderLoadMarkdown(model, { hasHtml: true });
    expect(md).toMatch(/^## ❌ storefront-check load: FAIL/);
    const crossed = model.thresholds.filter((t) => !t.ok);
    expect(crossed.length).toBeGreaterThan(0);
    expect(md).toContain(`### Thresholds: ${crossed.length} of ${model.thresholds.length} crossed`);
    const rows = md.split('\n').filter((l) => /^\| [✅❌] \|/.test(l));
    expect(rows).toHaveLength(model.thresholds.length);
    expect(rows.slice(0, crossed.length).every((l) => l.startsWith('| ❌'))).toBe(true);
    expect(md).toContain('| ❌ | `http_req_duration{name:GET /search}` | `p(95)<5` | 17.3 |');
    const search = model.routes.find((r) => r.name === 'GET /search')!;
    expect(md).toContain('### Routes over budget (1)');
    expect(md).toContain(`| \`GET /search\` | ${search.requests} |`);
    expect(md).toContain('[load-report.html](load-report.html)');
    expect(md).not.toContain('Compared with');
  });

  it('a clean run: PASS, no route over budget', async () => {
    const md = renderLoadMarkdown(await modelOf('pass'), { hasHtml: true });
    expect(md).toMatch(/^## ✅ storefront-check load: PASS/);
    expect(md).toMatch(/### Thresholds: 0 of \d+ crossed/);
    expect(md).not.toContain('Routes over budget');
  });

  it('the comparison hook lists the regressions', async () => {
    const md = renderLoadMarkdown(await modelOf('pass'), {
      hasHtml: false,
      comparison: { baseline: 'reports/v1.4.0-load-average', regressions: [{ route: 'GET /search', metric: 'p95', baseline: 41, candidate: 88.5, note: 'beyond both runs\u2019 spread' }], improved: 1, withinNoise: 12 },
    });
    expect(md).toContain('### Compared with `reports/v1.4.0-load-average`: 1 regression(s), 1 improved, 12 within noise');
    expect(md).toContain('| `GET /search` | p95 | 41 | 88.5 | beyond both runs’ spread |');
  });

  it('`load --summary-file` writes summary.md beside load-report.html and appends it', async () => {
    const k6 = join(work, 'k6');
    writeFileSync(k6, `#!${process.execPath}
const fs = require('node:fs');
const args = process.argv.slice(2);
const after = (flag) => args[args.indexOf(flag) + 1];
fs.copyFileSync(${JSON.stringify(join(fixtures, 'fail', 'summary-export.json'))}, after('--summary-export'));
fs.copyFileSync(${JSON.stringify(join(fixtures, 'fail', 'out.ndjson'))}, after('--out').replace(/^json=/, ''));
process.exit(99);
`);
    chmodSync(k6, 0o755);
    const stepSummary = join(work, 'step-summary.md');
    let stderr = '';
    const input: LoadCommandInput = {
      config: {}, profile: 'smoke', thresholds: [], seed: 42, discountCodes: [], reportDir: 'run', dryRun: false,
      parallelism: 1, k8sImage: 'grafana/k6:1.3.0', k8sSecret: 's', summaryFile: stepSummary,
    };
    const code = await runLoadCommand(input, {
      env: { K6_BIN: k6, PATH: process.env.PATH }, cwd: work,
      stdout: process.stdout, stderr: { write: (s: string) => ((stderr += s), true) } as unknown as NodeJS.WritableStream,
    });
    expect(code, stderr).toBe(99);
    const md = readFileSync(join(work, 'run', 'summary.md'), 'utf8');
    expect(md).toMatch(/^## ❌ storefront-check load \(smoke\): FAIL/);
    expect(md).toContain('### Routes over budget');
    expect(readFileSync(stepSummary, 'utf8')).toBe(md);
  }, 60_000);
});
