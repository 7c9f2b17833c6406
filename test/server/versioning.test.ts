// VER-01..03: /orders = v2, /orders/v1 and /orders/v2 live, other versions 404, a customer's v1
// history by id for the own id only.
import { expect, test } from 'vitest';
import { useSignedInServer, type Api } from './helpers.js';

let api: Api;
let token: string;
useSignedInServer((a, t) => {
  api = a;
  token = t;
});

test('VER-01: /orders answers the v2 representation; v1 is OrderV1', async () => {
  const latest = await api.get('/orders', { token });
  const v2 = await api.get('/orders/v2', { token });
  expect(latest.text).toBe(v2.text);
  expect(latest.body.results[0]).toMatchObject({ version: expect.any(Number), lineItems: expect.any(Array), totalAmount: expect.any(Object) });
  const v1 = (await api.get('/orders/v1', { token })).body.results[0];
  expect(Object.keys(v1).sort()).toEqual(['createdAt', 'id', 'orderNumber', 'status', 'total']);
});

test('VER-02: versions that are not live are 404 envelopes, even without a token', async () => {
  for (const v of ['v0', 'v3', 'v1.5']) {
    for (const t of [token, undefined]) {
      const r = await api.get(`/orders/${v}`, { token: t });
      expect(r.status).toBe(404);
      expect(r.body).toMatchObject({ status: 404, type: 'not_found_error' });
    }
  }
});

test('VER-03: own id answers, another id is 403, unknown 404', async () => {
  const [me, other] = api.server.customers;
  const own = await api.get(`/customers/${me.id}/orders/v1`, { token });
  expect(own.status).toBe(200);
  expect(own.body.total).toBeGreaterThanOrEqual(8);
  expect((await api.get(`/customers/${other.id}/orders/v1`, { token })).status).toBe(403);
  expect((await api.get('/customers/nobody/orders/v1', { token })).status).toBe(404);
});
