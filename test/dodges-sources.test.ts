// No dodges (issue 9, item 2): a failing parameter source is a finding of that operation, and its
// dependents say which. The fault err-500-collections-limit-1 breaks only the request that provides
// {collectionId} (GET /collections?limit=1): the run must fail ERR-07 on GET /collections once, and
// every check needing {collectionId} skips naming that result, instead of skipping silently. A
// source that is legitimately empty (a customer without addresses) is no finding (the dependents'
// skip naming an empty source is pinned in src/engine/param-source.test.ts; the checks that change
// an address here use one of their own).

import { describe, expect, test } from 'vitest';
import { startServer } from '../src/server/index.js';
import { inProcessRunner, remoteTarget, show } from './in-process.js';

const run = inProcessRunner('dodges-sources');
const FINDING = 'ERR-07:GET /collections:parameter-source';
// the checks of GET /collections/{collectionId} among these clauses, and one that needs no {collectionId}
const ONLY = ['FMT-03', 'ERR-05'];
const DEPENDENTS = ['FMT-03:GET /collections/{collectionId}:localized-strings', 'ERR-05:GET /collections/{collectionId}:unknown-id'];



describe('a failing parameter source', () => {
  test('is one failed ERR-07 result of the source operation; its dependents skip naming it', async () => {
    const r = await run(ONLY, { faults: ['err-500-collections-limit-1'] });
    const findings = r.checks.filter((c) => c.id === FINDING);
    // once per source per run, however many dependents met it
    expect(findings.length, show(r)).toBe(1);
    const [f] = findings;
    expect(f).toMatchObject({ status: 'failed', clause: 'ERR-07', endpoint: 'GET /collections' });
    expect(f!.message).toMatch(/^GET \/collections\?limit=1 \(catalogue row \d+, the source of \{collectionId\}\) answered 500/);
    expect(f!.evidence?.[0]?.response?.status).toBe(500);
    expect(f!.evidence?.[0]?.curl).toContain('/collections?limit=1');
    for (const id of DEPENDENTS) {
      const d = r.checks.find((c) => c.id === id);
      expect(d?.status, `${id}\n${show(r)}`).toBe('skipped');
      expect(d?.message).toBe(`cannot obtain {collectionId}: depends on GET /collections, which failed: see ${FINDING}`);
    }
    // the rest of the run still runs: the list itself answers other pages
    expect(r.checks.find((c) => c.id === 'FMT-03:GET /collections:localized-strings')?.status, show(r)).toBe('passed');
    expect(r.exitCode).toBe(1);
    expect(r.coverage.find((c) => c.clause === 'ERR-07')).toMatchObject({ failed: 1 });
  }, 60_000);

  test('the clean server: no parameter-source finding, the dependents pass', async () => {
    const r = await run(ONLY);
    expect(r.checks.filter((c) => c.id.endsWith(':parameter-source')), show(r)).toEqual([]);
    for (const id of DEPENDENTS) expect(r.checks.find((c) => c.id === id)?.status, `${id}\n${show(r)}`).toBe('passed');
    expect(r.summary.failed + r.summary.skipped + r.summary.errored, show(r)).toBe(0);
  }, 60_000);

  test('a legitimately empty source (a customer without addresses) is no finding, and the checks of an address use their own', async () => {
    const server = await startServer({ port: 0, host: '127.0.0.1', rateLimits: { windowMs: 2000 } });
    try {
      const [c1] = server.customers;
      const headers = { 'content-type': 'application/json', 'X-Api-Version': 'v1.0' };
      const login = await fetch(`${server.url}/auth/login`, {
        method: 'POST', headers, body: JSON.stringify({ emailAddress: c1!.email, password: c1!.password, gRecaptchaResponse: server.recaptchaToken }),
      });
      const token = ((await login.json()) as { accessToken: string }).accessToken;
      const auth = { 'X-Api-Version': 'v1.0', 'X-BFF-Token': token };
      const list = (await (await fetch(`${server.url}/customers/me/addresses?limit=100`, { headers: auth })).json()) as { results: Array<{ id: string }> };
      for (const a of list.results) expect((await fetch(`${server.url}/customers/me/addresses/${a.id}`, { method: 'DELETE', headers: auth })).status).toBe(204);
      // checks of PUT /customers/me/addresses/{addressId} that create no address of their own
      const r = await run(['ERR-06', 'HDR-02'], {}, remoteTarget(server));
      expect(r.checks.filter((c) => c.id.endsWith(':parameter-source')), show(r)).toEqual([]);
      expect(r.summary.failed + r.summary.errored, show(r)).toBe(0);
      // the checks that change an address use one of the run's own (valid-requests.ts): an empty list
      // takes nothing from them (the resolver's skip naming an empty source: src/engine/param-source.test.ts)
      for (const id of ['ERR-06:PUT /customers/me/addresses/{addressId}:malformed-json-write', 'HDR-02:PUT /customers/me/addresses/{addressId}:non-json-body-415-write']) {
        expect(r.checks.find((c) => c.id === id)?.status, show(r)).toBe('passed');
      }
    } finally {
      await server.close();
    }
  }, 60_000);
});
