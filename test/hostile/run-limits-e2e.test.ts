// Two of the run's limits end to end through the real CLI (built from the sources; vitest
// driver): a target declared production (ENV-02; here the recording proxy's own 127.0.0.1
// address, declared in the config file's productionHosts as a production load balancer's IP would
// be) receives only GET/HEAD, one login and one logout per customer; and --deadline stops a run
// that would not end in time.

import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { loadContract } from '../../src/contract/load.js';
import { loginBodyText } from '../../src/http/session.js';
import { startServer } from '../../src/server/index.js';
import type { RunningServer } from '../../src/server/types.js';
import { buildCli, credentialsEnv, customerState, readResults, runCli, secretsOf } from './cli-child.js';
import { startHostileProxy } from './proxy.js';
import { leaks } from './secrets.js';

const root = mkdtempSync(join(tmpdir(), 'run-limits-e2e-'));
const conv = loadContract('storefront-bff').conventions.auth;
let server: RunningServer;
beforeAll(async () => {
  await buildCli();
  server = await startServer({ port: 0 });
}, 180_000);
afterAll(async () => {
  await server?.close();
});

describe('production (ENV-02), through the CLI', () => {
  test('a declared production host gets only GET/HEAD, one login and one logout per customer', async () => {
    const before = await customerState(server);
    const proxy = await startHostileProxy({ behaviour: 'pass', upstream: server.url });
    const cwd = mkdtempSync(join(root, 'prod-'));
    writeFileSync(join(cwd, 'storefront-check.config.json'), JSON.stringify({ productionHosts: [new URL(proxy.url).host] }));
    const dir = join(cwd, 'reports');
    try {
      const r = await runCli(['run', '--base-url', proxy.url, '--report-dir', dir], { cwd, env: credentialsEnv(server) });
      expect(r.code, r.stderr.slice(-3000)).toBe(0);
      const results = readResults(dir);
      expect(results.checks.filter((c) => c.status === 'errored')).toEqual([]);
      // the checks that write were skipped, never sent
      const writes = results.checks.filter((c) => /^(POST|PUT|PATCH|DELETE) /.test(c.endpoint) && c.endpoint !== 'POST /auth/login');
      expect(writes.length).toBeGreaterThan(10);
      for (const c of writes) expect(c, c.id).toMatchObject({ status: 'skipped', message: expect.stringMatching(/production|ENV-02/) });

      const loginPath = '/auth/login';
      const unsafe = proxy.requests.filter((q) => q.method !== 'GET' && q.method !== 'HEAD').map((q) => `${q.method} ${q.url}${q.url === loginPath ? ` ${q.body}` : ''}`);
      const [c1, c2] = server.customers;
      const body = (c: { email: string; password: string }) => loginBodyText(conv.login, { email: c.email, password: c.password, recaptchaToken: server.recaptchaToken });
      expect(unsafe.sort()).toEqual([`POST ${loginPath} ${body(c1)}`, `POST ${loginPath} ${body(c2)}`, 'POST /auth/logout', 'POST /auth/logout'].sort());
      expect(proxy.requests.length).toBeGreaterThan(100); // it did run the reads
      expect(leaks(dir, secretsOf(server))).toEqual([]);
      expect(await customerState(server)).toEqual(before);
    } finally {
      await proxy.close();
    }
  }, 180_000);
});

describe('--deadline, through the CLI', () => {
  test('a run that cannot end in time stops at its deadline: exit 1, the verdict names it, the checks that never ran say so', async () => {
    // every GET /products hangs until the request deadline: PAG alone would take minutes
    const proxy = await startHostileProxy({ behaviour: 'hang', upstream: server.url, affects: (q) => q.method === 'GET' && q.url.startsWith('/products') });
    const dir = join(root, 'deadline');
    try {
      const r = await runCli(['run', '--base-url', proxy.url, '--only', 'PAG', '--timeout', '5000', '--deadline', '4s', '--report-dir', dir], { env: credentialsEnv(server) });
      expect(r.code, r.stderr.slice(-3000)).toBe(1);
      // the deadline, then at most one request deadline for the checks in flight, then cleanups and reports
      expect(r.ms).toBeLessThan(45_000);
      const results = readResults(dir);
      expect(results.interrupted).toBe(true);
      expect(results.verdict).toMatch(/^the run's --deadline passed: \d+ check\(s\) never ran or were cut short/);
      expect(r.stderr).toMatch(/--deadline passed/);
      const never = results.checks.filter((c) => c.message === "deadline: the run's --deadline passed before this check started");
      expect(never.length).toBeGreaterThan(10);
      for (const c of never) expect(c.status).toBe('skipped');
      expect(results.checks.filter((c) => c.status === 'errored')).toEqual([]);
    } finally {
      await proxy.close();
    }
  }, 120_000);
});
