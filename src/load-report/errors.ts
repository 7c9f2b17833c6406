// The load report's tool error: its input (k6's output files, the profile) is missing or unusable.
// A crossed threshold is not an error: it is data in the report (verdict 'fail').

import { ExitCode, ToolError } from '../errors.js';

export class LoadReportError extends ToolError {
  constructor(message: string) {
    super(message, ExitCode.USAGE, 'E_LOAD_REPORT_INPUT');
    this.name = 'LoadReportError';
  }
}
