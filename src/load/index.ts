// `storefront-check load`: one k6 load run, from flags to report. The order matters: production is
// refused before anything else (ENV-02), the plan (profile, options, thresholds) is validated before
// k6 is looked for, and k6 is looked for before the embedded server boots, so every refusal is fast.

import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { resolveConfig, type ConfigFlags } from '../config/index.js';
import { ExitCode, UsageError } from '../errors.js';
import { readCatalogue, scriptFiles, type LoadCatalogue } from './catalogue.js';
import { findK6, locateK6 } from './k6-binary.js';
import { buildManifests, writeManifests } from './k8s.js';
import {
  K6_ENV,
  SECRET_ENV,
  k6Args,
  k6Settings,
  parseMixFlag,
  parseThresholdEnv,
  parseThresholdFlags,
  planLoad,
  describeSizing,
  reportProfile,
  shellQuote,
  type LoadPlan,
} from './plan.js';
import { runK6 } from './runner.js';
import { verdictLines } from './verdict.js';
import { fetchProductNames, generateTestData, writeTestData, type TestData } from './test-data.js';
import type { RunningServer } from '../server/types.js';
import type { LoadComparison } from '../load-report/compare-model.js';

export const PRODUCTION_REFUSAL =
  'refusing to load-test production. The docs: "Never run synthetic load tests or use fake customer data against production." ' +
  'Use --env staging, --env dev, --base-url <non-production URL>, or no target for the embedded reference server.';

/** Where `storefront-check serve` listens by default: --dry-run's command aims there for the reference server. */
export const SERVE_URL = 'http://127.0.0.1:8080';

/** Rate limits for the embedded server under load: generous, so the run measures the server, not its limiter. */
export const EMBEDDED_RATE_LIMITS = { windowMs: 1000, default: 1_000_000, search: 1_000_000, auth: 1_000_000 };

export interface LoadCommandInput {
  config: ConfigFlags;
  profile: string;
  rate?: number;
  vus?: number;
  duration?: string;
  mix?: string;
  thresholds: string[];
  slo?: string;
  data?: string;
  seed: number;
  discountCodes: string[];
  reportDir?: string;
  dryRun: boolean;
  /** compare the finished run with this earlier run's report dir */
  baseline?: string;
  budget?: string;
  genData?: string;
  emitK8s?: string;
  parallelism: number;
  k8sName?: string;
  k8sNamespace?: string;
  k8sImage: string;
  k8sSecret: string;
  /** also append the run's markdown summary (summary.md) to this file, e.g. $GITHUB_STEP_SUMMARY */
  summaryFile?: string;
}

export interface LoadIo {
  env: NodeJS.ProcessEnv;
  cwd: string;
  stdout: NodeJS.WritableStream;
  stderr: NodeJS.WritableStream;
  now?: Date;
}

function timestamp(d: Date): string {
  return d.toISOString().replace(/\.\d+Z$/, 'Z').replace(/[-:]/g, '').replace('T', '-');
}

interface Target {
  baseUrl: string;
  apiVersion: string;
  emails: string[];
  secrets: Record<string, string>;
  validDiscountCodes: string[];
  server?: RunningServer;
}

async function bootEmbedded(apiVersion: string, discountCodes: string[]): Promise<Target> {
  const { startServer } = await import('../server/index.js');
  const server = await startServer({ port: 0, rateLimits: EMBEDDED_RATE_LIMITS });
  const { DISCOUNTS } = await import('../server/data-customers.js');
  const [first, second] = server.customers;
  return {
    baseUrl: server.url,
    apiVersion,
    emails: [first.email, second.email],
    secrets: {
      [SECRET_ENV.customerPassword]: first.password,
      [SECRET_ENV.customer2Password]: second.password,
      [SECRET_ENV.recaptchaToken]: server.recaptchaToken,
    },
    validDiscountCodes: discountCodes.length > 0 ? discountCodes : DISCOUNTS.map((d) => d.code),
    server,
  };
}

function remoteTarget(baseUrl: string, config: ReturnType<typeof resolveConfig>, discountCodes: string[]): Target {
  const s = config.secrets;
  const secrets: Record<string, string> = {};
  if (s.customer) secrets[SECRET_ENV.customerPassword] = s.customer.password;
  if (s.customer2) secrets[SECRET_ENV.customer2Password] = s.customer2.password;
  if (s.recaptchaToken) secrets[SECRET_ENV.recaptchaToken] = s.recaptchaToken;
  return {
    baseUrl,
    apiVersion: config.apiVersion,
    emails: [s.customer?.email, s.customer2?.email].filter((e): e is string => !!e),
    secrets,
    validDiscountCodes: discountCodes,
  };
}

async function testDataFor(target: Target, seed: number): Promise<TestData> {
  const names = await fetchProductNames(target.baseUrl, target.apiVersion);
  return generateTestData({ seed, emails: target.emails, productNames: names, validDiscountCodes: target.validDiscountCodes });
}

