// Each k6 journey, run ONCE against the real reference server, without the k6 binary: vitest maps
// k6's modules to test/k6-shim (see vitest.config.ts), whose http.* is synchronous as in k6. The
// server runs in a child process (startServer({ port: 0 })), since a synchronous request blocks
// this thread. Asserts the exact sequence of `name` tags, that every check passed, the contract
// headers on every request, and that buy leaves no live order and no live session.
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, beforeEach, describe, expect, it, vi } from 'vitest';
import { installK6Globals, LOAD_DIR } from './k6-shim/globals.js';
import { resetShim, shimState, type ShimState } from './k6-shim/state.js';
import { startReferenceServer, type ServerProcess } from './k6-shim/reference-server.js';

type Journey = () => void;
interface Journeys {
  browse: Journey;
  search: Journey;
  buy: Journey;
  setup: () => void;
  options: { scenarios: Record<string, unknown>; thresholds: Record<string, unknown> };
}

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/;
const routes = JSON.parse(readFileSync(join(LOAD_DIR, 'routes.json'), 'utf8')).routes as Record<string, { name: string; journeys: string[] }>;
const costs = JSON.parse(readFileSync(join(LOAD_DIR, 'journeys.json'), 'utf8')).journeys as Record<string, { thinks: number; requests: string[] }>;

/** What load/journeys.json says a journey sends (route names) and how long it thinks (think time 1 s). */
function expectCost(s: ShimState, journey: string): void {
  expect(names(s), `load/journeys.json lists what ${journey} sends`).toEqual(costs[journey].requests.map((k) => routes[k].name));
  expect(s.sleeps.reduce((a, b) => a + b, 0), `load/journeys.json: ${journey}'s think time`).toBeCloseTo(costs[journey].thinks, 6);
}
const GENEROUS = { windowMs: 1000, default: 100_000, search: 100_000, auth: 100_000 };

let server: ServerProcess;
let searchTerm: string;
const work = mkdtempSync(join(tmpdir(), 'sc-journeys-'));

async function api(path: string, init: RequestInit & { token?: string } = {}): Promise<{ status: number; body: any }> {
  const headers: Record<string, string> = { Accept: 'application/json', 'X-Api-Version': 'v1.0' };
  if (init.body) headers['Content-Type'] = 'application/json';
  if (init.token) headers['X-BFF-Token'] = init.token;
  const res = await fetch(server.url + path, { ...init, headers });
  const text = await res.text();
  return { status: res.status, body: text ? JSON.parse(text) : undefined };
}

async function tokenFor(i: 0 | 1): Promise<string> {
  const c = server.customers[i];
  const r = await api('/auth/login', {
    method: 'POST',
    body: JSON.stringify({ emailAddress: c.email, password: c.password, gRecaptchaResponse: server.recaptchaToken }),
  });
  return r.body.accessToken;
}

/** Imports load/main.ts afresh, with the k6 globals for this server. */
async function loadScripts(target: ServerProcess, extraEnv: Record<string, string> = {}): Promise<Journeys> {
  const data = join(work, `data-${Date.now()}.json`);
  writeFileSync(
    data,
    JSON.stringify({
      accounts: [
        { email: target.customers[0].email, passwordEnv: 'STOREFRONT_CUSTOMER_PASSWORD' },
        { email: target.customers[1].email, passwordEnv: 'STOREFRONT_CUSTOMER2_PASSWORD' },
      ],
      searchTerms: [searchTerm],
      discountCodes: [
        { code: 'SAVE20', valid: true },
        { code: 'ZZNOTACODE', valid: false },
      ],
      addresses: [{ firstName: 'Ada', lastName: 'Lovelace', streetName: '1 George St', city: 'Sydney', state: 'NSW', postcode: '2000', country: 'AU' }],
    }),
  );
  installK6Globals({
    STOREFRONT_BASE_URL: target.url,
    STOREFRONT_LOAD_DATA: data,
    STOREFRONT_LOAD_PROFILE: 'smoke',
    STOREFRONT_LOAD_THINK_TIME: '1', // the shim's sleep() only records
    STOREFRONT_CUSTOMER_PASSWORD: target.customers[0].password,
    STOREFRONT_CUSTOMER2_PASSWORD: target.customers[1].password,
    STOREFRONT_RECAPTCHA_TOKEN: target.recaptchaToken,
    ...extraEnv,
  });
  vi.resetModules();
  return (await import(/* @vite-ignore */ join(LOAD_DIR, 'main.ts'))) as Journeys;
}

