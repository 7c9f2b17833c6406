// Every row of CONTRACT-v2 section 2 answers as the contract says, on a clean v2 server.
import { describe, expect, test } from 'vitest';
import { basketWith, GB_ADDRESS, orderWith, ref, TS, useV2Server, type V2Api } from './helpers.js';

let api: V2Api;
let t: string;
useV2Server((a, token) => {
  api = a;
  t = token;
});

const paged = (b: { items: unknown[]; page: number; pageSize: number; totalItems: number; totalPages: number }) => {
  expect(Array.isArray(b.items)).toBe(true);
  expect(b.totalPages).toBe(Math.ceil(b.totalItems / b.pageSize));
};

describe('catalogue and content (rows 1-13, 44)', () => {
  test('1 GET /config: default region, >= 3 regions with distinct currencies incl. JPY, stores', async () => {
    const b = (await api.get('/config')).body;
    expect(b.regions.map((r: { code: string }) => r.code)).toContain(b.defaultRegion);
    expect(new Set(b.regions.map((r: { currency: string }) => r.currency)).size).toBeGreaterThanOrEqual(3);
    expect(b.regions.some((r: { currency: string }) => r.currency === 'JPY')).toBe(true);
    for (const r of b.regions) expect(r.languages).toContain(r.defaultLanguage);
    expect(b.stores.length).toBeGreaterThan(0);
    expect(typeof b.features).toBe('object');
  });
  test('2-3 categories: a flat tree at least three deep; one category; unknown 404', async () => {
    const items = (await api.get('/catalog/categories')).body.items as Array<{ id: string; parentId: string | null; childIds: string[] }>;
    const byId = new Map(items.map((c) => [c.id, c]));
    const depth = (c: { parentId: string | null }): number => (c.parentId ? 1 + depth(byId.get(c.parentId)!) : 1);
    expect(Math.max(...items.map(depth))).toBeGreaterThanOrEqual(3);
    for (const c of items) for (const child of c.childIds) expect(byId.get(child)!.parentId).toBe(c.id);
    expect((await api.get(`/catalog/categories/${items[0].id}`)).body.id).toBe(items[0].id);
    const missing = await api.get('/catalog/categories/cat-nope');
    expect([missing.status, missing.body.errorCode]).toEqual([404, 'CATEGORY_NOT_FOUND']);
  });
  test('4-5 products: paged summaries with decimal price and currency; detail; unknown 404', async () => {
    const list = await api.get('/catalog/products');
    expect([list.body.page, list.body.pageSize, list.body.items.length]).toEqual([1, 24, 24]);
    paged(list.body);
    const p = list.body.items[0];
    expect(p).toMatchObject({ currency: 'GBP', status: 'active' });
    expect(p.createdAt).toMatch(TS);
    const d = (await api.get(`/catalog/products/${p.id}`)).body;
    expect(d).toMatchObject({ id: p.id, price: p.price });
    expect(d.images.length).toBeGreaterThan(0);
    expect((await api.get('/catalog/products/nope')).status).toBe(404);
  });
  test('6 comments: paged, newest first by default; 7 similars: <= 12 active others', async () => {
    const c = (await api.get('/catalog/products/prod-0001/comments')).body;
    paged(c);
    expect(c.totalPages).toBe(2);
    const dates = c.items.map((x: { createdAt: string }) => x.createdAt);
    expect(dates).toEqual([...dates].sort().reverse());
    expect(c.items[0].email).toBeUndefined();
    const s = (await api.get('/catalog/products/prod-0001/similars')).body.items;
    expect(s.length).toBeLessThanOrEqual(12);
    for (const x of s) expect([x.id !== 'prod-0001', x.status]).toEqual([true, 'active']);
  });
  test('8-12 banners by position, sliders, showrooms (paged), layouts (home; unknown 404), news (paged)', async () => {
    const pos = (await api.get('/content/banners')).body.items.map((b: { position: number }) => b.position);
    expect(pos).toEqual([...pos].sort((a, b) => a - b));
    expect((await api.get('/content/sliders')).body.items[0].slides.length).toBeGreaterThan(0);
    paged((await api.get('/content/showrooms')).body);
    expect((await api.get('/content/layouts/home')).body).toMatchObject({ pageKey: 'home' });
    expect((await api.get('/content/layouts/nope')).status).toBe(404);
    const news = (await api.get('/content/news?sort=oldest')).body;
    paged(news);
    expect(news.items[0].publishedAt <= news.items[1].publishedAt).toBe(true);
  });
  test('13 search preview: <= 5 products, <= 3 categories; empty q 400 REQUIRED', async () => {
    const b = (await api.get('/content/search-preview?q=sofa')).body;
    expect(b.q).toBe('sofa');
    expect(b.products.length).toBeGreaterThan(0);
    expect(b.products.length).toBeLessThanOrEqual(5);
    expect(b.categories.length).toBeLessThanOrEqual(3);
    const r = await api.get('/content/search-preview?q=');
    expect([r.status, r.body.details[0]]).toEqual([400, expect.objectContaining({ field: 'q', errorCode: 'REQUIRED' })]);
  });
  test('44 health, with the locale headers of every answer (V2-HDR-02)', async () => {
    const r = await api.get('/health', { region: 'jp' });
    expect([r.body, r.headers.get('x-region'), r.headers.get('content-language')]).toEqual([{ status: 'UP' }, 'JP', 'ja-JP']);
  });
});

