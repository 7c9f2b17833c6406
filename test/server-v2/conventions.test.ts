// The common conventions of CONTRACT-v2 section 1 on a clean v2 server: headers and locale
// (V2-HDR), error envelope (V2-ERR), formats (V2-FMT), paging, sorting and filtering, auth,
// idempotency, basket arithmetic, payments with OTP, versioning.
import { describe, expect, test } from 'vitest';
import { basketWith, envelopeProblem, orderWith, ref, TS, useV2Server, type V2Api } from './helpers.js';

let api: V2Api;
let t: string;
useV2Server((a, token) => {
  api = a;
  t = token;
});

describe('V2-HDR', () => {
  test('HDR-01: JSON answers; a non-JSON body is 415', async () => {
    expect((await api.get('/config')).headers.get('content-type')).toMatch(/^application\/json/);
    const r = await api.req('POST', '/customers/login', { raw: '{"email":"a@b.c","password":"x"}', headers: { 'content-type': 'text/plain' } });
    expect([r.status, r.body.errorCode]).toEqual([415, 'UNSUPPORTED_MEDIA_TYPE']);
    expect((await api.req('POST', '/customers/login', { raw: '{}', noContentType: true })).status).toBe(415);
  });
  test('HDR-02/03: region case-insensitive, empty = default, unknown 400; language by q, primary subtag, region-scoped', async () => {
    const h = async (region?: string, lang?: string) => {
      const r = await api.get('/catalog/categories', { region, lang });
      return [r.status, r.headers.get('x-region'), r.headers.get('content-language')];
    };
    expect(await h()).toEqual([200, 'GB', 'en-GB']);
    expect(await h('')).toEqual([200, 'GB', 'en-GB']);
    expect(await h('de')).toEqual([200, 'DE', 'de-DE']);
    expect(await h('DE', 'en-US')).toEqual([200, 'DE', 'en-GB']);
    expect(await h('DE', 'fr;q=1, en;q=0.5, de;q=0.9')).toEqual([200, 'DE', 'de-DE']);
    expect(await h('GB', 'de-DE')).toEqual([200, 'GB', 'en-GB']);
    expect(await h('JP', 'xx')).toEqual([200, 'JP', 'ja-JP']);
    const bad = await api.get('/catalog/categories', { region: 'XX' });
    expect([bad.status, bad.body.errorCode]).toEqual([400, 'UNSUPPORTED_REGION']);
  });
  test('HDR-04: the same product in two regions has each region currency; orders keep theirs', async () => {
    const config = (await api.get('/config')).body;
    for (const r of config.regions) expect((await api.get('/catalog/products/prod-0001', { region: r.code })).body.currency).toBe(r.currency);
    const { order } = await orderWith(api, t, { region: 'JP' });
    expect(order.currency).toBe('JPY');
    expect((await api.get(`/orders/${order.id}`, { token: t, region: 'DE' })).body.currency).toBe('JPY');
  });
  test('HDR-05: localised names follow the language', async () => {
    const de = await api.get('/catalog/categories/cat-01', { region: 'DE' });
    const en = await api.get('/catalog/categories/cat-01', { region: 'DE', lang: 'en' });
    expect([de.body.name, de.headers.get('content-language')]).toEqual(['Wohnzimmer', 'de-DE']);
    expect([en.body.name, en.headers.get('content-language')]).toEqual(['Living Room', 'en-GB']);
  });
  test('HDR-06: anonymous answers cacheable, customer answers private', async () => {
    expect((await api.get('/catalog/categories')).headers.get('cache-control')).toMatch(/max-age/);
    expect((await api.get('/customers/me', { token: t })).headers.get('cache-control')).toMatch(/private|no-store/);
  });
  test('VER-01: X-Api-Version 2 on every answer, errors included', async () => {
    for (const p of ['/config', '/nope', '/customers/me', '/health']) expect((await api.get(p)).headers.get('x-api-version'), p).toBe('2');
  });
});