function names(s: ShimState): (string | undefined)[] {
  return s.requests.map((r) => r.name);
}

/** Every request carried the contract's headers and tags; every check passed; nothing failed. */
function expectCleanRun(s: ShimState, journey: string): void {
  expect(s.checks.filter((c) => !c.ok), 'failed checks').toEqual([]);
  expect(s.checks.length).toBeGreaterThan(0);
  const ids = new Set(s.requests.map((r) => r.headers['Correlation-Id']));
  expect(ids.size, 'one Correlation-Id per iteration').toBe(1);
  expect([...ids][0]).toMatch(UUID);
  for (const r of s.requests) {
    expect(r.headers['X-Api-Version']).toBe('v1.0');
    expect(r.tags.api).toBeTruthy();
    const route = Object.values(routes).find((x) => x.name === r.name);
    expect(route, `${r.name} is in load/routes.json`).toBeDefined();
    expect(route!.journeys).toContain(journey);
    expect(r.expected, `${r.method} ${r.url} answered ${r.status}`).toBe(true);
  }
  expect(s.samples.filter((x) => x.metric === 'failed_requests')).toEqual([]);
  expect(s.aborted).toBeUndefined();
}

beforeAll(async () => {
  server = await startReferenceServer({ rateLimits: GENEROUS });
  const active = await api('/products?status=active&limit=1');
  searchTerm = active.body.results[0].name['en-AU'];
}, 60_000);

afterAll(async () => {
  await server?.close();
});

beforeEach(() => {
  resetShim();
  vi.restoreAllMocks();
});

/** The buy journey's requests; a customer without a saved address gets one created first. */
function buySequence({ createsAddress }: { createsAddress: boolean }): string[] {
  return [
    'POST /auth/login',
    'POST /carts',
    'GET /products',
    'POST /carts/{cartId}/line-items',
    'POST /carts/{cartId}/line-items',
    'PUT /carts/{cartId}',
    'GET /customers/me/addresses',
    ...(createsAddress ? ['POST /customers/me/addresses'] : []),
    'POST /checkout',
    'POST /checkout/{sessionId}/confirm',
    'PUT /orders/{orderId}',
    'POST /auth/logout',
  ];
}

