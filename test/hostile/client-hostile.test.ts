// The one HTTP client against a hostile target (test/hostile/proxy.ts in front of the reference
// server): every behaviour ends in an Exchange — a response or an error code — within bounded wall
// time and memory, never a crash or an unbounded wait. Wall-time bounds are generous on purpose.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { answered } from '../../src/checks/assert.js';
import { loadContract } from '../../src/contract/load.js';
import { createHttpClient } from '../../src/http/client.js';
import { toEvidence } from '../../src/http/evidence.js';
import { Redactor } from '../../src/http/redact.js';
import { TRUNCATED_TEXT } from '../../src/http/reader.js';
import { startServer } from '../../src/server/index.js';
import type { RunningServer } from '../../src/server/types.js';
import { type HostileOptions, startHostileProxy } from './proxy.js';

const auth = loadContract('storefront-bff').conventions.auth;
let server: RunningServer;
beforeAll(async () => {
  server = await startServer({ port: 0 });
});
afterAll(() => server.close());

const MB = 1024 * 1024;

async function against(behaviour: HostileOptions['behaviour'], extra: Partial<HostileOptions> = {}, client: { timeoutMs?: number; maxBodyBytes?: number } = {}) {
  const proxy = await startHostileProxy({ behaviour, upstream: server.url, ...extra });
  const c = createHttpClient({
    baseUrl: proxy.url,
    auth: { customer: auth.customer, service: auth.service },
    timeoutMs: client.timeoutMs ?? 5000,
    maxBodyBytes: client.maxBodyBytes,
    retry: { backoffBaseMs: 10 },
  });
  return {
    proxy,
    c,
    async done() {
      await c.close();
      await proxy.close();
    },
  };
}

/** Peak RSS growth while `work` runs, sampled every 10 ms. */
async function peakRssGrowth<T>(work: () => Promise<T>): Promise<{ value: T; growthMb: number }> {
  const base = process.memoryUsage().rss;
  let peak = base;
  const sampler = setInterval(() => {
    peak = Math.max(peak, process.memoryUsage().rss);
  }, 10);
  try {
    const value = await work();
    peak = Math.max(peak, process.memoryUsage().rss);
    return { value, growthMb: (peak - base) / MB };
  } finally {
    clearInterval(sampler);
  }
}

describe('deadlines, not idle timers', () => {
  it('a body dripped at 1 byte per 200 ms ends at the request deadline as DEADLINE', async () => {
    const t = await against('drip', { dripMs: 200 }, { timeoutMs: 1500 });
    const started = Date.now();
    const ex = await t.c.send({ method: 'GET', path: '/products' });
    const took = Date.now() - started;
    expect(ex.error?.code).toBe('DEADLINE');
    expect(ex.error?.message).toMatch(/within the 1500 ms request deadline \(status 200 and \d+ bytes of body received\)/);
    expect(ex.response).toBeUndefined();
    expect(took).toBeGreaterThanOrEqual(1400);
    expect(took).toBeLessThan(5000);
    await t.done();
  });

  it('a target that never answers ends at the deadline too, and the next request still works', async () => {
    const t = await against('hang', { affects: (r) => r.url.startsWith('/products') }, { timeoutMs: 800 });
    const started = Date.now();
    const hung = await t.c.send({ method: 'GET', path: '/products' });
    expect(hung.error?.code).toBe('DEADLINE');
    expect(hung.error?.message).toMatch(/no answer started/);
    expect(Date.now() - started).toBeLessThan(4000);
    expect((await t.c.send({ method: 'GET', path: '/health' })).response?.status).toBeDefined();
    await t.done();
  });
});

