// A check judging a hung answer says so: HEAD-vs-GET (IDM-01) against a target whose GET never
// answers reports "GET … got no response (DEADLINE …)", not a Content-Type mismatch with GET ''.
import { afterAll, beforeAll, expect, it } from 'vitest';
import { idempotencyChecks } from '../../src/checks/idempotency.js';
import { CheckFailure, type CheckContext } from '../../src/checks/types.js';
import { loadContract } from '../../src/contract/load.js';
import { createHttpClient } from '../../src/http/client.js';
import { startServer } from '../../src/server/index.js';
import type { RunningServer } from '../../src/server/types.js';
import { getValidator } from '../../src/validation/validator.js';
import { type HostileProxy, startHostileProxy } from './proxy.js';

let server: RunningServer;
let proxy: HostileProxy;
beforeAll(async () => {
  server = await startServer({ port: 0 });
  proxy = await startHostileProxy({ behaviour: 'hang', upstream: server.url, affects: (r) => r.method === 'GET' });
});
afterAll(async () => {
  await proxy.close();
  await server.close();
});

it('IDM-01 HEAD-vs-GET: a GET that hit its deadline is reported as no response', async () => {
  const contract = loadContract('storefront-bff');
  const client = createHttpClient({ baseUrl: proxy.url, auth: { customer: contract.conventions.auth.customer, service: contract.conventions.auth.service }, timeoutMs: 500 });
  const ctx = {
    http: client,
    contract,
    target: { baseUrl: proxy.url, env: 'custom', production: false, readOnly: false, embedded: false, has: { customer: false, customer2: false, expiredToken: false, serviceToken: false }, rateLimitProbe: { maxRequests: 1, maxSeconds: 1 } },
    op: contract.byId('listProducts'),
    send: (spec) => client.send(spec),
    sendAll: (specs) => Promise.all(specs.map((spec) => client.send(spec))),
    resolvePath: async (op) => op.path,
    validateShape: (name, value) => getValidator(contract).validateShape(name, value),
    cleanup: () => {},
    memo: (_k, make) => make(),
    fail: (message, ...evidence) => {
      throw new CheckFailure(message, evidence);
    },
    skip: (reason) => {
      throw new Error(`skipped: ${reason}`);
    },
    note: () => {},
  } as CheckContext;
  const check = idempotencyChecks.find((c) => c.slug === 'head-matches-get')!;
  const failure = await check.run(ctx).then(
    () => undefined,
    (err: unknown) => err,
  );
  expect(failure).toBeInstanceOf(CheckFailure);
  expect((failure as Error).message).toMatch(/^GET \/products got no response \(DEADLINE: no complete answer within the 500 ms request deadline/);
  expect((failure as Error).message).not.toMatch(/Content-Type/);
  await client.close();
});
