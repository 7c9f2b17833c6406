// ENV-02 at the HTTP layer, proven on the wire: a production-marked client talks to the reference
// server through a recording proxy, and the proxy sees only GET/HEAD, the run's own login once per
// customer (never a wrong password, a made-up account or a malformed body), and one logout per
// session at the end. A non-production client is not restricted.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadContract } from '../../src/contract/load.js';
import { createHttpClient } from '../../src/http/client.js';
import { ProductionWriteRefused } from '../../src/http/errors.js';
import { createProductionPolicy } from '../../src/http/interceptors/guard.js';
import { type LoginCredentials, createSessionStore, endSessions, login, loginBodyText } from '../../src/http/session.js';
import { startServer } from '../../src/server/index.js';
import type { RunningServer } from '../../src/server/types.js';
import { type HostileProxy, startHostileProxy } from './proxy.js';

const contract = loadContract('storefront-bff');
const conv = contract.conventions.auth;
const loginOp = contract.byId(conv.login.operationId);
const logoutOp = contract.byId(conv.logout!.operationId);
let server: RunningServer;
let proxy: HostileProxy;

beforeAll(async () => {
  server = await startServer({ port: 0 });
  proxy = await startHostileProxy({ behaviour: 'pass', upstream: server.url });
});
afterAll(async () => {
  await proxy.close();
  await server.close();
});

function setup(production: boolean) {
  const [c1, c2] = server.customers.map((c) => ({ email: c.email, password: c.password, recaptchaToken: server.recaptchaToken }));
  const policy = createProductionPolicy({ production, loginBodies: [c1, c2].map((c) => loginBodyText(conv.login, c)) });
  const client = createHttpClient({
    baseUrl: proxy.url,
    auth: { customer: conv.customer, service: conv.service },
    timeoutMs: 5000,
    policy,
    login: loginOp,
    logout: logoutOp,
  });
  return { c1, c2, policy, client, logIn: (creds: LoginCredentials) => login(client, loginOp, conv.login, creds) };
}

describe('production: only safe requests reach the target', () => {
  it('lets through reads, the run’s own logins once each, and one logout per session at the end', async () => {
    const { c1, c2, policy, client, logIn } = setup(true);
    const before = proxy.requests.length;

    expect((await client.send({ method: 'GET', path: '/products', query: { limit: 2 } })).response?.status).toBe(200);
    const first = await logIn(c1);
    expect(first.ok).toBe(true);
    const second = await logIn(c2);
    expect(second.ok).toBe(true);

    // a second login of the same customer, a wrong password, a made-up account, a malformed body, a write
    await expect(logIn(c1)).rejects.toThrow(/already logged in: production gets one login per customer/);
    await expect(logIn({ ...c1, password: `${c1.password}-wrong` })).rejects.toThrow(/only the login of a configured test customer/);
    await expect(logIn({ ...c1, email: 'made-up@example.com' })).rejects.toThrow(ProductionWriteRefused);
    await expect(client.send({ method: 'POST', path: loginOp.path, body: '{"emailAddress":' })).rejects.toThrow(ProductionWriteRefused);
    await expect(client.send({ method: 'POST', path: loginOp.path, json: {} })).rejects.toThrow(ProductionWriteRefused);
    await expect(client.send({ method: 'POST', path: '/carts', json: {} })).rejects.toThrow(/production is read-only/);
    // a logout the run did not ask for (a check's own) is refused
    const t1 = first.ok ? first.token : '';
    await expect(client.send({ method: 'POST', path: logoutOp.path, auth: { token: t1, as: 'customer' } })).rejects.toThrow(/one logout per session/);

    const problems = await endSessions(client, logoutOp, [t1, second.ok ? second.token : undefined, t1], policy);
    expect(problems).toEqual([]);
    // ending again sends nothing: each session is logged out once
    expect(await endSessions(client, logoutOp, [t1], policy)).toEqual([expect.stringMatching(/one logout per session/)]);

    const sent = proxy.requests.slice(before).map((r) => `${r.method} ${r.url.split('?')[0]} ${r.method === 'POST' && r.url === loginOp.path ? r.body : ''}`.trim());
    expect(sent).toEqual([
      'GET /products',
      `POST ${loginOp.path} ${loginBodyText(conv.login, c1)}`,
      `POST ${loginOp.path} ${loginBodyText(conv.login, c2)}`,
      `POST ${logoutOp.path}`,
      `POST ${logoutOp.path}`,
    ]);
    // the session really ended
    const after = await client.send({ method: 'GET', path: '/customers/me', auth: { token: t1, as: 'customer' } });
    expect(after.response?.status).toBe(401);
    await client.close();
  });

  it('a re-login on 401 is refused on production: the check sees the 401, nothing is sent', async () => {
    const { c1, client, logIn } = setup(true);
    const ok = await logIn(c1);
    expect(ok.ok).toBe(true);
    const store = createSessionStore({ tokens: { customer: 'revoked-or-expired' }, credentials: { customer: c1 }, login: logIn });
    const relogging = createHttpClient({ baseUrl: proxy.url, auth: { customer: conv.customer, service: conv.service }, timeoutMs: 5000, store, login: loginOp, policy: undefined, production: true });
    const before = proxy.requests.length;
    const ex = await relogging.send({ method: 'GET', path: '/customers/me', auth: 'customer' });
    expect(ex.response?.status).toBe(401);
    expect(ex.notes.join()).toMatch(/re-login failed: .*already logged in/);
    expect(proxy.requests.slice(before).map((r) => r.method)).toEqual(['GET']);
    await relogging.close();
    await client.close();
  });

  it('a production client without a policy sends no login at all', async () => {
    const client = createHttpClient({ baseUrl: proxy.url, auth: { customer: conv.customer, service: conv.service }, timeoutMs: 5000, production: true, login: loginOp });
    const [c1] = server.customers;
    await expect(login(client, loginOp, conv.login, { ...c1, recaptchaToken: server.recaptchaToken })).rejects.toThrow(ProductionWriteRefused);
    await client.close();
  });

  it('off production nothing is refused (negative logins are the AUTH checks’ job)', async () => {
    const { c1, client, logIn } = setup(false);
    expect((await logIn({ ...c1, password: 'wrong-password' })).ok).toBe(false);
    expect((await logIn(c1)).ok).toBe(true);
    expect((await logIn(c1)).ok).toBe(true);
    await client.close();
  });
});
