// summary.md from a RunResults: verdict and counts, failures grouped by clause with endpoint and a
// one-line message, caps that say how many more, data escaped so it cannot become markup, the
// baseline's new/fixed entries, the link to report.html; --summary-file appends.
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import type { CheckResult, RunResults } from '../results.js';
import { markdownReporter, renderMarkdown } from './markdown.js';
import { mdText } from './markdown-text.js';

const check = (clause: string, endpoint: string, status: CheckResult['status'], message = 'expected 200, got 500', extra: Partial<CheckResult> = {}): CheckResult => ({
  id: `${clause}:${endpoint}:${status}-${Math.random().toString(36).slice(2, 8)}`, clause, family: clause.split('-')[0], endpoint, title: 't', status, message, durationMs: 1, ...extra,
});
const run = (checks: CheckResult[], extra: Partial<RunResults> = {}): RunResults => {
  const summary = { passed: 0, failed: 0, warned: 0, skipped: 0, errored: 0 };
  for (const c of checks) summary[c.status]++;
  return {
    tool: { name: 'storefront-check', version: '0.1.0' }, target: { baseUrl: 'https://staging.example', env: 'staging', embedded: false }, pack: 'storefront-bff',
    startedAt: '2026-01-01T00:00:00Z', durationMs: 12_345, requests: 99, summary, checks, coverage: [], setup: [],
    exitCode: summary.failed ? 1 : 0, verdict: summary.failed ? `${summary.failed} check(s) failed` : 'no contract failure', ...extra,
  };
};

