// Ctrl-C at any moment of a full run, end to end through the real CLI (vitest driver, one worker)
// against a reference server: a SIGINT (to the process group, as a terminal sends it, or to the
// CLI alone, as a CI runner does) and a SIGTERM at random moments. A moment is a number of
// requests the target has received (a recording proxy counts them), drawn at random up to 95% of
// an uninterrupted run's: so it falls inside the run whatever the machine's load. Afterwards the test customer's
// profile, addresses and preferences equal their state before the run; the exit code is 130 / 143;
// results.json is written once; the checks cut short are "skipped: interrupted" and none failed
// because of the interrupt (the reference server is faithful: any failure would be the interrupt's).

import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { startServer } from '../../src/server/index.js';
import type { RunningServer } from '../../src/server/types.js';
import { type CustomerState, type Interrupt, buildCli, credentialsEnv, customerState, readResults, runCli, secretsOf } from './cli-child.js';
import { type HostileProxy, startHostileProxy } from './proxy.js';
import { leaks } from './secrets.js';

const root = mkdtempSync(join(tmpdir(), 'interrupt-e2e-'));
let server: RunningServer;
let proxy: HostileProxy;
let before: CustomerState;
/** what an uninterrupted run takes: requests to the target, wall time from its start line to its exit, its check ids */
let baseline = { requests: 0, ms: 0, checks: [] as string[] };

beforeAll(async () => {
  // a short rate-limit window, as the embedded server has: RL-03 waits one window for recovery
  await buildCli();
  server = await startServer({ port: 0, rateLimits: { windowMs: 2000 } });
  proxy = await startHostileProxy({ behaviour: 'pass', upstream: server.url });
  before = await customerState(server);
}, 180_000);
afterAll(async () => {
  await proxy?.close();
  await server?.close();
});

/** The signal goes `afterMs` after the target received `afterRequests` requests of this run. */
const run = (name: string, interrupt?: Omit<Interrupt, 'when'> & { afterRequests: number; afterMs?: number }) => {
  const from = proxy.requests.length;
  let reached: number | undefined;
  const when = () => {
    if (reached === undefined && proxy.requests.length - from >= interrupt!.afterRequests) reached = Date.now();
    return reached !== undefined && Date.now() - reached >= (interrupt!.afterMs ?? 0);
  };
  return runCli(['run', '--base-url', proxy.url, '--report-dir', join(root, name)], { env: credentialsEnv(server), interrupt: interrupt && { ...interrupt, when } });
};

describe('interrupting a full run', () => {
  test('an uninterrupted run passes and leaves the customer as it found them (the baseline)', async () => {
    const from = proxy.requests.length;
    const r = await run('baseline');
    expect(r.code, r.stderr.slice(-2000)).toBe(0);
    const results = readResults(join(root, 'baseline'));
    // the checks the run plans (schema-<status> results depend on what was received: not those)
    baseline = { requests: proxy.requests.length - from, ms: r.runMs!, checks: results.checks.map((c) => c.id).filter((id) => !/:schema-\d+$/.test(id)) };
    expect(await customerState(server)).toEqual(before);
    expect(results.summary.failed).toBe(0);
  }, 180_000);

  // random moments between the run's first requests and 95% of its requests; the draw is in the
  // test's name, so a failing moment can be replayed
  const moments: Array<Omit<Interrupt, 'when'> & { fraction: number; afterMs?: number; afterRequests?: number }> = [
    // after the probe, during the logins: the checks never start, and are all listed as such
    { signal: 'SIGINT', group: true, fraction: 0, afterRequests: 1 },
    // 0.8 s after the probe and the logins, while the vitest worker boots: no request flows then (a
    // worker killed there by the group's SIGINT once left no check listed and a "Worker forks emitted error")
    { signal: 'SIGINT', group: true, fraction: 0, afterMs: 800 },
    { signal: 'SIGINT', group: true, fraction: Math.random() },
    { signal: 'SIGINT', group: false, fraction: Math.random() },
    { signal: 'SIGTERM', group: true, fraction: Math.random() },
  ];
  test.each(moments.map((m, i) => [i, m] as const))('interrupt %i: %j', async (i, m) => {
    expect(baseline.requests, 'the baseline run measures the run').toBeGreaterThan(100);
    const afterRequests = m.afterRequests ?? 3 + Math.floor(m.fraction * baseline.requests * 0.95);
    const name = `interrupt-${i}`;
    const r = await run(name, { signal: m.signal, group: m.group, afterRequests, afterMs: m.afterMs });
    const at = `${m.signal} to the ${m.group ? 'group' : 'process'} ${m.afterMs ? `${m.afterMs} ms ` : ''}after ${afterRequests} of a run's ${baseline.requests} requests`;
    expect(r.interrupted, `${at}: the run ended before the signal`).toBe(true);
    expect(r.code, `${at}\n${r.stderr.slice(-3000)}`).toBe(m.signal === 'SIGINT' ? 130 : 143);
    // bounded: the cleanups each have a 10 s deadline; the run stops rather than finishes
    expect(r.ms).toBeLessThan(baseline.ms + 60_000);

    expect(await customerState(server), at).toEqual(before);

    const results = readResults(join(root, name));
    expect(results.interrupted).toBe(true);
    expect(results.exitCode).toBe(r.code);
    expect(results.verdict).toMatch(new RegExp(`interrupted \\(${m.signal}\\)`));
    expect(results.checks.filter((c) => c.status === 'failed' || c.status === 'errored').map((c) => `${c.id}: ${c.message}`), at).toEqual([]);
    for (const c of results.checks.filter((x) => /interrupt/i.test(x.message))) expect(c.status).toBe('skipped');
    // every check the run plans is listed: those that never ran say so
    const listed = new Set(results.checks.map((c) => c.id));
    expect(baseline.checks.filter((id) => !listed.has(id)), at).toEqual([]);
    expect(results.setup.filter((s) => s.level === 'error'), at).toEqual([]);
    expect(results.setup.filter((s) => /cleanup failed/.test(s.message)), at).toEqual([]);
    expect(r.stderr.match(/^reports: /gm) ?? [], 'reports written once').toHaveLength(1);
    expect(leaks(join(root, name), secretsOf(server))).toEqual([]);
  }, 180_000);
});
