// Every row of CONTRACT.md section 3 answers as catalogued (happy paths over real HTTP).
import { describe, expect, test } from 'vitest';
import { useSignedInServer, type Api } from './helpers.js';

let api: Api;
let token: string;
useSignedInServer((a, t) => {
  api = a;
  token = t;
});

const paged = (b: { limit: number; offset: number; count: number; total: number; results: unknown[] }) => {
  expect(Number.isInteger(b.limit) && Number.isInteger(b.offset) && Number.isInteger(b.count) && Number.isInteger(b.total)).toBe(true);
  expect(b.count).toBe(b.results.length);
};

describe('public rows', () => {
  test('rows 4-7: products, detail, variants, media', async () => {
    const list = await api.get('/products');
    expect(list.status).toBe(200);
    paged(list.body);
    expect(list.body.total).toBe(350);
    const id = list.body.results[0].id;
    const detail = await api.get(`/products/${id}`);
    expect(detail.status).toBe(200);
    expect(detail.body).toMatchObject({ id, version: expect.any(Number), description: { 'en-AU': expect.any(String) } });
    expect((await api.get('/products/nope')).status).toBe(404);
    const variants = await api.get(`/products/${id}/variants`);
    expect(variants.status).toBe(200);
    paged(variants.body);
    expect(variants.body.results[0]).toMatchObject({ id: expect.any(String), sku: expect.any(String), inStock: expect.any(Boolean), attributes: expect.any(Object) });
    const media = await api.get(`/products/${id}/media`);
    expect(media.status).toBe(200);
    for (const m of media.body.results) expect(m.url).toMatch(/^https:\/\//);
    expect((await api.get('/products/nope/variants')).status).toBe(404);
  });

  test('rows 8-11: categories and collections', async () => {
    const cats = await api.get('/categories?limit=100');
    expect(cats.status).toBe(200);
    expect(cats.body.total).toBeGreaterThanOrEqual(10);
    expect(cats.body.results.some((c: { slug: string }) => c.slug === 'sofas')).toBe(true);
    const cat = await api.get(`/categories/${cats.body.results[0].id}`);
    expect(cat.body.parentId).toBeNull();
    expect((await api.get('/categories/nope')).status).toBe(404);
    const cols = await api.get('/collections');
    paged(cols.body);
    const col = await api.get(`/collections/${cols.body.results[0].id}`);
    expect(col.body.productIds.length).toBeGreaterThan(0);
    expect((await api.get('/collections/nope')).status).toBe(404);
  });

  test('rows 12-13, 35-38', async () => {
    expect((await api.get('/search?query=sofa')).status).toBe(200);
    const sug = await api.get('/search/suggestions?query=sofa');
    expect(sug.body.suggestions.length).toBeLessThanOrEqual(10);
    expect((await api.get('/content')).body.results.length).toBeGreaterThan(0);
    expect((await api.get('/content/footer?locale=en-AU')).body).toMatchObject({ slug: 'footer', locale: 'en-AU', blocks: expect.any(Array) });
    expect((await api.get('/content/footer?locale=en-NZ')).body.locale).toBe('en-NZ');
    expect((await api.get('/health/live')).body).toEqual({ status: 'UP' });
    expect((await api.get('/health/ready')).body.status).toBe('UP');
    const internal = await api.get('/internal/status', { headers: { authorization: `Bearer ${api.server.serviceToken}` } });
    expect(internal.status).toBe(200);
  });
});

describe('customer rows', () => {
  test('rows 1-3: login, token, logout', async () => {
    const t = await api.login(1);
    const refreshed = await api.req('POST', '/auth/token', { token: t });
    expect(refreshed.status).toBe(200);
    expect(refreshed.body).toMatchObject({ accessToken: expect.any(String), tokenType: 'Bearer', expiresIn: 3600 });
    const out = await api.req('POST', '/auth/logout', { token: refreshed.body.accessToken });
    expect(out.status).toBe(204);
    expect(out.text).toBe('');
  });

  test('rows 14-22: cart lifecycle to a confirmed order', async () => {
    const cart = await api.req('POST', '/carts', { token, body: { currencyCode: 'AUD' } });
    expect(cart.status).toBe(201);
    expect(cart.body.lineItems).toEqual([]);
    const id = cart.body.id;
    expect((await api.get(`/carts/${id}`, { token })).body.version).toBe(cart.body.version);
    const added = await api.req('POST', `/carts/${id}/line-items`, { token, body: { productId: 'prod-0002', quantity: 1 } });
    expect(added.status).toBe(201);
    const li = added.body.lineItems[0].id;
    expect((await api.req('PUT', `/carts/${id}/line-items/${li}`, { token, body: { quantity: 3 } })).body.lineItems[0].quantity).toBe(3);
    expect((await api.req('PUT', `/carts/${id}`, { token, body: { discountCode: 'WELCOME10' } })).body.discountCode).toBe('WELCOME10');
    const addr = (await api.get('/customers/me/addresses', { token })).body.results[0].id;
    const session = await api.req('POST', '/checkout', { token, body: { cartId: id, shippingAddressId: addr } });
    expect(session.status).toBe(201);
    expect(session.body.status).toBe('PENDING');
    const confirm = await api.req('POST', `/checkout/${session.body.id}/confirm`, { token });
    expect(confirm.status).toBe(200);
    expect(confirm.body).toMatchObject({ orderId: expect.any(String), status: 'CONFIRMED', order: { status: 'CONFIRMED' } });
    const other = await api.req('POST', '/carts', { token });
    const li2 = (await api.req('POST', `/carts/${other.body.id}/line-items`, { token, body: { productId: 'prod-0003', quantity: 1 } })).body.lineItems[0].id;
    const removed = await api.req('DELETE', `/carts/${other.body.id}/line-items/${li2}`, { token });
    expect(removed.status).toBe(200);
    expect(removed.body.lineItems).toEqual([]);
    expect((await api.req('DELETE', `/carts/${other.body.id}`, { token })).status).toBe(204);
  });

  test('rows 23-27: orders', async () => {
    const orders = await api.get('/orders', { token });
    expect(orders.status).toBe(200);
    const statuses = new Set(orders.body.results.map((o: { status: string }) => o.status));
    for (const s of ['CREATED', 'CONFIRMED', 'SHIPPED', 'DELIVERED', 'CANCELLED']) expect(statuses.has(s)).toBe(true);
    expect((await api.get('/orders/v1', { token })).body.results[0].total).toBeDefined();
    expect((await api.get('/orders/v2', { token })).body.results[0].totalAmount).toBeDefined();
    const one = orders.body.results.find((o: { status: string }) => o.status === 'CREATED');
    expect((await api.get(`/orders/${one.id}`, { token })).body.id).toBe(one.id);
    const cancelled = await api.req('PUT', `/orders/${one.id}`, { token, body: { status: 'CANCELLED' } });
    expect(cancelled.body.status).toBe('CANCELLED');
    expect((await api.req('PUT', `/orders/${one.id}`, { token, body: { status: 'SHIPPED' } })).status).toBe(422);
    const me = api.server.customers[0].id;
    expect((await api.get(`/customers/${me}/orders/v1`, { token })).status).toBe(200);
  });

  test('rows 28-34: profile, addresses, preferences', async () => {
    const me = await api.get('/customers/me', { token });
    expect(me.body).toMatchObject({ emailAddress: 'customer@example.com', version: expect.any(Number) });
    const upd = await api.req('PUT', '/customers/me', { token, body: { firstName: 'Janet', lastName: 'Smith', version: me.body.version } });
    expect(upd.body.firstName).toBe('Janet');
    expect((await api.req('PUT', '/customers/me', { token, body: { firstName: '', lastName: 'Smith' } })).status).toBe(422);
    const body = { firstName: 'J', lastName: 'S', streetName: '1 George St', city: 'Sydney', state: 'NSW', postcode: '2000', country: 'AU' };
    const created = await api.req('POST', '/customers/me/addresses', { token, body });
    expect(created.status).toBe(201);
    const put = await api.req('PUT', `/customers/me/addresses/${created.body.id}`, { token, body: { ...body, city: 'Newtown' } });
    expect(put.body.city).toBe('Newtown');
    expect((await api.req('DELETE', `/customers/me/addresses/${created.body.id}`, { token })).status).toBe(204);
    const prefs = await api.get('/customers/me/preferences', { token });
    expect(prefs.body).toMatchObject({ newsletter: expect.any(Boolean), locale: 'en-AU', currencyCode: 'AUD' });
    const set = await api.req('PUT', '/customers/me/preferences', { token, body: { newsletter: false, locale: 'en-NZ', currencyCode: 'NZD' } });
    expect(set.body).toEqual({ newsletter: false, locale: 'en-NZ', currencyCode: 'NZD' });
  });
});
