// The `run` command end to end, in-process through the CLI's main(): flags → config → runSuites
// → exit code, against the real reference server on loopback. Usage errors exit 2, an
// unreachable target 3 with one clear line, a faulty server 1, a baseline covering the failures 0.

import { existsSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, test } from 'vitest';
import { main } from '../src/cli/index.js';
import type { RunResults } from '../src/results.js';

const cwd = mkdtempSync(join(tmpdir(), 'run-cli-'));

async function cli(...args: string[]): Promise<{ code: number; stdout: string; stderr: string; ms: number }> {
  let stdout = '';
  let stderr = '';
  const out = process.stdout.write.bind(process.stdout);
  const err = process.stderr.write.bind(process.stderr);
  process.stdout.write = ((chunk: string | Uint8Array) => ((stdout += String(chunk)), true)) as typeof process.stdout.write;
  process.stderr.write = ((chunk: string | Uint8Array) => ((stderr += String(chunk)), true)) as typeof process.stderr.write;
  const started = Date.now();
  try {
    const code = await main(['node', 'storefront-check', ...args]);
    return { code, stdout, stderr, ms: Date.now() - started };
  } finally {
    process.stdout.write = out;
    process.stderr.write = err;
  }
}

afterEach(() => {
  process.exitCode = undefined;
});

const freePort = () =>
  new Promise<number>((resolve) => {
    const s = createServer().listen(0, '127.0.0.1', () => {
      const p = (s.address() as { port: number }).port;
      s.close(() => resolve(p));
    });
  });

describe('storefront-check packs', () => {
  test('lists the built-in packs on stdout', async () => {
    const r = await cli('packs');
    expect(r.code).toBe(0);
    expect(r.stdout).toMatch(/^storefront-bff +Storefront BFF API \(41 operations, 66 clauses\)\nstorefront-v2 +Storefront API v2 \(52 operations, 44 clauses\)\n$/);
  });
});

describe('storefront-check run', () => {
  test('an unreachable target exits 3 quickly with one line naming the URL and the error', async () => {
    const port = await freePort();
    const r = await cli('run', '--base-url', `http://127.0.0.1:${port}`, '--report-dir', join(cwd, 'unreachable'));
    expect(r.code).toBe(3);
    expect(r.ms).toBeLessThan(5000);
    const lines = r.stderr.trim().split('\n');
    expect(lines).toHaveLength(1);
    expect(lines[0]).toMatch(new RegExp(`cannot reach http://127\\.0\\.0\\.1:${port}/.*ECONNREFUSED`));
  });

  test.each([
    [['--reporter', 'xml'], /--reporter 'xml' is not a reporter: use console, json, junit, html/],
    [['--only', 'NOPE'], /--only 'NOPE' names no clause family/],
    [['--env', 'staging', '--fault', 'pag-duplicate-across-pages'], /--fault works only with the embedded reference server/],
    [['--fault', 'no-such-fault'], /unknown fault 'no-such-fault'/],
    [['--env', 'moon'], /unknown environment 'moon'/],
    [['--concurrency', 'lots'], /--concurrency must be a whole number/],
    [['--pack', 'storefront-v3'], /unknown contract pack 'storefront-v3': use one of storefront-bff, storefront-v2/],
    [['--pack', './no-such-pack'], /has no pack\.yaml/],
    [['--pack', 'storefront-v2', '--env', 'staging'], /pack storefront-v2 names no environments; give --base-url/],
    [['--pack', 'storefront-v2', '--fault', 'pag-duplicate-across-pages'], /unknown fault 'pag-duplicate-across-pages'/],
  ])('usage error %j exits 2', async (args, message) => {
    const r = await cli('run', ...args, '--report-dir', join(cwd, 'usage'));
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(message);
  });

  test('a fault fails the gate (exit 1); reports land in --report-dir; --json prints results on stdout', async () => {
    const dir = join(cwd, 'fault');
    const r = await cli('--fault', 'pag-duplicate-across-pages', '--only', 'PAG-07', '--report-dir', dir, '--reporter', 'json,junit,console', '--json');
    expect(r.code).toBe(1);
    expect(existsSync(join(dir, 'results.json'))).toBe(true);
    expect(existsSync(join(dir, 'junit.xml'))).toBe(true);
    expect(existsSync(join(dir, 'report.html'))).toBe(false);
    const results = JSON.parse(r.stdout) as RunResults;
    expect(results.target.faults).toEqual(['pag-duplicate-across-pages']);
    expect(results.checks.every((c) => c.clause === 'PAG-07')).toBe(true);
    expect(r.stderr).toMatch(/Failures \(\d+\):/);
    expect(r.stderr).toMatch(/PAG-07 +GET \/products/);

    // the same failures in a baseline: shown, but the gate passes; an expired entry fails again
    const failing = results.checks.filter((c) => c.status === 'failed').map((c) => c.id);
    expect(failing.length).toBeGreaterThan(0);
    const baseline = join(cwd, 'baseline.json');
    writeFileSync(baseline, JSON.stringify({ entries: failing.map((id) => ({ id, reason: 'known' })) }));
    const again = await cli('--fault', 'pag-duplicate-across-pages', '--only', 'PAG-07', '--report-dir', join(cwd, 'b1'), '--reporter', 'json', '--baseline', baseline);
    expect(again.code).toBe(0);
    const known = JSON.parse(readFileSync(join(cwd, 'b1', 'results.json'), 'utf8')) as RunResults;
    expect(known.baseline?.known.sort()).toEqual(failing.sort());
    writeFileSync(baseline, JSON.stringify({ entries: failing.map((id) => ({ id, expires: '2020-01-01' })) }));
    const expired = await cli('--fault', 'pag-duplicate-across-pages', '--only', 'PAG-07', '--report-dir', join(cwd, 'b2'), '--reporter', 'json', '--baseline', baseline);
    expect(expired.code).toBe(1);
  }, 120_000);
});
