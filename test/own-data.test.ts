// "The gate never changes data it did not create" (issue 9, item 7, for every family and both packs):
// a whole run against a remote target (the reference server behind a recording proxy) sends no state-changing
// request to an order or an address that existed before the run. The customer's profile and
// preferences are the one exception by nature (singletons): the checks that change them restore
// them, which test/hostile/interrupt-e2e.test.ts holds even under interrupts.

import { expect, test } from 'vitest';
import { startServer } from '../src/server/index.js';
import type { RunningServer } from '../src/server/types.js';
import { startV2Server } from '../src/server/v2/index.js';
import type { V2RunningServer } from '../src/server/v2/types.js';
import { startHostileProxy } from './hostile/proxy.js';
import { inProcessRunner, remoteTarget } from './in-process.js';

const bff = inProcessRunner('own-data');
const v2 = inProcessRunner('own-data-v2', { pack: 'storefront-v2' });

/** What a pack's customers held before the run: ids read from each list (one page of at most 100). */
type Existing = (server: RunningServer & V2RunningServer) => Promise<Set<string>>;

async function readIds(url: string, headers: Record<string, string>, into: Set<string>, paging: { query: string; items: string; pages: string }): Promise<void> {
  const page = (await (await fetch(`${url}${paging.query}`, { headers })).json()) as Record<string, unknown>;
  expect(page[paging.pages]).toBeLessThanOrEqual(paging.pages === 'total' ? 100 : 1);
  for (const r of page[paging.items] as Array<{ id: string }>) into.add(r.id);
}

const bffExisting: Existing = async (server) => {
  const existing = new Set<string>();
  for (const c of server.customers) {
    const login = await fetch(`${server.url}/auth/login`, {
      method: 'POST', headers: { 'content-type': 'application/json', 'X-Api-Version': 'v1.0' },
      body: JSON.stringify({ emailAddress: c.email, password: c.password, gRecaptchaResponse: server.recaptchaToken }),
    });
    const headers = { 'X-BFF-Token': ((await login.json()) as { accessToken: string }).accessToken, 'X-Api-Version': 'v1.0' };
    for (const list of ['/orders', '/customers/me/addresses']) await readIds(server.url, headers, existing, { query: `${list}?limit=100`, items: 'results', pages: 'total' });
  }
  return existing;
};

const v2Existing: Existing = async (server) => {
  const existing = new Set<string>();
  for (const [i, c] of server.customers.entries()) {
    const login = await fetch(`${server.url}/customers/login`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ email: c.email, password: c.password }) });
    const headers = { authorization: ((await login.json()) as { token: string }).token };
    // ids of orders, payments and addresses are unique; a favourite is a product id of one customer's
    // list: the run changes favourites as the first customer (the second only probes foreign access)
    for (const list of ['/orders', '/payments', '/customers/me/addresses', ...(i === 0 ? ['/customers/me/favorites'] : [])]) {
      await readIds(server.url, headers, existing, { query: `${list}?pageSize=100`, items: 'items', pages: 'totalPages' });
    }
  }
  return existing;
};

test.each([
  ['storefront-bff', 'orders and addresses', () => startServer({ port: 0, host: '127.0.0.1', rateLimits: { windowMs: 2000 } }), bffExisting, bff],
  ['storefront-v2', 'orders, payments, addresses and favourites', () => startV2Server({ port: 0 }), v2Existing, v2],
] as const)('%s: a whole run changes none of the %s that existed before it', async (_pack, _what, start, existingOf, run) => {
  const server = await start();
  const proxy = await startHostileProxy({ behaviour: 'pass', upstream: server.url });
  try {
    const existing = await existingOf(server as RunningServer & V2RunningServer);
    expect(existing.size).toBeGreaterThan(4);
    const r = await run([], {}, remoteTarget(server, proxy.url));
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
