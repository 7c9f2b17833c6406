// Redaction on the write path, against a target that echoes every credential it receives in every
// encoding (raw, JSON-escaped, URL-encoded, base64) in headers and bodies: the exchanges are recorded
// by a Redactor that does not yet know the login token (as in a run, where the login exchange is
// recorded before its token is known), turned into evidence, messages and setup lines, and written by
// every reporter. A sweep of every output file (and the console) finds no secret in any form.
// The same reporters without write-time redaction do leak: the sweep can fail.
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Writable } from 'node:stream';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadContract } from '../../src/contract/load.js';
import { createHttpClient } from '../../src/http/client.js';
import { toEvidence } from '../../src/http/evidence.js';
import { Redactor } from '../../src/http/redact.js';
import { login } from '../../src/http/session.js';
import type { Exchange } from '../../src/http/types.js';
import { REPORTER_NAMES, createReporters } from '../../src/report/index.js';
import type { RunResults } from '../../src/results.js';
import { startServer } from '../../src/server/index.js';
import type { RunningServer } from '../../src/server/types.js';
import { type HostileProxy, startHostileProxy } from './proxy.js';
import { leaks } from './secrets.js';

const contract = loadContract('storefront-bff');
const conv = contract.conventions.auth;
const loginOp = contract.byId(conv.login.operationId);
/** a configured password with the characters that escape naive redaction */
const NASTY = 'Pa"ss\\wo/rd-with"quotes';

let server: RunningServer;
let proxy: HostileProxy;
const exchanges: Exchange[] = [];
const secrets: Record<string, string> = {};

beforeAll(async () => {
  server = await startServer({ port: 0 });
  proxy = await startHostileProxy({ behaviour: 'echo-secrets', upstream: server.url });
  const client = createHttpClient({ baseUrl: proxy.url, auth: { customer: conv.customer, service: conv.service }, timeoutMs: 5000, login: loginOp });
  const [c1] = server.customers;
  const creds = { email: c1.email, password: c1.password, recaptchaToken: server.recaptchaToken };
  const wrong = await login(client, loginOp, conv.login, { ...creds, password: NASTY });
  const right = await login(client, loginOp, conv.login, creds);
  if (!right.ok) throw new Error('the reference server refused its own test customer');
  exchanges.push(wrong.exchange!, right.exchange);
  exchanges.push(await client.send({ method: 'GET', path: '/customers/me', auth: { token: right.token, as: 'customer' } }));
  exchanges.push(await client.send({ method: 'GET', path: '/products', query: { limit: 1 }, auth: { token: server.serviceToken, as: 'service' } }));
  await client.close();
  Object.assign(secrets, {
    STOREFRONT_CUSTOMER_PASSWORD: c1.password,
    NASTY_PASSWORD: NASTY,
    STOREFRONT_SERVICE_TOKEN: server.serviceToken,
    STOREFRONT_TOKEN: right.token, // learned after the login exchange was recorded
  });
});
afterAll(async () => {
  await proxy.close();
  await server.close();
});

/** Results as a run would build them, with a recording-time Redactor that knows only the configured secrets. */
function results(): RunResults {
  const early = new Redactor({ secrets: [{ value: secrets.STOREFRONT_CUSTOMER_PASSWORD }, { value: NASTY }, { value: secrets.STOREFRONT_SERVICE_TOKEN }] });
  const check = (id: string, ex: Exchange) => ({
    id, clause: 'AUTH-01', family: 'AUTH', endpoint: `${ex.request.method} ${new URL(ex.request.url).pathname}`, title: id,
    status: 'failed' as const, durationMs: 1,
    // a message quoting the body raw, as a careless check would
    message: `unexpected answer: ${ex.response?.text.slice(0, 2000)} (header ${JSON.stringify(ex.response?.headers ?? {})})`,
    evidence: [toEvidence(ex, early)],
  });
  return {
    tool: { name: 'storefront-check', version: '0.0.0' }, target: { baseUrl: proxy.url, env: 'custom', embedded: false }, pack: 'storefront-bff',
    startedAt: new Date().toISOString(), durationMs: 1, requests: exchanges.length,
    summary: { passed: 0, failed: exchanges.length, warned: 0, skipped: 0, errored: 0 },
    checks: exchanges.map((ex, i) => check(`AUTH-01:x:echo-${i}`, ex)),
    coverage: [],
    setup: [{ level: 'error', message: `login failed with {"password":${JSON.stringify(NASTY)}} and token ${secrets.STOREFRONT_TOKEN}` }],
    exitCode: 1,
  };
}

async function writeReports(redact: boolean): Promise<{ dir: string; console: string }> {
  const dir = mkdtempSync(join(tmpdir(), 'sc-redaction-'));
  let printed = '';
  const stream = new Writable({
    write(chunk, _enc, done) {
      printed += String(chunk);
      done();
    },
  });
  const r = results();
  const reporters = createReporters(REPORTER_NAMES, { stream, color: false }, redact ? { secrets: () => Object.entries(secrets).map(([name, value]) => ({ name, value })) } : undefined);
  for (const check of r.checks) for (const rep of reporters) rep.onProgress?.({ type: 'check', result: check });
  for (const rep of reporters) await rep.onRunEnd?.(r, dir);
  return { dir, console: printed };
}

describe('no secret in any output file, in any form', () => {
  it('the target really echoed the secrets (raw, JSON-escaped, URL-encoded, base64) in headers and bodies', () => {
    const all = exchanges.map((ex) => `${JSON.stringify(ex.response?.headers)}\n${ex.response?.text}`).join('\n');
    expect(all).toContain(Buffer.from(NASTY).toString('base64'));
    expect(all).toContain(encodeURIComponent(NASTY));
    expect(all).toContain(JSON.stringify(NASTY).slice(1, -1));
    expect(all).toContain(secrets.STOREFRONT_TOKEN);
    expect(exchanges[1].response?.headers['x-echo-base64']).toContain(Buffer.from(secrets.STOREFRONT_CUSTOMER_PASSWORD).toString('base64'));
  });

  it('without write-time redaction the reports leak (the sweep can fail)', async () => {
    const { dir } = await writeReports(false);
    expect(leaks(dir, secrets).length).toBeGreaterThan(0);
  });

  it('with it, every file every reporter wrote, and the console, are clean', async () => {
    const { dir, console } = await writeReports(true);
    expect(leaks(dir, secrets)).toEqual([]);
    expect(leaks({ console }, secrets)).toEqual([]);
    // a reporter that shortens a message was handed it redacted: not even half a token is printed
    expect(console).not.toContain(secrets.STOREFRONT_TOKEN.split('.')[1].slice(0, 16));
    // and the reports are still what they were: valid JSON, well-formed enough XML, the HTML model parses
    const { readFileSync } = await import('node:fs');
    const json = JSON.parse(readFileSync(join(dir, 'results.json'), 'utf8')) as RunResults;
    expect(json.checks).toHaveLength(exchanges.length);
    expect(JSON.stringify(json)).toContain('[redacted:STOREFRONT_TOKEN]');
    const html = readFileSync(join(dir, 'report.html'), 'utf8');
    const model = html.match(/<script id="storefront-check-model" type="application\/json">([\s\S]*?)<\/script>/)![1];
    expect(() => JSON.parse(model)).not.toThrow();
    expect(readFileSync(join(dir, 'junit.xml'), 'utf8')).toMatch(/<\/testsuites>\s*$/);
  });
});