describe('V2-ERR and V2-FMT', () => {
  test('ERR-01..04: envelopes, codes by status, details naming the input, 404s, malformed JSON', async () => {
    const cases: Array<[number, string, Promise<{ status: number; body: { errorCode: string } }>]> = [
      [404, 'NOT_FOUND', api.get('/nope')],
      [404, 'PRODUCT_NOT_FOUND', api.get('/catalog/products/nope')],
      [401, 'UNAUTHORIZED', api.get('/customers/me')],
      [400, 'MALFORMED_JSON', api.req('POST', '/customers/login', { raw: '{"email":', headers: { 'content-type': 'application/json' } })],
      [400, 'VALIDATION_FAILED', api.get('/catalog/products?pageSize=0')],
      [400, 'INVALID_SORT', api.get('/catalog/products?sort=cheapest')],
      [422, 'VALIDATION_FAILED', api.req('POST', '/customers/login', { body: {} })],
    ];
    for (const [status, code, pending] of cases) {
      const r = await pending;
      expect([r.status, r.body.errorCode]).toEqual([status, code]);
      expect(envelopeProblem(r as never)).toBe('');
    }
    const q = await api.get('/catalog/products?pageSize=0');
    expect(q.body.details[0]).toMatchObject({ field: 'pageSize', errorCode: 'OUT_OF_RANGE' });
  });
  test('ERR-05: the errorCode does not depend on Accept-Language (the message may)', async () => {
    const en = await api.get('/catalog/products/nope', { region: 'DE', lang: 'en' });
    const de = await api.get('/catalog/products/nope', { region: 'DE', lang: 'de' });
    expect(de.body.errorCode).toBe(en.body.errorCode);
    expect(de.body.message).not.toBe(en.body.message);
  });
  test('FMT-01/02: second-precision UTC timestamps; amounts with the currency minor digits (JPY 0)', async () => {
    const jp = (await api.get('/catalog/products?pageSize=100', { region: 'JP' })).body.items;
    expect(jp.every((p: { price: number }) => Number.isInteger(p.price))).toBe(true);
    const gb = (await api.get('/catalog/products?pageSize=100')).body.items;
    expect(gb.every((p: { price: number }) => Math.round(p.price * 100) / 100 === p.price)).toBe(true);
    const orders = (await api.get('/orders?pageSize=100', { token: t })).body.items;
    for (const o of orders) expect([o.createdAt, o.updatedAt].every((x: string) => TS.test(x))).toBe(true);
    expect(new Set(orders.map((o: { currency: string }) => o.currency)).size).toBeGreaterThanOrEqual(3);
  });
});