function requireAccounts(plan: LoadPlan, target: Target, dataGiven: boolean): void {
  if (!plan.journeys.includes('buy') || dataGiven) return;
  if (target.emails.length === 0 || !target.secrets[SECRET_ENV.customerPassword]) {
    throw new UsageError(
      'the buy journey signs in as a test customer: set STOREFRONT_CUSTOMER_EMAIL and STOREFRONT_CUSTOMER_PASSWORD ' +
        '(or `customer` in storefront-check.config.json), or leave it out with --mix browse=60,search=30,buy=0',
    );
  }
}

function overridesOf(input: LoadCommandInput, env: NodeJS.ProcessEnv) {
  const thresholds = { ...parseThresholdEnv(env.STOREFRONT_LOAD_THRESHOLDS), ...parseThresholdFlags(input.thresholds) };
  return {
    rate: input.rate,
    vus: input.vus,
    duration: input.duration,
    mix: input.mix ? parseMixFlag(input.mix) : undefined,
    thresholds: Object.keys(thresholds).length > 0 ? thresholds : undefined,
  };
}

export async function runLoadCommand(input: LoadCommandInput, io: LoadIo): Promise<number> {
  const config = resolveConfig(input.config, io.env, io.cwd);
  if (config.pack !== 'storefront-bff') throw new UsageError(`the k6 journeys of load/ are written for storefront-bff; pack ${config.pack} has none yet`);
  if (config.target.production) throw new UsageError(PRODUCTION_REFUSAL);

  const sloFile = input.slo ? resolve(io.cwd, input.slo) : undefined;
  const catalogue: LoadCatalogue = readCatalogue(undefined, sloFile);
  const plan = planLoad(catalogue, input.profile, overridesOf(input, io.env));
  if (input.budget && !input.baseline) throw new UsageError('--budget needs --baseline <dir> (or use `storefront-check load compare <baseline-dir> <candidate-dir> --budget <file>`)');
  if (input.baseline && !existsSync(resolve(io.cwd, input.baseline))) throw new UsageError(`--baseline ${resolve(io.cwd, input.baseline)} does not exist: give the report dir of an earlier load run`);
  if (input.budget) (await import('./compare.js')).readBudget(resolve(io.cwd, input.budget));
  const dataFile = input.data ? resolve(io.cwd, input.data) : undefined;
  if (dataFile && !existsSync(dataFile)) throw new UsageError(`--data ${dataFile} does not exist: generate one with --gen-data <file>`);
  const embedded = config.target.env === 'embedded';

  if (input.genData) {
    const target = embedded ? await bootEmbedded(config.apiVersion, input.discountCodes) : remoteTarget(config.target.baseUrl!, config, input.discountCodes);
    try {
      const file = resolve(io.cwd, input.genData);
      writeTestData(file, await testDataFor(target, input.seed));
      io.stderr.write(`storefront-check: test data for ${embedded ? 'the embedded reference server' : target.baseUrl} written to ${file}\n`);
    } finally {
      await target.server?.close();
    }
    return ExitCode.OK;
  }

  if (input.emitK8s) {
    if (embedded) {
      throw new UsageError('--emit-k8s needs a target the cluster can reach: give --env staging, --env dev or --base-url <url>');
    }
    const target = remoteTarget(config.target.baseUrl!, config, input.discountCodes);
    const data = dataFile ? readFileSync(dataFile, 'utf8') : JSON.stringify(await testDataFor(target, input.seed), null, 2) + '\n';
    const name = input.k8sName ?? `storefront-check-${plan.profile.name}`;
    const manifests = buildManifests({
      name,
      namespace: input.k8sNamespace,
      parallelism: input.parallelism,
      image: input.k8sImage,
      secretName: input.k8sSecret,
      files: scriptFiles(catalogue.dir),
      loadDir: catalogue.dir,
      testData: data,
      settings: k6Settings(plan, target, { data: 'mounted' }),
      sloFile,
    });
    const files = writeManifests(resolve(io.cwd, input.emitK8s), manifests);
    io.stderr.write(
      `storefront-check: wrote ${files.configMap} and ${files.testRun} (parallelism ${input.parallelism}).\n` +
        `Create the Secret first (values are never written to the manifests):\n` +
        `  kubectl create secret generic ${input.k8sSecret} --from-literal=customer-password=... --from-literal=customer2-password=... --from-literal=recaptcha-token=...\n` +
        `then: kubectl apply -f ${files.configMap} -f ${files.testRun}\n`,
    );
    return ExitCode.OK;
  }

  const bin = input.dryRun ? (locateK6(io.env) ?? 'k6') : findK6(io.env);
  const reportDir = resolve(io.cwd, input.reportDir ?? join('reports', `${timestamp(io.now ?? new Date())}-load-${plan.profile.name}`));
  const paths = {
    script: join(catalogue.dir, 'main.ts'),
    summaryExport: join(reportDir, 'summary-export.json'),
    ndjson: join(reportDir, 'k6-samples.ndjson'),
  };
  const dataPath = dataFile ?? join(reportDir, 'test-data.json');

  if (input.dryRun) {
    // The printed command must run as printed: the test data it names is written now. The embedded
    // server lives only as long as this process, so the command aims at `serve`'s default address.
    const baseUrl = embedded ? SERVE_URL : config.target.baseUrl!;
    const target = embedded ? undefined : remoteTarget(baseUrl, config, input.discountCodes);
    const secretNames = embedded ? Object.values(SECRET_ENV) : Object.keys(target!.secrets);
    if (!dataFile) {
      const source = embedded ? await bootEmbedded(config.apiVersion, input.discountCodes) : target!;
      try {
        mkdirSync(reportDir, { recursive: true });
        writeTestData(dataPath, await testDataFor(source, input.seed));
      } finally {
        await source.server?.close();
      }
    }
    const settings = k6Settings(plan, { baseUrl, apiVersion: config.apiVersion }, { data: dataPath, slo: sloFile });
    const out = io.stdout;
    if (embedded) {
      out.write(`# first, in another terminal: the reference server with generous rate limits (the embedded one stops with this process)\n`);
      out.write(`#   storefront-check serve --port 8080 --rate-limit default=1000000 --rate-limit search=1000000 --rate-limit auth=1000000\n`);
      out.write(`# and its test customers' passwords (README, "The reference server") in ${SECRET_ENV.customerPassword} and ${SECRET_ENV.customer2Password}\n`);
    }
    out.write(`# k6 command (secrets are passed in k6's environment, never on its command line: ${secretNames.join(', ') || 'none configured'})\n`);
    out.write([bin, ...k6Args(paths, settings)].map(shellQuote).join(' ') + '\n');
    out.write(`# test data: ${dataFile ? dataFile : `written for the target to ${dataPath} (seed ${input.seed})`}\n`);
    for (const line of describeSizing(plan)) out.write(`# ${line}\n`);
    out.write(`# resolved k6 options (profile ${plan.profile.name}: ${plan.profile.description})\n`);
    out.write(JSON.stringify(plan.options, null, 2) + '\n');
    return ExitCode.OK;
  }

  const target = embedded
    ? await bootEmbedded(config.apiVersion, input.discountCodes)
    : remoteTarget(config.target.baseUrl!, config, input.discountCodes);
  try {
    requireAccounts(plan, target, !!dataFile);
    mkdirSync(reportDir, { recursive: true });
    if (!dataFile) writeTestData(dataPath, await testDataFor(target, input.seed));
    const settings = k6Settings(plan, target, { data: dataPath, slo: sloFile });
    const args = k6Args(paths, settings);
    writeFileSync(join(reportDir, 'k6-command.txt'), [bin, ...args].map(shellQuote).join(' ') + '\n');
    io.stderr.write(`storefront-check: k6 ${plan.profile.name} profile against ${embedded ? `the embedded reference server (${target.baseUrl})` : target.baseUrl}\n`);
    for (const line of describeSizing(plan)) io.stderr.write(`storefront-check: ${line}\n`);
    let outcome;
    try {
      outcome = await runK6(bin, args, { ...io.env, ...target.secrets });
    } catch (err) {
      throw new UsageError(`cannot start ${bin}: ${(err as Error).message}`);
    }
    if (existsSync(paths.ndjson)) {
      const { buildLoadReport } = await import('../load-report/index.js');
      const report = await buildLoadReport({
        ndjsonPath: paths.ndjson,
        summaryExportPath: existsSync(paths.summaryExport) ? paths.summaryExport : undefined,
        outFile: join(reportDir, 'load-report.html'),
        modelFile: join(reportDir, 'load-report.json'),
        profile: reportProfile(plan.profile),
        target: target.baseUrl,
        routes: Object.values(catalogue.routes.routes),
        poolsCapped: plan.sizing.some((s) => s.vus < s.needed),
      });
      for (const line of verdictLines(report.model)) io.stderr.write(`storefront-check: ${line}\n`);
      io.stderr.write(`storefront-check: load report: ${report.outFile}\n`);
      let comparison: LoadComparison | undefined;
      if (input.baseline) {
        const { runCompare, comparisonLines } = await import('./compare.js');
        const compared = await runCompare({ baseline: input.baseline, candidate: reportDir, budget: input.budget, outDir: reportDir }, io.cwd);
        for (const line of comparisonLines(compared.comparison)) io.stderr.write(`storefront-check: ${line}\n`);
        io.stderr.write(`storefront-check: comparison with ${resolve(io.cwd, input.baseline)}: ${compared.html}\n`);
        comparison = compared.comparison;
        if (outcome.exitCode === ExitCode.OK) outcome = { ...outcome, exitCode: compared.exitCode };
      }
      const { writeLoadSummary, comparisonForSummary } = await import('../report/load-markdown.js');
      writeLoadSummary(report.model, reportDir, { summaryFile: input.summaryFile, ...(comparison ? { comparison: comparisonForSummary(comparison) } : {}) });
    } else {
      io.stderr.write(`storefront-check: k6 wrote no samples (${paths.ndjson}); no load report\n`);
    }
    if (outcome.message) io.stderr.write(`storefront-check: ${outcome.message}\n`);
    return outcome.exitCode;
  } finally {
    await target.server?.close();
  }
}

export { K6_ENV, SECRET_ENV };
