// AUTH-01..10: login, same 401 for both wrong-credential cases, 422 field errors, token checks,
// refresh, logout revocation, ownership, public endpoints without PII, internal endpoints.
import { afterAll, beforeAll, expect, test } from 'vitest';
import { boot, type Api } from './helpers.js';

let api: Api;
let t0: string;
let t1: string;
beforeAll(async () => {
  api = await boot();
  t0 = await api.login(0);
  t1 = await api.login(1);
});
afterAll(() => api.server.close());

const login = (body: Record<string, unknown>) => api.req('POST', '/auth/login', { body });

test('AUTH-01: login answers token and profile', async () => {
  const r = await login({ emailAddress: 'customer@example.com', password: 'SecurePassword123!', gRecaptchaResponse: 'x' });
  expect(r.status).toBe(200);
  expect(r.body).toMatchObject({ accessToken: expect.any(String), tokenType: 'Bearer', expiresIn: 3600 });
  expect(r.body.customer).toMatchObject({ id: api.server.customers[0].id, emailAddress: 'customer@example.com', firstName: expect.any(String), lastName: expect.any(String) });
  expect(r.headers.get('cache-control')).toMatch(/no-store/);
});

test('AUTH-02: wrong password and unknown email are indistinguishable', async () => {
  const a = await login({ emailAddress: 'customer@example.com', password: 'nope', gRecaptchaResponse: 'x' });
  const b = await login({ emailAddress: 'nobody@example.com', password: 'nope', gRecaptchaResponse: 'x' });
  expect(a.status).toBe(401);
  expect([b.status, b.body.code, b.body.message]).toEqual([a.status, a.body.code, a.body.message]);
});

test('AUTH-03: each missing field is REQUIRED; malformed email INVALID_FORMAT', async () => {
  const full = { emailAddress: 'customer@example.com', password: 'SecurePassword123!', gRecaptchaResponse: 'x' };
  for (const field of Object.keys(full)) {
    const body: Record<string, unknown> = { ...full };
    delete body[field];
    const r = await login(body);
    expect(r.status).toBe(422);
    expect(r.body.errors).toContainEqual(expect.objectContaining({ field, code: 'REQUIRED' }));
  }
  const r = await login({ ...full, emailAddress: 'not-an-email' });
  expect(r.status).toBe(422);
  expect(r.body.errors).toContainEqual(expect.objectContaining({ field: 'emailAddress', code: 'INVALID_FORMAT' }));
  expect((await login({})).body.errors).toHaveLength(3);
});

const CUSTOMER_GETS = ['/customers/me', '/customers/me/addresses', '/customers/me/preferences', '/orders', '/orders/v1', '/orders/v2', '/orders/ord-0001', '/carts/cart-x'];

test('AUTH-04/05: no token, malformed, tampered, expired tokens are 401', async () => {
  const tampered = t0.slice(0, -4) + (t0.endsWith('AAAA') ? 'BBBB' : 'AAAA');
  const expired = await api.server.mintExpiredToken(0);
  for (const p of CUSTOMER_GETS) {
    expect((await api.get(p)).status, p).toBe(401);
    for (const token of ['garbage', tampered, expired, `Bearer ${t0}`]) expect((await api.get(p, { token })).status, p).toBe(401);
  }
  expect((await api.req('POST', '/carts', { body: {} })).status).toBe(401);
  expect((await api.req('POST', '/auth/token')).status).toBe(401);
  expect((await api.req('POST', '/auth/logout')).status).toBe(401);
});

test('AUTH-06/07: refreshed token works; logout revokes', async () => {
  const t = await api.login(0);
  const r = await api.req('POST', '/auth/token', { token: t });
  expect((await api.get('/customers/me', { token: r.body.accessToken })).status).toBe(200);
  expect((await api.get('/customers/me', { token: t })).status).toBe(200); // oldTokenAfterRefresh=valid
  expect((await api.req('POST', '/auth/logout', { token: r.body.accessToken })).status).toBe(204);
  expect((await api.get('/customers/me', { token: r.body.accessToken })).status).toBe(401);
});