describe('V2-PAG, V2-SRT, V2-FLT', () => {
  test('PAG-02/04/05: the walk yields every product once; past the end is empty', async () => {
    const first = (await api.get('/catalog/products?sort=price_asc&pageSize=50')).body;
    const seen: string[] = [];
    for (let p = 1; p <= first.totalPages; p++) {
      const b = (await api.get(`/catalog/products?sort=price_asc&pageSize=50&page=${p}`)).body;
      if (p < first.totalPages) expect(b.items).toHaveLength(50);
      seen.push(...b.items.map((i: { id: string }) => i.id));
    }
    expect(new Set(seen).size).toBe(first.totalItems);
    const past = (await api.get(`/catalog/products?pageSize=50&page=${first.totalPages + 1}`)).body;
    expect([past.items, past.totalItems]).toEqual([[], first.totalItems]);
  });
  test('SRT-01/02: price, newest, name orders across pages; ties stable', async () => {
    const all = async (sort: string, lang?: string) => (await api.get(`/catalog/products?sort=${sort}&pageSize=100`, { region: 'DE', lang })).body.items;
    const prices = (await all('price_desc')).map((p: { price: number }) => p.price);
    expect(prices).toEqual([...prices].sort((a, b) => b - a));
    const names = (await all('name_asc')).map((p: { name: string }) => p.name);
    expect(names).toEqual([...names].sort(new Intl.Collator('de-DE', { sensitivity: 'base' }).compare));
    expect(JSON.stringify(await all('price_asc'))).toBe(JSON.stringify(await all('price_asc')));
    expect((await api.get('/content/showrooms?sort=newest')).body.errorCode).toBe('INVALID_SORT');
  });
  test('FLT-01..03: descendants, price bounds inclusive, AND, accent-folded q, bad values 400', async () => {
    const cats = (await api.get('/catalog/categories')).body.items as Array<{ id: string; slug: string; childIds: string[] }>;
    const sofas = cats.find((c) => c.slug === 'sofas')!;
    const under = (await api.get(`/catalog/products?categoryId=${sofas.id}&pageSize=100`)).body.items.map((p: { categoryId: string }) => p.categoryId);
    expect(new Set(under).size).toBeGreaterThan(1);
    const some = (await api.get('/catalog/products?pageSize=1')).body.items[0];
    const exact = (await api.get(`/catalog/products?minPrice=${some.price}&maxPrice=${some.price}&pageSize=100`)).body;
    expect(exact.items.every((p: { price: number }) => p.price === some.price)).toBe(true);
    expect(exact.items.map((p: { id: string }) => p.id)).toContain(some.id);
    const cafe = (await api.get('/catalog/products?q=CAFE%20adams&pageSize=100')).body.items;
    expect(cafe.length).toBeGreaterThan(0);
    for (const p of cafe) expect(p.name).toMatch(/Café.*Adams/i);
    for (const bad of ['minPrice=abc', 'minPrice=-1', 'inStock=maybe', 'minPrice=10&maxPrice=5']) {
      const r = await api.get(`/catalog/products?${bad}`);
      expect([r.status, r.body.details[0].field], bad).toEqual([400, bad.split('=')[0]]);
    }
    expect((await api.get('/catalog/products?categoryId=nope')).body.totalItems).toBe(0);
    expect((await api.get('/catalog/products?sort=&q=')).status).toBe(200);
  });
});

