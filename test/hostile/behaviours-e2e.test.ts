// One end-to-end run per hostile behaviour, through the real CLI (built from the sources; vitest
// driver, one worker) against the reference server behind test/hostile/proxy.ts. Each asserts the
// exit code of the README's table, a bounded wall time and peak memory (the sum of the process
// tree's high-water marks: an upper bound), the reports written exactly once, no secret in any output
// (report files, stdout, stderr; the passwords, the service token and every token the run sent),
// and the customer's profile, addresses and preferences as they were. The misbehaviour hits
// GET /products*; the selection (PAG-01 and the stateful IDM-02) reads there and changes state.

import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { startServer } from '../../src/server/index.js';
import type { RunningServer } from '../../src/server/types.js';
import { type ChildRun, type CustomerState, buildCli, credentialsEnv, customerState, readResults, runCli, secretsOf } from './cli-child.js';
import { type Behaviour, type HostileOptions, type HostileProxy, startHostileProxy } from './proxy.js';
import { leaks } from './secrets.js';

const root = mkdtempSync(join(tmpdir(), 'behaviours-e2e-'));
const ONLY = 'PAG-01,IDM-02';
/** generous bounds: the point is that nothing runs away (the 500 MB target is bench hostile's) */
const MAX_WALL_MS = 90_000;
const MAX_TREE_MB = 600;
let server: RunningServer;
let before: CustomerState;

beforeAll(async () => {
  await buildCli();
  server = await startServer({ port: 0 });
  before = await customerState(server);
}, 180_000);
afterAll(async () => {
  await server?.close();
});

const products = (r: { method: string; url: string }) => r.method === 'GET' && r.url.startsWith('/products');

/** Every token the run sent (the proxy saw them): they must not reach an output either. */
function sentTokens(proxy: HostileProxy): Record<string, string> {
  const out: Record<string, string> = {};
  for (const r of proxy.requests) {
    for (const name of ['x-bff-token', 'authorization']) {
      const v = r.headers[name];
      if (typeof v === 'string' && v.length >= 16) out[`${name} #${Object.keys(out).length}`] = v.replace(/^Bearer\s+/i, '');
    }
  }
  return out;
}

async function scenario(behaviour: Behaviour, extra: Partial<HostileOptions> = {}, args: string[] = []) {
  const proxy = await startHostileProxy({ behaviour, upstream: server.url, affects: products, ...extra });
  const dir = join(root, behaviour);
  let r: ChildRun;
  try {
    r = await runCli(['run', '--base-url', proxy.url, '--only', ONLY, '--report-dir', dir, '--timeout', '2000', ...args], { env: credentialsEnv(server) });
  } finally {
    await proxy.close();
  }
  const results = readResults(dir);
  const secrets = { ...secretsOf(server), ...sentTokens(proxy) };
  // every run: bounded, reports once, nothing secret written, no tool error
  expect(r.ms, behaviour).toBeLessThan(MAX_WALL_MS);
  expect(r.peakMb, behaviour).toBeLessThan(MAX_TREE_MB);
  expect(r.stderr.match(/^reports: /gm) ?? [], `${behaviour}: reports written once\n${r.stderr.slice(-2000)}`).toHaveLength(1);
  expect(results.exitCode).toBe(r.code);
  expect(leaks(dir, secrets), behaviour).toEqual([]);
  expect(leaks({ stdout: r.stdout, stderr: r.stderr }, secrets), behaviour).toEqual([]);
  expect(results.checks.filter((c) => c.status === 'errored').map((c) => `${c.id}: ${c.message}`), behaviour).toEqual([]);
  expect(r.stderr, behaviour).not.toMatch(/internal error|heap out of memory|at .*\.js:\d+/);
  console.log(`${behaviour}: exit ${r.code}, ${(r.ms / 1000).toFixed(1)} s, process tree peak ≤ ${r.peakMb.toFixed(0)} MB (sum of VmHWM)`);
  return { r, results, proxy };
}

describe('a hostile target, end to end through the CLI', () => {
  test('pass (a faithful recording proxy): exit 0, the customer restored', async () => {
    const { r } = await scenario('pass');
    expect(r.code, r.stderr.slice(-2000)).toBe(0);
    expect(await customerState(server)).toEqual(before);
  }, 120_000);

  test.each<[Behaviour, Partial<HostileOptions>, RegExp]>([
    ['hang', {}, /DEADLINE|no complete answer within the 2000 ms request deadline/],
    ['drip', { dripMs: 1000 }, /no complete answer within the 2000 ms request deadline/],
    ['huge', { hugeBytes: 200 * 1024 * 1024 }, /a body over the 10\.0 MB limit \(--max-body\)/],
    ['html-5xx', {}, /502/],
    ['reset', {}, /ECONNRESET|UND_ERR_SOCKET|closed|reset/i],
    ['redirect-off-host', {}, /302/],
  ])('%s on GET /products: the checks there fail with what happened (exit 1), the customer restored', async (behaviour, extra, finding) => {
    const { r, results, proxy } = await scenario(behaviour, extra);
    expect(r.code, r.stderr.slice(-2000)).toBe(1);
    const failed = results.checks.filter((c) => c.status === 'failed');
    expect(failed.length, behaviour).toBeGreaterThan(0);
    expect(failed.map((c) => `${c.message} ${JSON.stringify(c.evidence ?? [])}`).join('\n')).toMatch(finding);
    if (behaviour === 'redirect-off-host') expect(proxy.offHostHits()).toBe(0);
    expect(await customerState(server)).toEqual(before);
  }, 120_000);

  test('echo-secrets (every credential echoed raw, escaped, URL-encoded and base64): nothing leaks, the customer restored', async () => {
    const { r, proxy } = await scenario('echo-secrets', { affects: () => true });
    expect(r.code, r.stderr.slice(-2000)).toBe(0);
    // the run's own login token was among the echoed (and swept) secrets
    expect(Object.keys(sentTokens(proxy)).length).toBeGreaterThan(0);
    expect(await customerState(server)).toEqual(before);
  }, 120_000);

  // last: what the run could not undo stays on the server
  test('die (the whole target goes away mid-run): exit 3, what could not be cleaned up is listed', async () => {
    const { r, results } = await scenario('die', { dieAfter: 25, affects: () => true });
    expect(r.code, r.stderr.slice(-2000)).toBe(3);
    expect(results.interrupted).toBe(true);
    expect(results.verdict).toMatch(/the target stopped answering/);
    const listed = results.setup.map((s) => s.message).join('\n');
    expect(listed).toMatch(/lost the target/);
    // the sessions it could not end are listed; so is any change it could not undo (the server
    // behind the dead proxy still holds it)
    expect(listed).toMatch(/could not log out a test session at the end: POST \/auth\/logout got no response/);
    if (JSON.stringify(await customerState(server)) !== JSON.stringify(before)) expect(listed).toMatch(/cleanup failed: .* got no response/);
  }, 120_000);
});
