// runSuites: the programmatic entry of a conformance run (the CLI and the project's tests call
// it). Boots the embedded reference server when there is no base URL, probes the target (exit 3
// fast when nothing answers), logs the test customers in once, hands everything to the suite
// files through vitest's provide, runs them on vitest's Node API with our collector as the only
// reporter, aggregates schema conformance, applies the baseline, decides the verdict and writes
// the reports — also when the run is interrupted or loses the target midway.

import { mkdirSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { UnreachableError, UsageError } from '../errors.js';
import type { TargetInfo } from '../checks/types.js';
import { packageVersion } from '../config/package-root.js';
import type { ResolvedConfig } from '../config/types.js';
import { loadContract } from '../contract/load.js';
import type { ContractPack } from '../contract/types.js';
import { createHttpClient } from '../http/client.js';
import type { RetryOptions } from '../http/interceptors/retry.js';
import { Redactor } from '../http/redact.js';
import { REPORTER_NAMES, createReporters, type ReporterOptions } from '../report/index.js';
import type { RunningServer, StartOptions } from '../server/types.js';
import { applyBaseline, readBaseline } from './baseline.js';
import { ResultCollector } from './collector.js';
import type { RunContext } from './context.js';
import { type Embedded, startEmbedded } from './embedded.js';
import { ExchangeObserver } from './observe.js';
import { PROBE_TIMEOUT_MS, probePath, probeTarget } from './probe.js';
import type { ProgressEvent } from '../results.js';
import type { CheckResult, RunResults } from '../results.js';
import { mergeObservations, schemaResults } from './schema-results.js';
import { familyOf, selected } from './select.js';
import { identities, logIn, secretsOf } from './sessions.js';
import { coverage, summarise, verdict } from './summary.js';
import { runVitest } from './vitest-runner.js';

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
  signal?: AbortSignal;
  /** where the console reporter writes, colours (default stderr, auto) */
  reporterOptions?: ReporterOptions;
  /** retry bounds of the client (tests shorten them) */
  retry?: Partial<RetryOptions>;
  /** suite files, globs relative to the package root (default suites/*.suite.ts; tests use fixtures) */
  include?: string[];
}


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

