// ENV-02 through the CLI, in-process: every command reads the one production decision, so the
// trailing-dot, upper-case, default-port and declared-IP spellings of production are refused by
// `load` with exit 2 (before any k6 lookup or request).
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { main } from '../../src/cli/index.js';

const QUOTE = 'Never run synthetic load tests or use fake customer data against production.';

async function cli(args: string[], env: Record<string, string> = {}): Promise<{ code: number; stderr: string }> {
  let stderr = '';
  const spy = vi.spyOn(process.stderr, 'write').mockImplementation((chunk: string | Uint8Array) => {
    stderr += String(chunk);
    return true;
  });
  const saved = { ...process.env };
  const cwd = process.cwd();
  Object.assign(process.env, { K6_BIN: '/nonexistent/k6', ...env });
  process.chdir(mkdtempSync(join(tmpdir(), 'sc-prod-')));
  try {
    const code = await main(['node', 'storefront-check', ...args]);
    return { code, stderr };
  } finally {
    spy.mockRestore();
    process.chdir(cwd);
    process.env = saved;
    process.exitCode = undefined;
  }
}

afterEach(() => vi.restoreAllMocks());

describe('load refuses every spelling of production (exit 2)', () => {
  it.each([
    ['https://storefront.api.templeandwebster.com.'],
    ['https://STOREFRONT.API.TEMPLEANDWEBSTER.COM:443/'],
    ['http://storefront.api.templeandwebster.com.:80'],
  ])('%s', async (baseUrl) => {
    const r = await cli(['load', '--base-url', baseUrl]);
    expect(r.code, r.stderr).toBe(2);
    expect(r.stderr).toContain(QUOTE);
    expect(r.stderr.trim().split('\n')).toHaveLength(1);
  });

  it('an IP literal the user declares production (STOREFRONT_PRODUCTION_HOSTS)', async () => {
    const r = await cli(['load', '--base-url', 'http://127.0.0.1:9'], { STOREFRONT_PRODUCTION_HOSTS: '127.0.0.1' });
    expect(r.code, r.stderr).toBe(2);
    expect(r.stderr).toContain(QUOTE);
  });

  it('the same target without the declaration is not refused as production', async () => {
    const r = await cli(['load', '--base-url', 'http://127.0.0.1:9']);
    expect(r.stderr).not.toContain(QUOTE);
  });
});
