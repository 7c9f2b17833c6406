// The HTTP client's layers against a tiny node:http server on a port-0 loopback listener:
// retry on 429 (Retry-After seconds, HTTP date, absent), 503 backoff, budget bounds, session
// header from the conventions, re-login on 401, production guard, capture of what was sent.

import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createHttpClient } from './client.js';
import { MissingCredentialError, ProductionWriteRefused } from './errors.js';
import { createProductionPolicy } from './interceptors/guard.js';
import { parseRetryAfter } from './interceptors/retry.js';
import { createSessionStore } from './session.js';

type Route = (req: IncomingMessage, res: ServerResponse, n: number) => void;
const routes = new Map<string, Route>();
const hits = new Map<string, number>();
const seen: IncomingMessage[] = [];
let server: Server;
let baseUrl: string;

const auth = {
  customer: { header: 'X-Test-Session', scheme: 'raw' as const },
  service: { header: 'Authorization', scheme: 'bearer' as const },
};

beforeAll(async () => {
  server = createServer((req, res) => {
    seen.push(req);
    const path = (req.url ?? '').split('?')[0];
    const n = (hits.get(path) ?? 0) + 1;
    hits.set(path, n);
    const route = routes.get(path);
    if (!route) {
      res.writeHead(404, { 'content-type': 'application/json' }).end('{"status":404,"message":"nope"}');
      return;
    }
    let body = '';
    req.on('data', (c) => (body += c));
    req.on('end', () => {
      (req as IncomingMessage & { body?: string }).body = body;
      route(req, res, n);
    });
  });
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  baseUrl = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
});
afterAll(() => new Promise<void>((r) => server.close(() => r())));

const json = (res: ServerResponse, status: number, body: unknown, headers: Record<string, string> = {}) =>
  res.writeHead(status, { 'content-type': 'application/json', ...headers }).end(JSON.stringify(body));

function client(extra: Partial<Parameters<typeof createHttpClient>[0]> = {}) {
  return createHttpClient({ baseUrl, auth, timeoutMs: 5000, apiVersion: { header: 'X-Api-Version', value: 'v1.0' }, ...extra });
}

describe('parseRetryAfter', () => {
  it.each([
    ['2', 2000],
    ['0', 0],
    [' 1 ', 1000],
    ['soon', undefined],
    [undefined, undefined],
  ])('%s → %s', (value, ms) => expect(parseRetryAfter(value as string | undefined)).toBe(ms));
  it('reads an HTTP date relative to now', () => {
    const now = Date.parse('2024-02-10T14:20:00Z');
    expect(parseRetryAfter('Sat, 10 Feb 2024 14:20:03 GMT', now)).toBe(3000);
    expect(parseRetryAfter('Sat, 10 Feb 2024 14:19:00 GMT', now)).toBe(0);
  });
});