test('tokenTtlSeconds: a short-lived token expires', async () => {
  const short = await boot({ tokenTtlSeconds: 1 });
  try {
    const t = await short.login();
    expect((await short.get('/customers/me', { token: t })).status).toBe(200);
    await new Promise((r) => setTimeout(r, 2100));
    expect((await short.get('/customers/me', { token: t })).status).toBe(401);
  } finally {
    await short.server.close();
  }
});

test("AUTH-08: another customer's cart, order, address: 403 and unchanged", async () => {
  const cart = (await api.req('POST', '/carts', { token: t1 })).body;
  expect((await api.get(`/carts/${cart.id}`, { token: t0 })).status).toBe(403);
  expect((await api.req('PUT', `/carts/${cart.id}`, { token: t0, body: { discountCode: 'WELCOME10' } })).status).toBe(403);
  expect((await api.req('POST', `/carts/${cart.id}/line-items`, { token: t0, body: { productId: 'prod-0001', quantity: 1 } })).status).toBe(403);
  expect((await api.req('DELETE', `/carts/${cart.id}`, { token: t0 })).status).toBe(403);
  expect((await api.get(`/carts/${cart.id}`, { token: t1 })).body).toEqual(cart);
  const order = (await api.get('/orders?filter[status]=CREATED', { token: t1 })).body.results[0];
  expect((await api.get(`/orders/${order.id}`, { token: t0 })).status).toBe(403);
  expect((await api.req('PUT', `/orders/${order.id}`, { token: t0, body: { status: 'CANCELLED' } })).status).toBe(403);
  expect((await api.get(`/orders/${order.id}`, { token: t1 })).body.status).toBe('CREATED');
  const addr = (await api.get('/customers/me/addresses', { token: t1 })).body.results[0];
  const body = { firstName: 'X', lastName: 'Y', streetName: 'Z', city: 'C', state: 'NSW', postcode: '2000', country: 'AU' };
  expect((await api.req('PUT', `/customers/me/addresses/${addr.id}`, { token: t0, body })).status).toBe(403);
  expect((await api.req('DELETE', `/customers/me/addresses/${addr.id}`, { token: t0 })).status).toBe(403);
  expect((await api.get('/customers/me/addresses', { token: t1 })).body.results[0]).toEqual(addr);
});

test('AUTH-08 foreignResource=404', async () => {
  const other = await boot({ modes: { foreignResource: 404 } });
  try {
    const [a, b] = [await other.login(0), await other.login(1)];
    const cart = (await other.req('POST', '/carts', { token: b })).body;
    expect((await other.get(`/carts/${cart.id}`, { token: a })).status).toBe(404);
    expect((await other.get(`/customers/${other.server.customers[1].id}/orders/v1`, { token: a })).status).toBe(404);
  } finally {
    await other.server.close();
  }
});

test('AUTH-09: public endpoints answer without a token and carry no PII', async () => {
  for (const p of ['/products', '/products/prod-0001', '/products/prod-0001/variants', '/products/prod-0001/media', '/categories', '/collections', '/search?query=sofa', '/search/suggestions?query=sofa', '/content', '/content/footer', '/health/live', '/health/ready']) {
    const r = await api.get(p);
    expect(r.status, p).toBe(200);
    expect(r.text).not.toMatch(/emailAddress|"phone"|streetName/);
  }
});

test('AUTH-10: internal needs the service token', async () => {
  expect((await api.get('/internal/status')).status).toBe(401);
  expect((await api.get('/internal/status', { token: t0 })).status).toBe(403);
  expect((await api.get('/internal/status', { headers: { authorization: `Bearer ${t0}` } })).status).toBe(403);
  expect((await api.get('/internal/status', { headers: { authorization: 'Bearer nonsense' } })).status).toBe(401);
  expect((await api.get('/internal/status', { headers: { authorization: `Bearer ${api.server.serviceToken}` } })).status).toBe(200);
  // the service token is not a customer session
  expect((await api.get('/customers/me', { token: api.server.serviceToken })).status).toBe(401);
});

test('oldTokenAfterRefresh=revoked', async () => {
  const other = await boot({ modes: { oldTokenAfterRefresh: 'revoked' } });
  try {
    const t = await other.login();
    const r = await other.req('POST', '/auth/token', { token: t });
    expect((await other.get('/customers/me', { token: t })).status).toBe(401);
    expect((await other.get('/customers/me', { token: r.body.accessToken })).status).toBe(200);
  } finally {
    await other.server.close();
  }
});
