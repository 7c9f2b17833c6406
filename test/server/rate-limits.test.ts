// RL-01..03: 429 envelope, Retry-After forms (seconds, HTTP date, none), recovery after waiting;
// per-family and per-client limits; health and internal endpoints are never limited.
import { expect, test } from 'vitest';
import { boot, type Api } from './helpers.js';

async function burst(api: Api, path: string, n: number, token?: string) {
  let first429;
  for (let i = 0; i < n; i++) {
    const r = await api.get(path, { token });
    if (r.status === 429) {
      first429 = r;
      break;
    }
    expect(r.status).toBe(200);
  }
  return first429;
}

test('RL-01/02/03 with seconds: 429 envelope, Retry-After, success after waiting', async () => {
  const api = await boot({ rateLimits: { windowMs: 1000, search: 5, default: 20 } });
  try {
    const r = await burst(api, '/search?query=sofa', 10);
    expect(r).toBeDefined();
    expect(r!.body).toEqual({ status: 429, message: expect.any(String), code: 'RATE_LIMIT_EXCEEDED', type: 'rate_limit_error' });
    const ra = r!.headers.get('retry-after')!;
    expect(ra).toMatch(/^\d+$/);
    expect(Number(ra)).toBeLessThanOrEqual(1);
    // another family and the health endpoints are unaffected
    expect((await api.get('/products')).status).toBe(200);
    for (let i = 0; i < 30; i++) expect((await api.get('/health/live')).status).toBe(200);
    await new Promise((res) => setTimeout(res, Number(ra) * 1000 + 50));
    expect((await api.get('/search?query=sofa')).status).toBe(200);
    // a session is another client
    const token = await api.login();
    expect((await burst(api, '/products', 25))).toBeDefined();
    expect((await api.get('/products', { token })).status).toBe(200);
  } finally {
    await api.server.close();
  }
});

test('retryAfter=http-date and none', async () => {
  const dated = await boot({ modes: { retryAfter: 'http-date' }, rateLimits: { windowMs: 1000, search: 3 } });
  try {
    const r = (await burst(dated, '/search/suggestions?query=so', 10))!;
    const ra = r.headers.get('retry-after')!;
    expect(ra).toMatch(/^[A-Z][a-z]{2}, \d{2} [A-Z][a-z]{2} \d{4} \d{2}:\d{2}:\d{2} GMT$/);
    await new Promise((res) => setTimeout(res, Math.max(0, Date.parse(ra) - Date.now()) + 50));
    expect((await dated.get('/search/suggestions?query=so')).status).toBe(200);
  } finally {
    await dated.server.close();
  }
  const none = await boot({ modes: { retryAfter: 'none' }, rateLimits: { windowMs: 500, auth: 2 } });
  try {
    const bad = { emailAddress: 'a@b.co', password: 'x', gRecaptchaResponse: 'x' };
    const statuses = [];
    for (let i = 0; i < 4; i++) statuses.push((await none.req('POST', '/auth/login', { body: bad })).status);
    expect(statuses).toEqual([401, 401, 429, 429]);
    const r = await none.req('POST', '/auth/login', { body: bad });
    expect(r.headers.get('retry-after')).toBeNull();
    await new Promise((res) => setTimeout(res, 1000));
    expect((await none.req('POST', '/auth/login', { body: bad })).status).toBe(401);
  } finally {
    await none.server.close();
  }
});

test('defaults: a probe of <= 300 search requests meets a 429; internal is not limited', async () => {
  const api = await boot();
  try {
    let seen = 0;
    for (let i = 0; i < 300 && !seen; i++) if ((await api.get('/search?query=bed')).status === 429) seen = i + 1;
    expect(seen).toBeGreaterThan(0);
    const auth = { authorization: `Bearer ${api.server.serviceToken}` };
    for (let i = 0; i < 50; i++) expect((await api.get('/internal/status', { headers: auth })).status).toBe(200);
  } finally {
    await api.server.close();
  }
});