describe('bounded reading', () => {
  it('a streamed 200 MB body is cut at the limit, marked with its sizes, and never held whole', async () => {
    const t = await against('huge', {}, { maxBodyBytes: 2 * MB, timeoutMs: 20_000 });
    const started = Date.now();
    const { value: ex, growthMb } = await peakRssGrowth(() => t.c.send({ method: 'GET', path: '/products' }));
    expect(ex.response?.status).toBe(200);
    expect(ex.response?.truncated).toMatchObject({ limitBytes: 2 * MB });
    expect(ex.response!.truncated!.receivedBytes).toBeGreaterThan(2 * MB);
    expect(ex.response!.truncated!.receivedBytes).toBeLessThan(50 * MB);
    // the limit's worth was read, but only its start is kept (checks in flight hold many exchanges)
    expect(ex.response!.text.length).toBe(TRUNCATED_TEXT);
    expect(ex.response!.text.startsWith('[{"id":"p-0000000000"')).toBe(true);
    expect(ex.response?.json).toBeUndefined();
    expect(growthMb).toBeLessThan(100);
    expect(Date.now() - started).toBeLessThan(10_000);
    const evidence = toEvidence(ex, new Redactor());
    expect(evidence.notes?.join()).toMatch(/answered with a body over the 2\.0 MB limit \(--max-body\): 2\.0 MB read before the tool stopped, no Content-Length/);
    expect(evidence.response!.body.length).toBeLessThan(5000);
    // every check's finding line names the cut and its sizes
    expect(answered(ex)).toMatch(/^GET \/products answered 200 with a body over the 2\.0 MB limit \(--max-body\)/);
    await t.done();
  });

  it('a huge 503 (held for a retry) is bounded too', async () => {
    const t = await against('huge', { hugeStatus: 503, hugeBytes: 100 * MB }, { maxBodyBytes: 1 * MB, timeoutMs: 20_000 });
    const { value: ex, growthMb } = await peakRssGrowth(() => t.c.send({ method: 'GET', path: '/products' }));
    expect(ex.response?.status).toBe(503);
    expect(ex.response?.truncated?.limitBytes).toBe(MB);
    expect(growthMb).toBeLessThan(100);
    await t.done();
  });

  it('exchanges kept for evidence are bounded in count and bytes', async () => {
    const proxy = await startHostileProxy({ behaviour: 'pass', upstream: server.url });
    const c = createHttpClient({ baseUrl: proxy.url, auth: { customer: auth.customer, service: auth.service }, timeoutMs: 5000, keepExchanges: 5, keepBytes: 20_000 });
    for (let i = 0; i < 8; i++) await c.send({ method: 'GET', path: '/products', query: { limit: 20 } });
    const kept = c.exchanges();
    expect(kept.length).toBeLessThanOrEqual(5);
    expect(kept.length).toBeGreaterThanOrEqual(1);
    expect(kept.reduce((n, ex) => n + (ex.response?.text.length ?? 0), 0)).toBeLessThanOrEqual(20_000 + (kept.at(-1)!.response?.text.length ?? 0));
    expect(kept.at(-1)!.seq).toBe(8);
    await c.close();
    await proxy.close();
  });
});

describe('misbehaving answers end as exchanges, never crashes', () => {
  it('an HTML 502 page: retried within budget, then delivered as the 502', async () => {
    const t = await against('html-5xx');
    const ex = await t.c.send({ method: 'GET', path: '/products' });
    expect(ex.response?.status).toBe(502);
    expect(ex.response?.json).toBeUndefined();
    expect(ex.response?.text).toContain('Bad Gateway');
    expect(t.proxy.requests).toHaveLength(4);
    await t.done();
  });

  it('a connection reset mid-body is a network error', async () => {
    const t = await against('reset');
    const ex = await t.c.send({ method: 'GET', path: '/products' });
    expect(ex.response).toBeUndefined();
    expect(ex.error?.code).toMatch(/^(UND_ERR_SOCKET|ECONNRESET)$/);
    await t.done();
  });

  it('a reset on an idempotent request is sent again (bounded) and noted; a POST is never sent again', async () => {
    let resets = 0;
    const t = await against('reset', { affects: (r) => r.url.startsWith('/products') && resets++ < 1 });
    const ex = await t.c.send({ method: 'GET', path: '/products' });
    expect(ex.response?.status).toBe(200);
    expect(ex.notes.join()).toMatch(/retried after transport error (UND_ERR_SOCKET|ECONNRESET)/);
    expect(t.proxy.requests.filter((r) => r.url.startsWith('/products'))).toHaveLength(2);
    await t.done();
    const always = await against('reset');
    const post = await always.c.send({ method: 'POST', path: '/auth/login', json: {} });
    expect(post.error?.code).toMatch(/^(UND_ERR_SOCKET|ECONNRESET)$/);
    expect(always.proxy.requests).toHaveLength(1); // a POST is not idempotent: sent once
    await always.c.send({ method: 'GET', path: '/products' });
    expect(always.proxy.requests).toHaveLength(4); // the first try and at most 2 more
    await always.done();
  });

  it('a redirect to another host is recorded, never followed', async () => {
    const t = await against('redirect-off-host');
    const ex = await t.c.send({ method: 'GET', path: '/products' });
    expect(ex.response?.status).toBe(302);
    expect(ex.response?.headers.location).toMatch(/^http:\/\/localhost:\d+\/stolen$/);
    expect(t.proxy.offHostHits()).toBe(0);
    await t.done();
  });

  it('a target that dies mid-run: later requests are network errors', async () => {
    const t = await against('die', { dieAfter: 2 });
    const statuses: Array<number | string> = [];
    for (let i = 0; i < 5; i++) {
      const ex = await t.c.send({ method: 'GET', path: '/health' });
      statuses.push(ex.response?.status ?? ex.error!.code);
    }
    expect(statuses.slice(0, 2).every((s) => typeof s === 'number')).toBe(true);
    expect(statuses.slice(3).every((s) => typeof s === 'string')).toBe(true);
    await t.done();
  });
});