describe('retry layer', () => {
  it('retries a 429 after Retry-After seconds and notes it', async () => {
    routes.set('/rl-seconds', (_q, res, n) => (n === 1 ? json(res, 429, { status: 429 }, { 'retry-after': '1' }) : json(res, 200, { ok: true })));
    const c = client();
    const started = Date.now();
    const ex = await c.send({ method: 'GET', path: '/rl-seconds' });
    expect(ex.response?.status).toBe(200);
    expect(Date.now() - started).toBeGreaterThanOrEqual(950);
    expect(ex.notes.join()).toMatch(/retried after 429 \(Retry-After: 1\)/);
    await c.close();
  });

  it('retries a 429 with an HTTP-date Retry-After', async () => {
    routes.set('/rl-date', (_q, res, n) =>
      n === 1 ? json(res, 429, { status: 429 }, { 'retry-after': new Date(Date.now() + 1000).toUTCString() }) : json(res, 200, {}),
    );
    const c = client();
    const ex = await c.send({ method: 'GET', path: '/rl-date' });
    expect(ex.response?.status).toBe(200);
    expect(ex.notes[0]).toMatch(/Retry-After: .*GMT/);
    await c.close();
  });

  it('without Retry-After waits 1 s, then doubles', async () => {
    routes.set('/rl-none', (_q, res, n) => (n <= 2 ? json(res, 429, { status: 429 }) : json(res, 200, {})));
    const c = client();
    const started = Date.now();
    const ex = await c.send({ method: 'GET', path: '/rl-none' });
    expect(ex.response?.status).toBe(200);
    expect(Date.now() - started).toBeGreaterThanOrEqual(2900);
    expect(ex.notes).toEqual(['retried after 429 (no Retry-After), waited 1000 ms', 'retried after 429 (no Retry-After), waited 2000 ms']);
    await c.close();
  });

  it('gives up when the wait would exceed the budget and returns the 429', async () => {
    routes.set('/rl-long', (_q, res) => json(res, 429, { status: 429 }, { 'retry-after': '120' }));
    const c = client();
    const ex = await c.send({ method: 'GET', path: '/rl-long' });
    expect(ex.response?.status).toBe(429);
    expect(hits.get('/rl-long')).toBe(1);
    await c.close();
  });

  it('a retry wait moves the deadline by its length: the 429 is waited out, then answered', async () => {
    routes.set('/rl-deadline', (_q, res, n) => (n === 1 ? json(res, 429, { status: 429 }, { 'retry-after': '2' }) : json(res, 200, { ok: true })));
    const c = client({ timeoutMs: 1000 });
    const ex = await c.send({ method: 'GET', path: '/rl-deadline' });
    expect(ex.response?.status).toBe(200);
    expect(ex.notes.join()).toMatch(/retried after 429 \(Retry-After: 2\), waited 2000 ms/);
    await c.close();
  });

  it('does not retry when the request says retry: false', async () => {
    routes.set('/rl-raw', (_q, res) => json(res, 429, { status: 429 }, { 'retry-after': '0' }));
    const c = client();
    const ex = await c.send({ method: 'GET', path: '/rl-raw', retry: false });
    expect(ex.response?.status).toBe(429);
    expect(hits.get('/rl-raw')).toBe(1);
    await c.close();
  });

  it('retries idempotent requests on 503 with backoff, bounded', async () => {
    routes.set('/flaky', (_q, res, n) => (n <= 2 ? json(res, 503, { status: 503, message: 'down' }) : json(res, 200, { ok: 1 })));
    routes.set('/down', (_q, res) => json(res, 503, { status: 503, message: 'down' }));
    const c = client({ retry: { backoffBaseMs: 10 } });
    const ok = await c.send({ method: 'GET', path: '/flaky' });
    expect(ok.response?.status).toBe(200);
    expect(ok.notes).toHaveLength(2);
    const down = await c.send({ method: 'GET', path: '/down' });
    expect(down.response?.status).toBe(503);
    expect(hits.get('/down')).toBe(4); // first try + 3 retries
    await c.close();
  });

  it('never retries a POST on 503', async () => {
    routes.set('/post-503', (_q, res) => json(res, 503, { status: 503, message: 'down' }));
    const c = client({ retry: { backoffBaseMs: 10 } });
    const ex = await c.send({ method: 'POST', path: '/post-503', json: {} });
    expect(ex.response?.status).toBe(503);
    expect(hits.get('/post-503')).toBe(1);
    await c.close();
  });
});

