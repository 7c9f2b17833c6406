// ERR-01..07: the envelope everywhere, UPPER_SNAKE codes, type per status, 422 field errors,
// 404 for unknown ids and routes, 400 for malformed JSON, never a 5xx.
import { expect, test } from 'vitest';
import { useSignedInServer, envelopeProblem, type Api, type Res } from './helpers.js';

let api: Api;
let token: string;
useSignedInServer((a, t) => {
  api = a;
  token = t;
});

const TYPES: Record<number, string> = { 400: 'validation_error', 401: 'auth_error', 403: 'auth_error', 404: 'not_found_error', 409: 'conflict_error', 415: 'validation_error', 422: 'validation_error' };

function checkEnvelope(r: Res, status: number) {
  expect(r.status).toBe(status);
  expect(envelopeProblem(r)).toBe('');
  expect(r.body.type).toBe(TYPES[status]);
}

test('ERR-01..03 across statuses', async () => {
  checkEnvelope(await api.get('/products?limit=0'), 400);
  checkEnvelope(await api.get('/customers/me'), 401);
  checkEnvelope(await api.get('/internal/status', { token }), 403);
  checkEnvelope(await api.get('/products/unknown'), 404);
  checkEnvelope(await api.req('POST', '/auth/login', { body: { emailAddress: 'x' } }), 422);
  checkEnvelope(await api.req('POST', '/carts', { token, raw: 'x', headers: { 'content-type': 'text/plain' } }), 415);
  const order = (await api.get('/orders?filter[status]=SHIPPED', { token })).body.results[0];
  checkEnvelope(await api.req('PUT', `/orders/${order.id}`, { token, body: { status: 'CANCELLED' } }), 409);
});

test('ERR-04: 422 names each offending field path', async () => {
  const r = await api.req('POST', '/customers/me/addresses', {
    token,
    body: { firstName: 'A', lastName: 'B', streetName: 'C', city: 'D', state: 'NSW', postcode: '20000', country: 'AU' },
  });
  expect(r.status).toBe(422);
  expect(r.body.errors).toEqual([expect.objectContaining({ field: 'postcode', code: 'INVALID_FORMAT', message: expect.any(String) })]);
  const cart = (await api.req('POST', '/carts', { token })).body.id;
  const q = await api.req('POST', `/carts/${cart}/line-items`, { token, body: { productId: 'prod-0001', quantity: 0 } });
  expect(q.body.errors).toEqual([expect.objectContaining({ field: 'quantity', code: 'OUT_OF_RANGE' })]);
  const d = await api.req('PUT', `/carts/${cart}`, { token, body: { discountCode: 'NOPE' } });
  expect(d.body.errors).toEqual([expect.objectContaining({ field: 'discountCode', code: 'INVALID_VALUE' })]);
});

test('ERR-05: unknown ids and routes are 404', async () => {
  for (const p of ['/categories/zzz', '/collections/zzz', '/content/zzz', '/does-not-exist', '/products/prod-0001/nope']) checkEnvelope(await api.get(p), 404);
  for (const p of ['/carts/zzz', '/orders/zzz']) checkEnvelope(await api.get(p, { token }), 404);
  checkEnvelope(await api.req('POST', '/checkout/zzz/confirm', { token }), 404);
});

test('ERR-06: malformed JSON is 400 on every body endpoint', async () => {
  const cart = (await api.req('POST', '/carts', { token })).body.id;
  const bodyRoutes: Array<[string, string]> = [
    ['POST', '/auth/login'],
    ['POST', '/carts'],
    ['PUT', `/carts/${cart}`],
    ['POST', `/carts/${cart}/line-items`],
    ['POST', '/checkout'],
    ['PUT', '/customers/me'],
    ['POST', '/customers/me/addresses'],
    ['PUT', '/customers/me/preferences'],
    ['PUT', '/orders/ord-0001'],
  ];
  for (const [m, p] of bodyRoutes) {
    const r = await api.req(m, p, { token, raw: '{"broken": ', headers: { 'content-type': 'application/json' } });
    expect(r.status, `${m} ${p}`).toBe(400);
    expect(envelopeProblem(r)).toBe('');
  }
  expect((await api.req('POST', '/carts', { token, raw: '[1,2]', headers: { 'content-type': 'application/json' } })).status).toBe(400);
});

test('a malformed URL gets the envelope and the standard headers', async () => {
  const r = await api.get('/products/%E0%A4%A', { headers: { 'correlation-id': 'bad-url-1' } });
  checkEnvelope(r, 400);
  expect(r.headers.get('correlation-id')).toBe('bad-url-1');
  expect(r.headers.get('x-api-version')).toBe('v1.0');
});

test('ERR-07: odd inputs never give 5xx', async () => {
  const odd = ['/products?limit=1e3', '/products?offset=%ZZ', '/products?sort=', '/products?filter[]=1', '/search?query=%25', '/products/%2e%2e', '/content?locale=', '/categories?filter[parentId]=', '/orders?filter[createdAt[gte]]=yesterday'];
  for (const p of odd) expect((await api.get(p, { token })).status, p).toBeLessThan(500);
  const big = 'x'.repeat(2 * 1024 * 1024);
  expect((await api.req('POST', '/auth/login', { raw: big, headers: { 'content-type': 'application/json' } })).status).toBe(413);
});
