// Progress events of a run (runSuites' onProgress): what the console reporter shows while it runs.

import type { CheckResult, CheckStatus } from './results.js';

export type ProgressEvent =
  | { type: 'start'; baseUrl: string; env: string; embedded: boolean }
  | { type: 'setup'; level: 'error' | 'warning'; message: string }
  | { type: 'check'; result: CheckResult }
  /** a suite file finished: its family's counts */
  | { type: 'family'; family: string; counts: Record<CheckStatus, number> }
  | { type: 'end'; durationMs: number };
