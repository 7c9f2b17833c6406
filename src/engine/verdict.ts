// The verdict of one attempt of a check, and only that: how what a check's run did (returned, or
// threw) becomes a status. A CheckFailure failed; a CheckSkip, a missing credential or a request
// production refused (ENV-02) skipped with the reason; anything else is `errored` — the tool failed,
// not the API. A pass that needed the client to send a request again after transport trouble (a
// 502/503/504, a reset) is a warning naming those requests; a 429 honoured is not trouble. Whether a
// failure repeats ("intermittent (1 of 2)") is the runtime's call (runtime.ts), not this file's.

import { CheckFailure, CheckSkip } from '../checks/types.js';
import { MissingCredentialError, ProductionWriteRefused } from '../http/errors.js';
import { toEvidence } from '../http/evidence.js';
import type { Redactor } from '../http/redact.js';
import type { Exchange } from '../http/types.js';
import type { CheckStatus, Evidence } from '../results.js';

export type Attempt = { status: CheckStatus; message: string; evidence?: Evidence[]; stack?: string };

const MAX_EVIDENCE = 5;
const RETRIES_NAMED = 3;

const describeRetries = (ex: Exchange) => `${ex.request.method} ${new URL(ex.request.url).pathname} (${ex.trouble!.join(', ')}, then ${ex.response?.status ?? ex.error?.code})`;

/** A run that returned: passed, or warned when it passed only thanks to the client's transport retries. */
export function passed(message: string, mine: readonly Exchange[], redactor: Redactor): Attempt {
  const troubled = mine.filter((ex) => ex.trouble?.length);
  if (!troubled.length) return { status: 'passed', message };
  const named = troubled.slice(0, RETRIES_NAMED).map(describeRetries).join('; ');
  return { status: 'warned', message: redactor.text(`${message}; passed only after the client retried transport trouble: ${named}`) };
}

/** A run that threw `err` (not an interrupt: the runtime says which of those it was). */
export function thrown(err: unknown, mine: readonly Exchange[], redactor: Redactor): Attempt {
  const redact = (s: string) => redactor.text(s);
  const evidenceOf = (exchanges: readonly Exchange[]) => exchanges.slice(0, MAX_EVIDENCE).map((ex) => toEvidence(ex, redactor));
  if (err instanceof CheckSkip) return { status: 'skipped', message: redact(err.reason) };
  if (err instanceof MissingCredentialError) return { status: 'skipped', message: err.reason };
  // production safety (ENV-02) refused what this check would send: not a finding, not a tool error
  if (err instanceof ProductionWriteRefused) return { status: 'skipped', message: redact(`not sent: ${err.message}`) };
  if (err instanceof CheckFailure) {
    return { status: 'failed', message: redact(err.message), evidence: evidenceOf(err.evidence.length ? err.evidence : mine.slice(-1)) };
  }
  const e = err instanceof Error ? err : new Error(String(err));
  return { status: 'errored', message: redact(`the tool failed, not the API: ${e.message}`), stack: redact(e.stack ?? e.message), evidence: evidenceOf(mine.slice(-1)) };
}
