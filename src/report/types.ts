// The one interface every reporter implements (after vitest's Reporter: every hook optional).
// Reporters read RunResults (and the progress events derived from results) and nothing else.

import type { ProgressEvent } from '../results.js';
import type { RunResults } from '../results.js';

export interface ReporterOptions {
  /** where human output goes (console reporter); default process.stderr */
  stream?: NodeJS.WritableStream;
  /** colour the output; default: the stream is a TTY and NO_COLOR is unset */
  color?: boolean;
}

export interface Reporter {
  readonly name: string;
  /** while the run goes: checks and families as they finish */
  onProgress?(event: ProgressEvent): void;
  /** the run is over: write the report; returns the file written, if any */
  onRunEnd?(results: RunResults, dir: string): Promise<string | undefined> | string | undefined;
}
