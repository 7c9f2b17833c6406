// No dodges (issue 9): a broken server must not pass by answering empty, erroring on the way to a
// check, or hiding bytes from the client. Each fault of the reference server here is run in-process
// against the families it concerns, and the test names the check ids expected to fail — and, where
// a dodge used to skip, the checks that must now run (pass) instead of skipping.

import { describe, expect, test } from 'vitest';
import type { FaultId } from '../src/server/faults.js';
import { startServer } from '../src/server/index.js';
import { ids, inProcessRunner, remoteTarget, show } from './in-process.js';

const run = inProcessRunner('dodges');



/** fault, the families run, the check ids that must fail, the check ids that must pass (not skip) */
const cases: Array<[FaultId, string[], string[], string[]]> = [
  ['srt-sorted-empty', ['SRT', 'PAG-07'], [
    'SRT-01:GET /products:order-by-field',
    'SRT-02:GET /products:tie-break',
    'SRT-03:GET /products:across-pages',
    'SRT-06:GET /products:deterministic',
    'PAG-07:GET /products:full-walk',
  ], ['SRT-01:GET /categories:order-by-field']],
  ['flt-and-empty', ['FLT-03', 'CART', 'IDM-04', 'IDM-06'], ['FLT-03:GET /products:and-combination'], [
    'CART-01:POST /carts/{cartId}/line-items:arithmetic',
    'CART-01:PUT /carts/{cartId}:discount',
    'CART-02:POST /checkout/{sessionId}/confirm:order-total',
    'IDM-04:POST /checkout/{sessionId}/confirm:confirm-twice',
  ]],
  ['cart-discount-500', ['CART', 'IDM-06'], [
    'CART-01:PUT /carts/{cartId}:discount',
    'CART-02:POST /checkout/{sessionId}/confirm:order-total',
    'IDM-06:PUT /carts/{cartId}:stale-version',
  ], ['CART-01:POST /carts/{cartId}/line-items:arithmetic']],
  ['err-crash-503-order-sort-status', ['ERR', 'SRT-01'], [
    'ERR-01:*:envelope',
    'ERR-07:*:gateway-answers-clear',
    'SRT-01:GET /orders:order-by-field',
  ], ['ERR-07:*:no-5xx-observed']],
  ['hdr-204-body-bytes-cart', ['HDR-06'], ['HDR-06:DELETE /carts/{cartId}:no-content-empty'], [
    'HDR-06:DELETE /customers/me/addresses/{addressId}:no-content-empty',
    'HDR-06:POST /auth/logout:logout-no-content',
  ]],
  ['hdr-delete-cart-200', ['HDR-06'], ['HDR-06:DELETE /carts/{cartId}:no-content-empty'], ['HDR-06:DELETE /customers/me/addresses/{addressId}:no-content-empty']],
  ['hdr-204-with-body', ['HDR-06'], ['HDR-06:DELETE /customers/me/addresses/{addressId}:no-content-empty'], ['HDR-06:DELETE /carts/{cartId}:no-content-empty']],
];

