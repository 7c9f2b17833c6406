// report.html in headless Chromium, from real runs against the embedded reference server: with
// failures it opens on them (above the fold, grouped by family and clause) with the clean checks
// folded; a clean run opens with everything folded; the status, family and text filters and the
// coverage matrix's cells work; the matrix has no scroll box of its own; the copy button copies
// the curl line; the print view unfolds the problems and drops the controls. Screenshots go to the
// test's temp report dir (never committed).

import { existsSync, mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { chromium, type Browser, type Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { resolveConfig } from '../src/config/index.js';
import { runSuites } from '../src/engine/run.js';
import type { RunResults } from '../src/results.js';

const CHROMIUM = '/usr/bin/chromium';
const skipReason = existsSync(CHROMIUM) ? null : `${CHROMIUM} is absent (install Debian's chromium: apt-get install -y chromium)`;
const work = mkdtempSync(join(tmpdir(), 'report-browser-'));
const VIEWPORT = { width: 1360, height: 900 };

async function run(name: string, faults: string[]): Promise<{ dir: string; results: RunResults }> {
  const dir = join(work, name);
  const results = await runSuites({ config: resolveConfig({}, {}, work), embedded: { faults }, only: ['PAG', 'HDR', 'FLT'], reportDir: dir, reporters: ['html'], driver: 'in-process' });
  return { dir, results };
}

/** What the page shows, measured in the page (tsconfig has no DOM lib, hence the structural types). */
async function visibleChecks(page: Page): Promise<{ status: string; id: string; top: number }[]> {
  return page.$$eval('details.check', (ds) =>
    ds.filter((d) => (d as unknown as { checkVisibility(): boolean }).checkVisibility()).map((d) => ({
      status: d.getAttribute('data-status') ?? '', id: d.getAttribute('data-id') ?? '', top: d.getBoundingClientRect().top,
    })));
}

describe.skipIf(skipReason !== null)(`report.html in headless Chromium${skipReason ? ` (SKIPPED: ${skipReason})` : ''}`, () => {
  let browser: Browser;
  let failing: { dir: string; results: RunResults };
  let clean: { dir: string; results: RunResults };

  beforeAll(async () => {
    failing = await run('failing', ['pag-duplicate-across-pages', 'hdr-version-not-echoed']);
    clean = await run('clean', []);
    browser = await chromium.launch({
      executablePath: CHROMIUM,
      args: ['--headless', '--no-sandbox', '--disable-gpu', '--no-first-run', '--disable-background-networking', '--disable-component-update', '--disable-sync'],
      // no --user-data-dir: playwright refuses it in launch() and gives each launch a fresh temporary profile
    });
  }, 120_000);
  afterAll(async () => {
    await browser?.close();
  });

  async function open(dir: string): Promise<{ page: Page; errors: string[] }> {
    const context = await browser.newContext({ viewport: VIEWPORT });
    await context.grantPermissions(['clipboard-read', 'clipboard-write']);
    const page = await context.newPage();
    const errors: string[] = [];
    page.on('console', (m) => { if (m.type() === 'error') errors.push(m.text()); });
    page.on('pageerror', (e) => errors.push(String(e)));
    page.on('request', (r) => { if (!r.url().startsWith('file:')) errors.push(`fetched ${r.url()}`); });
    await page.goto(pathToFileURL(join(dir, 'report.html')).href);
    return { page, errors };
  }

  it('a run with failures opens on them, grouped by clause, with the clean checks folded', async () => {
    const { page, errors } = await open(failing.dir);
    await page.screenshot({ path: join(failing.dir, 'screenshot-top.png') });
    const failed = failing.results.checks.filter((c) => c.status === 'failed');
    expect(failed.length).toBeGreaterThan(5);
    const visible = await visibleChecks(page);
    // every failure shows, no passed or skipped check does
    expect(visible.map((v) => v.id).sort()).toEqual(failed.map((c) => c.id).sort());
    // the first failure is above the fold
    expect(Math.min(...visible.map((v) => v.top))).toBeLessThan(VIEWPORT.height - 40);
    // each failing clause is an open group; every clean clause is folded
    const openClauses = await page.$$eval('details.clause[open]', (ds) => ds.map((d) => d.getAttribute('data-clause')));
    expect(openClauses.sort()).toEqual([...new Set(failed.map((c) => c.clause))].sort());
    // the findings come before the coverage matrix
    const order = await page.evaluate(() => {
      const d = (globalThis as unknown as { document: { getElementById(id: string): { getBoundingClientRect(): { top: number } } } }).document;
      return [d.getElementById('findings').getBoundingClientRect().top, d.getElementById('matrix').getBoundingClientRect().top];
    });
    expect(order[0]).toBeLessThan(order[1]);
    expect(errors).toEqual([]);
  });

  it('a clean run opens with every clause folded', async () => {
    const { page, errors } = await open(clean.dir);
    await page.screenshot({ path: join(clean.dir, 'screenshot-top.png') });
    expect(clean.results.summary.failed).toBe(0);
    expect(await visibleChecks(page)).toEqual([]);
    expect(await page.$$eval('details.clause[open]', (ds) => ds.length)).toBe(0);
    expect(await page.textContent('#findings-note')).toMatch(/No failure, warning or tool error/);
    expect(errors).toEqual([]);
  });

  it('the filters: status, family, text', async () => {
    const { page } = await open(failing.dir);
    const failed = failing.results.checks.filter((c) => c.status === 'failed');
    await page.uncheck('input[data-status="failed"]');
    expect(await visibleChecks(page)).toEqual([]);
    expect(await page.isVisible('#no-match')).toBe(false); // passed checks still match, folded
    for (const s of ['passed', 'skipped']) await page.uncheck(`input[data-status="${s}"]`);
    expect(await page.isVisible('#no-match')).toBe(true);
    for (const s of ['failed', 'passed', 'skipped']) await page.check(`input[data-status="${s}"]`);
    await page.selectOption('#family-filter', 'PAG');
    const pag = await visibleChecks(page);
    expect(pag.map((v) => v.id).sort()).toEqual(failed.filter((c) => c.family === 'PAG').map((c) => c.id).sort());
    expect(await page.$$eval('section.family', (ss) => ss.filter((s) => !s.classList.contains('hidden')).map((s) => s.getAttribute('data-family')))).toEqual(['PAG']);
    await page.selectOption('#family-filter', '');
    // a passed check's id: the text filter unfolds it
    const passed = failing.results.checks.find((c) => c.status === 'passed' && c.family === 'FLT')!;
    await page.fill('#text-filter', passed.id);
    expect((await visibleChecks(page)).map((v) => v.id)).toEqual([passed.id]);
  });

  it('the coverage matrix: in the page flow, worst status coloured, counts on hover, a click lists the cell', async () => {
    const { page } = await open(failing.dir);
    const box = await page.evaluate(() => {
      interface El { parentElement: El | null; tagName: string; scrollHeight: number; clientHeight: number; scrollWidth: number; clientWidth: number }
      const w = globalThis as unknown as { document: { getElementById(id: string): El }; getComputedStyle(e: El): { overflowX: string; overflowY: string } };
      const scrollers: string[] = [];
      for (let e: El | null = w.document.getElementById('matrix'); e && e.tagName !== 'BODY'; e = e.parentElement) {
        const s = w.getComputedStyle(e);
        if (['auto', 'scroll'].includes(s.overflowX) || ['auto', 'scroll'].includes(s.overflowY)) scrollers.push(e.tagName);
      }
      return { scrollers };
    });
    expect(box.scrollers).toEqual([]);
    const hdr03 = failing.results.checks.filter((c) => c.clause === 'HDR-03' && c.endpoint === 'GET /products');
    const n = hdr03.filter((c) => c.status === 'failed').length;
    expect(n).toBeGreaterThan(0);
    const cell = page.locator('#matrix tbody tr', { hasText: 'HDR-03' }).locator('td.cell[title^="HDR-03 × GET /products:"]');
    expect(await cell.getAttribute('data-status')).toBe('failed');
    expect(await cell.getAttribute('title')).toContain(`${n} failed`);
    expect(await cell.evaluate((e) => (globalThis as unknown as { getComputedStyle(x: unknown): { backgroundColor: string } }).getComputedStyle(e).backgroundColor)).toBe('rgb(255, 129, 130)');
    await cell.click();
    expect((await visibleChecks(page)).map((v) => v.id).sort()).toEqual(hdr03.map((c) => c.id).sort());
    await page.evaluate(() => (globalThis as unknown as { scrollTo(x: number, y: number): void }).scrollTo(0, 1e6));
    await page.screenshot({ path: join(failing.dir, 'screenshot-matrix.png'), fullPage: true });
  });

  it('the copy button copies the curl line', async () => {
    const { page } = await open(failing.dir);
    const first = failing.results.checks.find((c) => c.status === 'failed' && c.evidence?.length)!;
    const check = page.locator(`details.check[data-id="${first.id}"]`);
    await check.locator('summary').click();
    const button = check.locator('button.copy').first();
    await button.click();
    await expect.poll(() => button.getAttribute('data-copied')).toBe('yes');
    expect(await page.evaluate(() => (globalThis as unknown as { navigator: { clipboard: { readText(): Promise<string> } } }).navigator.clipboard.readText())).toBe(first.evidence![0].curl);
  });

  it('the print view unfolds the problems and hides the controls; so does printing', async () => {
    const { page } = await open(failing.dir);
    const first = failing.results.checks.find((c) => c.status === 'failed' && c.evidence?.length)!;
    expect(await page.isVisible(`details.check[data-id="${first.id}"] pre.curl-line`)).toBe(false);
    await page.click('#print-view');
    expect(await page.isVisible('.filters')).toBe(false);
    expect(await page.isVisible(`details.check[data-id="${first.id}"] pre.curl-line`)).toBe(true);
    expect(await page.$$eval('details.check[data-status="passed"]', (ds) => ds.filter((d) => (d as unknown as { checkVisibility(): boolean }).checkVisibility()).length)).toBe(0);
    await page.screenshot({ path: join(failing.dir, 'screenshot-print-view.png'), fullPage: true });
    const printed = await open(failing.dir);
    await printed.page.emulateMedia({ media: 'print' });
    expect(await printed.page.isVisible('.filters')).toBe(false);
    expect(await printed.page.isVisible('button.copy >> nth=0')).toBe(false);
    await printed.page.pdf({ path: join(failing.dir, 'report.pdf') });
  });
});
