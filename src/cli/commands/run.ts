// `storefront-check run` (also the default command): the conformance run. Flags map to the
// resolved configuration (src/config) and run options, then one library call (runSuites); the
// exit code comes from the results. Progress goes to stderr; stdout carries results JSON only
// when asked for it (--json).

import { Command, Option } from 'commander';
import { resolveConfig } from '../../config/index.js';
import { envNames } from '../../config/environments.js';
import { REPORTER_NAMES, isReporterName } from '../../report/index.js';
import { runSuites } from '../../engine/run.js';
import { ExitCode, UsageError } from '../../errors.js';

const collect = (value: string, previous: string[] = []) => [...previous, value];
const list = (value: string, previous: string[] = []) => [
  ...previous,
  ...value
    .split(',')
    .map((s) => s.trim())
    .filter(Boolean),
];

interface RunFlags {
  env?: string;
  environments?: string;
  pack?: string;
  baseUrl?: string;
  config?: string;
  apiVersion?: string;
  timeout?: string;
  maxBody?: string;
  deadline?: string;
  concurrency?: string;
  readOnly?: boolean;
  only: string[];
  reportDir?: string;
  reporter?: string[];
  strict?: boolean;
  baseline?: string;
  fault: string[];
  json?: boolean;
  summaryFile?: string;
  reportUrl?: string;
  quiet?: boolean;
}

