// runSuites: the programmatic entry of a conformance run (the CLI and the project's tests call
// it). Checks the report directory before anything is sent, boots the embedded reference server
// when there is no base URL, probes the target (exit 3 fast when nothing answers), logs the test
// customers in once, runs the checks — through vitest over suites/*.suite.ts (the CLI), or
// in-process on the CheckRuntime (tests, library use; both in drivers.ts) — aggregates schema conformance, applies the
// baseline, decides the verdict and writes the reports, also when the run is interrupted or loses
// the target midway.

import { accessSync, constants, mkdirSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { CHECK_FAMILIES } from '../checks/index.js';
import type { CheckDef, TargetInfo } from '../checks/types.js';
import { packageVersion } from '../config/package-root.js';
import type { ResolvedConfig } from '../config/types.js';
import { loadContract } from '../contract/load.js';
import type { ContractPack } from '../contract/types.js';
import { UnreachableError, UsageError } from '../errors.js';
import type { RetryOptions } from '../http/interceptors/retry.js';
import { REPORTER_NAMES, createReporters, type ReporterOptions } from '../report/index.js';
import type { CheckResult, ProgressEvent, RunResults } from '../results.js';
import type { RunningServer, StartOptions } from '../server/types.js';
import { applyBaseline, readBaseline } from './baseline.js';
import type { RunContext } from './context.js';
import { type Embedded, startEmbedded } from './embedded.js';
import { PROBE_TIMEOUT_MS, probePath, probeTarget } from './probe.js';
import { neverStarted } from './stop.js';
import { mergeObservations, schemaResults } from './schema-results.js';
import { familyOf, selected } from './select.js';
import { createRunServices } from './services.js';
import { createProductionPolicy } from '../http/interceptors/guard.js';
import type { NamedSecret } from '../http/redact.js';
import { endSessions, loginBodyText, type LoginCredentials } from '../http/session.js';
import { identities, logIn, secretsOf } from './sessions.js';
import { coverage, summarise, verdict } from './summary.js';
import { DEADLINE, type Executed, type Plan, addServerErrors, inProcess, planned, throughVitest } from './drivers.js';

export interface RunOptions {
  baseUrl?: string;
  /** boot startServer with these when there is no base URL */
  embedded?: StartOptions;
  config: ResolvedConfig;
  /** families ('PAG') or clause ids ('SRT-04') */
  only?: string[];
  /** default reports/<timestamp>/ under the working directory */
  reportDir?: string;
  /** names from ReportersMap; default all */
  reporters?: string[];
  strict?: boolean;
  baseline?: string;
  onProgress?: (e: ProgressEvent) => void;
  /**
   * aborting stops the run (cleanups done, reports written); abort('SIGINT' | 'SIGTERM') sets exit
   * 130 / 143. The run's own --deadline (config.deadlineMs) aborts it the same way, with 'deadline' (exit 1).
   */
  signal?: AbortSignal;
  /** where the console reporter writes, colours (default stderr, auto) */
  reporterOptions?: ReporterOptions;
  /** retry bounds of the client (tests shorten them) */
  retry?: Partial<RetryOptions>;
  /**
   * 'vitest' (the CLI): suite files under vitest. 'in-process': the CheckRuntime in this process
   * over the check registry — the same checks, no test runner (the project's tests, library use).
   */
  driver?: 'vitest' | 'in-process';
  /** vitest driver: suite files, globs relative to the package root (default suites/*.suite.ts; tests use fixtures) */
  include?: string[];
  /** in-process driver: the check families to run (default the registry, src/checks/index.ts) */
  families?: Record<string, CheckDef[]>;
}

const EMBEDDED_WINDOW_MS = 2000;

/** More requests than this meeting a 5xx makes the run say so among its setup problems. */
const FEW_SERVER_ERRORS = 3;


function timestamp(d: Date): string {
  return d.toISOString().replace(/\.\d+Z$/, 'Z').replace(/:/g, '-');
}

/** --only entries must name a family, a clause or a check id of the pack. */
function checkOnly(contract: ContractPack, only: readonly string[]): void {
  const clauses = new Set(contract.clauses.map((c) => c.id));
  const families = new Set(contract.clauses.map((c) => familyOf(c.id)));
  for (const o of only) {
    const u = o.toUpperCase();
    if (clauses.has(u) || families.has(u) || o.includes(':')) continue;
    throw new UsageError(`--only '${o}' names no clause family or clause: use e.g. PAG, SRT-04 (families: ${[...families].join(', ')})`);
  }
}

/** The report directory exists and takes files, before the first request (nothing is lost at the end). */
function reportDirectory(dir: string): string {
  try {
    mkdirSync(dir, { recursive: true });
    accessSync(dir, constants.W_OK);
  } catch (err) {
    const e = err as NodeJS.ErrnoException;
    throw new UsageError(`--report-dir ${dir} cannot be written (${e.code ?? e.message}): choose a writable directory`);
  }
  return dir;
}

function prepare(opts: RunOptions): Plan {
  const started = new Date();
  const contract = loadContract(opts.config.pack);
  const only = (opts.only ?? []).map((s) => s.trim()).filter(Boolean);
  checkOnly(contract, only);
  const secrets: NamedSecret[] = [];
  const reporters = createReporters(opts.reporters ?? REPORTER_NAMES, opts.reporterOptions, { secrets: () => secrets });
  const baselineEntries = opts.baseline ? readBaseline(opts.baseline) : undefined;
  const reportDir = reportDirectory(resolve(opts.reportDir ?? join('reports', timestamp(started))));
  const setup: RunResults['setup'] = [];
  const progress = (e: ProgressEvent) => {
    if (e.type === 'setup') setup.push({ level: e.level, message: e.message });
    opts.onProgress?.(e);
    for (const r of reporters) r.onProgress?.(e);
  };
  return { contract, only, reporters, baselineEntries, reportDir, started, t0: performance.now(), setup, progress, secrets };
}

export { DEADLINE } from './drivers.js';

/** The caller's signal, and past config.deadlineMs an abort('deadline') of its own (AbortSignal.timeout). */
function withDeadline(opts: RunOptions): RunOptions {
  const ms = opts.config.deadlineMs;
  if (!ms) return opts;
  const controller = new AbortController();
  const caller = opts.signal;
  const stop = (reason: unknown) => !controller.signal.aborted && controller.abort(reason);
  if (caller?.aborted) stop(caller.reason);
  caller?.addEventListener('abort', () => stop(caller.reason), { once: true });
  AbortSignal.timeout(ms).addEventListener('abort', () => stop(DEADLINE), { once: true });
  return { ...opts, signal: controller.signal };
}

export async function runSuites(options: RunOptions): Promise<RunResults> {
  const opts = withDeadline(options);
  const plan = prepare(opts);
  const executed = await execute(opts, plan);
  const results = assemble(opts, plan, executed);
  plan.progress({ type: 'end', durationMs: results.durationMs });
  for (const r of plan.reporters) await r.onRunEnd?.(results, plan.reportDir);
  return results;
}

/** Boot the embedded server if needed, probe, log in, run the checks; the server is closed whatever happens. */
async function execute(opts: RunOptions, plan: Plan): Promise<Executed> {
  const explicitUrl = opts.baseUrl ?? opts.config.target.baseUrl;
  let server: RunningServer | undefined;
  let embedded: Embedded | undefined;
  if (!explicitUrl) {
    // a short rate-limit window: RL-03 waits one window for recovery, and the embedded window is ours to choose
    embedded = await startEmbedded(plan.contract.name, { ...opts.embedded, rateLimits: { windowMs: EMBEDDED_WINDOW_MS, ...opts.embedded?.rateLimits } });
    server = embedded.server;
  }
  const baseUrl = (explicitUrl ?? server!.url).replace(/\/+$/, '');
  const out: Executed = { baseUrl, embedded: Boolean(server), checks: [], observations: [], requests: 0, serverErrors: { count: 0, examples: [] }, interrupted: false, targetLost: false };
  try {
    const unreachable = await probeTarget(baseUrl, probePath(plan.contract), Math.min(PROBE_TIMEOUT_MS, opts.config.timeoutMs));
    if (unreachable) throw new UnreachableError(unreachable);
    plan.progress({ type: 'start', baseUrl, env: server ? 'embedded' : opts.config.target.env, embedded: Boolean(server) });
    const { run, services, end } = await startSessions(opts, plan, out, server, embedded);
    out.target = run.target;
    try {
      if (opts.signal?.aborted) {
        // stopped during the probe or the logins: every planned check is listed as never started
        out.interrupted = true;
        const cause = opts.signal.reason === DEADLINE ? 'deadline' : 'interrupted';
        if (opts.driver === 'in-process' || !opts.include) out.checks.push(...planned(plan, run, opts.families).map((i) => neverStarted(i, cause)));
      } else await (opts.driver === 'in-process' ? inProcess : throughVitest)(opts, plan, run, out);
    } finally {
      await end();
      out.requests += services.client.requestCount;
      out.observations.push(services.observer.observations());
      addServerErrors(out, services.observer);
      plan.secrets.push(...services.redactor.known());
      await services.client.close();
    }
  } finally {
    await server?.close().catch(() => {});
  }
  const e = out.serverErrors;
  if (e.count > FEW_SERVER_ERRORS) {
    // prominent: 5xx answers may be the target's ill health, not the contract (ERR-07 judges them)
    plan.progress({ type: 'setup', level: 'warning', message: `${e.count} requests met a 5xx answer (e.g. ${e.examples.join('; ')}): the target looks unhealthy; the results are judged as answered, 502/503/504 included` });
  }
  return out;
}

/**
 * Each test customer logs in once, here; the rest of the run reuses the tokens, and `end` logs them
 * out when the run is over. In production (ENV-02) the policy lets through exactly these logins and
 * logouts: no wrong or made-up credentials ever reach it.
 */
async function startSessions(opts: RunOptions, plan: Plan, out: Executed, server: RunningServer | undefined, embedded?: Embedded) {
  const { config } = opts;
  const { contract } = plan;
  const production = !server && config.target.production;
  const ids = await identities(config, server);
  const conv = contract.conventions.auth;
  const customers = [ids.credentials.customer, ids.credentials.customer2].filter((c): c is LoginCredentials => Boolean(c));
  const policy = createProductionPolicy({ production, loginBodies: customers.map((c) => loginBodyText(conv.login, c)) });
  const services = createRunServices({
    contract, baseUrl: out.baseUrl, production, policy, apiVersion: config.apiVersion, timeoutMs: config.timeoutMs,
    maxBodyBytes: config.maxBodyBytes, retry: opts.retry, secrets: secretsOf(ids, {}),
  });
  const sessions = await logIn(services.client, contract, ids, services.redactor);
  for (const p of sessions.problems) plan.progress({ type: 'setup', level: p.level, message: p.message });
  const { tokens, missing } = sessions;
  const end = async () => {
    if (!conv.logout) return;
    const problems = await endSessions(services.client, contract.byId(conv.logout.operationId), [tokens.customer, tokens.customer2], policy);
    for (const message of problems) plan.progress({ type: 'setup', level: 'warning', message: services.redactor.text(message) });
  };
  const target: TargetInfo = {
    baseUrl: out.baseUrl,
    env: server ? 'embedded' : config.target.env,
    production,
    readOnly: production || config.readOnly,
    embedded: Boolean(server),
    has: { customer: Boolean(tokens.customer), customer2: Boolean(tokens.customer2), expiredToken: Boolean(tokens.expired), serviceToken: Boolean(tokens.service) },
    ...sessions.ids,
    rateLimitProbe: config.rateLimitProbe,
    discountCode: config.discountCode,
    ...(config.discountCodes ? { discountCodes: config.discountCodes } : {}),
    ...(config.shippedOrders ? { shippedOrders: config.shippedOrders } : {}),
    otpCode: config.otpCode ?? embedded?.otpCode,
    testCard: embedded?.testCard?.replace(/[ -]/g, '') ?? config.testCard,
  };
  const run: RunContext = {
    target, pack: config.pack, apiVersion: config.apiVersion, timeoutMs: config.timeoutMs, maxBodyBytes: config.maxBodyBytes,
    tokens, credentials: ids.credentials, missing, secrets: secretsOf(ids, tokens), only: plan.only, retry: opts.retry,
    concurrency: config.concurrency,
    families: opts.driver === 'in-process' || opts.include ? [] : Object.keys(CHECK_FAMILIES),
    stopFile: join(tmpdir(), `storefront-check-stop-${process.pid}-${Date.now()}`),
  };
  return { run, services, end };
}

function assemble(opts: RunOptions, plan: Plan, ex: Executed): RunResults {
  const { contract, only } = plan;
  const schemaChecks = schemaResults(contract, mergeObservations(ex.observations)).filter((c) => selected(only, c.id, c.clause));
  const checks: CheckResult[] = [...ex.checks, ...schemaChecks].sort((a, b) => a.id.localeCompare(b.id));
  const baseline = plan.baselineEntries && opts.baseline ? applyBaseline(resolve(opts.baseline), plan.baselineEntries, checks) : undefined;
  const clauses = only.length ? contract.clauses.filter((c) => selected(only, c.id, c.id) || only.some((o) => o.toUpperCase() === familyOf(c.id))) : contract.clauses;
  const partial: Omit<RunResults, 'exitCode'> = {
    tool: { name: 'storefront-check', version: packageVersion() },
    target: { baseUrl: ex.baseUrl, env: ex.target?.env ?? (ex.embedded ? 'embedded' : opts.config.target.env), embedded: ex.embedded, ...(opts.embedded?.faults?.length ? { faults: opts.embedded.faults } : {}) },
    pack: plan.contract.name,
    startedAt: plan.started.toISOString(),
    durationMs: Math.round(performance.now() - plan.t0),
    requests: ex.requests,
    summary: summarise(checks),
    checks,
    coverage: coverage(clauses, checks),
    setup: plan.setup,
    ...(baseline ? { baseline } : {}),
    ...(ex.interrupted || ex.targetLost ? { interrupted: true } : {}),
    ...(opts.strict ? { strict: true } : {}),
  };
  const reason = opts.signal?.aborted ? opts.signal.reason : undefined;
  const v = verdict(partial, { strict: opts.strict, targetLost: ex.targetLost, stoppedBy: typeof reason === 'string' ? reason : undefined });
  return { ...partial, exitCode: v.exitCode, verdict: v.reason };
}
