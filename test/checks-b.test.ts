// Teeth and no-wolf for the AUTH, IDM, CART, VER, RL and ENV families, end to end over real
// loopback HTTP: the embedded reference server clean and in each relevant free-choice mode (section 4)
// must give 0 failed; each fault of these families must give a failed check citing its clause.

import { createServer, request as httpRequest } from 'node:http';
import type { AddressInfo } from 'node:net';
import { describe, expect, test } from 'vitest';
import type { CheckResult, RunResults } from '../src/results.js';
import { expectCaught } from './catches.js';
import { inProcessRunner, line } from './in-process.js';
import { FAULTS } from '../src/server/faults.js';
import { startServer } from '../src/server/index.js';
import type { StartOptions } from '../src/server/types.js';

const FAMILIES = ['AUTH', 'IDM', 'CART', 'VER', 'RL', 'ENV'];
/** small windows keep the rate-limit family quick (RL-03 waits for the window to clear) */
const FAST_LIMITS = { windowMs: 2000, search: 40 };
/** a probe budget of a few windows: RL-03 proves a server that never recovers within it wrong */
const FAST_PROBE = { maxRequests: 300, maxSeconds: 5 };
// the client's own retry policy ({}: its defaults), as a CI run has it
const run = inProcessRunner('checks-b', { embedded: { rateLimits: FAST_LIMITS }, config: { rateLimitProbe: FAST_PROBE }, retry: {} });

const failed = (r: RunResults) => r.checks.filter((c) => c.status === 'failed').map(line);
const warned = (r: RunResults) => r.checks.filter((c) => c.status === 'warned').map(line);
const mine = (c: CheckResult) => FAMILIES.includes(c.family);