describe('renderMarkdown', () => {
  it('a clean run: PASS, the counts, no failure section', () => {
    const md = renderMarkdown(run([check('PAG-01', 'GET /products', 'passed')]), { hasHtml: true });
    expect(md).toMatch(/^## ✅ storefront-check: PASS — no contract failure/);
    expect(md).toContain('| 1 | 0 | 0 | 0 | 0 |');
    expect(md).not.toContain('Failures');
    expect(md).toContain('[report.html](report.html)');
  });

  it('failures grouped by clause, each with its endpoint and one line', () => {
    const md = renderMarkdown(run([
      check('SRT-04', 'GET /search', 'failed', 'ties are\nnot stable'),
      check('PAG-07', 'GET /products', 'failed', 'item 3 on page 1 and page 2'),
      check('PAG-07', 'GET /categories', 'failed'),
      check('PAG-07', 'GET /products', 'passed'),
    ]), { hasHtml: false });
    expect(md).toMatch(/^## ❌ storefront-check: FAIL \(exit 1\) — 3 check\(s\) failed/);
    const pag = md.indexOf('**PAG-07** (2)');
    const srt = md.indexOf('**SRT-04** (1)');
    expect(pag).toBeGreaterThan(0);
    expect(srt).toBeGreaterThan(pag);
    expect(md.slice(pag, srt)).toContain('- `GET /categories` expected 200, got 500');
    expect(md.slice(pag, srt)).toContain('- `GET /products` item 3 on page 1 and page 2');
    expect(md).toContain('- `GET /search` ties are not stable');
    expect(md).not.toContain('report.html'); // no html report was written
  });

  it('caps the failures for a PR comment and says how many more, per clause and overall', () => {
    const many = [
      ...Array.from({ length: 8 }, (_, i) => check('HDR-03', `GET /r${i}`, 'failed')),
      ...Array.from({ length: 5 }, (_, i) => check('HDR-04', `GET /r${i}`, 'failed')),
      ...Array.from({ length: 4 }, (_, i) => check('PAG-07', `GET /r${i}`, 'failed')),
    ];
    const md = renderMarkdown(run(many), { hasHtml: true }, { failures: 10, perClause: 10, others: 2, baseline: 2 });
    expect(md.match(/^- `GET \/r\d`/gm)).toHaveLength(10);
    expect(md).toContain('**HDR-04** (5)');
    expect(md).toContain('- … and 3 more for HDR-04');
    expect(md).toContain('… and 4 more failure(s) in 1 more clause(s): PAG-07');
    expect(md).not.toContain('**PAG-07**');
  });

  it('one broken clause failing on every endpoint lists a few and counts the rest', () => {
    const md = renderMarkdown(run(Array.from({ length: 12 }, (_, i) => check('HDR-03', `GET /r${i}`, 'failed'))), { hasHtml: true });
    expect(md.match(/^- `GET \/r\d+`/gm)).toHaveLength(8);
    expect(md).toContain('- … and 4 more for HDR-03');
  });

  it('a long run stays short enough for a PR comment', () => {
    const many = Array.from({ length: 2000 }, (_, i) => check(`ERR-0${i % 9}`, `GET /products/${i}`, i % 3 ? 'failed' : 'warned', 'x'.repeat(500)));
    const md = renderMarkdown(run(many), { hasHtml: true });
    expect(md.length).toBeLessThan(20_000); // GitHub's comment limit is 65,536
    expect(md).toMatch(/… and \d+ more/);
  });

  it('data is escaped: a message cannot inject markup or links', () => {
    const md = renderMarkdown(run([check('ERR-01', 'GET /x`y', 'failed', '<img src=x onerror=alert(1)> [click](http://evil) **bold** | pipe')]), { hasHtml: true });
    expect(md).not.toContain('<img');
    expect(md).not.toContain('[click](');
    expect(md).toContain('&lt;img');
    expect(md).toContain('`` GET /x`y ``');
    expect(mdText('a_b*c')).toBe('a\\_b\\*c');
  });

  it('warnings, tool errors, setup problems and the baseline', () => {
    const md = renderMarkdown(run([
      check('HDR-07', 'GET /products', 'warned', 'no Cache-Control', { intermittent: true }),
      check('FMT-01', '*', 'errored', 'TypeError: x is undefined'),
      check('PAG-04', 'GET /products', 'failed', 'limit=101 accepted', { baselined: true }),
    ], {
      setup: [{ level: 'error', message: 'login failed: fix STOREFRONT_CUSTOMER_EMAIL' }],
      baseline: { file: 'known.json', known: ['PAG-04:a'], fixed: ['SRT-01:b', 'SRT-01:c', 'SRT-01:d'], expired: [], new: ['PAG-07:n'] },
    }), { href: 'https://ci.example/runs/7', hasHtml: true }, { failures: 5, perClause: 5, others: 5, baseline: 2 });
    expect(md).toContain('### Setup problems');
    expect(md).toContain('**error**: login failed: fix STOREFRONT\\_CUSTOMER\\_EMAIL');
    expect(md).toContain('**HDR-07** `GET /products` no Cache-Control _(intermittent)_');
    expect(md).toContain('### Tool errors (1)');
    expect(md).toContain('limit=101 accepted _(baseline)_');
    expect(md).toContain('`known.json`: 1 known, 1 new, 3 fixed, 0 expired');
    expect(md).toMatch(/\*\*New \(not in the baseline\)\*\*\n\n- `PAG-07:n`/);
    expect(md).toMatch(/\*\*Fixed \(remove from the baseline\)\*\*\n\n- `SRT-01:b`\n- `SRT-01:c`\n- … and 1 more/);
    expect(md).toContain('[report.html](https://ci.example/runs/7)');
  });
});

describe('markdownReporter', () => {
  it('writes summary.md in the report dir and appends it to --summary-file', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'md-'));
    const summaryFile = join(dir, 'ci', 'step-summary.md');
    writeFileSync(join(dir, 'report.html'), '');
    const r = markdownReporter({ summaryFile });
    const results = run([check('PAG-07', 'GET /products', 'failed')]);
    expect(await r.onRunEnd?.(results, dir)).toBe(join(dir, 'summary.md'));
    await r.onRunEnd?.(results, dir);
    const md = readFileSync(join(dir, 'summary.md'), 'utf8');
    expect(md).toContain('**PAG-07** (1)');
    expect(readFileSync(summaryFile, 'utf8')).toBe(md + md);
  });
});
