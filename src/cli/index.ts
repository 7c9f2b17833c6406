// The storefront-check command line: commander wiring only. Each command lives in
// commands/<name>.ts; this file is the one place errors become exit codes.

import { Command, CommanderError } from 'commander';
import { packageVersion } from '../config/package-root.js';
import { ExitCode, ToolError } from '../errors.js';
import { registerCommands } from './commands/index.js';

export function buildProgram(): Command {
  const program = new Command('storefront-check')
    .description(
      'Conformance suite and k6 load toolkit for the Storefront BFF API.\n' +
        'With no --env or --base-url it boots its own reference server and checks that,\n' +
        'so `npx storefront-check` shows the whole tool working with one command.',
    )
    .version(packageVersion(), '-V, --version', 'print the version')
    .configureHelp({ sortSubcommands: false });
  registerCommands(program);
  // commander's own errors (unknown flag, missing argument) become a UsageError line in main(),
  // for the program and every command: no process.exit(1) from inside commander, no second line
  for (const command of [program, ...program.commands]) {
    command.exitOverride().configureOutput({ outputError: () => {} });
  }
  program.addHelpText(
    'after',
    `
Exit codes:
  0   no contract failure (and no warning under --strict)
  1   at least one failure, or nothing could be checked, or --deadline passed
  2   usage or configuration error (bad flag, unknown environment, invalid config, refused target)
  3   target unreachable
  4   internal error in the tool (please report it)
  130 / 143  stopped by SIGINT / SIGTERM (cleanups done, reports written)
  99  load test: a k6 threshold was crossed

Examples:
  npx storefront-check                          check the embedded reference server
  npx storefront-check --env staging            the CI gate against staging
  npx storefront-check run --only PAG,SRT-04    one family and one clause
  npx storefront-check serve --port 8080        run the reference server
  npx storefront-check load --profile smoke     a k6 smoke test (needs k6 on PATH)`,
  );
  return program;
}

export async function main(argv: string[] = process.argv): Promise<number> {
  const program = buildProgram();
  try {
    await program.parseAsync(argv);
    return typeof process.exitCode === 'number' ? process.exitCode : ExitCode.OK;
  } catch (err) {
    if (err instanceof CommanderError) {
      // help and version "errors" are normal exits; every other commander error is usage.
      if (err.code === 'commander.helpDisplayed' || err.code === 'commander.version' || err.code === 'commander.help') {
        return ExitCode.OK;
      }
      const message = err.message.replace(/^error:\s*/i, '').replace(/\s*\n\s*/g, ' ');
      process.stderr.write(`storefront-check: ${message} (run with --help for usage)\n`);
      return ExitCode.USAGE;
    }
    if (err instanceof ToolError) {
      // one line whatever the message quotes (JSON.parse quotes the file, newlines included)
      process.stderr.write(`storefront-check: ${err.message.trim().replace(/\s*\n\s*/g, ' ')}\n`);
      return err.exitCode;
    }
    process.stderr.write(`storefront-check: internal error: ${(err as Error)?.stack ?? String(err)}\n`);
    return ExitCode.INTERNAL;
  }
}
