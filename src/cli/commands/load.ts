// `storefront-check load`: a k6 load test of the target (needs k6 v1.x on PATH or in K6_BIN).
// Flags map to options, then one library call (src/load/index.ts).

import { Command, Option } from 'commander';
import { z } from 'zod';
import { UsageError } from '../../errors.js';
import { envNames } from '../../config/environments.js';

const collect = (value: string, previous: string[] = []) => [...previous, value];

const numbers = z.object({
  rate: z.coerce.number().positive().optional(),
  vus: z.coerce.number().int().min(1).optional(),
  seed: z.coerce.number().int(),
  parallelism: z.coerce.number().int().min(1).max(1000),
});

export function registerLoad(program: Command): void {
  const load = program
    .command('load')
    .description('run a k6 load test (smoke, average, stress, spike, soak, breakpoint) and write load-report.html')
    .addOption(new Option('--profile <name>', 'load profile from load/profiles.json').default('smoke'))
    .option('--pack <name|dir>', 'contract pack (default storefront-bff; the k6 journeys of load/ are written for it)')
    .option('--env <name>', `named environment (${envNames().join(', ')}); production is refused`)
    .option('--environments <file>', 'your own environments file, merged over the pack\'s')
    .option('--base-url <url>', 'base URL of the target (overrides --env); none = the embedded reference server')
    .option('--config <file>', 'configuration file (default ./storefront-check.config.json)')
    .option('--api-version <v>', 'X-Api-Version to send (default v1.0)')
    .option('--rate <n>', "scale the profile: its constant or peak rate, in journeys started per second")
    .option('--vus <n>', 'cap on virtual users k6 may allocate (maxVUs)')
    .option('--duration <d>', "total duration (k6 form: 30s, 5m, 1h30m): a ramping profile's stages are stretched to it")
    .option('--mix <weights>', 'journey weights, default browse=60,search=30,buy=10')
    .option('--threshold <key=expr>', "override a threshold, e.g. 'http_req_duration{name:GET /search}=p(95)<300' (repeatable; =none removes it)", collect, [])
    .option('--slo <file>', 'service levels to use instead of load/slo.json')
    .option('--data <file>', 'test data file (default: generated for the target into the report dir)')
    .option('--gen-data <file>', 'write test data for the target to <file> and exit (seeded faker; no secrets in it)')
    .option('--seed <n>', 'seed of the generated test data', '42')
    .option('--discount-code <code>', 'a discount code the target accepts, for the buy journey (repeatable)', collect, [])
    .option('--report-dir <dir>', 'where k6 output and load-report.html go (default reports/<timestamp>-load-<profile>/)')
    .option('--summary-file <path>', 'append the markdown summary (summary.md) to this file, e.g. "$GITHUB_STEP_SUMMARY"')
    .option('--dry-run', 'print the k6 command (no secrets in it) and the resolved options, writing the test data it names, then exit')
    .option('--baseline <dir>', "after the run, compare it with an earlier run's report dir (writes compare.html and compare.json)")
    .option('--budget <file>', 'with --baseline: a budget file (e.g. {"p95": "+10%"}); a regression beyond it exits 1')
    .option('--emit-k8s <dir>', 'write a k6-operator TestRun and the ConfigMap of scripts and data to <dir>, then exit')
    .option('--parallelism <n>', 'runner pods for --emit-k8s (arrival rates are split across them)', '1')
    .option('--k8s-name <name>', 'TestRun name (default storefront-check-<profile>)')
    .option('--k8s-namespace <ns>', 'namespace for the manifests')
    .option('--k8s-image <image>', 'k6 runner image', 'grafana/k6:1.3.0')
    .option('--k8s-secret <name>', 'Secret holding customer-password, customer2-password, recaptcha-token', 'storefront-check-load')
    .addHelpText(
      'after',
      `
Never against production: the docs say "Never run synthetic load tests or use fake customer data against production."
k6 gets the target and settings as -e variables and the secrets (passwords, reCAPTCHA token) only in its environment.
Exit codes: 0 thresholds held, 99 a threshold was crossed (or had no samples), 1 a regression beyond --budget,
2 usage (no k6, refused target, bad threshold), 3 unreachable.

Examples:
  storefront-check load --profile smoke                       embedded reference server, 1 journey/s for 1m
  storefront-check load --profile average --env staging --rate 5 --duration 10m
  storefront-check load --profile stress --env staging --dry-run
  storefront-check load --profile average --env staging --emit-k8s k8s/ --parallelism 4
  storefront-check load compare reports/<baseline> reports/<candidate> --budget budget.json`,
    )
    .action(async (opts) => {
      const parsed = numbers.safeParse(opts);
      if (!parsed.success) {
        const issue = parsed.error.issues[0];
        throw new UsageError(`--${String(issue.path[0])}: ${issue.message}`);
      }
      if (opts.summaryFile !== undefined && !String(opts.summaryFile).trim()) {
        throw new UsageError('--summary-file is empty: give a file path (in GitHub Actions, "$GITHUB_STEP_SUMMARY")');
      }
      const { runLoadCommand } = await import('../../load/index.js');
      const code = await runLoadCommand(
        {
          config: { env: opts.env, baseUrl: opts.baseUrl, config: opts.config, apiVersion: opts.apiVersion, pack: opts.pack, environments: opts.environments },
          profile: opts.profile,
          rate: parsed.data.rate,
          vus: parsed.data.vus,
          duration: opts.duration,
          mix: opts.mix,
          thresholds: opts.threshold,
          slo: opts.slo,
          data: opts.data,
          seed: parsed.data.seed,
          discountCodes: opts.discountCode,
          reportDir: opts.reportDir,
          dryRun: Boolean(opts.dryRun),
          baseline: opts.baseline,
          budget: opts.budget,
          genData: opts.genData,
          emitK8s: opts.emitK8s,
          parallelism: parsed.data.parallelism,
          k8sName: opts.k8sName,
          k8sNamespace: opts.k8sNamespace,
          k8sImage: opts.k8sImage,
          k8sSecret: opts.k8sSecret,
          summaryFile: opts.summaryFile,
        },
        { env: process.env, cwd: process.cwd(), stdout: process.stdout, stderr: process.stderr },
      );
      process.exitCode = code;
    });

  load
    .command('compare <baseline-dir> <candidate-dir>')
    .description('compare two load runs (report dirs): per route and journey p50/p95/p99, error and 429 rates, throughput, judged against their own spread')
    .option('--budget <file>', 'budget file, e.g. {"p95": "+10%", "errorRate": "+0.5pp", "routes": {"GET /search": {"p95": "+5%"}}}; a regression beyond it exits 1')
    .option('--out <dir>', 'where compare.html and compare.json go (default: the candidate dir)')
    .addHelpText('after', '\nExit codes: 0 compared (regressions are reported), 1 a regression beyond the budget, 2 usage (not a run dir, bad budget file).')
    .action(async (baseline: string, candidate: string, opts: { budget?: string; out?: string }) => {
      const { runCompare, comparisonLines } = await import('../../load/compare.js');
      // the parent `load` has a --budget of its own, and commander gives it the flag unless the root
      // program has positional options: read whichever of the two received it
      const budget = opts.budget ?? (load.opts().budget as string | undefined);
      const outcome = await runCompare({ baseline, candidate, budget, outDir: opts.out ?? candidate }, process.cwd());
      for (const line of comparisonLines(outcome.comparison)) process.stderr.write(`storefront-check: ${line}\n`);
      process.stderr.write(`storefront-check: comparison: ${outcome.html} and ${outcome.json}\n`);
      process.exitCode = outcome.exitCode;
    });
}
