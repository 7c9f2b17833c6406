// `storefront-check run` (also the default command): the conformance run. Flags map to the
// resolved configuration (src/config) and run options, then one library call (runSuites); the
// exit code comes from the results. Progress goes to stderr; stdout carries results JSON only
// when asked for it (--json).

import { Command, Option } from 'commander';
import { resolveConfig } from '../../config/index.js';
import { envNames } from '../../config/environments.js';
import { REPORTER_NAMES, isReporterName } from '../../report/index.js';
import { runSuites } from '../../engine/run.js';
import { UsageError } from '../../errors.js';

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
  concurrency?: string;
  readOnly?: boolean;
  only: string[];
  reportDir?: string;
  reporter?: string[];
  strict?: boolean;
  baseline?: string;
  fault: string[];
  json?: boolean;
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
    .option('--strict', 'SHOULD warnings fail the run too')
    .option('--baseline <file>', 'known failures by check id: shown, but they do not fail the run (entries may expire)')
    .option('--concurrency <n>', 'suite files run in parallel (default 2)')
    .option('--timeout <ms>', 'per-request timeout in milliseconds (default 10000)')
    .option('--read-only', 'skip every check that changes server state (always on for production)')
    .option('--fault <id>', 'embedded server only: switch on a deliberate contract violation (repeatable; see `serve --list-faults`)', collect, [])
    .option('--json', 'also print the results JSON on stdout')
    .addHelpText(
      'after',
      `
Test customer (remote targets): STOREFRONT_CUSTOMER_EMAIL, STOREFRONT_CUSTOMER_PASSWORD, STOREFRONT_RECAPTCHA_TOKEN;
second customer (AUTH-08): STOREFRONT_CUSTOMER2_EMAIL / _PASSWORD; STOREFRONT_SERVICE_TOKEN; STOREFRONT_EXPIRED_TOKEN.
Checks that need what the target lacks are skipped with the reason, never failed.

Reports: results.json, junit.xml, report.html (one file, open it in a browser); progress on stderr.
Exit codes: 0 no MUST failure, 1 a failure (or a warning with --strict, or nothing checked),
2 usage/config error, 3 target unreachable.

Examples:
  storefront-check                                   check the embedded reference server
  storefront-check run --fault pag-duplicate-across-pages      watch the suite catch a fault
  storefront-check run --env staging --report-dir out/         the CI gate
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
        concurrency: flags.concurrency,
        readOnly: flags.readOnly,
      });
      const reporters = flags.reporter?.length ? flags.reporter : [...REPORTER_NAMES];
      const unknown = reporters.find((r) => !isReporterName(r));
      if (unknown) throw new UsageError(`--reporter '${unknown}' is not a reporter: use ${REPORTER_NAMES.join(', ')}`);
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

      const controller = new AbortController();
      const onSigint = () => {
        if (controller.signal.aborted) process.exit(130); // second Ctrl-C: stop now
        process.stderr.write('\ninterrupted: finishing the running checks and writing the reports (Ctrl-C again to quit)\n');
        controller.abort();
      };
      process.on('SIGINT', onSigint);
      process.on('SIGTERM', onSigint);
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
        });
        if (flags.json) process.stdout.write(JSON.stringify(results, null, 2) + '\n');
        process.exitCode = results.exitCode;
      } finally {
        process.off('SIGINT', onSigint);
        process.off('SIGTERM', onSigint);
      }
    });
}
