// HDR-01..07: content type, 415 on non-JSON bodies, version and correlation headers, empty 204s,
// private caching of customer answers; HEAD and unsupported methods.
import { expect, test } from 'vitest';
import { boot, useSignedInServer, type Api } from './helpers.js';

let api: Api;
let token: string;
useSignedInServer((a, t) => {
  api = a;
  token = t;
});

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

test('HDR-01: JSON bodies say application/json, also on errors', async () => {
  for (const path of ['/products', '/products/nope', '/nope', '/categories']) {
    expect((await api.get(path)).headers.get('content-type')).toMatch(/^application\/json/);
  }
});

test('HDR-02: a body that is not JSON gets 415 with the envelope', async () => {
  const text = await api.req('POST', '/carts', { token, raw: '{"currencyCode":"AUD"}', headers: { 'content-type': 'text/plain' } });
  expect(text.status).toBe(415);
  expect(text.body).toMatchObject({ status: 415, type: 'validation_error' });
  const form = await api.req('POST', '/auth/login', { raw: 'a=b', headers: { 'content-type': 'application/x-www-form-urlencoded' } });
  expect(form.status).toBe(415);
  const vendor = await api.req('POST', '/carts', { token, raw: '{}', headers: { 'content-type': 'application/vnd.api+json; charset=utf-8' } });
  expect(vendor.status).toBe(201);
});

test('HDR-03: X-Api-Version echoed, v1.0 by default', async () => {
  expect((await api.get('/products', { headers: { 'x-api-version': 'v1.3' } })).headers.get('x-api-version')).toBe('v1.3');
  const r = await fetch(api.server.url + '/health/live');
  expect(r.headers.get('x-api-version')).toBe('v1.0');
  expect((await api.get('/nope', { headers: { 'x-api-version': 'v2.0' } })).headers.get('x-api-version')).toBe('v2.0');
});

test('HDR-04/05: Correlation-Id echoed exactly, else a generated UUID', async () => {
  const sent = 'Check-ABC-123-Upper';
  expect((await api.get('/products/nope', { headers: { 'correlation-id': sent } })).headers.get('correlation-id')).toBe(sent);
  expect((await api.req('POST', '/auth/login', { body: {}, headers: { 'correlation-id': sent } })).headers.get('correlation-id')).toBe(sent);
  const a = (await api.get('/products')).headers.get('correlation-id');
  const b = (await api.get('/products')).headers.get('correlation-id');
  expect(a).toMatch(UUID);
  expect(a).not.toBe(b);
});

test('HDR-06: 204 answers are empty', async () => {
  const t = await api.login(1);
  const r = await api.req('POST', '/auth/logout', { token: t });
  expect(r.status).toBe(204);
  expect(r.text).toBe('');
  expect(r.headers.get('content-length') ?? '0').toBe('0');
});

test('HDR-07: customer answers are private, public ones are not', async () => {
  expect((await api.get('/customers/me', { token })).headers.get('cache-control')).toMatch(/private|no-store/);
  expect((await api.get('/orders', { token })).headers.get('cache-control')).toMatch(/private/);
  expect((await api.get('/products')).headers.get('cache-control')).toBeNull();
});

test('HEAD mirrors GET status and content type without a body (IDM-01)', async () => {
  for (const path of ['/products/prod-0001', '/products/nope', '/categories']) {
    const get = await api.get(path);
    const head = await api.req('HEAD', path);
    expect(head.status).toBe(get.status);
    expect(head.headers.get('content-type')).toBe(get.headers.get('content-type'));
    expect(head.text).toBe('');
  }
});

test('unsupported method: 404 by default, 405 with Allow in mode', async () => {
  const r = await api.req('DELETE', '/products');
  expect(r.status).toBe(404);
  expect(r.body.status).toBe(404);
  const other = await boot({ modes: { unsupportedMethod: 405 } });
  try {
    const m = await other.req('PATCH', '/carts/x');
    expect(m.status).toBe(405);
    expect(m.body).toMatchObject({ status: 405, code: 'METHOD_NOT_ALLOWED' });
    expect(m.headers.get('allow')).toContain('GET');
    expect((await other.get('/really/unknown')).status).toBe(404);
  } finally {
    await other.server.close();
  }
});
