// The one interface every reporter implements (after vitest's Reporter: every hook optional).
// Reporters read RunResults (and the progress events derived from results) and nothing else.

import type { ProgressEvent } from '../results.js';
import type { RunResults } from '../results.js';

export interface ReporterOptions {
  /** where human output goes (console reporter); default process.stderr */
  stream?: NodeJS.WritableStream;
  /** colour the output; default: the stream is a TTY and NO_COLOR is unset */
  color?: boolean;
  /** console: no progress (no per-family lines, no live status line); the final summary only */
  quiet?: boolean;
  /** console: how often the progress line ticks (TTY) or is printed (non-TTY); tests shorten it */
  progressIntervalMs?: number;
  /** markdown: also append summary.md to this file (CI job summaries: $GITHUB_STEP_SUMMARY) */
  summaryFile?: string;
  /** markdown: where report.html can be opened (a CI run or artefact page); default a relative link */
  reportUrl?: string;
}

export interface Reporter {
  readonly name: string;
  /** while the run goes: checks and families as they finish */
  onProgress?(event: ProgressEvent): void;
  /** the run is over: write the report; returns the file written, if any */
  onRunEnd?(results: RunResults, dir: string): Promise<string | undefined> | string | undefined;
}