describe('session layer', () => {
  it('puts credentials in the header the conventions name, and the API version', async () => {
    routes.set('/whoami', (req, res) => json(res, 200, { token: req.headers['x-test-session'] ?? null, auth: req.headers.authorization ?? null, v: req.headers['x-api-version'] }));
    const store = createSessionStore({ tokens: { customer: 'tok-customer-1', service: 'svc-token-1' } });
    const c = client({ store });
    expect((await c.send({ method: 'GET', path: '/whoami', auth: 'customer' })).response?.json).toEqual({ token: 'tok-customer-1', auth: null, v: 'v1.0' });
    expect((await c.send({ method: 'GET', path: '/whoami', auth: 'service' })).response?.json).toEqual({ token: null, auth: 'Bearer svc-token-1', v: 'v1.0' });
    const noVersion = await c.send({ method: 'GET', path: '/whoami', headers: { 'X-Api-Version': null } });
    expect((noVersion.response?.json as { v?: string }).v).toBeUndefined();
    expect(noVersion.request.headers['X-Api-Version']).toBeUndefined();
    await c.close();
  });

  it('re-logs in once on 401 and retries with the new token', async () => {
    routes.set('/me', (req, res) => (req.headers['x-test-session'] === 'fresh-token' ? json(res, 200, { me: true }) : json(res, 401, { status: 401, message: 'expired' })));
    let logins = 0;
    const store = createSessionStore({
      tokens: { customer: 'stale-token' },
      credentials: { customer: { email: 'a@b.c', password: 'pw-123456' } },
      login: async () => {
        logins++;
        return { ok: true, token: 'fresh-token', exchange: undefined as never };
      },
    });
    const c = client({ store });
    const ex = await c.send({ method: 'GET', path: '/me', auth: 'customer' });
    expect(ex.response?.status).toBe(200);
    expect(ex.request.headers['X-Test-Session']).toBe('fresh-token');
    expect(ex.notes.join()).toMatch(/re-logged in/);
    expect(logins).toBe(1);
    // a check that expects the 401 opts out
    store.set('customer', 'stale-token');
    const raw = await c.send({ method: 'GET', path: '/me', auth: 'customer', relogin: false });
    expect(raw.response?.status).toBe(401);
    await c.close();
  });

  it('refuses a credential the run does not have', async () => {
    const c = client({ store: createSessionStore({ tokens: {}, missing: { customer: 'customer login failed' } }) });
    await expect(c.send({ method: 'GET', path: '/me', auth: 'customer' })).rejects.toBeInstanceOf(MissingCredentialError);
    await c.close();
  });
});

describe('production guard and capture', () => {
  it('refuses writes to production except the run’s own login body, once', async () => {
    routes.set('/auth/login', (_q, res) => json(res, 200, { accessToken: 'x' }));
    const policy = createProductionPolicy({ production: true, loginBodies: ['{"a":1}'] });
    const c = client({ policy, login: { method: 'POST', path: '/auth/login' } });
    const before = hits.get('/carts') ?? 0;
    await expect(c.send({ method: 'POST', path: '/carts', json: {} })).rejects.toBeInstanceOf(ProductionWriteRefused);
    await expect(c.send({ method: 'DELETE', path: '/carts/1' })).rejects.toBeInstanceOf(ProductionWriteRefused);
    expect(hits.get('/carts') ?? 0).toBe(before);
    await expect(c.send({ method: 'POST', path: '/auth/login', json: { a: 2 } })).rejects.toBeInstanceOf(ProductionWriteRefused);
    expect((await c.send({ method: 'POST', path: '/auth/login', json: { a: 1 } })).response?.status).toBe(200);
    await expect(c.send({ method: 'POST', path: '/auth/login', json: { a: 1 } })).rejects.toBeInstanceOf(ProductionWriteRefused);
    expect(hits.get('/auth/login')).toBe(1);
    expect((await c.send({ method: 'GET', path: '/nothing' })).response?.status).toBe(404);
    await c.close();
  });

  it('records the request as sent, query included, and parses JSON', async () => {
    routes.set('/echo', (req, res) => json(res, 201, { body: (req as IncomingMessage & { body: string }).body, url: req.url }));
    const c = client();
    const ex = await c.send({ method: 'POST', path: '/echo', query: { sort: ['a:asc', 'b:desc'], limit: 2 }, json: { x: 1 } });
    expect(ex.request.url).toBe(`${baseUrl}/echo?sort=a%3Aasc&sort=b%3Adesc&limit=2`);
    expect(ex.request.body).toBe('{"x":1}');
    expect(ex.request.headers['content-type']).toBe('application/json');
    expect(ex.response?.json).toEqual({ body: '{"x":1}', url: '/echo?sort=a%3Aasc&sort=b%3Adesc&limit=2' });
    expect(c.exchanges()).toHaveLength(1);
    await c.close();
  });

  it('records a network error instead of throwing', async () => {
    const dead = createServer();
    await new Promise<void>((r) => dead.listen(0, '127.0.0.1', r));
    const port = (dead.address() as AddressInfo).port;
    await new Promise<void>((r) => dead.close(() => r()));
    const c = createHttpClient({ baseUrl: `http://127.0.0.1:${port}`, auth, timeoutMs: 2000 });
    const ex = await c.send({ method: 'GET', path: '/' });
    expect(ex.response).toBeUndefined();
    expect(ex.error?.code).toBe('ECONNREFUSED');
    await c.close();
  });
});
