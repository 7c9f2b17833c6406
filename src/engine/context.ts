// What the main process hands the suite workers (vitest provide/inject, key 'storefront') and
// what the workers hand back (vitest task.meta). Both cross a process boundary: plain,
// structured-cloneable data only.

import type { TargetInfo } from '../checks/types.js';
import type { SchemaIssue } from '../results.js';
import type { NamedSecret } from '../http/redact.js';
import type { RetryOptions } from '../http/interceptors/retry.js';
import type { Identity } from '../http/interceptors/session.js';
import type { LoginCredentials } from '../http/session.js';
import type { CheckResult, Evidence } from '../results.js';
import type { RuntimeTotals } from './runtime.js';

export interface RunContext {
  target: TargetInfo;
  /** contract pack name ('storefront-bff'): loadContract(pack) in every worker */
  pack: string;
  /** sent in the pack's API version header on every request unless a check removes it */
  apiVersion: string;
  /** total deadline of one request, ms */
  timeoutMs: number;
  /** response bodies past this many bytes are cut (--max-body) */
  maxBodyBytes: number;
  /** tokens obtained by the main process (logins) or configured (service, expired) */
  tokens: Partial<Record<Identity, string>>;
  /** for logging in again when a token expires mid-run */
  credentials: Partial<Record<'customer' | 'customer2', LoginCredentials>>;
  /** why an identity is missing ('customer login failed: …'): the skip reason of checks needing it */
  missing: Partial<Record<Identity, string>>;
  /** every secret value, with the variable that replays it, for redaction */
  secrets: NamedSecret[];
  /** --only: families ('PAG') or clause ids ('SRT-04'); empty = everything */
  only: string[];
  /** overrides of the client's retry bounds (tests) */
  retry?: Partial<RetryOptions>;
  /** checks in flight at once (--concurrency) */
  concurrency: number;
  /** registry families the run's suite files cover: the first suite file queues them all */
  families: string[];
  /** vitest driver: the main process creates this file to stop the run (the worker watches for it) */
  stopFile: string;
}

/** One check result travelling from a worker to the main process. */
export type CheckMeta = CheckResult;

/** The vitest test that carries live progress: its annotations are LandedResults, its own result is ignored. */
export const PROGRESS_TEST = '~progress';

/** A result as it lands in the worker, before its suite file reports it: no evidence, whether a request got no response. */
export type LandedResult = Omit<CheckResult, 'evidence' | 'stack'> & { noResponse: boolean };

/** Schema conformance of all responses a suite file saw for one operation and status. */
export interface SchemaObservation {
  operationId: string;
  status: number;
  /** responses validated */
  validated: number;
  /** responses that did not conform */
  failed: number;
  /** issues of the first non-conforming response, and its evidence */
  issues?: SchemaIssue[];
  evidence?: Evidence;
}

/** What a suite file reports once the runtime finished (afterAll): the runtime's totals since the last file. */
export interface FileMeta extends RuntimeTotals {
  family: string;
}

declare module 'vitest' {
  export interface ProvidedContext {
    storefront: RunContext;
  }
  export interface TaskMeta {
    storefrontCheck?: CheckMeta;
    storefrontFile?: FileMeta;
  }
}
// TaskMeta is declared by @vitest/runner and re-exported by vitest: augmenting the re-export alone
// holds or not depending on which file of the program reaches vitest's types first
declare module '@vitest/runner' {
  export interface TaskMeta {
    storefrontCheck?: CheckMeta;
    storefrontFile?: FileMeta;
  }
}
