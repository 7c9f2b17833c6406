// End to end: runSuites against the real reference server over loopback (no mocks of our code).
// A clean full run gates 0 and writes the three reports; --only restricts; a port with nothing
// listening is "unreachable" within seconds; a fault fails with replayable, redacted evidence;
// a failing login is ONE setup error and skips the customer checks; tokens expiring mid-run are
// renewed by one re-login; production refuses writes; a run that checks nothing does not pass.

import { existsSync, mkdtempSync, readFileSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { ExitCode, UnreachableError, UsageError } from '../src/errors.js';
import { resolveConfig } from '../src/config/index.js';
import type { ResolvedConfig } from '../src/config/types.js';
import type { RunResults } from '../src/results.js';
import { runSuites } from '../src/engine/run.js';
import { startServer } from '../src/server/index.js';
import { reloginChecks } from './fixtures/relogin-checks.js';
import type { RunningServer } from '../src/server/types.js';

const cwd = mkdtempSync(join(tmpdir(), 'engine-test-'));
const config = (over: Partial<ResolvedConfig> = {}): ResolvedConfig => ({ ...resolveConfig({}, {}, cwd), ...over });
const dir = () => mkdtempSync(join(cwd, 'r-'));

/** A tiny well-formedness check of junit.xml: every tag closed in order, no stray '<' or '&'. */
function wellFormed(xml: string): boolean {
  const body = xml.replace(/^<\?xml[^>]*\?>\s*/, '');
  const stack: string[] = [];
  const re = /<(\/?)([A-Za-z][\w-]*)((?:\s+[\w-]+="[^"<]*")*)\s*(\/?)>|([^<]+)/g;
  let m: RegExpExecArray | null;
  let consumed = 0;
  while ((m = re.exec(body))) {
    if (m.index !== consumed) return false;
    consumed = re.lastIndex;
    if (m[5] !== undefined) {
      if (/&(?!(amp|lt|gt|quot|apos|#\d+);)/.test(m[5])) return false;
      continue;
    }
    if (m[1]) {
      if (stack.pop() !== m[2]) return false;
    } else if (!m[4]) stack.push(m[2]);
  }
  return consumed === body.length && stack.length === 0;
}

describe('a clean run against the embedded reference server', () => {
  let results: RunResults;
  const reportDir = dir();
  beforeAll(async () => {
    results = await runSuites({ config: config(), reportDir, reporters: ['json', 'junit', 'html'] });
  }, 120_000);

  test('gates 0 with checks from every family, ids stable and unique', () => {
    const failures = results.checks.filter((c) => c.status === 'failed').map((c) => `${c.id}: ${c.message}`);
    expect(failures).toEqual([]);
    expect(results.exitCode).toBe(ExitCode.OK);
    expect(results.setup.filter((s) => s.level === 'error')).toEqual([]);
    expect(results.summary.passed).toBeGreaterThan(100);
    expect(results.requests).toBeGreaterThan(100);
    const families = new Set(results.checks.map((c) => c.family));
    for (const f of ['PAG', 'SRT', 'AUTH', 'HDR', 'ERR', 'FMT']) expect(families).toContain(f);
    for (const c of results.checks) expect(c.id.startsWith(`${c.clause}:${c.endpoint}:`)).toBe(true);
  });

  test('every response was validated: schema results per operation and status', () => {
    const schema = results.checks.filter((c) => /:schema-\d{3}$/.test(c.id));
    expect(schema.length).toBeGreaterThan(20);
    expect(schema.filter((c) => c.status !== 'passed')).toEqual([]);
  });

  test('writes results.json, a well-formed junit.xml and one self-contained report.html', () => {
    const json = JSON.parse(readFileSync(join(reportDir, 'results.json'), 'utf8')) as RunResults;
    expect(json.checks.length).toBe(results.checks.length);
    const junit = readFileSync(join(reportDir, 'junit.xml'), 'utf8');
    expect(wellFormed(junit)).toBe(true);
    expect((junit.match(/<testcase /g) ?? []).length).toBe(results.checks.length);
    const html = readFileSync(join(reportDir, 'report.html'), 'utf8');
    expect(html).toContain('id="storefront-check-model"');
    expect(html).not.toMatch(/<script[^>]+src=|<link[^>]+href=/); // nothing external
    expect(JSON.stringify(json)).not.toMatch(/eyJ[\w-]+\.eyJ/); // no token anywhere
  });
});

describe('a run against a faulty server', () => {
  let server: RunningServer;
  let results: RunResults;
  beforeAll(async () => {
    server = await startServer({ faults: ['pag-duplicate-across-pages', 'err-malformed-json-500-cart-update'] });
    results = await runSuites({
      driver: 'in-process',
      baseUrl: server.url,
      config: config({ secrets: { customer: { email: server.customers[0].email, password: server.customers[0].password }, recaptchaToken: server.recaptchaToken } }),
      only: ['PAG', 'ERR-06'],
      reportDir: dir(),
      reporters: ['json', 'junit'],
    });
  }, 120_000);
  afterAll(() => server?.close());

  test('fails with exit 1, citing the clauses, only for the selected families and clauses', () => {
    expect(results.exitCode).toBe(ExitCode.FAILED);
    const failed = results.checks.filter((c) => c.status === 'failed');
    expect(failed.map((c) => c.clause)).toEqual(expect.arrayContaining(['PAG-07', 'ERR-06']));
    for (const c of results.checks) expect(c.family === 'PAG' || c.clause === 'ERR-06').toBe(true);
  });

  test('a finding carries redacted, replayable evidence', () => {
    const f = results.checks.find((c) => c.status === 'failed' && c.clause === 'ERR-06')!;
    const ev = f.evidence![0];
    expect(ev.request.method).toBe('PUT');
    expect(ev.response?.status).toBe(500);
    expect(ev.request.headers['X-BFF-Token']).toBe('<redacted:STOREFRONT_TOKEN>');
    expect(ev.curl).toMatch(/^curl .*-X PUT '.*\/carts\/[^']+' .*-H 'X-BFF-Token: '"\$STOREFRONT_TOKEN"/);
    expect(JSON.stringify(results)).not.toContain(server.customers[0].password);
  });
});

describe('setup', () => {
  let server: RunningServer;
  beforeAll(async () => {
    // tokens live 1 s: those the main process gets before vitest starts expire during the run
    server = await startServer({ tokenTtlSeconds: 1 });
  });
  afterAll(() => server?.close());

  test('a port with nothing listening is unreachable (exit 3) within seconds', async () => {
    const port = await new Promise<number>((resolve) => {
      const s = createServer().listen(0, '127.0.0.1', () => {
        const p = (s.address() as { port: number }).port;
        s.close(() => resolve(p));
      });
    });
    const started = Date.now();
    const err = await runSuites({ driver: 'in-process', baseUrl: `http://127.0.0.1:${port}`, config: config(), reportDir: dir(), reporters: ['json'] }).catch((e) => e);
    expect(err).toBeInstanceOf(UnreachableError);
    expect(err.exitCode).toBe(ExitCode.UNREACHABLE);
    expect(err.message).toMatch(new RegExp(`127\\.0\\.0\\.1:${port}.*ECONNREFUSED`));
    expect(Date.now() - started).toBeLessThan(5000);
  });

  test('a failing login is ONE setup error naming the variables; customer checks are skipped, not failed', async () => {
    const results = await runSuites({
      driver: 'in-process',
      baseUrl: server.url,
      config: config({ secrets: { customer: { email: server.customers[0].email, password: 'wrong-password-123' }, recaptchaToken: 'x' } }),
      only: ['AUTH-04', 'AUTH-07', 'HDR-07'],
      reportDir: dir(),
      reporters: ['json'],
    });
    expect(results.setup.filter((s) => s.level === 'error')).toHaveLength(1);
    expect(results.setup[0].message).toMatch(/STOREFRONT_CUSTOMER_EMAIL \/ STOREFRONT_CUSTOMER_PASSWORD \/ STOREFRONT_RECAPTCHA_TOKEN/);
    expect(results.setup[0].message).not.toContain('wrong-password-123');
    expect(results.checks.filter((c) => c.status === 'failed')).toEqual([]);
    const skipped = results.checks.filter((c) => c.status === 'skipped');
    expect(skipped.length).toBeGreaterThan(0);
    expect(skipped.some((c) => /could not log in/.test(c.message))).toBe(true);
    expect(results.exitCode).toBe(ExitCode.FAILED);
  });

  test('a token expiring mid-run is renewed by one re-login, noted, not reported as a 401', async () => {
    const results = await runSuites({
      baseUrl: server.url,
      config: config({
        secrets: { customer: { email: server.customers[0].email, password: server.customers[0].password }, recaptchaToken: server.recaptchaToken },
      }),
      driver: 'in-process',
      families: { RELOGIN: reloginChecks },
      reportDir: dir(),
      reporters: ['json'],
    });
    const check = results.checks.find((c) => c.id === 'AUTH-06:GET /customers/me:after-expiry')!;
    expect(check.status, check.message).toBe('passed');
    expect(check.message).toMatch(/rejected with 401: re-logged in and retried once/);
  }, 60_000);

  test('production: writes are skipped (ENV-02) and nothing but GET/HEAD and the login is sent', async () => {
    const results = await runSuites({
      driver: 'in-process',
      baseUrl: server.url,
      config: config({
        target: { env: 'production', baseUrl: server.url, production: true },
        readOnly: true,
        secrets: { customer: { email: server.customers[0].email, password: server.customers[0].password }, recaptchaToken: server.recaptchaToken },
      }),
      only: ['IDM', 'ENV', 'AUTH'],
      reportDir: dir(),
      reporters: ['json'],
    });
    const writes = results.checks.filter((c) => /^(POST|PUT|DELETE|PATCH) /.test(c.endpoint) && !c.endpoint.includes('/auth/login'));
    for (const c of writes) expect(c.status, `${c.id}: ${c.message}`).toBe('skipped');
    expect(results.checks.filter((c) => /tool error/.test(c.message))).toEqual([]);
  }, 120_000);

  test('--only naming nothing known is a usage error; a run that checks nothing does not pass', async () => {
    await expect(runSuites({ driver: 'in-process', config: config(), only: ['NOPE'], reportDir: dir(), reporters: ['json'] })).rejects.toBeInstanceOf(UsageError);
    const results = await runSuites({
      driver: 'in-process',
      baseUrl: server.url,
      config: config({ secrets: {} }),
      only: ['AUTH-08'],
      reportDir: dir(),
      reporters: ['json'],
    });
    expect(results.summary.passed + results.summary.failed).toBe(0);
    expect(results.exitCode).toBe(ExitCode.FAILED);
    expect(results.verdict).toMatch(/nothing was checked/);
  }, 60_000);

  test('an aborted run still writes its reports, marked interrupted', async () => {
    const controller = new AbortController();
    const reportDir = dir();
    const pending = runSuites({ driver: 'in-process', baseUrl: server.url, config: config(), reportDir, reporters: ['json'], signal: controller.signal, onProgress: (e) => e.type === 'check' && controller.abort() });
    const results = await pending;
    expect(results.interrupted).toBe(true);
    expect(results.exitCode).not.toBe(ExitCode.OK);
    expect(existsSync(join(reportDir, 'results.json'))).toBe(true);
  }, 60_000);

  test('losing the target midway stops the run, keeps what it has and exits 3', async () => {
    const doomed = await startServer();
    const reportDir = dir();
    let seen = 0;
    const results = await runSuites({
      driver: 'in-process',
      baseUrl: doomed.url,
      config: config({ secrets: { customer: { email: doomed.customers[0].email, password: doomed.customers[0].password }, recaptchaToken: doomed.recaptchaToken } }),
      only: ['HDR', 'PAG', 'SRT', 'FLT'],
      reportDir,
      reporters: ['json'],
      retry: { maxWaitMs: 500 },
      onProgress: (e) => {
        if (e.type === 'check' && ++seen === 20) void doomed.close();
      },
    });
    expect(results.interrupted).toBe(true);
    expect(results.exitCode).toBe(ExitCode.UNREACHABLE);
    expect(results.setup.map((s) => s.message).join()).toMatch(/lost the target/);
    expect(results.checks.filter((c) => c.status === 'passed').length).toBeGreaterThanOrEqual(19);
    expect(existsSync(join(reportDir, 'results.json'))).toBe(true);
  }, 120_000);
});
