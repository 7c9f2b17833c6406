// Single checks on the CheckRuntime against the real server, where a whole run cannot set the
// stage: the checks that need a valid discount code (CART-01 discount, CART-02 with a discount,
// IDM-06 on carts) read it from the pack's documented example (CartUpdate.discountCode.examples) and
// skip until the pack documents one, so here the pack names the reference server's code; the ENV
// checks judge the run's own target, so here the check is told a wrong one.

import { afterEach, describe, expect, test } from 'vitest';
import { cartChecks } from '../src/checks/cart.js';
import { environmentChecks } from '../src/checks/environment.js';
import { idempotencyChecks } from '../src/checks/idempotency.js';
import type { CheckDef, TargetInfo } from '../src/checks/types.js';
import { loadContract } from '../src/contract/load.js';
import type { ContractPack } from '../src/contract/types.js';
import type { RunContext } from '../src/engine/context.js';
import { CheckRuntime } from '../src/engine/runtime.js';
import { expandChecks } from '../src/engine/select.js';
import { createRunServices } from '../src/engine/services.js';
import { login } from '../src/http/session.js';
import type { CheckResult } from '../src/results.js';
import { startServer } from '../src/server/index.js';
import type { RunningServer } from '../src/server/types.js';

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

/**
 * One check on the CheckRuntime against a fresh server with `faults`; `target` overrides what the
 * check is told about the target (the ENV checks judge the run's own target: here it is made wrong).
 */
async function runCheck(def: CheckDef, faults: string[] = [], opId?: string, target: Partial<TargetInfo> = {}): Promise<CheckResult> {
  server = await startServer({ port: 0, faults });
  const contract = withExample(loadContract('storefront-bff'));
  const conv = contract.conventions.auth;
  const credentials = { customer: { email: server.customers[0].email, password: server.customers[0].password, recaptchaToken: server.recaptchaToken } };
  const common = { contract, baseUrl: server.url, production: false, apiVersion: 'v1.0', timeoutMs: 5000 };
  const session = createRunServices(common);
  const first = await login(session.client, contract.byId(conv.login.operationId), conv.login, credentials.customer);
  await session.client.close();
  if (!first.ok) throw new Error(first.message);
  const run: RunContext = {
    target: {
      baseUrl: server.url, env: 'embedded', production: false, readOnly: false, embedded: true,
      has: { customer: true, customer2: false, expiredToken: false, serviceToken: false },
      rateLimitProbe: { maxRequests: 300, maxSeconds: 10 },
    },
    pack: 'storefront-bff', apiVersion: 'v1.0', timeoutMs: 5000, maxBodyBytes: 10 * 2 ** 20, tokens: { customer: first.token },
    credentials, missing: {}, secrets: [], only: [], concurrency: 4, families: [], stopFile: '',
  };
  const told: CheckDef = { ...def, run: (ctx) => def.run({ ...ctx, target: { ...ctx.target, ...target } }) };
  const inst = expandChecks(contract, [told]).find((i) => !opId || i.op?.operationId === opId)!;
  const runtime = new CheckRuntime({ run, contract, concurrency: 4 });
  try {
    const [result] = await runtime.runAll([inst]);
    await runtime.finish();
    return result!;
  } finally {
    await runtime.close();
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
