// Every v2 fault is visible to a black-box client: its probe observes the violation on a server
// with that fault switched on, and does not on a clean server.
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { resolveV2Faults, V2_FAULTS, type V2FaultId } from '../../src/server/v2/faults.js';
import type { V2StartOptions } from '../../src/server/v2/types.js';
import { basketWith, bootV2, GB_ADDRESS, orderWith, ref, TS, type V2Api } from './helpers.js';

interface P {
  api: V2Api;
  /** the first customer's token */
  t0: string;
}
type Probe = (p: P) => Promise<boolean>;

const all = async (api: V2Api, query: string, region?: string) => (await api.get(`/catalog/products?pageSize=100&${query}`, { region })).body;
const card = (cardNumber: string, extra: object = {}) => ({ cardNumber, expiryMonth: 12, expiryYear: 2031, cvv: '123', holderName: 'Jane Smith', ...extra });
async function payment({ api, t0 }: P, methodId = 'pm-card-3ds') {
  const { order } = await orderWith(api, t0);
  return (await api.req('POST', '/payments', { token: t0, body: { orderId: order.id, methodId, clientReference: ref('pay') } })).body;
}
const otp = ({ api, t0 }: P, id: string, code: string) => api.req('POST', `/payments/${id}/otp`, { token: t0, body: { code } });
const cancelFirst = async ({ api, t0 }: P, status: string) => {
  const id = (await api.get(`/orders?status=${status}`, { token: t0 })).body.items[0].id;
  return (await api.req('POST', `/orders/${id}/cancel`, { token: t0 })).status;
};