describe('k6 journeys, once each, against the reference server', () => {
  it('main.ts builds the options from the profile and setup() finds the service up', async () => {
    const main = await loadScripts(server);
    expect(Object.keys(main.options.scenarios)).toEqual(['browse', 'search', 'buy']);
    expect(main.options.thresholds['http_req_duration{name:GET /search}']).toEqual(['p(95)<400', 'p(99)<1000']);
    main.setup();
    const s = shimState();
    expect(names(s)).toEqual(['GET /health/live']);
    expectCleanRun(s, 'setup');
  });

  it('browse: categories → a category\'s products (filtered, sorted) → a product → its variants and media', async () => {
    const main = await loadScripts(server);
    vi.spyOn(Math, 'random').mockReturnValue(0);
    main.browse();
    const s = shimState();
    expect(names(s)).toEqual([
      'GET /categories',
      'GET /products',
      'GET /products/{productId}',
      'GET /products/{productId}/variants',
      'GET /products/{productId}/media',
    ]);
    const list = new URL(s.requests[1].url);
    expect(list.searchParams.get('category')).toBeTruthy();
    expect(list.searchParams.get('sort')).toBe('price:asc');
    expect(list.searchParams.get('inStock')).toBe('true');
    expect([...new Set(s.checks.map((c) => c.group))]).toEqual([
      '::List the categories',
      '::List products',
      '::View a product',
      "::View a product's variants",
      "::View a product's media",
    ]);
    expectCleanRun(s, 'browse');
    expectCost(s, 'browse');
  });

  it('search: debounced suggestions for growing prefixes → results → a product', async () => {
    const main = await loadScripts(server);
    main.search();
    const s = shimState();
    const prefixes = [2, 4, searchTerm.length].filter((n, i, a) => n <= searchTerm.length && a.indexOf(n) === i);
    expect(names(s)).toEqual([...prefixes.map(() => 'GET /search/suggestions'), 'GET /search', 'GET /products/{productId}']);
    expect(s.requests.slice(0, prefixes.length).map((r) => new URL(r.url).searchParams.get('query'))).toEqual(
      prefixes.map((n) => searchTerm.slice(0, n)),
    );
    // a pause between keystroke requests (the debounce), then the think time before the results
    expect(s.sleeps.slice(0, prefixes.length - 1).every((x) => x > 0 && x < 1)).toBe(true);
    expectCleanRun(s, 'search');
    if (prefixes.length === 3) expectCost(s, 'search'); // the costliest search: three suggestion requests
  });

  it('buy: sign in → cart → two products → discount → checkout → confirm → cancel → sign out', async () => {
    const main = await loadScripts(server);
    vi.spyOn(Math, 'random').mockReturnValue(0); // the valid discount code
    main.buy();
    const s = shimState();
    expect(names(s)).toEqual(buySequence({ createsAddress: false }));
    expectCleanRun(s, 'buy');
    const confirm = JSON.parse(s.requests[8].responseBody);
    // the run left no live order: the order it placed is CANCELLED
    const order = await api(`/orders/${confirm.orderId}`, { token: await tokenFor(0) });
    expect(order.status).toBe(200);
    expect(order.body.status).toBe('CANCELLED');
    // and no live session: the token it used is dead after the logout
    const used = s.requests.at(-1)!.headers['X-BFF-Token'];
    expect(used).toBeTruthy();
    expect((await api('/customers/me', { token: used })).status).toBe(401);
  });

  it('buy, for a customer without a saved address and with a code the server refuses (422 expected)', async () => {
    const token = await tokenFor(1);
    const saved = await api('/customers/me/addresses?limit=100', { token });
    for (const a of saved.body.results) await api(`/customers/me/addresses/${a.id}`, { method: 'DELETE', token });
    const main = await loadScripts(server);
    const exec = await import('k6/execution');
    exec.default.vu.idInTest = 2; // VU 2 signs in as the second account
    try {
      vi.spyOn(Math, 'random').mockReturnValue(0.99); // the invalid discount code
      main.buy();
    } finally {
      exec.default.vu.idInTest = 1;
    }
    const s = shimState();
    expect(names(s)).toEqual(buySequence({ createsAddress: true }));
    expect(s.requests[5].status).toBe(422);
    expectCleanRun(s, 'buy');
    expectCost(s, 'buy'); // the costliest buy: with an address to create
    expect(s.checks.map((c) => c.name)).toContain('the refusal names the discountCode field');
  });
});

describe('429 handling, as the docs advise', () => {
  let limited: ServerProcess;
  beforeAll(async () => {
    limited = await startReferenceServer({ rateLimits: { windowMs: 1000, default: 1000, search: 2, auth: 1000 } });
  }, 60_000);
  afterAll(async () => {
    await limited?.close();
  });

  it('waits Retry-After and retries; counts rate_limited, never a failed request', async () => {
    const main = await loadScripts(limited, { STOREFRONT_LOAD_THINK_TIME: '0' });
    (globalThis as Record<string, unknown>).__K6_SHIM_REAL_SLEEP = true;
    try {
      main.search();
    } finally {
      delete (globalThis as Record<string, unknown>).__K6_SHIM_REAL_SLEEP;
    }
    const s = shimState();
    const tooMany = s.requests.filter((r) => r.status === 429);
    expect(tooMany.length).toBeGreaterThan(0);
    expect(tooMany.every((r) => r.expected)).toBe(true); // http_req_failed does not count them
    expect(s.samples.filter((x) => x.metric === 'rate_limited').length).toBe(tooMany.length);
    expect(s.sleeps.some((x) => x >= 1)).toBe(true); // Retry-After honoured
    // after the retries every step got its answer, and every check passed
    const answered = s.requests.filter((r) => r.status !== 429).map((r) => r.name);
    expect(answered.at(-1)).toBe('GET /products/{productId}');
    expect(s.checks.filter((c) => !c.ok)).toEqual([]);
    expect(s.samples.filter((x) => x.metric === 'failed_requests')).toEqual([]);
  }, 30_000);
});
