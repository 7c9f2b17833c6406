// Tool errors of the HTTP layer: the tool refused or could not do something. These are
// exceptions (the tool failed), never findings (the API failed).

import { ExitCode, ToolError } from '../errors.js';

export const READ_ONLY =
  'production is read-only for storefront-check; a check that writes must declare writes: true so it is skipped there';

/** ENV-02 defence in depth: a state-changing request to production was refused, not sent. */
export class ProductionWriteRefused extends ToolError {
  constructor(method: string, url: string, reason = READ_ONLY) {
    super(
      `refused to send ${method} ${url}: ${reason} (ENV-02)`,
      ExitCode.USAGE,
      'E_PRODUCTION_WRITE',
    );
    this.name = 'ProductionWriteRefused';
  }
}

/** A request asked for a credential the run does not have (login failed, none configured). */
export class MissingCredentialError extends Error {
  constructor(readonly identity: string, readonly reason: string) {
    super(reason);
    this.name = 'MissingCredentialError';
  }
}
