// How a run stops, in-process on the CheckRuntime against the reference server: what a cleanup
// could not undo is listed (the target gone before the cleanups ran), and the run's --deadline
// stops it like an interrupt — no new check, the cleanups run, exit 1 with a verdict naming the
// deadline, and the results say which checks never ran.

import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import type { CheckContext, CheckDef } from '../../src/checks/types.js';
import { resolveConfig } from '../../src/config/index.js';
import type { ResolvedConfig } from '../../src/config/types.js';
import { runSuites } from '../../src/engine/run.js';
import { ExitCode } from '../../src/errors.js';
import { startServer } from '../../src/server/index.js';
import type { RunningServer } from '../../src/server/types.js';
import { customerState } from './cli-child.js';
import { type HostileProxy, startHostileProxy } from './proxy.js';

const cwd = mkdtempSync(join(tmpdir(), 'stopping-'));
let server: RunningServer;
beforeAll(async () => {
  server = await startServer({ port: 0 });
});
afterAll(async () => {
  await server?.close();
});

const config = (over: Partial<ResolvedConfig> = {}): ResolvedConfig => ({
  ...resolveConfig({}, {}, cwd),
  secrets: { customer: { email: server.customers[0].email, password: server.customers[0].password }, recaptchaToken: server.recaptchaToken },
  ...over,
});

const address = { firstName: 'Stop', lastName: 'Test', streetName: '1 Stop St', city: 'Sydney', state: 'NSW', postcode: '2000', country: 'AU' };

/** Creates an address (deleted at cleanup), then calls `then`. */
const creating = (slug: string, then: (ctx: CheckContext) => Promise<void>): CheckDef => ({
  slug, clause: 'IDM-03', endpoint: 'POST /customers/me/addresses', title: 'creates an address', writes: true, stateful: false,
  async run(ctx) {
    const ex = await ctx.send({ method: 'POST', path: '/customers/me/addresses', json: address, auth: 'customer' });
    const id = (ex.response?.json as { id?: string } | undefined)?.id;
    if (ex.response?.status !== 201 || !id) ctx.fail(`POST /customers/me/addresses answered ${ex.response?.status}`, ex);
    ctx.cleanup(() => ctx.send({ method: 'DELETE', path: `/customers/me/addresses/${id}`, auth: 'customer' }));
    await then(ctx);
  },
});

describe('what a run cannot undo is listed', () => {
  test('the target gone before the cleanups: each one not done is a setup warning naming its request', async () => {
    let proxy: HostileProxy | undefined = await startHostileProxy({ behaviour: 'pass', upstream: server.url });
    const results = await runSuites({
      driver: 'in-process', baseUrl: proxy.url, config: config(), reportDir: join(cwd, 'gone'), reporters: ['json'], retry: { maxWaitMs: 200 },
      families: {
        GONE: [
          creating('then-target-dies', async () => {
            await proxy!.close();
            proxy = undefined;
          }),
        ],
      },
    });
    await proxy?.close();
    const warnings = results.setup.filter((s) => s.level === 'warning').map((s) => s.message);
    expect(warnings).toContainEqual(expect.stringMatching(/^cleanup failed: DELETE \/customers\/me\/addresses\/[\w-]+ got no response \(ECONNREFUSED\)$/));
    // the address is really still there: the listing is the truth
    expect((await customerState(server)).addresses).toContainEqual(expect.objectContaining({ streetName: '1 Stop St' }));
  }, 60_000);
});

describe('--deadline', () => {
  test('past the deadline no new check starts, the cleanups run, exit 1 naming the deadline, the checks that never ran say so', async () => {
    const before = await customerState(server);
    const slow = creating('slow', (ctx) => new Promise((resolve) => setTimeout(resolve, 3000)).then(() => ctx.note('slept')));
    const queued: CheckDef[] = Array.from({ length: 4 }, (_, i) => ({ ...slow, slug: `queued-${i}` }));
    const started = Date.now();
    const results = await runSuites({
      driver: 'in-process', baseUrl: server.url, config: config({ deadlineMs: 1000, concurrency: 1 }), reportDir: join(cwd, 'deadline'), reporters: ['json'],
      families: { SLOW: [slow, ...queued] },
    });
    expect(Date.now() - started).toBeLessThan(20_000);
    expect(results.exitCode).toBe(ExitCode.FAILED);
    expect(results.interrupted).toBe(true);
    expect(results.verdict).toBe("the run's --deadline passed: 5 check(s) never ran or were cut short (skipped: deadline); the reports hold what was checked so far");
    const byId = Object.fromEntries(results.checks.map((c) => [c.id.split(':').pop(), c]));
    expect(byId.slow).toMatchObject({ status: 'skipped', message: "deadline: the run's --deadline passed while this check ran" });
    for (let i = 0; i < 4; i++) expect(byId[`queued-${i}`]).toMatchObject({ status: 'skipped', message: "deadline: the run's --deadline passed before this check started" });
    expect(results.setup.filter((s) => /cleanup failed/.test(s.message))).toEqual([]);
    // the one check that ran created an address: its cleanup ran
    expect(await customerState(server)).toEqual(before);
  }, 60_000);

  test('a run that ends before its deadline is judged as usual', async () => {
    const quick: CheckDef = { slug: 'quick', clause: 'PAG-01', endpoint: 'GET /products', title: 'quick', async run(ctx) { await ctx.send({ method: 'GET', path: '/products' }); } };
    const results = await runSuites({ driver: 'in-process', baseUrl: server.url, config: config({ deadlineMs: 60_000 }), reportDir: join(cwd, 'in-time'), reporters: ['json'], families: { QUICK: [quick] } });
    expect(results.exitCode).toBe(ExitCode.OK);
    expect(results.interrupted).toBeUndefined();
  }, 60_000);
});