describe('no dodges: each fault fails the named checks', () => {
  test.each(cases)('fault %s', async (fault, only, mustFail, mustPass) => {
    const r = await run(only, { faults: [fault] });
    const failed = ids(r, 'failed');
    for (const id of mustFail) expect(failed, `${id} did not fail:\n${show(r)}`).toContain(id);
    for (const id of mustPass) expect(r.checks.find((c) => c.id === id)?.status, `${id}:\n${show(r)}`).toBe('passed');
  }, 300_000);

  test('a run meeting 5xx on more than a few requests says so among its setup warnings', async () => {
    const r = await run(['SRT-01', 'SRT-03', 'SRT-06'], { faults: ['err-crash-503-order-sort-status'] });
    expect(r.setup.map((s) => `${s.level} ${s.message}`).join('\n')).toMatch(/warning \d+ requests met a 5xx answer \(e\.g\. GET \/orders → 503/);
    const clean = await run(['SRT-01']);
    expect(clean.setup.filter((s) => /5xx/.test(s.message))).toEqual([]);
  }, 300_000);

  test('a configured discount code the target refuses fails the checks needing it; the clean server passes them', async () => {
    const refused = await run(['CART-01'], {}, { discountCode: 'NOT-A-CODE' });
    expect(refused.checks.find((c) => c.id === 'CART-01:PUT /carts/{cartId}:discount')?.message).toMatch(/configured discount code .* answered 422/);
    expect(ids(refused, 'failed')).toContain('CART-01:PUT /carts/{cartId}:discount');
    const clean = await run(['CART', 'IDM-06']);
    expect(clean.summary.failed + clean.summary.skipped, show(clean)).toBe(0);
  }, 300_000);

  test("auth probes never change a resource the run did not create, even when the server's auth is broken", async () => {
    const server = await startServer({ port: 0, host: '127.0.0.1', faults: ['auth-missing-check-writes'], rateLimits: { windowMs: 2000 } });
    try {
      const [c1] = server.customers;
      const json = async (path: string, token: string) => (await fetch(`${server.url}${path}`, { headers: { 'X-BFF-Token': token, 'X-Api-Version': 'v1.0' } })).json() as Promise<{ results: Array<{ id: string; status?: string }> }>;
      const token = async () => ((await (await fetch(`${server.url}/auth/login`, {
        method: 'POST', headers: { 'content-type': 'application/json', 'X-Api-Version': 'v1.0' },
        body: JSON.stringify({ emailAddress: c1!.email, password: c1!.password, gRecaptchaResponse: server.recaptchaToken }),
      })).json()) as { accessToken: string }).accessToken;
      const snapshot = async () => {
        const t = await token();
        return { orders: (await json('/orders?limit=100', t)).results, addresses: (await json('/customers/me/addresses?limit=100', t)).results };
      };
      const before = await snapshot();
      expect(before.orders.length).toBeGreaterThan(0);
      expect(before.addresses.length).toBeGreaterThan(0);
      const r = await run(['AUTH-04', 'AUTH-05'], {}, remoteTarget(server));
      // the broken auth is caught, on resources the checks made for themselves
      for (const id of ['AUTH-04:PUT /orders/{orderId}:no-token-write', 'AUTH-04:DELETE /customers/me/addresses/{addressId}:no-token-write']) expect(ids(r, 'failed'), show(r)).toContain(id);
      const after = await snapshot();
      for (const o of before.orders) expect(after.orders.find((x) => x.id === o.id)?.status, `order ${o.id}`).toBe(o.status);
      for (const a of before.addresses) expect(after.addresses.map((x) => x.id), `address ${a.id}`).toContain(a.id);
    } finally {
      await server.close();
    }
  }, 300_000);

  test('a refused-cancel probe (IDM-07) never aims at a remote shipped order the configuration does not name; a named one is tried', async () => {
    const server = await startServer({ port: 0, host: '127.0.0.1', faults: ['idm-cancel-shipped'], rateLimits: { windowMs: 2000 } });
    try {
      const [c1] = server.customers;
      const login = await fetch(`${server.url}/auth/login`, {
        method: 'POST', headers: { 'content-type': 'application/json', 'X-Api-Version': 'v1.0' },
        body: JSON.stringify({ emailAddress: c1!.email, password: c1!.password, gRecaptchaResponse: server.recaptchaToken }),
      });
      const headers = { 'X-BFF-Token': ((await login.json()) as { accessToken: string }).accessToken, 'X-Api-Version': 'v1.0' };
      const shipped = async () => ((await (await fetch(`${server.url}/orders?filter[status]=SHIPPED&limit=100`, { headers })).json()) as { results: Array<{ id: string }> }).results.map((o) => o.id);
      const before = await shipped();
      expect(before.length).toBeGreaterThan(1);
      const remote = (shippedOrders?: string[]) => run(['IDM-07'], {}, { ...remoteTarget(server), ...(shippedOrders ? { shippedOrders } : {}) });
      const id = 'IDM-07:PUT /orders/{orderId}:cancel-shipped';
      const unnamed = await remote();
      expect(unnamed.checks.find((c) => c.id === id)).toMatchObject({ status: 'skipped', message: expect.stringMatching(/STOREFRONT_SHIPPED_ORDERS/) });
      expect(await shipped()).toEqual(before);
      // named: the broken server cancels it, and the check fails saying so
      const named = await remote([before[0]!]);
      expect(named.checks.find((c) => c.id === id)?.status, show(named)).toBe('failed');
      expect(await shipped()).toEqual(before.slice(1));
    } finally {
      await server.close();
    }
  }, 120_000);

  test('the clean embedded run: 0 failed, 0 warned, 0 errored, and only the one documented skip', async () => {
    const r = await run([]);
    expect(ids(r, 'failed').concat(ids(r, 'warned'), ids(r, 'errored')), show(r)).toEqual([]);
    expect(r.checks.filter((c) => c.status === 'skipped').map((c) => `${c.id}: ${c.message.replace(/cart-\d+\/line-items\/li-\d+/, '…')}`)).toEqual([
      'HDR-06:DELETE /carts/{cartId}/line-items/{lineItemId}:no-content-empty: DELETE /carts/… answered 200 (a documented alternative): no 204 to check',
    ]);
    expect(r.setup, JSON.stringify(r.setup)).toEqual([]);
  }, 300_000);
});