describe('customers (rows 14-25)', () => {
  test('14 register: 201 with tokens; taken email 409; short password 422', async () => {
    const email = `new-${Date.now()}@example.com`;
    const r = await api.req('POST', '/customers/register', { body: { email, password: 'LongEnough1', firstName: 'N', lastName: 'M' } });
    expect(r.status).toBe(201);
    expect(r.body.customer).toMatchObject({ email, version: 1, phone: null });
    expect((await api.get('/customers/me', { token: r.body.token })).body.email).toBe(email);
    const again = await api.req('POST', '/customers/register', { body: { email, password: 'LongEnough1', firstName: 'N', lastName: 'M' } });
    expect([again.status, again.body.errorCode]).toEqual([409, 'EMAIL_ALREADY_REGISTERED']);
    const short = await api.req('POST', '/customers/register', { body: { email: `s${email}`, password: 'short', firstName: 'N', lastName: 'M' } });
    expect([short.status, short.body.details[0].field]).toEqual([422, 'password']);
  });
  test('15-16 login and refresh (rotation)', async () => {
    const c = api.server.customers[0];
    const l = (await api.req('POST', '/customers/login', { body: { email: c.email, password: c.password } })).body;
    expect(l.token.split('.')).toHaveLength(3);
    expect(l.customer).toMatchObject({ id: c.id, email: c.email });
    const r = await api.req('POST', '/customers/token/refresh', { body: { refreshToken: l.refreshToken } });
    expect(r.status).toBe(200);
    expect((await api.get('/customers/me', { token: r.body.token })).status).toBe(200);
    expect((await api.req('POST', '/customers/token/refresh', { body: { refreshToken: l.refreshToken } })).status).toBe(401);
  });
  test('17 me: GET; PUT with version; stale version with a change 409; identical retry 200', async () => {
    const me = (await api.get('/customers/me', { token: t })).body;
    const body = { firstName: me.firstName, lastName: 'Renamed', version: me.version };
    const put = await api.req('PUT', '/customers/me', { token: t, body });
    expect([put.status, put.body.version]).toEqual([200, me.version + 1]);
    const retry = await api.req('PUT', '/customers/me', { token: t, body });
    expect([retry.status, retry.body.version]).toEqual([200, me.version + 1]);
    const stale = await api.req('PUT', '/customers/me', { token: t, body: { ...body, lastName: 'Other' } });
    expect([stale.status, stale.body.errorCode]).toEqual([409, 'VERSION_CONFLICT']);
    const future = await api.req('PUT', '/customers/me', { token: t, body: { ...body, version: 99 } });
    expect(future.status).toBe(409);
  });
  test('18-19 addresses: paged list, create, GB postcode rule, update, delete twice', async () => {
    paged((await api.get('/customers/me/addresses', { token: t })).body);
    const bad = await api.req('POST', '/customers/me/addresses', { token: t, body: { ...GB_ADDRESS, postalCode: '12345' } });
    expect([bad.status, bad.body.details[0]]).toEqual([422, expect.objectContaining({ field: 'postalCode', errorCode: 'INVALID_FORMAT' })]);
    const a = await api.req('POST', '/customers/me/addresses', { token: t, body: GB_ADDRESS });
    expect([a.status, a.body.line2, a.body.isDefault]).toEqual([201, null, false]);
    expect((await api.req('PUT', `/customers/me/addresses/${a.body.id}`, { token: t, body: { city: 'Leeds' } })).body).toMatchObject({ city: 'Leeds', line1: GB_ADDRESS.line1 });
    expect((await api.req('DELETE', `/customers/me/addresses/${a.body.id}`, { token: t })).status).toBe(204);
    expect((await api.req('DELETE', `/customers/me/addresses/${a.body.id}`, { token: t })).status).toBe(404);
  });
  test('20-21 favourites: PUT twice is once, DELETE always 204, unknown product 404', async () => {
    const count = async () => (await api.get('/customers/me/favorites', { token: t })).body.totalItems as number;
    const before = await count();
    expect((await api.req('PUT', '/customers/me/favorites/prod-0050', { token: t })).status).toBe(204);
    expect((await api.req('PUT', '/customers/me/favorites/prod-0050', { token: t })).status).toBe(204);
    expect(await count()).toBe(before + 1);
    expect((await api.req('DELETE', '/customers/me/favorites/prod-0050', { token: t })).status).toBe(204);
    expect((await api.req('DELETE', '/customers/me/favorites/prod-0050', { token: t })).status).toBe(204);
    expect((await api.req('PUT', '/customers/me/favorites/nope', { token: t })).status).toBe(404);
  });
  test('22-23 notifications: paged, filter read, mark read', async () => {
    const all = (await api.get('/customers/me/notifications', { token: t })).body;
    expect(all.totalPages).toBe(2);
    const unread = (await api.get('/customers/me/notifications?read=false&pageSize=100', { token: t })).body.items;
    expect(unread.every((n: { read: boolean }) => !n.read)).toBe(true);
    const r = await api.req('PUT', `/customers/me/notifications/${unread[0].id}`, { token: t, body: { read: true } });
    expect(r.body).toMatchObject({ id: unread[0].id, read: true });
    expect((await api.get('/customers/me/notifications?read=maybe', { token: t })).status).toBe(400);
  });
  test('24-25 discount codes (expired hidden), store tickets (paged)', async () => {
    const codes = (await api.get('/customers/me/discount-codes', { token: t })).body.items.map((c: { code: string }) => c.code);
    expect(codes).toContain('WELCOME10');
    expect(codes).not.toContain('SPRING5');
    paged((await api.get('/customers/me/store-tickets', { token: t })).body);
  });
});

