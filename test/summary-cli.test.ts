// summary.md end to end: a run against the embedded reference server with two deliberate faults,
// through the CLI's main(), writes summary.md beside report.html listing the failures by clause,
// and --summary-file appends the same markdown (what $GITHUB_STEP_SUMMARY receives).

import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, expect, test } from 'vitest';
import { main } from '../src/cli/index.js';
import type { RunResults } from '../src/results.js';

const cwd = mkdtempSync(join(tmpdir(), 'summary-cli-'));

async function cli(...args: string[]): Promise<{ code: number; stderr: string }> {
  let stderr = '';
  const err = process.stderr.write.bind(process.stderr);
  process.stderr.write = ((chunk: string | Uint8Array) => ((stderr += String(chunk)), true)) as typeof process.stderr.write;
  try {
    return { code: await main(['node', 'storefront-check', ...args]), stderr };
  } finally {
    process.stderr.write = err;
  }
}

afterEach(() => {
  process.exitCode = undefined;
});

test('a run with failures: summary.md lists them by clause; --summary-file appends it', async () => {
  const dir = join(cwd, 'run');
  const stepSummary = join(cwd, 'step-summary.md');
  writeFileSync(stepSummary, '# earlier step\n');
  const r = await cli(
    '--fault', 'pag-duplicate-across-pages', '--fault', 'hdr-version-not-echoed', '--only', 'PAG-07,HDR-03',
    '--report-dir', dir, '--reporter', 'json,html', '--summary-file', stepSummary, '--report-url', 'https://ci.example/run/1',
  );
  expect(r.code).toBe(1);
  const results = JSON.parse(readFileSync(join(dir, 'results.json'), 'utf8')) as RunResults;
  const failed = results.checks.filter((c) => c.status === 'failed');
  const clauses = [...new Set(failed.map((c) => c.clause))].sort();
  expect(clauses).toEqual(['HDR-03', 'PAG-07']);

  const md = readFileSync(join(dir, 'summary.md'), 'utf8');
  expect(md).toMatch(/^## ❌ storefront-check: FAIL \(exit 1\)/);
  expect(md).toContain(`| ${results.summary.passed} | ${results.summary.failed} | ${results.summary.warned} | ${results.summary.skipped} | 0 |`);
  for (const clause of clauses) {
    const n = failed.filter((c) => c.clause === clause).length;
    expect(md).toContain(`**${clause}** (${n})`);
  }
  // under its clause heading: the endpoint of one of that clause's failures
  const pagSection = md.slice(md.indexOf('**PAG-07**'));
  expect(pagSection).toContain('- `GET /products`');
  expect(md).toContain('[report.html](https://ci.example/run/1)');
  expect(readFileSync(stepSummary, 'utf8')).toBe(`# earlier step\n${md}`);
}, 120_000);

test('--summary-file with an empty path (an unset $GITHUB_STEP_SUMMARY) is a usage error', async () => {
  const r = await cli('--summary-file', '', '--report-dir', join(cwd, 'empty'));
  expect(r.code).toBe(2);
  expect(r.stderr).toMatch(/--summary-file is empty: give a file path/);
});
