// Single checks run directly, through a minimal CheckContext over the real client against the real
// server, where a whole run cannot set the stage: the checks that need a valid discount code (CART-01
// discount, CART-02 with a discount, IDM-06 on carts) read it from the pack's documented example
// (CartUpdate.discountCode.examples) and skip until the pack documents one, so here the pack names the
// reference server's code; the ENV checks judge the run's own target, so here the target is wrong.

import { afterEach, describe, expect, test } from 'vitest';
import { cartChecks } from '../src/checks/cart.js';
import { environmentChecks } from '../src/checks/environment.js';
import { idempotencyChecks } from '../src/checks/idempotency.js';
import { CheckFailure, CheckSkip, type CheckContext, type CheckDef, type TargetInfo } from '../src/checks/types.js';
import { loadContract } from '../src/contract/load.js';
import type { ContractPack } from '../src/contract/types.js';
import { createHttpClient } from '../src/http/client.js';
import { createSessionStore, login } from '../src/http/session.js';
import { startServer } from '../src/server/index.js';
import type { RunningServer } from '../src/server/types.js';
import { getValidator } from '../src/validation/validator.js';

const CODE = 'WELCOME10'; // seeded by the reference server (src/server/data-customers.ts)

function withExample(contract: ContractPack): ContractPack {
  const openapi = structuredClone(contract.openapi) as any;
  openapi.components.schemas.CartUpdate.properties.discountCode.examples = [CODE];
  return { ...contract, openapi, byId: contract.byId, match: contract.match };
}

let server: RunningServer | undefined;
afterEach(async () => {
  await server?.close();
  server = undefined;
});

async function runCheck(def: CheckDef, faults: string[] = [], opId?: string, target: Partial<TargetInfo> = {}): Promise<{ status: string; message: string }> {
  server = await startServer({ port: 0, faults });
  const contract = withExample(loadContract('storefront-bff'));
  const conv = contract.conventions.auth;
  const loginOp = contract.byId(conv.login.operationId);
  const credentials = {
    customer: { email: server.customers[0].email, password: server.customers[0].password, recaptchaToken: server.recaptchaToken },
  };
  const tokens: Record<string, string> = {};
  const store = createSessionStore({ tokens, credentials, login: (c) => login(client, loginOp, conv.login, c) });
  const client = createHttpClient({ baseUrl: server.url, auth: { customer: conv.customer, service: conv.service }, timeoutMs: 5000, store, login: loginOp });
  const first = await login(client, loginOp, conv.login, credentials.customer);
  if (!first.ok) throw new Error(first.message);
  store.set('customer', first.token);
  const memo = new Map<string, Promise<unknown>>();
  const cleanups: Array<() => Promise<unknown>> = [];
  const notes: string[] = [];
  const ctx: CheckContext = {
    http: client,
    contract,
    target: {
      baseUrl: server.url, env: 'embedded', production: false, readOnly: false, embedded: true,
      has: { customer: true, customer2: false, expiredToken: false, serviceToken: false },
      rateLimitProbe: { maxRequests: 300, maxSeconds: 10 },
      ...target,
    },
    op: opId ? contract.byId(opId) : undefined,
    send: (spec) => client.send(spec),
    sendAll: (specs) => Promise.all(specs.map((spec) => client.send(spec))),
    resolvePath: async (op) => op.path,
    validateShape: (name, value) => getValidator(contract).validateShape(name, value),
    cleanup: (fn) => void cleanups.push(fn),
    memo: <T>(key: string, make: () => Promise<T>) => {
      if (!memo.has(key)) memo.set(key, make());
      return memo.get(key) as Promise<T>;
    },
    fail: (message, ...evidence) => {
      throw new CheckFailure(message, evidence);
    },
    skip: (reason) => {
      throw new CheckSkip(reason);
    },
    note: (m) => void notes.push(m),
    credentials: (w) => (w === 'customer' ? { ...credentials.customer, captcha: server?.recaptchaToken } : undefined),
  };
  try {
    await def.run(ctx);
    return { status: 'passed', message: notes.join('; ') };
  } catch (err) {
    if (err instanceof CheckFailure) return { status: 'failed', message: err.message };
    if (err instanceof CheckSkip) return { status: 'skipped', message: err.reason };
    throw err;
  } finally {
    for (const fn of cleanups.reverse()) await fn().catch(() => {});
    await client.close();
  }
}

const bySlug = (list: CheckDef[], clause: string, slug: string) => list.find((c) => c.clause === clause && c.slug === slug)!;

describe('checks that need a discount code, with the code documented in the pack', () => {
  test('CART-01 discount passes on a clean server and catches cart-total-off-by-one', async () => {
    const def = bySlug(cartChecks, 'CART-01', 'discount');
    expect(await runCheck(def)).toMatchObject({ status: 'passed', message: expect.stringMatching(/discount \d+ applied/) });
    expect((await runCheck(def, ['cart-total-off-by-one'])).status).toBe('failed');
  });

  test('CART-02 applies the discount and catches cart-order-total-ignores-discount', async () => {
    const def = bySlug(cartChecks, 'CART-02', 'order-total');
    expect(await runCheck(def)).toMatchObject({ status: 'passed', message: `with discount code ${CODE}` });
    const r = await runCheck(def, ['cart-order-total-ignores-discount']);
    expect(r.status, r.message).toBe('failed');
  });

  test('IDM-06 on PUT /carts/{cartId} passes clean and catches idm-stale-version-ignored-cart', async () => {
    const def = bySlug(idempotencyChecks, 'IDM-06', 'stale-version');
    expect(await runCheck(def, [], 'updateCart')).toMatchObject({ status: 'passed' });
    const r = await runCheck(def, ['idm-stale-version-ignored-cart'], 'updateCart');
    expect(r.status, r.message).toBe('failed');
  });
});

describe('ENV checks judge the run\'s target', () => {
  const env = (slug: string) => bySlug(environmentChecks, slug.startsWith('target') ? 'ENV-01' : 'ENV-02', slug);

  test('ENV-01 fails when the requests do not go to the reported base URL', async () => {
    expect((await runCheck(env('target-answers'))).status).toBe('passed');
    const r = await runCheck(env('target-answers'), [], undefined, { baseUrl: 'http://127.0.0.1:9' });
    expect(r.status).toBe('failed');
    expect(r.message).toMatch(/not to the reported target http:\/\/127\.0\.0\.1:9/);
  });

  test('ENV-02 fails when a production host is not marked production and read-only', async () => {
    const prod = 'https://storefront.api.templeandwebster.com';
    expect((await runCheck(env('production-read-only'))).status).toBe('passed');
    expect((await runCheck(env('production-read-only'), [], undefined, { baseUrl: prod, env: 'custom' })).status).toBe('failed');
    expect((await runCheck(env('production-read-only'), [], undefined, { env: 'production', production: true, readOnly: false })).status).toBe('failed');
    expect(await runCheck(env('production-read-only'), [], undefined, { baseUrl: prod, env: 'production', production: true, readOnly: true })).toMatchObject({ status: 'passed', message: 'production target gated (read-only)' });
  });
});