describe('baskets, orders, payments, purchases (rows 26-43)', () => {
  test('26-30 guest basket: lines, merge, quantity rule, delete line, discount code', async () => {
    const b = (await api.req('POST', '/baskets')).body;
    expect(b).toMatchObject({ customerId: null, lines: [], subtotal: 0, total: 0, currency: 'GBP' });
    await api.req('POST', `/baskets/${b.id}/items`, { body: { productId: 'prod-0001', quantity: 2 } });
    const merged = (await api.req('POST', `/baskets/${b.id}/items`, { body: { productId: 'prod-0001', quantity: 3 } })).body;
    expect(merged.lines).toHaveLength(1);
    expect(merged.lines[0].quantity).toBe(5);
    const over = await api.req('POST', `/baskets/${b.id}/items`, { body: { productId: 'prod-0001', quantity: 95 } });
    expect([over.status, over.body.details[0].field]).toEqual([422, 'quantity']);
    expect((await api.req('PUT', `/baskets/${b.id}/items/${merged.lines[0].id}`, { body: { quantity: 1 } })).body.lines[0].quantity).toBe(1);
    const coded = await api.req('PUT', `/baskets/${b.id}/discount-code`, { body: { code: 'WELCOME10' } });
    expect(coded.body.discountTotal).toBeGreaterThan(0);
    expect((await api.req('PUT', `/baskets/${b.id}/discount-code`, { body: { code: 'NOPE' } })).body.errorCode).toBe('DISCOUNT_CODE_INVALID');
    expect((await api.req('DELETE', `/baskets/${b.id}/discount-code`)).body.discountCode).toBeNull();
    expect((await api.req('DELETE', `/baskets/${b.id}/items/${merged.lines[0].id}`)).body.lines).toEqual([]);
    expect((await api.req('DELETE', `/baskets/${b.id}/items/${merged.lines[0].id}`)).status).toBe(404);
  });
  test('26 member basket: only its customer reads it', async () => {
    const b = (await api.req('POST', '/baskets', { token: t })).body;
    expect(b.customerId).toBe(api.server.customers[0].id);
    expect((await api.get(`/baskets/${b.id}`, { token: await api.login(1) })).status).toBe(403);
    expect((await api.get(`/baskets/${b.id}`, { token: 'not.a.jwt' })).status).toBe(401);
  });
  test('31-35 member order, history, cancel twice, cancel SHIPPED 409', async () => {
    const { basket, order, res } = await orderWith(api, t);
    expect(res.status).toBe(201);
    expect(order).toMatchObject({ status: 'CREATED', currency: 'GBP', total: basket.total, customerId: api.server.customers[0].id });
    expect((await api.get(`/orders/${order.id}`, { token: t })).body.id).toBe(order.id);
    const list = (await api.get('/orders?status=SHIPPED', { token: t })).body;
    expect(list.items.every((o: { status: string }) => o.status === 'SHIPPED')).toBe(true);
    const once = await api.req('POST', `/orders/${order.id}/cancel`, { token: t });
    const twice = await api.req('POST', `/orders/${order.id}/cancel`, { token: t });
    expect([once.body.status, twice.status, twice.body.status]).toEqual(['CANCELLED', 200, 'CANCELLED']);
    const shipped = await api.req('POST', `/orders/${list.items[0].id}/cancel`, { token: t });
    expect([shipped.status, shipped.body.errorCode]).toEqual([409, 'CONFLICT']);
    const empty = (await api.req('POST', '/baskets', { token: t })).body;
    const addressId = (await api.get('/customers/me/addresses', { token: t })).body.items[0].id;
    const e = await api.req('POST', '/orders', { token: t, body: { basketId: empty.id, addressId, clientReference: ref() } });
    expect([e.status, e.body.errorCode]).toEqual([409, 'BASKET_EMPTY']);
  });
  test('32 guest order: nested address rules; a member basket is refused', async () => {
    const basket = await basketWith(api);
    const body = { basketId: basket.id, email: 'guest@example.com', shippingAddress: GB_ADDRESS, clientReference: ref('guest') };
    const bad = await api.req('POST', '/orders/guest', { body: { ...body, shippingAddress: { ...GB_ADDRESS, postalCode: 'X' } } });
    expect(bad.body.details[0].field).toBe('shippingAddress.postalCode');
    const r = await api.req('POST', '/orders/guest', { body });
    expect([r.status, r.body.customerId, r.body.email, r.body.total]).toEqual([201, null, 'guest@example.com', basket.total]);
    const member = await basketWith(api, { token: t });
    expect((await api.req('POST', '/orders/guest', { body: { ...body, basketId: member.id, clientReference: ref() } })).status).toBe(403);
  });
  test('36-41 methods, cards, payments without and with OTP, cancel', async () => {
    const methods = (await api.get('/payments/methods', { token: t })).body.items;
    const plain = methods.find((m: { requiresOtp: boolean }) => !m.requiresOtp);
    const otp = methods.find((m: { requiresOtp: boolean }) => m.requiresOtp);
    const card = await api.req('POST', '/customers/me/cards', { token: t, body: { cardNumber: api.server.testCard, expiryMonth: 12, expiryYear: 2031, cvv: '123', holderName: 'Jane Smith' } });
    expect(card.status).toBe(201);
    expect(card.body).toEqual({ id: card.body.id, brand: 'VISA', last4: '1111', expiryMonth: 12, expiryYear: 2031, holderName: 'Jane Smith' });
    const luhn = await api.req('POST', '/customers/me/cards', { token: t, body: { cardNumber: '4111 1111 1111 1112', expiryMonth: 12, expiryYear: 2031, cvv: '123', holderName: 'J' } });
    expect([luhn.status, luhn.body.details[0].field]).toEqual([422, 'cardNumber']);
    expect((await api.get('/customers/me/cards', { token: t })).body.items.length).toBeGreaterThan(1);
    const { order } = await orderWith(api, t);
    const pay = (methodId: string) => api.req('POST', '/payments', { token: t, body: { orderId: order.id, methodId, cardId: card.body.id, clientReference: ref('pay') } });
    const direct = (await pay(plain.id)).body;
    expect(direct).toMatchObject({ status: 'AUTHORIZED', amount: order.total, currency: order.currency });
    const pending = (await pay(otp.id)).body;
    expect(pending.status).toBe('PENDING_OTP');
    const ok = await api.req('POST', `/payments/${pending.id}/otp`, { token: t, body: { code: api.server.otpCode } });
    expect(ok.body.status).toBe('AUTHORIZED');
    expect((await api.req('POST', `/payments/${pending.id}/otp`, { token: t, body: { code: api.server.otpCode } })).status).toBe(409);
    expect((await api.get(`/payments/${pending.id}`, { token: t })).body.status).toBe('AUTHORIZED');
    expect((await api.req('POST', `/payments/${direct.id}/cancel`, { token: t })).body.status).toBe('CANCELLED');
    paged((await api.get('/payments', { token: t })).body);
  });
  test('42-43 purchases: amount = price × quantity in the region currency; paged history', async () => {
    const store = (await api.get('/config')).body.stores[0].id;
    const price = (await api.get('/catalog/products/prod-0002', { region: 'JP' })).body.price;
    const r = await api.req('POST', '/purchases', { token: t, region: 'JP', body: { storeId: store, catalogItemId: 'prod-0002', quantity: 3, clientReference: ref('pur') } });
    expect(r.status).toBe(201);
    expect([r.body.amount, r.body.currency]).toEqual([price * 3, 'JPY']);
    expect((await api.req('POST', '/purchases', { token: t, body: { storeId: 'nope', catalogItemId: 'prod-0002', quantity: 1, clientReference: ref() } })).status).toBe(404);
    paged((await api.get('/purchases', { token: t })).body);
  });
});