describe('V2-AUTH, V2-IDM, V2-BSK, V2-PAY', () => {
  test('AUTH-02: wrong password and unknown email give the same 401', async () => {
    const a = await api.req('POST', '/customers/login', { body: { email: 'customer@example.com', password: 'wrong-password' } });
    const b = await api.req('POST', '/customers/login', { body: { email: 'nobody@example.com', password: 'wrong-password' } });
    expect([a.status, a.body.errorCode, a.body.message]).toEqual([b.status, b.body.errorCode, b.body.message]);
  });
  test('AUTH-04/07: raw token accepted; tampered and expired 401; the token is never echoed', async () => {
    const tampered = t.slice(0, -3) + (t.endsWith('AAA') ? 'BBB' : 'AAA');
    const expired = await api.server.mintExpiredToken();
    for (const [token, code] of [[tampered, 'UNAUTHORIZED'], [expired, 'TOKEN_EXPIRED'], ['garbage', 'UNAUTHORIZED']]) {
      const r = await api.get('/customers/me', { token });
      expect([r.status, r.body.errorCode]).toEqual([401, code]);
      expect(r.text).not.toContain(token);
    }
    expect((await api.get('/customers/me', { token: `Bearer ${t}` })).status).toBe(200);
    expect((await api.get('/customers/me', { token: t })).text).not.toContain(t);
  });
  test('AUTH-06: another customer cannot read or change my resources', async () => {
    const t1 = await api.login(1);
    const { order } = await orderWith(api, t);
    const address = (await api.get('/customers/me/addresses', { token: t })).body.items[0];
    expect((await api.get(`/orders/${order.id}`, { token: t1 })).status).toBe(403);
    expect((await api.req('POST', `/orders/${order.id}/cancel`, { token: t1 })).status).toBe(403);
    expect((await api.req('DELETE', `/customers/me/addresses/${address.id}`, { token: t1 })).status).toBe(403);
    expect((await api.get(`/orders/${order.id}`, { token: t })).body.status).toBe('CREATED');
  });
  test('IDM-01/02/03/05: replay, conflict, missing reference, per-customer scope', async () => {
    const basket = await basketWith(api, { token: t });
    const addressId = (await api.get('/customers/me/addresses', { token: t })).body.items[0].id;
    const body = { basketId: basket.id, addressId, clientReference: ref('idm') };
    const a = await api.req('POST', '/orders', { token: t, body });
    const b = await api.req('POST', '/orders', { token: t, body });
    expect([a.status, b.status, b.body.id]).toEqual([201, 201, a.body.id]);
    const held = (await api.get('/orders?pageSize=100', { token: t })).body.items.filter((o: { clientReference: string }) => o.clientReference === body.clientReference);
    expect(held).toHaveLength(1);
    const c = await api.req('POST', '/orders', { token: t, body: { ...body, addressId: 'addr-0002' } });
    expect([c.status, c.body.errorCode]).toEqual([409, 'IDEMPOTENCY_CONFLICT']);
    for (const clientReference of [undefined, 'short', 'has spaces in it']) {
      const r = await api.req('POST', '/purchases', { token: t, body: { storeId: 'store-london', catalogItemId: 'prod-0001', quantity: 1, clientReference } });
      expect([r.status, r.body.details?.[0]?.field]).toEqual([422, 'clientReference']);
    }
    const t1 = await api.login(1);
    const other = await orderWith(api, t1);
    const theirs = await api.req('POST', '/orders', {
      token: t1, body: { basketId: other.basket.id, addressId: (await api.get('/customers/me/addresses', { token: t1 })).body.items[0].id, clientReference: body.clientReference },
    });
    expect(theirs.status).toBe(201);
    expect(theirs.body.id).not.toBe(a.body.id);
  });
  test('BSK-01/02: arithmetic in minor units incl. discount and shipping; order = basket; payment = order', async () => {
    const basket = await basketWith(api, { token: t, productId: 'prod-0001', quantity: 3, code: 'WELCOME10' });
    const minor = (x: number) => Math.round(x * 100);
    for (const l of basket.lines) expect(minor(l.lineTotal)).toBe(minor(l.unitPrice) * l.quantity);
    expect(minor(basket.total)).toBe(minor(basket.subtotal) - minor(basket.discountTotal) + minor(basket.shippingTotal));
    expect(basket.shippingTotal).toBeGreaterThan(0);
    const addressId = (await api.get('/customers/me/addresses', { token: t })).body.items[0].id;
    const order = (await api.req('POST', '/orders', { token: t, body: { basketId: basket.id, addressId, clientReference: ref() } })).body;
    expect([order.subtotal, order.discountTotal, order.shippingTotal, order.total]).toEqual([basket.subtotal, basket.discountTotal, basket.shippingTotal, basket.total]);
    const pay = (await api.req('POST', '/payments', { token: t, body: { orderId: order.id, methodId: 'pm-card', clientReference: ref() } })).body;
    expect([pay.amount, pay.currency]).toEqual([order.total, order.currency]);
  });
  test('PAY-01/03/04: region methods; two wrong OTPs keep PENDING_OTP, the third fails; FAILED cannot be cancelled', async () => {
    const gb = (await api.get('/payments/methods', { token: t })).body.items.map((m: { id: string }) => m.id);
    const jp = (await api.get('/payments/methods', { token: t, region: 'JP' })).body.items.map((m: { id: string }) => m.id);
    expect(gb).not.toEqual(jp);
    const { order } = await orderWith(api, t);
    const p = (await api.req('POST', '/payments', { token: t, body: { orderId: order.id, methodId: 'pm-card-3ds', clientReference: ref() } })).body;
    const wrong = () => api.req('POST', `/payments/${p.id}/otp`, { token: t, body: { code: '000000' } });
    for (const expected of ['PENDING_OTP', 'PENDING_OTP', 'FAILED']) {
      const r = await wrong();
      expect([r.status, r.body.errorCode]).toEqual([422, 'OTP_INVALID']);
      expect((await api.get(`/payments/${p.id}`, { token: t })).body.status).toBe(expected);
    }
    expect((await api.req('POST', `/payments/${p.id}/cancel`, { token: t })).status).toBe(409);
    expect((await wrong()).status).toBe(409);
  });
});