export function registerRun(program: Command): void {
  program
    .command('run', { isDefault: true })
    .description('run the conformance suite against a target (the default command)')
    .option('--pack <name|dir>', 'contract pack: a built-in one (see `storefront-check packs`) or a pack folder (default storefront-bff)')
    .option('--env <name>', `named environment of the pack (storefront-bff: ${envNames().join(', ')})`)
    .option('--environments <file>', 'your own environments file (YAML environments: { name: { baseUrl, aliases, production } }), merged over the pack\'s')
    .option('--base-url <url>', 'base URL of the target (overrides --env); none = boot the embedded reference server')
    .option('--config <file>', 'configuration file (default ./storefront-check.config.json)')
    .option('--api-version <v>', 'X-Api-Version sent on every request (default v1.0, or STOREFRONT_API_VERSION)')
    .option('--only <ids>', 'run only these clause families or clause ids, comma-separated (PAG,SRT-04)', list, [])
    .option('--report-dir <dir>', 'where the reports go (default reports/<timestamp>/)')
    .addOption(new Option('--reporter <names>', `reporters, comma-separated (${REPORTER_NAMES.join(', ')}; default all)`).argParser(list))
    .option('--summary-file <path>', 'append the markdown summary (summary.md) to this file, e.g. "$GITHUB_STEP_SUMMARY" (turns the markdown reporter on)')
    .option('--report-url <url>', 'where readers of the markdown summary can open report.html (e.g. the CI run page holding the artefact)')
    .option('--strict', 'SHOULD warnings fail the run too')
    .option('--baseline <file>', 'known failures by check id: shown, but they do not fail the run (entries may expire)')
    .option('--concurrency <n>', 'checks in flight at once, 1-64 (default 16; raise it for a distant target)')
    .option('--timeout <ms>', 'total deadline of one request in milliseconds, body included (default 10000)')
    .option('--max-body <size>', 'cut response bodies past this size and report it, e.g. 10MB, 512kB (default 10MB)')
    .option('--deadline <duration>', 'the whole run\'s deadline, e.g. 90s, 5m: past it no new check starts, cleanups run, the reports say which checks never ran, exit 1')
    .option('--read-only', 'skip every check that changes server state (always on for production)')
    .option('--fault <id>', 'embedded server only: switch on a deliberate contract violation (repeatable; see `serve --list-faults`)', collect, [])
    .option('--json', 'also print the results JSON on stdout')
    .option('--quiet', 'no progress on stderr (no live status line, no per-family lines); the summary at the end only')
    .addHelpText(
      'after',
      `
Test customer (remote targets): STOREFRONT_CUSTOMER_EMAIL, STOREFRONT_CUSTOMER_PASSWORD, STOREFRONT_RECAPTCHA_TOKEN;
second customer (AUTH-08): STOREFRONT_CUSTOMER2_EMAIL / _PASSWORD; STOREFRONT_SERVICE_TOKEN; STOREFRONT_EXPIRED_TOKEN.
Data: STOREFRONT_DISCOUNT_CODE(S) codes the target accepts (CART-01/02); STOREFRONT_SHIPPED_ORDERS shipped orders
the refused-cancel check (IDM-07) may try — the gate never changes data it did not create, so without them it skips.
Checks that need what the target lacks are skipped with the reason, never failed.

Reports: results.json, junit.xml, report.html (one file, open it in a browser), summary.md (markdown for
CI job summaries and PR comments). Progress on stderr: a live status line on a terminal (checks done/planned,
failures, elapsed, families running), a plain line every 10 s otherwise; --quiet for neither.
Exit codes: 0 no MUST failure, 1 a failure (or a warning with --strict, or nothing checked),
2 usage/config error, 3 target unreachable, 4 the tool failed (a check errored),
130/143 interrupted by SIGINT/SIGTERM (cleanups done, reports written); 1 also when --deadline passed.

Examples:
  storefront-check                                   check the embedded reference server
  storefront-check run --fault pag-duplicate-across-pages      watch the suite catch a fault
  storefront-check run --env staging --report-dir out/         the CI gate
  storefront-check run --env staging --summary-file "$GITHUB_STEP_SUMMARY"   the verdict on the job's page
  storefront-check run --env staging --only PAG,SRT-04         one family and one clause
  storefront-check run --env staging --baseline known.json     known failures do not fail the gate
  storefront-check run --env production                        read-only: writes are skipped (ENV-02)
  storefront-check run --base-url http://localhost:8080 --reporter junit,console --strict`,
    )
    .action(async (flags: RunFlags) => {
      const config = resolveConfig({
        env: flags.env,
        baseUrl: flags.baseUrl,
        pack: flags.pack,
        environments: flags.environments,
        config: flags.config,
        apiVersion: flags.apiVersion,
        timeout: flags.timeout,
        maxBody: flags.maxBody,
        deadline: flags.deadline,
        concurrency: flags.concurrency,
        readOnly: flags.readOnly,
      });
      const reporters = flags.reporter?.length ? flags.reporter : [...REPORTER_NAMES];
      const unknown = reporters.find((r) => !isReporterName(r));
      if (unknown) throw new UsageError(`--reporter '${unknown}' is not a reporter: use ${REPORTER_NAMES.join(', ')}`);
      if (flags.summaryFile !== undefined && !flags.summaryFile.trim()) {
        throw new UsageError('--summary-file is empty: give a file path (in GitHub Actions, "$GITHUB_STEP_SUMMARY")');
      }
      if (flags.summaryFile && !reporters.includes('markdown')) reporters.push('markdown');
      if (flags.reportUrl && !/^https?:\/\//.test(flags.reportUrl)) throw new UsageError(`--report-url '${flags.reportUrl}' is not an http(s) URL`);
      if (config.target.env === 'embedded' && !['storefront-bff', 'storefront-v2'].includes(config.pack)) {
        throw new UsageError(`pack ${config.pack} has no embedded reference server: give --base-url <url>`);
      }
      if (flags.fault.length) {
        if (config.target.env !== 'embedded') throw new UsageError('--fault works only with the embedded reference server (no --env / --base-url)');
        const { FAULTS } = await import('../../server/faults.js');
        const { V2_FAULTS } = await import('../../server/v2/faults.js');
        const known = config.pack === 'storefront-v2' ? V2_FAULTS : FAULTS;
        const bad = flags.fault.find((f) => !known.some((x) => x.id === f));
        if (bad) throw new UsageError(`unknown fault '${bad}': list them with \`storefront-check serve --list-faults\``);
      }

      // Ctrl-C / SIGTERM: stop starting checks, run the cleanups, write the reports, exit 130 / 143
      const controller = new AbortController();
      const onSignal = (sig: NodeJS.Signals) => {
        if (controller.signal.aborted) process.exit(sig === 'SIGTERM' ? 143 : 130); // a second one: stop now
        process.stderr.write(`\ninterrupted (${sig}): no new checks; cleaning up and writing the reports (again to quit at once)\n`);
        controller.abort(sig);
      };
      process.on('SIGINT', onSignal);
      process.on('SIGTERM', onSignal);
      // never a silent exit 0: if the event loop ran dry before the run could end, say so and fail
      let ended = false;
      const onDrain = () => {
        if (ended) return;
        const reason = controller.signal.reason;
        process.stderr.write('storefront-check: the run ended before it could finish or write its reports (a tool error; please report it)\n');
        process.exitCode = reason === 'SIGTERM' ? ExitCode.TERMINATED : reason === 'SIGINT' ? ExitCode.INTERRUPTED : ExitCode.INTERNAL;
      };
      process.once('beforeExit', onDrain);
      try {
        const results = await runSuites({
          config,
          embedded: { faults: flags.fault },
          only: flags.only,
          reportDir: flags.reportDir,
          reporters,
          strict: flags.strict,
          baseline: flags.baseline,
          signal: controller.signal,
          reporterOptions: { summaryFile: flags.summaryFile, reportUrl: flags.reportUrl, quiet: flags.quiet },
        });
        if (flags.json) process.stdout.write(JSON.stringify(results, null, 2) + '\n');
        process.exitCode = results.exitCode;
      } finally {
        ended = true;
        process.off('beforeExit', onDrain);
        process.off('SIGINT', onSignal);
        process.off('SIGTERM', onSignal);
      }
    });
}
