// Runs k6 as a child process and maps its exit code onto the tool's table (src/errors.ts):
// k6's 99 (a threshold crossed) stays 99. k6's output goes to stderr: our stdout is for machine
// output only. Secrets travel in the child's environment, never in its argv.

import { spawn } from 'node:child_process';
import { ExitCode, type ExitCodeValue } from '../errors.js';

/** k6's exit codes (errext/exitcodes/codes.go) that mean something to the user. */
const K6_CODES: Record<number, { exit: ExitCodeValue; say: string }> = {
  99: { exit: ExitCode.THRESHOLDS, say: 'a threshold was crossed (k6 exit code 99)' },
  104: { exit: ExitCode.USAGE, say: 'k6 rejected the test configuration (k6 exit code 104)' },
  105: { exit: ExitCode.FAILED, say: 'the test was stopped from outside (k6 exit code 105)' },
  107: { exit: ExitCode.INTERNAL, say: 'the load script threw an exception (k6 exit code 107)' },
  108: { exit: ExitCode.UNREACHABLE, say: 'setup() aborted the test: the target is not answering GET /health/live, or the buy journey has no account passwords (k6 exit code 108)' },
};

export interface K6Outcome {
  k6Code: number | null;
  signal: NodeJS.Signals | null;
  exitCode: ExitCodeValue;
  message?: string;
}

export function mapK6Exit(code: number | null, signal: NodeJS.Signals | null = null): K6Outcome {
  if (code === 0) return { k6Code: 0, signal, exitCode: ExitCode.OK };
  if (code === null) return { k6Code: null, signal, exitCode: ExitCode.FAILED, message: `k6 was stopped by ${signal ?? 'a signal'}` };
  const known = K6_CODES[code];
  if (known) return { k6Code: code, signal, exitCode: known.exit, message: known.say };
  return { k6Code: code, signal, exitCode: ExitCode.FAILED, message: `k6 exited with code ${code}` };
}

export function runK6(bin: string, args: string[], env: NodeJS.ProcessEnv): Promise<K6Outcome> {
  return new Promise((resolve, reject) => {
    const child = spawn(bin, args, { env, stdio: ['ignore', 'pipe', 'inherit'] });
    child.stdout.pipe(process.stderr, { end: false });
    child.once('error', reject);
    const forward = (sig: NodeJS.Signals) => () => child.kill(sig);
    const onInt = forward('SIGINT');
    const onTerm = forward('SIGTERM');
    process.on('SIGINT', onInt);
    process.on('SIGTERM', onTerm);
    child.once('close', (code, signal) => {
      process.off('SIGINT', onInt);
      process.off('SIGTERM', onTerm);
      resolve(mapK6Exit(code, signal));
    });
  });
}
