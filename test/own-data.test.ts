// "The gate never changes data it did not create" (issue 9, item 7, for every family and both packs):
// a whole run against a remote target (the reference server behind a recording proxy) sends no state-changing
// request to an order or an address that existed before the run. The customer's profile and
// preferences are the one exception by nature (singletons): the checks that change them restore
// them, which test/hostile/interrupt-e2e.test.ts holds even under interrupts.

import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { expect, test } from 'vitest';
import { resolveConfig } from '../src/config/index.js';
import { runSuites } from '../src/engine/run.js';
import { startServer } from '../src/server/index.js';
import { startV2Server } from '../src/server/v2/index.js';
import { startHostileProxy } from './hostile/proxy.js';

test('a whole run changes no order or address that existed before it', async () => {
  const server = await startServer({ port: 0, host: '127.0.0.1', rateLimits: { windowMs: 2000 } });
  const proxy = await startHostileProxy({ behaviour: 'pass', upstream: server.url });
  try {
    const existing = new Set<string>();
    for (const c of server.customers.slice(0, 2)) {
      const login = await fetch(`${server.url}/auth/login`, {
        method: 'POST', headers: { 'content-type': 'application/json', 'X-Api-Version': 'v1.0' },
        body: JSON.stringify({ emailAddress: c.email, password: c.password, gRecaptchaResponse: server.recaptchaToken }),
      });
      const headers = { 'X-BFF-Token': ((await login.json()) as { accessToken: string }).accessToken, 'X-Api-Version': 'v1.0' };
      for (const list of ['/orders', '/customers/me/addresses']) {
        const page = (await (await fetch(`${server.url}${list}?limit=100`, { headers })).json()) as { total: number; results: Array<{ id: string }> };
        expect(page.total).toBeLessThanOrEqual(100);
        for (const r of page.results) existing.add(r.id);
      }
    }
    expect(existing.size).toBeGreaterThan(4);
    const [c1, c2] = server.customers;
    const cwd = mkdtempSync(join(tmpdir(), 'own-data-'));
    const r = await runSuites({
      config: {
        ...resolveConfig({}, {}, cwd),
        target: { env: 'custom', baseUrl: proxy.url, production: false },
        secrets: { customer: { email: c1!.email, password: c1!.password }, customer2: { email: c2!.email, password: c2!.password }, recaptchaToken: server.recaptchaToken, serviceToken: server.serviceToken },
      },
      only: [], reporters: [], reportDir: mkdtempSync(join(cwd, 'r-')), driver: 'in-process',
    });
    expect(r.summary.failed + r.summary.errored).toBe(0);
    const writes = proxy.requests.filter((q) => !['GET', 'HEAD'].includes(q.method));
    expect(writes.length).toBeGreaterThan(100);
    const onExisting = writes.filter((q) => q.url.split('?')[0]!.split('/').some((seg) => existing.has(decodeURIComponent(seg))));
    expect(onExisting.map((q) => `${q.method} ${q.url} ${q.body.slice(0, 80)}`)).toEqual([]);
  } finally {
    await proxy.close();
    await server.close();
  }
}, 120_000);

test('v2: a whole run changes no order, payment, address or favourite that existed before it', async () => {
  const server = await startV2Server({ port: 0 });
  const proxy = await startHostileProxy({ behaviour: 'pass', upstream: server.url });
  try {
    const existing = new Set<string>();
    for (const [i, c] of server.customers.entries()) {
      const login = await fetch(`${server.url}/customers/login`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ email: c.email, password: c.password }) });
      const headers = { authorization: ((await login.json()) as { token: string }).token };
      // ids of orders, payments and addresses are unique; a favourite is a product id of one customer's
      // list: the run changes favourites as the first customer (the second only probes foreign access)
      for (const list of ['/orders', '/payments', '/customers/me/addresses', ...(i === 0 ? ['/customers/me/favorites'] : [])]) {
        const page = (await (await fetch(`${server.url}${list}?pageSize=100`, { headers })).json()) as { totalPages: number; items: Array<{ id: string }> };
        expect(page.totalPages).toBeLessThanOrEqual(1);
        for (const r of page.items) existing.add(r.id);
      }
    }
    expect(existing.size).toBeGreaterThan(10);
    const [c1, c2] = server.customers;
    const cwd = mkdtempSync(join(tmpdir(), 'own-data-v2-'));
    const r = await runSuites({
      config: {
        ...resolveConfig({ pack: 'storefront-v2' }, {}, cwd),
        otpCode: server.otpCode,
        target: { env: 'custom', baseUrl: proxy.url, production: false },
        secrets: { customer: { email: c1.email, password: c1.password }, customer2: { email: c2.email, password: c2.password } },
      },
      only: [], reporters: [], reportDir: mkdtempSync(join(cwd, 'r-')), driver: 'in-process',
    });
    expect(r.summary.failed + r.summary.errored).toBe(0);
    const writes = proxy.requests.filter((q) => !['GET', 'HEAD'].includes(q.method));
    expect(writes.length).toBeGreaterThan(100);
    const onExisting = writes.filter((q) => q.url.split('?')[0]!.split('/').some((seg) => existing.has(decodeURIComponent(seg))));
    expect(onExisting.map((q) => `${q.method} ${q.url} ${q.body.slice(0, 80)}`)).toEqual([]);
  } finally {
    await proxy.close();
    await server.close();
  }
}, 120_000);
