// The project's tests run the checks in-process (runSuites, driver 'in-process': no nested test
// runner) against a reference server over loopback HTTP. One runner per test file, each run with
// its own report directory; the few ways tests read results; and the configuration that points a
// run at a server of the test's own (a "remote" target, with its test customers' credentials).

import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { resolveConfig } from '../src/config/index.js';
import type { ResolvedConfig } from '../src/config/types.js';
import { type RunOptions, runSuites } from '../src/engine/run.js';
import type { CheckResult, RunResults } from '../src/results.js';
import type { RunningServer, StartOptions } from '../src/server/types.js';
import type { V2RunningServer } from '../src/server/v2/types.js';

export type InProcessRun = (only: string[], embedded?: StartOptions, over?: Partial<ResolvedConfig>) => Promise<RunResults>;

export interface RunnerDefaults {
  pack?: string;
  /** the embedded server's options every run of the file starts from (a run's own are merged over them) */
  embedded?: StartOptions;
  /** configuration every run of the file starts from */
  config?: Partial<ResolvedConfig>;
  /** the client's retry policy (default: at most 3 s waiting per request) */
  retry?: RunOptions['retry'];
}

/** A runner for one test file: `run(only, embedded server options, config overrides)`. */
export function inProcessRunner(name: string, defaults: RunnerDefaults = {}): InProcessRun & { cwd: string } {
  const cwd = mkdtempSync(join(tmpdir(), `${name}-`));
  const run = (only: string[], embedded: StartOptions = {}, over: Partial<ResolvedConfig> = {}) =>
    runSuites({
      embedded: { ...defaults.embedded, ...embedded },
      config: { ...resolveConfig(defaults.pack ? { pack: defaults.pack } : {}, {}, cwd), ...defaults.config, ...over },
      only,
      reporters: ['json'],
      reportDir: mkdtempSync(join(cwd, 'r-')),
      retry: defaults.retry ?? { maxWaitMs: 3000 },
      driver: 'in-process',
    });
  return Object.assign(run, { cwd });
}

/** Config overrides aiming a run at a server the test started (BFF or v2), with both test customers. */
export function remoteTarget(server: RunningServer | V2RunningServer, url = server.url): Partial<ResolvedConfig> {
  const [c1, c2] = server.customers;
  const customers = { customer: { email: c1!.email, password: c1!.password }, customer2: { email: c2!.email, password: c2!.password } };
  const target = { env: 'custom', baseUrl: url, production: false };
  if ('otpCode' in server) return { target, secrets: customers, otpCode: server.otpCode };
  return { target, secrets: { ...customers, recaptchaToken: server.recaptchaToken, serviceToken: server.serviceToken } };
}

export const line = (c: CheckResult): string => `${c.status} ${c.id}: ${c.message}`;
export const ids = (r: RunResults, status: CheckResult['status']): string[] => r.checks.filter((c) => c.status === status).map((c) => c.id);
/** every result but the passes, a line each (for assertion messages) */
export const show = (r: RunResults): string => r.checks.filter((c) => c.status !== 'passed').map(line).join('\n');
export const check = (r: RunResults, id: string): CheckResult | undefined => r.checks.find((c) => c.id === id);
