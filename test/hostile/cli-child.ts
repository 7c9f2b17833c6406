// The end-to-end harness of the hostile suite: the real CLI (built from the current sources once
// per test run, buildCli) as a child process against a reference server started in the test, with the
// test customers' credentials in STOREFRONT_* variables. It samples the child's process tree
// (the CLI and its vitest worker) from /proc for peak memory, can interrupt it at a moment of the
// run (to the process or its group), and reads back what a run must leave behind: one
// results.json, and the customer's profile, addresses and preferences as they were.

import { spawn, spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, readFileSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { loadContract } from '../../src/contract/load.js';
import { createHttpClient } from '../../src/http/client.js';
import { login } from '../../src/http/session.js';
import type { RunResults } from '../../src/results.js';
import type { RunningServer } from '../../src/server/types.js';
import { processTree } from './proc-tree.js';

const repo = fileURLToPath(new URL('../..', import.meta.url));
let bin: string | undefined;

/**
 * Build the CLI from the current sources (dist/ may be stale: `npm test` does not build), once per
 * test run: the e2e files run in parallel forks of one vitest process, so the first to get here
 * builds into a folder named after that process and the others wait for it. The folder is inside
 * the repo, so the built CLI finds the package root (suites/, schemas/) by walking up.
 */
export async function buildCli(): Promise<string> {
  const base = join(repo, 'node_modules', '.cache', 'storefront-check-hostile-e2e');
  const dir = join(base, String(process.ppid));
  const built = join(dir, 'src', 'cli', 'bin.js');
  const done = join(dir, '.done');
  mkdirSync(base, { recursive: true });
  let mine = true;
  try {
    mkdirSync(dir);
  } catch {
    mine = false;
  }
  if (mine) {
    for (const old of readdirSync(base)) if (old !== String(process.ppid)) rmSync(join(base, old), { recursive: true, force: true });
    // tsc emits even when work in progress elsewhere has type errors; only the output matters
    spawnSync(process.execPath, [join(repo, 'node_modules', 'typescript', 'bin', 'tsc'), '-p', join(repo, 'tsconfig.build.json'), '--outDir', dir], { cwd: repo });
    if (!existsSync(built)) throw new Error(`the build did not produce ${built}`);
    writeFileSync(done, '');
  } else {
    for (const end = Date.now() + 150_000; !existsSync(done); ) {
      if (Date.now() > end) throw new Error(`no build of the CLI appeared in ${dir}`);
      await new Promise((r) => setTimeout(r, 200));
    }
  }
  return (bin = built);
}

/** The test customers, recaptcha and service token of `server`, as the CLI reads them. */
export function credentialsEnv(server: RunningServer): Record<string, string> {
  const [c1, c2] = server.customers;
  return {
    STOREFRONT_CUSTOMER_EMAIL: c1.email,
    STOREFRONT_CUSTOMER_PASSWORD: c1.password,
    STOREFRONT_CUSTOMER2_EMAIL: c2.email,
    STOREFRONT_CUSTOMER2_PASSWORD: c2.password,
    STOREFRONT_RECAPTCHA_TOKEN: server.recaptchaToken,
    STOREFRONT_SERVICE_TOKEN: server.serviceToken,
  };
}

/** The secrets a run holds, by name, for leaks(dir, secrets). */
export function secretsOf(server: RunningServer): Record<string, string> {
  const env = credentialsEnv(server);
  return {
    STOREFRONT_CUSTOMER_PASSWORD: env.STOREFRONT_CUSTOMER_PASSWORD,
    STOREFRONT_CUSTOMER2_PASSWORD: env.STOREFRONT_CUSTOMER2_PASSWORD,
    STOREFRONT_SERVICE_TOKEN: env.STOREFRONT_SERVICE_TOKEN,
  };
}

export interface Interrupt {
  signal: 'SIGINT' | 'SIGTERM';
  /** sent once this says the moment has come (polled every 5 ms), e.g. after the target got n requests */
  when: () => boolean;
  /** to the whole process group (a terminal's Ctrl-C) or to the CLI process alone (a CI runner) */
  group: boolean;
}

export interface ChildRun {
  code: number | null;
  signal: NodeJS.Signals | null;
  stderr: string;
  stdout: string;
  /** wall time of the child, ms */
  ms: number;
  /** from the start line to the exit, ms (the run proper) */
  runMs?: number;
  /** the sum of every process's high-water mark (VmHWM) in the tree: an upper bound of the tree's peak */
  peakMb: number;
  /** whether the interrupt was sent (false when the run ended first) */
  interrupted: boolean;
}

/** Run the CLI to its end (killed with SIGKILL past `killAfterMs`, which fails the caller's exit assertion). */
export function runCli(args: string[], opts: { env?: Record<string, string>; interrupt?: Interrupt; killAfterMs?: number; cwd?: string } = {}): Promise<ChildRun> {
  if (!bin) throw new Error('runCli: call buildCli() first (in beforeAll)');
  const started = Date.now();
  const child = spawn(process.execPath, [bin, ...args], {
    cwd: opts.cwd,
    env: { ...process.env, NO_COLOR: '1', ...opts.env },
    stdio: ['ignore', 'pipe', 'pipe'],
    detached: true, // its own process group, so a group signal reaches the CLI and its worker and nothing else
  });
  let stdout = '';
  let stderr = '';
  let runStarted: number | undefined;
  let interrupted = false;
  const hwm = new Map<number, number>();
  const timers: NodeJS.Timeout[] = [];
  const sample = () => {
    for (const [pid, { hwm: kb }] of processTree(child.pid!)) hwm.set(pid, Math.max(hwm.get(pid) ?? 0, kb));
  };
  timers.push(setInterval(sample, 50));
  child.stdout!.on('data', (c: Buffer) => (stdout += c));
  child.stderr!.on('data', (c: Buffer) => {
    stderr += c;
    if (runStarted === undefined && /storefront-check → /.test(stderr)) runStarted = Date.now();
  });
  const i = opts.interrupt;
  if (i) {
    const poll = setInterval(() => {
      if (child.exitCode !== null || child.signalCode !== null || !i.when()) return;
      clearInterval(poll);
      interrupted = true;
      process.kill(i.group ? -child.pid! : child.pid!, i.signal);
    }, 5);
    timers.push(poll);
  }
  timers.push(setTimeout(() => child.kill('SIGKILL'), opts.killAfterMs ?? 120_000));
  return new Promise((resolve) => {
    child.on('exit', (code, signal) => {
      sample();
      for (const t of timers) clearTimeout(t);
      const ms = Date.now() - started;
      const peakMb = [...hwm.values()].reduce((a, b) => a + b, 0) / 1024;
      // the streams may still hold the last lines
      setTimeout(() => resolve({ code, signal, stdout, stderr, ms, runMs: runStarted && Date.now() - runStarted, peakMb, interrupted }), 50);
    });
  });
}

/** results.json of a report directory, checked to be there once, with no check id twice. */
export function readResults(dir: string): RunResults {
  const files = readdirSync(dir).filter((f) => f.startsWith('results') && f.endsWith('.json'));
  if (files.length !== 1 || !existsSync(join(dir, 'results.json'))) throw new Error(`expected one results.json in ${dir}, found ${files.join(', ') || 'none'}`);
  const results = JSON.parse(readFileSync(join(dir, 'results.json'), 'utf8')) as RunResults;
  const ids = results.checks.map((c) => c.id);
  const twice = ids.filter((id, i) => ids.indexOf(id) !== i);
  if (twice.length) throw new Error(`check ids recorded twice: ${[...new Set(twice)].slice(0, 5).join(', ')}`);
  return results;
}

export interface CustomerState {
  profile: Record<string, unknown>;
  addresses: unknown[];
  preferences: unknown;
}

const contract = loadContract('storefront-bff');

/** A customer's profile (without its version and modification time), addresses and preferences, read directly from the server. */
export async function customerState(server: RunningServer, who: 0 | 1 = 0): Promise<CustomerState> {
  const conv = contract.conventions.auth;
  const client = createHttpClient({ baseUrl: server.url, auth: { customer: conv.customer, service: conv.service }, timeoutMs: 10_000 });
  const c = server.customers[who];
  const session = await login(client, contract.byId(conv.login.operationId), conv.login, { email: c.email, password: c.password, recaptchaToken: server.recaptchaToken });
  if (!session.ok) throw new Error(`cannot read the customer's state: ${session.message}`);
  const auth = { token: session.token, as: 'customer' as const };
  const get = async (path: string, query?: Record<string, string | number>) => {
    const ex = await client.send({ method: 'GET', path, query, auth });
    if (ex.response?.status !== 200) throw new Error(`GET ${path} answered ${ex.response?.status ?? ex.error?.code}`);
    return ex.response.json as Record<string, unknown>;
  };
  try {
    // the version and modification time move with every change, the restoring one included
    const { version: _v, lastModifiedAt: _m, updatedAt: _u, ...profile } = await get('/customers/me');
    const addresses = (await get('/customers/me/addresses', { limit: 100 })).results as unknown[];
    const preferences = await get('/customers/me/preferences');
    return { profile, addresses, preferences };
  } finally {
    await client.send({ method: 'POST', path: contract.byId(conv.logout!.operationId).path, auth, relogin: false, retry: false });
    await client.close();
  }
}
