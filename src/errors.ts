// Tool errors and every exit code the tool uses, in one table (documented in the README and in
// --help). Library code throws these; src/cli is the one place they become the process exit code.

export const ExitCode = {
  /** run finished; no MUST failure (and no warning under --strict) */
  OK: 0,
  /** at least one contract failure (or warning under --strict), or nothing was checked */
  FAILED: 1,
  /** usage or configuration error: bad flag, unknown environment, invalid config file, refused target */
  USAGE: 2,
  /** the target could not be reached */
  UNREACHABLE: 3,
  /** the tool itself broke (a bug): please report it */
  INTERNAL: 4,
  /** the run was stopped by SIGINT (Ctrl-C): cleanups done, reports written (128 + 2) */
  INTERRUPTED: 130,
  /** the run was stopped by SIGTERM: cleanups done, reports written (128 + 15) */
  TERMINATED: 143,
  /** k6 finished and a load threshold was crossed (k6's own code 99 is mapped here) */
  THRESHOLDS: 99,
} as const;

export type ExitCodeValue = (typeof ExitCode)[keyof typeof ExitCode];

/** A tool error: something went wrong with the tool or its input, not with the API under test. */
export class ToolError extends Error {
  constructor(
    message: string,
    readonly exitCode: ExitCodeValue,
    readonly code: string,
  ) {
    super(message);
    this.name = 'ToolError';
  }
}

export class UsageError extends ToolError {
  constructor(message: string) {
    super(message, ExitCode.USAGE, 'E_USAGE');
    this.name = 'UsageError';
  }
}

export class ConfigError extends ToolError {
  constructor(message: string) {
    super(message, ExitCode.USAGE, 'E_CONFIG');
    this.name = 'ConfigError';
  }
}

export class UnreachableError extends ToolError {
  constructor(message: string) {
    super(message, ExitCode.UNREACHABLE, 'E_UNREACHABLE');
    this.name = 'UnreachableError';
  }
}
