// Usage errors through the CLI, in-process: commander's own errors (unknown flag, missing
// argument, stray argument) and tool errors whose message quotes a file exit 2 with ONE line.
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it, vi } from 'vitest';
import { main } from '../../src/cli/index.js';

async function cli(args: string[]): Promise<{ code: number; stderr: string }> {
  let stderr = '';
  const err = vi.spyOn(process.stderr, 'write').mockImplementation((chunk: string | Uint8Array) => {
    stderr += String(chunk);
    return true;
  });
  const out = vi.spyOn(process.stdout, 'write').mockImplementation(() => true);
  try {
    return { code: await main(['node', 'storefront-check', ...args]), stderr };
  } finally {
    err.mockRestore();
    out.mockRestore();
    process.exitCode = undefined;
  }
}

describe('commander errors exit 2 with one line', () => {
  it.each([
    [['--nope'], /unknown option '--nope'/],
    [['run', '--bse-url', 'http://x'], /unknown option '--bse-url' \(Did you mean --base-url\?\)/],
    [['run', '--only'], /option '--only <ids>' argument missing/],
    [['load', '--profile'], /option '--profile <name>' argument missing/],
    [['serve', '--port'], /argument missing/],
    [['run', 'stray'], /too many arguments/],
  ])('%j', async (args, message) => {
    const r = await cli(args);
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(message);
    expect(r.stderr).toMatch(/^storefront-check: .*\(run with --help for usage\)\n$/);
  });

  it('help and version still exit 0', async () => {
    expect((await cli(['--version'])).code).toBe(0);
    expect((await cli(['run', '--help'])).code).toBe(0);
  });
});

it('an invalid baseline file whose JSON error quotes several lines is still one line (exit 2)', async () => {
  const dir = mkdtempSync(join(tmpdir(), 'sc-baseline-'));
  const file = join(dir, 'known.json');
  writeFileSync(file, '{\n  "entries": nope\n}\n');
  const r = await cli(['run', '--baseline', file, '--report-dir', join(dir, 'out'), '--reporter', 'json']);
  expect(r.code).toBe(2);
  expect(r.stderr).toMatch(/^storefront-check: baseline file .*known\.json is not valid JSON: .*\n$/);
  expect(r.stderr.trim().split('\n')).toHaveLength(1);
});
