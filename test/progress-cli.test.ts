// Live progress on a real run against the embedded reference server: not on a terminal, plain
// progress lines on the reporter's stream while the suites run; `--quiet` through the CLI keeps
// only the summary at the end (no family lines, no progress lines).

import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Writable } from 'node:stream';
import { afterEach, expect, test } from 'vitest';
import { main } from '../src/cli/index.js';
import { resolveConfig } from '../src/config/index.js';
import { runSuites } from '../src/engine/run.js';

const cwd = mkdtempSync(join(tmpdir(), 'progress-cli-'));

afterEach(() => {
  process.exitCode = undefined;
});

test('a run not on a terminal prints plain progress lines while it goes', async () => {
  let out = '';
  const stream = new Writable({ write(chunk, _e, cb) { out += String(chunk); cb(); } });
  const results = await runSuites({
    config: resolveConfig({}, {}, cwd), only: ['PAG', 'HDR'], reportDir: join(cwd, 'plain'), reporters: ['console'],
    reporterOptions: { stream, color: false, progressIntervalMs: 150 },
  });
  expect(results.exitCode).toBe(0);
  const lines = out.split('\n').filter((l) => l.startsWith('progress: '));
  expect(lines.length).toBeGreaterThan(0);
  for (const l of lines) expect(l).toMatch(/^progress: \d+(\/\d+)? checks · 0 failed · \d+ s( · [A-Z]+(, [A-Z]+)*)?$/);
  expect(out).not.toMatch(/[\r\u001b]/);
  expect(out).toMatch(/PASS: no contract failure/);
}, 60_000);

test('--quiet: the summary at the end only', async () => {
  let stderr = '';
  const err = process.stderr.write.bind(process.stderr);
  process.stderr.write = ((chunk: string | Uint8Array) => ((stderr += String(chunk)), true)) as typeof process.stderr.write;
  let code: number;
  try {
    code = await main(['node', 'storefront-check', '--only', 'PAG', '--quiet', '--reporter', 'console', '--report-dir', join(cwd, 'quiet')]);
  } finally {
    process.stderr.write = err;
  }
  expect(code).toBe(0);
  expect(stderr).not.toMatch(/storefront-check →/);
  expect(stderr).not.toMatch(/^ {2}PAG +\d+ passed/m);
  expect(stderr).not.toMatch(/progress:/);
  expect(stderr).toMatch(/\d+ passed {2}0 failed/);
  expect(stderr).toMatch(/PASS: no contract failure/);
}, 60_000);
