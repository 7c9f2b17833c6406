// IDM-01..07: safe reads, idempotent PUT/DELETE, idempotent confirm, stale sessions and versions,
// cancellation rules.
import { afterAll, beforeAll, expect, test } from 'vitest';
import { boot, type Api } from './helpers.js';

let api: Api;
let token: string;
let address: string;
beforeAll(async () => {
  api = await boot();
  token = await api.login();
  address = (await api.get('/customers/me/addresses', { token })).body.results[0].id;
});
afterAll(() => api.server.close());

async function cartWithItem() {
  const cart = (await api.req('POST', '/carts', { token })).body;
  return (await api.req('POST', `/carts/${cart.id}/line-items`, { token, body: { productId: 'prod-0004', quantity: 2 } })).body;
}

test('IDM-01: GET/HEAD change nothing', async () => {
  const cart = await cartWithItem();
  const a = await api.get(`/carts/${cart.id}`, { token });
  await api.req('HEAD', `/carts/${cart.id}`, { token });
  const b = await api.get(`/carts/${cart.id}`, { token });
  expect(b.text).toBe(a.text);
});

test('IDM-02: identical PUTs give identical representations', async () => {
  const cart = await cartWithItem();
  const p1 = await api.req('PUT', `/carts/${cart.id}`, { token, body: { discountCode: 'SAVE20' } });
  const p2 = await api.req('PUT', `/carts/${cart.id}`, { token, body: { discountCode: 'SAVE20' } });
  expect(p2.status).toBe(200);
  expect(p2.body).toEqual(p1.body);
  const li = cart.lineItems[0].id;
  const q1 = await api.req('PUT', `/carts/${cart.id}/line-items/${li}`, { token, body: { quantity: 5 } });
  const q2 = await api.req('PUT', `/carts/${cart.id}/line-items/${li}`, { token, body: { quantity: 5 } });
  expect(q2.body).toEqual(q1.body);
  const me = (await api.get('/customers/me', { token })).body;
  const m1 = await api.req('PUT', '/customers/me', { token, body: { firstName: 'Jo', lastName: 'Smith', version: me.version } });
  const m2 = await api.req('PUT', '/customers/me', { token, body: { firstName: 'Jo', lastName: 'Smith', version: me.version } });
  expect(m2.status).toBe(200);
  expect(m2.body).toEqual(m1.body);
  const prefs = { newsletter: true, locale: 'en-AU', currencyCode: 'AUD' };
  expect((await api.req('PUT', '/customers/me/preferences', { token, body: prefs })).body).toEqual((await api.req('PUT', '/customers/me/preferences', { token, body: prefs })).body);
});

test('IDM-03: repeated DELETE is 404 the second time and leaves the state', async () => {
  const cart = await cartWithItem();
  expect((await api.req('DELETE', `/carts/${cart.id}`, { token })).status).toBe(204);
  expect((await api.req('DELETE', `/carts/${cart.id}`, { token })).status).toBe(404);
  expect((await api.get(`/carts/${cart.id}`, { token })).status).toBe(404);
  const body = { firstName: 'A', lastName: 'B', streetName: 'C', city: 'D', state: 'VIC', postcode: '3000', country: 'AU' };
  const a = (await api.req('POST', '/customers/me/addresses', { token, body })).body;
  expect((await api.req('DELETE', `/customers/me/addresses/${a.id}`, { token })).status).toBe(204);
  expect((await api.req('DELETE', `/customers/me/addresses/${a.id}`, { token })).status).toBe(404);
  const other = await cartWithItem();
  const li = other.lineItems[0].id;
  expect((await api.req('DELETE', `/carts/${other.id}/line-items/${li}`, { token })).status).toBe(200);
  expect((await api.req('DELETE', `/carts/${other.id}/line-items/${li}`, { token })).status).toBe(404);
});

test('IDM-04: confirming twice returns the same order, no second order', async () => {
  const cart = await cartWithItem();
  const session = (await api.req('POST', '/checkout', { token, body: { cartId: cart.id, shippingAddressId: address } })).body;
  const before = (await api.get('/orders', { token })).body.total;
  const c1 = await api.req('POST', `/checkout/${session.id}/confirm`, { token });
  const c2 = await api.req('POST', `/checkout/${session.id}/confirm`, { token });
  expect(c2.status).toBe(200);
  expect(c2.body.orderId).toBe(c1.body.orderId);
  expect((await api.get('/orders', { token })).body.total).toBe(before + 1);
});

test('IDM-05: a cart changed or deleted after the session gives 409', async () => {
  const cart = await cartWithItem();
  const s1 = (await api.req('POST', '/checkout', { token, body: { cartId: cart.id, shippingAddressId: address } })).body;
  await api.req('PUT', `/carts/${cart.id}`, { token, body: { discountCode: 'WELCOME10' } });
  const r = await api.req('POST', `/checkout/${s1.id}/confirm`, { token });
  expect(r.status).toBe(409);
  expect(r.body).toMatchObject({ status: 409, type: 'conflict_error' });
  const s2 = (await api.req('POST', '/checkout', { token, body: { cartId: cart.id, shippingAddressId: address } })).body;
  await api.req('DELETE', `/carts/${cart.id}`, { token });
  expect((await api.req('POST', `/checkout/${s2.id}/confirm`, { token })).status).toBe(409);
});

test('IDM-06: stale version with a change is 409; a matching retry is 200', async () => {
  const cart = await cartWithItem();
  const v = cart.version;
  const p1 = await api.req('PUT', `/carts/${cart.id}`, { token, body: { discountCode: 'WELCOME10', version: v } });
  expect(p1.status).toBe(200);
  expect((await api.req('PUT', `/carts/${cart.id}`, { token, body: { discountCode: 'WELCOME10', version: v } })).body).toEqual(p1.body);
  const stale = await api.req('PUT', `/carts/${cart.id}`, { token, body: { discountCode: 'SAVE20', version: v } });
  expect(stale.status).toBe(409);
  expect((await api.get(`/carts/${cart.id}`, { token })).body.discountCode).toBe('WELCOME10');
  const me = (await api.get('/customers/me', { token })).body;
  await api.req('PUT', '/customers/me', { token, body: { firstName: 'Ann', lastName: 'Lee', version: me.version } });
  expect((await api.req('PUT', '/customers/me', { token, body: { firstName: 'Bea', lastName: 'Lee', version: me.version } })).status).toBe(409);
});

test('IDM-07: cancel twice is the same order; SHIPPED and DELIVERED give 409', async () => {
  const created = (await api.get('/orders?filter[status]=CONFIRMED', { token })).body.results[0];
  const c1 = await api.req('PUT', `/orders/${created.id}`, { token, body: { status: 'CANCELLED' } });
  const c2 = await api.req('PUT', `/orders/${created.id}`, { token, body: { status: 'CANCELLED' } });
  expect(c1.body.status).toBe('CANCELLED');
  expect(c2.body).toEqual(c1.body);
  for (const status of ['SHIPPED', 'DELIVERED']) {
    const o = (await api.get(`/orders?filter[status]=${status}`, { token })).body.results[0];
    expect((await api.req('PUT', `/orders/${o.id}`, { token, body: { status: 'CANCELLED' } })).status).toBe(409);
    expect((await api.get(`/orders/${o.id}`, { token })).body.status).toBe(status);
  }
});