describe('families AUTH IDM CART VER RL ENV against the reference server', () => {
  test('clean server: 0 failed, 0 warned, every clause exercised', async () => {
    const r = await run(FAMILIES);
    const checks = r.checks.filter(mine);
    expect(failed(r), failed(r).join('\n')).toEqual([]);
    expect(warned(r), warned(r).join('\n')).toEqual([]);
    expect(r.setup.filter((s) => s.level === 'error')).toEqual([]);
    // passed by a dedicated check: schema conformance alone does not exercise a clause's rule
    const passedClauses = new Set(checks.filter((c) => c.status === 'passed' && !c.schema).map((c) => c.clause));
    const skipped = checks.filter((c) => c.status === 'skipped').map(line);
    for (const clause of ['AUTH-01', 'AUTH-02', 'AUTH-03', 'AUTH-04', 'AUTH-05', 'AUTH-06', 'AUTH-07', 'AUTH-08', 'AUTH-09', 'AUTH-10',
      'IDM-01', 'IDM-02', 'IDM-03', 'IDM-04', 'IDM-05', 'IDM-06', 'IDM-07', 'RL-01', 'RL-02', 'RL-03', 'RL-04',
      'VER-01', 'VER-02', 'VER-03', 'CART-01', 'CART-02', 'ENV-01', 'ENV-02']) {
      expect(passedClauses.has(clause), `${clause} has no passing check; skipped:\n${skipped.join('\n')}`).toBe(true);
    }
  }, 300_000);

  const modes: Array<[string, StartOptions['modes'], string[]]> = [
    ['foreignResource 404', { foreignResource: 404 }, ['AUTH', 'VER']],
    ['retryAfter none', { retryAfter: 'none' }, ['RL']],
    ['retryAfter http-date', { retryAfter: 'http-date' }, ['RL']],
    ['unknownProduct 422', { unknownProduct: 422 }, ['AUTH', 'CART']],
    ['emptyCartCheckout 422', { emptyCartCheckout: 422 }, ['IDM', 'CART']],
    ['deleteLineItem 204', { deleteLineItem: 204 }, ['IDM', 'CART']],
    ['lineItemMerge separate', { lineItemMerge: 'separate' }, ['IDM', 'CART']],
    ['cartAfterConfirm delete', { cartAfterConfirm: 'delete' }, ['IDM', 'CART', 'AUTH']],
    ['bodyOnBodyless validate', { bodyOnBodyless: 'validate' }, ['AUTH', 'IDM']],
    ['oldTokenAfterRefresh revoked', { oldTokenAfterRefresh: 'revoked' }, ['AUTH']],
    ['idFormat uuid', { idFormat: 'uuid' }, ['AUTH', 'IDM', 'CART', 'VER']],
    ['errorType omit', { errorType: 'omit' }, ['AUTH', 'IDM', 'VER', 'RL']],
    ['missingApiVersion reject', { missingApiVersion: 'reject' }, ['AUTH', 'IDM', 'ENV']],
    ['small catalogue (3 products)', { productCount: 3 }, ['AUTH', 'IDM', 'CART']],
  ];
  test.each(modes)('mode %s: 0 failed', async (_name, modes, only) => {
    const r = await run(only, { modes });
    expect(failed(r), failed(r).join('\n')).toEqual([]);
  }, 300_000);

  const faults = FAULTS.filter((f) => FAMILIES.includes(f.clause.split('-')[0]));
  test.each(faults.map((f) => [f.id, f.clause] as const))('fault %s is caught by a %s check', async (id, clause) => {
    const r = await run([clause.split('-')[0]], { faults: [id] });
    expectCaught(r, id, clause);
  }, 300_000);

  test('ENV-02: a production target (through a recording proxy) gets only GET, HEAD and login; nothing fails', async () => {
    const server = await startServer({ port: 0, rateLimits: FAST_LIMITS });
    const seen: string[] = [];
    const proxy = createServer((req, res) => {
      seen.push(`${req.method} ${req.url}`);
      const up = httpRequest(`${server.url}${req.url}`, { method: req.method, headers: req.headers }, (r) => {
        res.writeHead(r.statusCode ?? 502, r.headers);
        r.pipe(res);
      });
      req.pipe(up);
    });
    await new Promise<void>((ok) => proxy.listen(0, '127.0.0.1', ok));
    const url = `http://127.0.0.1:${(proxy.address() as AddressInfo).port}`;
    try {
      const [c1, c2] = server.customers;
      const r = await run(FAMILIES, {}, {
        target: { env: 'production', baseUrl: url, production: true },
        readOnly: true,
        secrets: {
          customer: { email: c1.email, password: c1.password },
          customer2: { email: c2.email, password: c2.password },
          recaptchaToken: server.recaptchaToken,
          serviceToken: server.serviceToken,
        },
      });
      expect(failed(r), failed(r).join('\n')).toEqual([]);
      // one real login per test customer, and that session logged out at the end: nothing else but GET/HEAD
      const unsafe = seen.filter((l) => !/^(GET|HEAD) /.test(l)).map((l) => l.split('?')[0]).sort();
      expect(unsafe).toEqual(['POST /auth/login', 'POST /auth/login', 'POST /auth/logout', 'POST /auth/logout']);
      expect(r.checks.find((c) => c.id === 'ENV-02:*:production-read-only')?.status).toBe('passed');
      expect(r.checks.find((c) => c.id === 'RL-04:GET /search:limit-exists')?.message).toMatch(/production/);
      expect(r.checks.filter((c) => mine(c) && c.status === 'passed').length).toBeGreaterThan(20);
    } finally {
      await new Promise((ok) => proxy.close(ok));
      await server.close();
    }
  }, 300_000);

  test('wrong customer credentials: one setup error, customer checks skipped with the reason, none failed', async () => {
    const server = await startServer({ port: 0, rateLimits: FAST_LIMITS });
    try {
      const [c1, c2] = server.customers;
      const r = await run(['AUTH', 'IDM', 'CART', 'VER'], {}, {
        target: { env: 'custom', baseUrl: server.url, production: false },
        secrets: {
          customer: { email: c1.email, password: `${c1.password}-wrong` },
          customer2: { email: c2.email, password: c2.password },
          recaptchaToken: server.recaptchaToken,
          serviceToken: server.serviceToken,
        },
      });
      expect(r.target.embedded).toBe(false);
      const errors = r.setup.filter((s) => s.level === 'error');
      expect(errors, JSON.stringify(r.setup)).toHaveLength(1);
      expect(errors[0].message).toMatch(/login failed/);
      expect(failed(r), failed(r).join('\n')).toEqual([]);
      for (const id of ['AUTH-01:POST /auth/login:valid-credentials', 'AUTH-08:GET /carts/{cartId}:foreign-cart', 'IDM-04:POST /checkout/{sessionId}/confirm:confirm-twice', 'VER-01:GET /orders:live-versions', 'CART-01:POST /carts/{cartId}/line-items:arithmetic']) {
        const c = r.checks.find((x) => x.id === id);
        expect(c?.status, `${id}: ${c?.message}`).toBe('skipped');
        expect(c?.message).toMatch(/could not log in/);
      }
      // checks that need no session still ran
      expect(r.checks.find((x) => x.id === 'AUTH-04:GET /customers/me:no-token')?.status).toBe('passed');
    } finally {
      await server.close();
    }
  }, 300_000);
});