const probes: Record<V2FaultId, Probe> = {
  'v2-hdr-content-type-text-layouts': async ({ api }) => !/json/.test((await api.get('/content/layouts/home')).headers.get('content-type')!),
  'v2-hdr-no-415-addresses': async ({ api, t0 }) => (await api.req('POST', '/customers/me/addresses', { token: t0, raw: JSON.stringify(GB_ADDRESS), headers: { 'content-type': 'text/plain' } })).status !== 415,
  'v2-hdr-region-echo-as-sent': async ({ api }) => (await api.get('/config', { region: 'de' })).headers.get('x-region') !== 'DE',
  'v2-hdr-language-from-other-region': async ({ api }) => (await api.get('/config', { region: 'GB', lang: 'de-DE' })).headers.get('content-language') !== 'en-GB',
  'v2-hdr-no-primary-subtag-match': async ({ api }) => (await api.get('/config', { region: 'DE', lang: 'en-US' })).headers.get('content-language') !== 'en-GB',
  'v2-hdr-region-case-sensitive': async ({ api }) => (await api.get('/config', { region: 'jp' })).status !== 200,
  'v2-hdr-unknown-region-default': async ({ api }) => (await api.get('/config', { region: 'XX' })).status !== 400,
  'v2-hdr-product-detail-default-currency': async ({ api }) => (await api.get('/catalog/products/prod-0001', { region: 'JP' })).body.currency !== 'JPY',
  'v2-hdr-order-currency-of-reader': async ({ api, t0 }) => {
    const { order } = await orderWith(api, t0, { region: 'JP' });
    return (await api.get(`/orders/${order.id}`, { token: t0, region: 'DE' })).body.currency !== 'JPY';
  },
  'v2-hdr-content-language-default-product': async ({ api }) => (await api.get('/catalog/products/prod-0001', { region: 'DE', lang: 'en' })).headers.get('content-language') !== 'en-GB',
  'v2-err-404-no-message-product': async ({ api }) => typeof (await api.get('/catalog/products/nope')).body.message !== 'string',
  'v2-err-code-camel-case-register': async ({ api }) => !/^[A-Z_]+$/.test((await api.req('POST', '/customers/register', { body: { email: 'customer@example.com', password: 'LongEnough1', firstName: 'A', lastName: 'B' } })).body.errorCode),
  'v2-err-401-code-forbidden': async ({ api }) => !['UNAUTHORIZED', 'TOKEN_EXPIRED'].includes((await api.get('/customers/me')).body.errorCode),
  'v2-err-422-code-bad-request': async ({ api }) => (await api.req('POST', '/customers/register', { body: { email: 'x@example.com', password: 'short', firstName: 'A', lastName: 'B' } })).body.errorCode !== 'VALIDATION_FAILED',
  'v2-err-no-details-addresses': async ({ api, t0 }) => !(await api.req('POST', '/customers/me/addresses', { token: t0, body: { ...GB_ADDRESS, postalCode: '123' } })).body.details?.length,
  'v2-err-field-not-path-guest': async ({ api }) => {
    const b = await basketWith(api);
    const r = await api.req('POST', '/orders/guest', { body: { basketId: b.id, email: 'g@example.com', shippingAddress: { ...GB_ADDRESS, postalCode: 'X' }, clientReference: ref() } });
    return r.body.details[0].field !== 'shippingAddress.postalCode';
  },
  'v2-err-card-rules-400': async ({ api, t0 }) => (await api.req('POST', '/customers/me/cards', { token: t0, body: card('4111 1111 1111 1112') })).status !== 422,
  'v2-err-unknown-category-400': async ({ api }) => (await api.get('/catalog/categories/nope')).status !== 404,
  'v2-err-malformed-json-500-basket-items': async ({ api }) => {
    const b = (await api.req('POST', '/baskets')).body;
    return (await api.req('POST', `/baskets/${b.id}/items`, { raw: '{"productId":', headers: { 'content-type': 'application/json' } })).status >= 500;
  },
  'v2-err-code-translated': async ({ api }) => (await api.get('/catalog/products/nope', { region: 'DE', lang: 'de' })).body.errorCode !== (await api.get('/catalog/products/nope', { region: 'DE', lang: 'en' })).body.errorCode,
  'v2-err-empty-basket-order-400': async ({ api, t0 }) => {
    const basket = (await api.req('POST', '/baskets', { token: t0 })).body;
    const addressId = (await api.get('/customers/me/addresses', { token: t0 })).body.items[0].id;
    return (await api.req('POST', '/orders', { token: t0, body: { basketId: basket.id, addressId, clientReference: ref('empty') } })).status === 400;
  },
  'v2-fmt-order-timestamp-millis': async ({ api, t0 }) => !TS.test((await api.get('/orders', { token: t0 })).body.items[0].createdAt),
  'v2-fmt-news-offset': async ({ api }) => !TS.test((await api.get('/content/news')).body.items[0].publishedAt),
  'v2-fmt-jpy-two-decimals': async ({ api }) => !Number.isInteger((await api.get('/catalog/products/prod-0001', { region: 'JP' })).body.price),
  'v2-fmt-purchase-amount-string': async ({ api, t0 }) => typeof (await api.get('/purchases', { token: t0 })).body.items[0].amount !== 'number',
  'v2-fmt-register-version-zero': async ({ api }) => (await api.req('POST', '/customers/register', { body: { email: `${ref()}@example.com`, password: 'LongEnough1', firstName: 'A', lastName: 'B' } })).body.customer.version < 1,
  'v2-pag-default-size-20': async ({ api }) => (await api.get('/catalog/products')).body.pageSize !== 24,
  'v2-pag-total-pages-floor': async ({ api }) => {
    const b = (await api.get('/content/news?pageSize=24')).body;
    return b.totalPages !== Math.ceil(b.totalItems / b.pageSize);
  },
  'v2-pag-size-not-capped': async ({ api }) => {
    const r = await api.get('/catalog/products?pageSize=101');
    return r.status === 200 && r.body.items.length > 100;
  },
  'v2-pag-beyond-last-404': async ({ api }) => (await api.get('/catalog/products/prod-0001/comments?page=9')).status !== 200,
  'v2-pag-duplicate-across-pages': async ({ api }) => {
    const p1 = (await api.get('/catalog/products?sort=price_asc')).body.items.map((p: { id: string }) => p.id);
    const p2 = (await api.get('/catalog/products?sort=price_asc&page=2')).body.items.map((p: { id: string }) => p.id);
    return p2.some((id: string) => p1.includes(id));
  },
  'v2-srt-price-as-text': async ({ api }) => {
    const prices = (await all(api, 'sort=price_asc')).items.map((p: { price: number }) => p.price);
    return prices.some((p: number, i: number) => i > 0 && prices[i - 1] > p);
  },
  'v2-srt-name-code-point': async ({ api }) => {
    const pages = [await all(api, 'sort=name_asc&page=1'), await all(api, 'sort=name_asc&page=2')];
    const names = pages.flatMap((b) => b.items.map((p: { name: string }) => p.name));
    return JSON.stringify(names) !== JSON.stringify([...names].sort(new Intl.Collator('en-GB', { sensitivity: 'base' }).compare));
  },
  'v2-srt-sorted-per-page': async ({ api }) => {
    const p1 = (await api.get('/catalog/products?sort=price_desc')).body.items;
    const p2 = (await api.get('/catalog/products?sort=price_desc&page=2')).body.items;
    return p1[p1.length - 1].price < p2[0].price;
  },
  'v2-srt-unknown-key-ignored': async ({ api }) => (await api.get('/catalog/products?sort=cheapest')).status !== 400,
  'v2-srt-random-ties': async ({ api }) => {
    const seen = new Set<string>();
    for (let i = 0; i < 4; i++) seen.add(JSON.stringify((await all(api, 'sort=price_asc')).items.map((p: { id: string }) => p.id)));
    return seen.size > 1;
  },
  'v2-flt-category-no-descendants': async ({ api }) => {
    const sofas = (await api.get('/catalog/categories')).body.items.find((c: { slug: string }) => c.slug === 'sofas');
    return new Set((await all(api, `categoryId=${sofas.id}`)).items.map((p: { categoryId: string }) => p.categoryId)).size === 1;
  },
  'v2-flt-max-price-exclusive': async ({ api }) => {
    const price = (await api.get('/catalog/products/prod-0001')).body.price;
    return !(await all(api, `maxPrice=${price}`)).items.some((p: { id: string }) => p.id === 'prod-0001');
  },
  'v2-flt-total-unfiltered-brand': async ({ api }) => {
    const b = await all(api, 'brand=Urban%20Loft');
    return b.totalItems !== b.items.length;
  },
  'v2-flt-q-accent-sensitive': async ({ api }) => (await all(api, 'q=cafe')).totalItems === 0,
  'v2-flt-q-any-word': async ({ api }) => (await all(api, 'q=cafe%20lamp')).items.some((p: { name: string }) => !/lamp/i.test(p.name)),
  'v2-flt-bad-price-ignored': async ({ api }) => (await api.get('/catalog/products?minPrice=abc')).status !== 400,
  'v2-flt-empty-sort-400': async ({ api }) => (await api.get('/catalog/products?sort=')).status !== 200,
  'v2-auth-expires-in-string': async ({ api }) => typeof (await api.req('POST', '/customers/login', { body: { email: 'customer@example.com', password: 'SecurePassword123!' } })).body.expiresIn !== 'number',
  'v2-auth-unknown-email-distinct': async ({ api }) => {
    const a = await api.req('POST', '/customers/login', { body: { email: 'customer@example.com', password: 'wrong-one' } });
    const b = await api.req('POST', '/customers/login', { body: { email: 'nobody@example.com', password: 'wrong-one' } });
    return a.body.message !== b.body.message;
  },
  'v2-auth-tickets-anonymous': async ({ api }) => (await api.get('/customers/me/store-tickets')).status !== 401,
  'v2-auth-sliders-require-token': async ({ api }) => (await api.get('/content/sliders')).status !== 200,
  'v2-auth-bearer-only': async ({ api, t0 }) => (await api.get('/customers/me', { token: t0 })).status !== 200,
  'v2-auth-expired-accepted': async ({ api }) => (await api.get('/customers/me', { token: await api.server.mintExpiredToken() })).status !== 401,
  'v2-auth-signature-not-verified': async ({ api, t0 }) => (await api.get('/customers/me', { token: t0.slice(0, -3) + (t0.endsWith('AAA') ? 'BBB' : 'AAA') })).status !== 401,
  'v2-auth-refresh-reusable': async ({ api }) => {
    const l = (await api.req('POST', '/customers/login', { body: { email: 'customer@example.com', password: 'SecurePassword123!' } })).body;
    await api.req('POST', '/customers/token/refresh', { body: { refreshToken: l.refreshToken } });
    return (await api.req('POST', '/customers/token/refresh', { body: { refreshToken: l.refreshToken } })).status !== 401;
  },
  'v2-auth-foreign-payment-readable': async ({ api, t0 }) => {
    const mine = (await api.get('/payments', { token: t0 })).body.items[0].id;
    return (await api.get(`/payments/${mine}`, { token: await api.login(1) })).status === 200;
  },
  'v2-auth-foreign-address-delete': async ({ api, t0 }) => {
    const mine = (await api.req('POST', '/customers/me/addresses', { token: t0, body: GB_ADDRESS })).body.id;
    await api.req('DELETE', `/customers/me/addresses/${mine}`, { token: await api.login(1) });
    return (await api.req('PUT', `/customers/me/addresses/${mine}`, { token: t0, body: { city: 'Leeds' } })).status === 404;
  },
  'v2-auth-token-in-401-message': async ({ api, t0 }) => {
    const tampered = t0.slice(0, -3) + (t0.endsWith('AAA') ? 'BBB' : 'AAA');
    return (await api.get('/customers/me', { token: tampered })).text.includes(tampered);
  },
  'v2-auth-password-in-register': async ({ api }) => (await api.req('POST', '/customers/register', { body: { email: `${ref()}@example.com`, password: 'Secret-Pass-99', firstName: 'A', lastName: 'B' } })).text.includes('Secret-Pass-99'),
  'v2-idm-order-repeat-duplicates': async ({ api, t0 }) => {
    const b = await basketWith(api, { token: t0 });
    const addressId = (await api.get('/customers/me/addresses', { token: t0 })).body.items[0].id;
    const body = { basketId: b.id, addressId, clientReference: ref() };
    return (await api.req('POST', '/orders', { token: t0, body })).body.id !== (await api.req('POST', '/orders', { token: t0, body })).body.id;
  },
  'v2-idm-conflict-ignored-purchases': async ({ api, t0 }) => {
    const body = { storeId: 'store-london', catalogItemId: 'prod-0001', quantity: 1, clientReference: ref() };
    await api.req('POST', '/purchases', { token: t0, body });
    return (await api.req('POST', '/purchases', { token: t0, body: { ...body, quantity: 2 } })).status !== 409;
  },
  'v2-idm-reference-optional-payments': async (p) => {
    const { order } = await orderWith(p.api, p.t0);
    return (await p.api.req('POST', '/payments', { token: p.t0, body: { orderId: order.id, methodId: 'pm-card' } })).status !== 422;
  },
  'v2-idm-put-me-bumps-version': async ({ api, t0 }) => {
    const me = (await api.get('/customers/me', { token: t0 })).body;
    const body = { firstName: me.firstName, lastName: me.lastName };
    await api.req('PUT', '/customers/me', { token: t0, body });
    return (await api.req('PUT', '/customers/me', { token: t0, body })).body.version !== me.version;
  },
  'v2-idm-cancel-shipped': async (p) => (await cancelFirst(p, 'SHIPPED')) !== 409,
  'v2-idm-reference-global': async ({ api, t0 }) => {
    const mine = await orderWith(api, t0);
    const t1 = await api.login(1);
    const b = await basketWith(api, { token: t1 });
    const addressId = (await api.get('/customers/me/addresses', { token: t1 })).body.items[0].id;
    const r = await api.req('POST', '/orders', { token: t1, body: { basketId: b.id, addressId, clientReference: mine.order.clientReference } });
    return r.body.id === mine.order.id;
  },
  'v2-bsk-line-total-ignores-quantity': async ({ api }) => {
    const line = (await basketWith(api, { quantity: 3 })).lines[0];
    return Math.round(line.lineTotal * 100) !== Math.round(line.unitPrice * 100) * 3;
  },
  'v2-fmt-line-total-float': async ({ api }) => {
    const cheap = (await all(api, 'sort=price_asc')).items.find((p: { price: number }) => p.price === 4.95);
    const line = (await basketWith(api, { productId: cheap.id, quantity: 3 })).lines[0];
    return line.lineTotal !== 14.85;
  },
  'v2-bsk-total-without-shipping': async ({ api }) => {
    const b = await basketWith(api);
    return Math.round(b.total * 100) !== Math.round((b.subtotal - b.discountTotal + b.shippingTotal) * 100);
  },
  'v2-bsk-order-drops-discount': async ({ api, t0 }) => {
    const { basket, order } = await orderWith(api, t0, { code: 'WELCOME10' });
    return order.total !== basket.total;
  },
  'v2-bsk-payment-amount-subtotal': async (p) => {
    const { order } = await orderWith(p.api, p.t0);
    return (await p.api.req('POST', '/payments', { token: p.t0, body: { orderId: order.id, methodId: 'pm-card', clientReference: ref() } })).body.amount !== order.total;
  },
  'v2-bsk-merged-quantity-unbounded': async ({ api }) => {
    const b = await basketWith(api, { quantity: 60 });
    return (await api.req('POST', `/baskets/${b.id}/items`, { body: { productId: 'prod-0001', quantity: 60 } })).status !== 422;
  },
  'v2-bsk-unknown-code-ignored': async ({ api }) => {
    const b = await basketWith(api);
    return (await api.req('PUT', `/baskets/${b.id}/discount-code`, { body: { code: 'NOPE' } })).status !== 422;
  },
  'v2-pay-otp-flag-string': async ({ api, t0 }) => (await api.get('/payments/methods', { token: t0, region: 'GB' })).body.items.some((m: { requiresOtp: unknown }) => m.requiresOtp === 'true'),
  'v2-pay-card-number-echoed': async ({ api, t0 }) => (await api.req('POST', '/customers/me/cards', { token: t0, body: card('4111-1111-1111-1111') })).text.includes('4111111111111111'),
  'v2-pay-otp-never-fails': async (p) => {
    const pay = await payment(p);
    for (let i = 0; i < 3; i++) await otp(p, pay.id, '000000');
    return (await p.api.get(`/payments/${pay.id}`, { token: p.t0 })).body.status !== 'FAILED';
  },
  'v2-pay-otp-after-authorized-200': async (p) => {
    const pay = await payment(p, 'pm-card');
    return (await otp(p, pay.id, p.api.server.otpCode)).status !== 409;
  },
  'v2-pay-cancel-failed': async (p) => {
    const pay = await payment(p);
    for (let i = 0; i < 3; i++) await otp(p, pay.id, '000000');
    return (await p.api.req('POST', `/payments/${pay.id}/cancel`, { token: p.t0 })).status !== 409;
  },
  'v2-ver-missing-on-404': async ({ api }) => (await api.get('/nope')).headers.get('x-api-version') !== '2',
};