export async function runSuites(opts: RunOptions): Promise<RunResults> {
  const started = new Date();
  const t0 = performance.now();
  const { config } = opts;
  const only = (opts.only ?? []).map((s) => s.trim()).filter(Boolean);
  const reporters = createReporters(opts.reporters ?? REPORTER_NAMES, opts.reporterOptions);
  const progress = (e: ProgressEvent) => {
    opts.onProgress?.(e);
    for (const r of reporters) r.onProgress?.(e);
  };
  const contract = loadContract(config.pack);
  checkOnly(contract, only);
  const baselineEntries = opts.baseline ? readBaseline(opts.baseline) : undefined;
  const setup: RunResults['setup'] = [];
  const addSetup = (level: 'error' | 'warning', message: string) => {
    setup.push({ level, message });
    progress({ type: 'setup', level, message });
  };

  // ---- target ----------------------------------------------------------------------------------
  const explicitUrl = opts.baseUrl ?? config.target.baseUrl;
  let server: RunningServer | undefined;
  let embedded: Embedded | undefined;
  if (!explicitUrl) {
    embedded = await startEmbedded(contract.name, opts.embedded);
    server = embedded.server;
  }
  const baseUrl = (explicitUrl ?? server!.url).replace(/\/+$/, '');
  const production = !server && config.target.production;

  let interrupted = false;
  let targetLost = false;
  let requests = 0;
  const collector = new ResultCollector((e) => progress(e));
  const mainRedactor = new Redactor({
    authHeaders: [
      { ...contract.conventions.auth.customer, placeholder: 'STOREFRONT_TOKEN' },
      { ...contract.conventions.auth.service, placeholder: 'STOREFRONT_SERVICE_TOKEN' },
    ],
    secretKeys: [contract.conventions.auth.login.passwordField, ...(contract.conventions.auth.login.captchaField ? [contract.conventions.auth.login.captchaField] : [])],
  });
  const mainObserver = new ExchangeObserver(contract, mainRedactor);
  let target: TargetInfo | undefined;

  try {
    const unreachable = await probeTarget(baseUrl, probePath(contract), Math.min(PROBE_TIMEOUT_MS, config.timeoutMs));
    if (unreachable) throw new UnreachableError(unreachable);
    progress({ type: 'start', baseUrl, env: server ? 'embedded' : config.target.env, embedded: Boolean(server) });

    // ---- sessions: each test customer logs in once, here ----------------------------------------
    const ids = await identities(config, server);
    for (const s of secretsOf(ids, {})) mainRedactor.addSecret(s.value, s.name);
    const loginOp = contract.byId(contract.conventions.auth.login.operationId);
    const client = createHttpClient({
      baseUrl,
      auth: { customer: contract.conventions.auth.customer, service: contract.conventions.auth.service },
      apiVersion: { header: contract.conventions.headers.apiVersion, value: config.apiVersion },
      timeoutMs: config.timeoutMs,
      production,
      login: loginOp,
      match: (m, p) => contract.match(m, p)?.operationId,
      retry: opts.retry,
      onExchange: (ex) => mainObserver.observe(ex),
    });
    const sessions = await logIn(client, contract, ids, mainRedactor);
    requests += client.requestCount;
    await client.close();
    const { tokens, missing } = sessions;
    for (const p of sessions.problems) addSetup(p.level, p.message);

    target = {
      baseUrl,
      env: server ? 'embedded' : config.target.env,
      production,
      readOnly: production || config.readOnly,
      embedded: Boolean(server),
      has: {
        customer: Boolean(tokens.customer),
        customer2: Boolean(tokens.customer2),
        expiredToken: Boolean(tokens.expired),
        serviceToken: Boolean(tokens.service),
      },
      ...sessions.ids,
      rateLimitProbe: config.rateLimitProbe,
      discountCode: config.discountCode,
      otpCode: config.otpCode ?? embedded?.otpCode,
      testCard: embedded?.testCard?.replace(/[ -]/g, '') ?? config.testCard,
    };
    const run: RunContext = {
      target,
      pack: config.pack,
      apiVersion: config.apiVersion,
      timeoutMs: config.timeoutMs,
      tokens,
      credentials: ids.credentials,
      missing,
      secrets: secretsOf(ids, tokens),
      only,
      retry: opts.retry,
    };

    // ---- the suites, on vitest ----------------------------------------------------------------
    if (!opts.signal?.aborted) {
      const result = await runVitest(run, opts.include ?? ['suites/*.suite.ts'], config.concurrency, collector, opts.signal, async () => {
        const lost = await probeTarget(baseUrl, probePath(contract), 3000);
        if (lost) {
          targetLost = true;
          addSetup('error', `lost the target during the run: ${lost}`);
        }
        return Boolean(lost);
      });
      interrupted = result.cancelled;
    } else {
      interrupted = true;
    }
  } finally {
    await server?.close().catch(() => {});
  }

  // ---- results -------------------------------------------------------------------------------------
  for (const p of collector.problems) addSetup('error', p);
  for (const f of collector.files) for (const e of f.cleanupErrors) addSetup('warning', e);
  requests += collector.files.reduce((n, f) => n + f.requests, 0);
  const observations = mergeObservations([mainObserver.observations(), ...collector.files.map((f) => f.schema)]);
  const schemaChecks = schemaResults(contract, observations).filter((c) => selected(only, c.id, c.clause));
  const checks: CheckResult[] = [...collector.checks, ...schemaChecks].sort((a, b) => a.id.localeCompare(b.id));
  const baseline = baselineEntries && opts.baseline ? applyBaseline(resolve(opts.baseline), baselineEntries, checks) : undefined;
  const clauses = only.length ? contract.clauses.filter((c) => selected(only, c.id, c.id) || only.some((o) => o.toUpperCase() === familyOf(c.id))) : contract.clauses;

  const partial: Omit<RunResults, 'exitCode'> = {
    tool: { name: 'storefront-check', version: packageVersion() },
    target: { baseUrl, env: target?.env ?? (server ? 'embedded' : config.target.env), embedded: Boolean(server), ...(opts.embedded?.faults?.length ? { faults: opts.embedded.faults } : {}) },
    pack: contract.name,
    startedAt: started.toISOString(),
    durationMs: Math.round(performance.now() - t0),
    requests,
    summary: summarise(checks),
    checks,
    coverage: coverage(clauses, checks),
    setup,
    ...(baseline ? { baseline } : {}),
    ...(interrupted || targetLost ? { interrupted: true } : {}),
    ...(opts.strict ? { strict: true } : {}),
  };
  const v = verdict(partial, { strict: opts.strict, targetLost });
  const results: RunResults = { ...partial, exitCode: v.exitCode, verdict: v.reason };
  progress({ type: 'end', durationMs: results.durationMs });

  const dir = resolve(opts.reportDir ?? join('reports', timestamp(started)));
  mkdirSync(dir, { recursive: true });
  for (const r of reporters) await r.onRunEnd?.(results, dir);
  return results;
}

