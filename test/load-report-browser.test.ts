// load-report.html renders in headless Chromium: built from the real k6 fixtures, opened from
// file://, it draws its charts and shows the threshold table with the right pass/fail marks,
// without console errors and without fetching anything (the file is self-contained).

import { existsSync, mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { chromium, type Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { writeFileSync } from 'node:fs';
import { buildLoadReport, compareLoadRuns, renderComparison, type LoadReportModel } from '../src/load-report/index.js';

const CHROMIUM = '/usr/bin/chromium';
const repoRoot = fileURLToPath(new URL('..', import.meta.url));
const fixtures = resolve(repoRoot, '../shared/k6-fixtures');
const skipReason = !existsSync(CHROMIUM)
  ? `${CHROMIUM} is absent (install Debian's chromium: apt-get install -y chromium)`
  : !existsSync(join(fixtures, 'fail', 'out.ndjson'))
    ? `k6 fixtures not found at ${fixtures}`
    : null;

describe.skipIf(skipReason !== null)(`load-report.html in headless Chromium${skipReason ? ` (SKIPPED: ${skipReason})` : ''}`, () => {
  let browser: Browser;

  beforeAll(async () => {
    browser = await chromium.launch({
      executablePath: CHROMIUM,
      args: ['--headless', '--no-sandbox', '--disable-gpu', '--no-first-run', '--disable-background-networking', '--disable-component-update', '--disable-sync'],
    });
  });
  afterAll(async () => {
    await browser?.close();
  });

  it.each([
    ['fail', ['http_req_duration{name:GET /search} p(95)<5', 'http_req_failed rate<0.01'], 'FAIL'],
    ['pass', [], 'PASS'],
  ] as const)('%s run: charts drawn, threshold table marked', async (run, crossed, verdict) => {
    const outFile = join(mkdtempSync(join(tmpdir(), 'load-report-')), 'load-report.html');
    const { model } = await buildLoadReport({
      ndjsonPath: join(fixtures, run, 'out.ndjson'),
      handleSummaryPath: join(fixtures, run, 'handle-summary-data.json'),
      outFile,
      target: 'http://127.0.0.1:18777',
      profile: { name: 'fixture browse', startRate: 5, stages: [{ target: 30, duration: '4s' }, { target: 30, duration: '4s' }, { target: 0, duration: '2s' }], scenario: 'browse' },
    });
    const page = await browser.newPage({ viewport: { width: 1360, height: 900 } });
    const errors: string[] = [];
    const requests: string[] = [];
    page.on('console', (m) => { if (m.type() === 'error') errors.push(m.text()); });
    page.on('pageerror', (e) => errors.push(String(e)));
    page.on('request', (r) => { if (!r.url().startsWith('file:')) requests.push(r.url()); });
    await page.goto(pathToFileURL(outFile).href);

    // runs in the page (tsconfig has no DOM lib, hence the structural type)
    const charts = await page.evaluate(() => {
      interface Canvas { id: string; width: number; height: number }
      const w = globalThis as unknown as {
        Chart: { getChart(c: Canvas): unknown };
        loadReportCharts: unknown[];
        document: { querySelectorAll(selector: string): ArrayLike<Canvas> };
      };
      return {
        created: w.loadReportCharts.length,
        canvases: Array.from(w.document.querySelectorAll('canvas')).map((c) => ({ id: c.id, width: c.width, height: c.height, chart: w.Chart.getChart(c) !== undefined })),
      };
    });
    // profile, throughput, errors, 429s, one latency chart per route, custom counters
    expect(charts.created).toBe(4 + model.routes.length + 1);
    expect(charts.canvases).toHaveLength(charts.created);
    for (const c of charts.canvases) {
      expect(c.chart, c.id).toBe(true);
      expect(c.width, c.id).toBeGreaterThan(0);
      expect(c.height, c.id).toBeGreaterThan(0);
    }

    const rows = await page.$$eval('#thresholds tbody tr', (trs) => trs.map((tr) => ({
      cells: [...tr.querySelectorAll('td')].map((td) => td.textContent ?? ''),
      ok: tr.getAttribute('data-ok'),
    })));
    expect(rows).toHaveLength(model.thresholds.length);
    const failing = rows.filter((r) => r.ok === 'false');
    expect(failing.map((r) => `${r.cells[0]} ${r.cells[1]}`).sort()).toEqual([...crossed]);
    for (const r of rows) expect(r.cells[4]).toBe(r.ok === 'true' ? '✓ pass' : '✗ fail');
    expect(await page.textContent('#verdict')).toBe(verdict);
    if (run === 'fail') expect(await page.$$eval('#failed-samples tbody tr', (trs) => trs.length)).toBe(model.failedSamples.samples.length);

    await page.screenshot({ path: join(tmpdir(), `load-report-${run}.png`), fullPage: true });
    expect(errors).toEqual([]);
    expect(requests).toEqual([]);
    await page.close();
  });

  it('compare.html: verdicts per route, one overlaid p95 chart per route (baseline and candidate), breakpoint-free', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'compare-'));
    const { model } = await buildLoadReport({
      ndjsonPath: join(fixtures, 'pass', 'out.ndjson'),
      summaryExportPath: join(fixtures, 'pass', 'summary-export.json'),
      outFile: join(dir, 'load-report.html'),
    });
    const slow = JSON.parse(JSON.stringify(model)) as LoadReportModel;
    const r = slow.routes.find((x) => x.name === 'GET /products')!;
    for (const k of ['p50', 'p95', 'p99'] as const) {
      r.latency[k] = (r.latency[k] ?? 0) + 40;
      r.windows[k] = r.windows[k].map((v) => (v === null ? null : v + 40));
      r.series[k] = r.series[k].map((v) => (v === null ? null : v + 40));
    }
    const comparison = compareLoadRuns({ baseline: { dir: 'baseline', model }, candidate: { dir: 'candidate', model: slow }, budget: { file: 'budget.json', budget: { p95: '+10%' } } });
    const file = join(dir, 'compare.html');
    writeFileSync(file, renderComparison(comparison));
    const page = await browser.newPage({ viewport: { width: 1360, height: 900 } });
    const errors: string[] = [];
    page.on('pageerror', (e) => errors.push(String(e)));
    page.on('console', (m) => { if (m.type() === 'error') errors.push(m.text()); });
    await page.goto(pathToFileURL(file).href);
    const verdicts = await page.$$eval('#routes td[data-entity-verdict]', (tds) => tds.map((td) => [td.parentElement!.getAttribute('data-entity'), td.getAttribute('data-entity-verdict')]));
    expect(Object.fromEntries(verdicts)).toEqual(Object.fromEntries(model.routes.map((x) => [x.name, x.name === 'GET /products' ? 'regressed' : 'within noise'])));
    expect(await page.textContent('#verdict')).toBe('OVER BUDGET');
    const charts = await page.evaluate(() => (globalThis as unknown as { loadReportCharts: { data: { datasets: unknown[] } }[] }).loadReportCharts.map((c) => c.data.datasets.length));
    expect(charts).toEqual(model.routes.map(() => 2));
    await page.screenshot({ path: join(tmpdir(), 'load-compare.png'), fullPage: true });
    expect(errors).toEqual([]);
    await page.close();
  });
});