async function setup(opts: V2StartOptions): Promise<P> {
  const api = await bootV2(opts);
  return { api, t0: await api.login(0) };
}

let clean: P;
beforeAll(async () => {
  clean = await setup({});
});
afterAll(() => clean.api.server.close());

test('every MUST clause of CONTRACT-v2 has a fault', () => {
  const must = ['HDR-01', 'HDR-02', 'HDR-03', 'HDR-04', 'HDR-05', 'ERR-01', 'ERR-02', 'ERR-03', 'ERR-04', 'ERR-05', 'FMT-01', 'FMT-02', 'FMT-03',
    'PAG-01', 'PAG-02', 'PAG-03', 'PAG-04', 'PAG-05', 'SRT-01', 'SRT-02', 'FLT-01', 'FLT-02', 'FLT-03', 'AUTH-01', 'AUTH-02', 'AUTH-03', 'AUTH-04',
    'AUTH-05', 'AUTH-06', 'AUTH-07', 'IDM-01', 'IDM-02', 'IDM-03', 'IDM-04', 'IDM-05', 'BSK-01', 'BSK-02', 'BSK-03', 'PAY-01', 'PAY-02', 'PAY-03', 'PAY-04', 'VER-01'];
  const covered = new Set<string>(V2_FAULTS.map((f) => f.clause));
  expect(must.map((c) => `V2-${c}`).filter((c) => !covered.has(c))).toEqual([]);
});

test('fault ids are a typed union: a typo does not compile', () => {
  const faults = resolveV2Faults(['v2-pag-duplicate-across-pages']);
  expect(faults.has('v2-pag-duplicate-across-pages')).toBe(true);
  // @ts-expect-error 'v2-pag-duplicate-accross-pages' is not a catalogue id
  expect(faults.has('v2-pag-duplicate-accross-pages')).toBe(false);
});

describe.each(V2_FAULTS.map((f) => [f.id, f.clause] as const))('%s (%s)', (id) => {
  test.concurrent('observed with the fault, not without', async () => {
    const faulty = await setup({ faults: [id] });
    try {
      expect(await probes[id](faulty), 'violation observed with the fault').toBe(true);
    } finally {
      await faulty.api.server.close();
    }
    expect(await probes[id](clean), 'no violation on a clean server').toBe(false);
  });
});
