// No dodges, item 3 (issue 9): the run-wide judges. Each fault here shows only on traffic that
// another family's checks send (writes, 422s, 404s, a cart's PUT answers), never on the requests
// the clause's own per-operation checks send; the `every-answer` checks (src/checks/run-wide.ts),
// fed by the run-wide log (src/engine/answer-log.ts), must catch it while the per-operation checks
// still pass. And the log judges every exchange of the run, not the client's last 2,000.

import { describe, expect, test } from 'vitest';
import { loadContract } from '../src/contract/load.js';
import { createRunServices } from '../src/engine/services.js';
import type { FaultId } from '../src/server/faults.js';
import { startServer } from '../src/server/index.js';
import { inProcessRunner, show } from './in-process.js';

const run = inProcessRunner('dodges-judges');



/** fault, the families run, the run-wide check that must fail (citing the fault's clause), the per-operation checks that still pass */
const cases: Array<[FaultId, string[], string, string[]]> = [
  ['hdr-version-missing-on-writes', ['CART', 'HDR-03'], 'HDR-03:*:every-answer', ['HDR-03:GET /products:api-version-echo', 'HDR-03:*:api-version-echo-on-error', 'HDR-03:GET /products:api-version-without']],
  ['hdr-correlation-dropped-on-422', ['ERR-04', 'HDR-04'], 'HDR-04:*:every-answer', ['HDR-04:GET /products:correlation-echo', 'HDR-04:*:correlation-echo-on-error', 'HDR-04:POST /auth/login:correlation-echo-on-post']],
  ['hdr-text-content-type-on-201', ['CART', 'HDR-01'], 'HDR-01:*:every-answer', ['HDR-01:GET /products:json-content-type', 'HDR-01:*:json-content-type-on-error']],
  ['hdr-correlation-not-generated-on-writes', ['HDR-02', 'HDR-05'], 'HDR-05:*:every-answer', ['HDR-05:POST /auth/login:correlation-generated-on-post', 'HDR-05:GET /products:correlation-generated']],
  ['hdr-correlation-not-uuid-on-404', ['ERR-05', 'HDR-05'], 'HDR-05:*:every-answer', ['HDR-05:GET /products:correlation-generated', 'HDR-05:GET /products/{productId}:correlation-generated']],
  ['err-500-line-item-update', ['CART', 'ERR-07'], 'ERR-07:*:no-5xx-observed', ['ERR-07:*:input-battery']],
  ['fmt-fraction-digits-cart-put', ['CART', 'FMT-01'], 'FMT-01:*:every-answer', ['FMT-01:GET /carts/{cartId}:money-semantics', 'FMT-01:GET /products:money-semantics']],
];

describe('run-wide judges: a fault on other families\' traffic fails the every-answer check', () => {
  test.each(cases)('fault %s', async (fault, only, mustFail, mustPass) => {
    const r = await run(only, { faults: [fault] });
    const failed = r.checks.find((c) => c.id === mustFail);
    expect(failed?.status, `${mustFail}:\n${show(r)}`).toBe('failed');
    const clause = mustFail.split(':')[0]!;
    expect(failed!.message).toContain(`(${clause})`);
    expect(failed!.message).toMatch(/^\d+ of \d+ .*answers of the whole run failed/);
    expect(failed!.evidence?.length ?? 0).toBeGreaterThan(0);
    for (const id of mustPass) expect(r.checks.find((c) => c.id === id)?.status, `${id}:\n${show(r)}`).toBe('passed');
  }, 120_000);
});

describe('the run-wide log', () => {
  test('judges every exchange of the run, not only the client\'s last 2,000', async () => {
    const server = await startServer({ port: 0, host: '127.0.0.1', faults: ['hdr-version-missing-on-writes', 'err-code-camel-case-login'], rateLimits: { default: 100_000, windowMs: 1000 } });
    const contract = loadContract('storefront-bff');
    const services = createRunServices({ contract, baseUrl: server.url, production: false, apiVersion: 'v1.0', timeoutMs: 10_000 });
    try {
      // the one faulty answer comes first: a failed login is a write, answered without X-Api-Version
      // and with the code "invalidCredentials"
      const email = server.customers[0]!.email;
      const login = await services.client.send({ method: 'POST', path: '/auth/login', json: { emailAddress: email, password: 'not-the-password-1', gRecaptchaResponse: server.recaptchaToken } });
      expect(login.response?.status).toBe(401);
      for (let sent = 0; sent < 2100; sent += 50) {
        await Promise.all(Array.from({ length: 50 }, () => services.client.send({ method: 'GET', path: '/categories' })));
      }
      expect(services.client.exchanges().some((ex) => ex.seq === login.seq), 'the client still keeps the first exchange').toBe(false);
      const t = services.answers.tally('HDR-03')!;
      expect(t.judged).toBe(2101);
      expect(t.failed).toBe(1);
      expect(t.offenders[0]!.exchange.request.method).toBe('POST');
      expect(t.offenders[0]!.message).toMatch(/POST \/auth\/login answered 401 without an X-Api-Version header .*\(HDR-03\)/);
      expect(services.answers.tally('ERR-07')!.judged).toBe(2101);
      // the error-answer judges (ERR-01..03's envelope checks read them) too
      const err = services.answers.tally('ERR-02')!;
      expect([err.judged, err.failed]).toEqual([1, 1]);
      expect(err.offenders[0]!.message).toMatch(/code "invalidCredentials"; a code is UPPER_SNAKE_CASE \(ERR-02\)/);
    } finally {
      await services.client.close();
      await server.close();
    }
  }, 60_000);
});
