// The shape of a check and of what it is given. A check is a small named function citing one
// clause; a family file exports an array of CheckDefs; a suite file hands that array to the
// harness (src/engine/harness.ts), which expands, runs, retries and records them.

import type { ContractPack, Operation, PackConventions } from '../contract/types.js';
import type { RawAnswer } from '../http/raw.js';
import type { Exchange, HttpClient, RequestSpec } from '../http/types.js';
import type { SchemaIssue } from '../results.js';

export type { SchemaIssue } from '../results.js';

export interface TargetInfo {
  baseUrl: string;
  env: string; // 'staging', 'local', 'embedded', 'custom'…
  production: boolean;
  /** --read-only or production: checks with `writes: true` are skipped */
  readOnly: boolean;
  embedded: boolean;
  /** what the run has at hand; a check needing something absent is skipped with the reason */
  has: {
    customer: boolean; // logged in successfully
    customer2: boolean;
    expiredToken: boolean;
    serviceToken: boolean;
  };
  customerId?: string;
  customer2Id?: string;
  /** rate-limit probe budget */
  rateLimitProbe: { maxRequests: number; maxSeconds: number };
  /** a discount code the target accepts (STOREFRONT_DISCOUNT_CODE); else checks try the pack's documented example */
  discountCode?: string;
  /** more codes the target accepts (STOREFRONT_DISCOUNT_CODES), each applied to the run's own cart */
  discountCodes?: string[];
  /**
   * SHIPPED/DELIVERED orders of the test customer the refused-cancel checks (IDM-07, V2-IDM-04) may
   * send a cancel to (STOREFRONT_SHIPPED_ORDERS): the run cannot ship an order of its own, and on a
   * broken server that cancel would change an order the run did not create, so a remote target's
   * orders are used only when named here. The embedded server's seeded data is the run's own.
   */
  shippedOrders?: string[];
  /** v2: the OTP a test payment accepts (STOREFRONT_OTP_CODE) */
  otpCode?: string;
  /** v2: a Luhn-valid test card number (STOREFRONT_TEST_CARD) */
  testCard?: string;
}

export type Need = 'customer' | 'customer2' | 'expiredToken' | 'serviceToken';

/** Thrown by ctx.fail / ctx.skip; the harness turns them into results. */
export class CheckFailure extends Error {
  constructor(message: string, readonly evidence: Exchange[] = []) {
    super(message);
    this.name = 'CheckFailure';
  }
}
export class CheckSkip extends Error {
  constructor(readonly reason: string) {
    super(reason);
    this.name = 'CheckSkip';
  }
}

export interface CheckContext {
  http: HttpClient;
  contract: ContractPack;
  target: TargetInfo;
  /** the operation this instance runs for (checks with `appliesTo`) */
  op?: Operation;
  /** send a request (shorthand for http.send) */
  send(spec: RequestSpec): Promise<Exchange>;
  /**
   * Send requests that do not depend on each other, several in flight at once (the runtime bounds
   * how many); the exchanges come back in the order of the specs.
   */
  sendAll(specs: readonly RequestSpec[]): Promise<Exchange[]>;
  /**
   * resolve an operation's path params (x-params) to a concrete path, e.g. '/products/p-001'.
   * `values` pins params the check already has ({ cartId: 'c-1' }); the others are resolved.
   * Resources a write creates are shared within the suite file (fresh ones for DELETE operations)
   * and deleted after it; skips (CheckSkip) when a param cannot be had.
   */
  resolvePath(op: Operation, values?: Record<string, string>): Promise<string>;
  /** validate a body against a shape or resource schema by name ('Money', 'Cart', 'ErrorEnvelope') */
  validateShape(schemaName: string, value: unknown): SchemaIssue[];
  /** register an undo action (delete the cart…) run after the suite file, also on failure */
  cleanup(fn: () => Promise<unknown>): void;
  /** per-worker memo for fixtures shared by checks (the full product list…) */
  memo<T>(key: string, make: () => Promise<T>): Promise<T>;
  /** failing finding (for a SHOULD clause the harness records it as warned) */
  fail(message: string, ...evidence: Exchange[]): never;
  skip(reason: string): never;
  /** add a line to the result message of a passing check ('verified on 3 pages') */
  note(message: string): void;
  /**
   * The run's login credentials for a test customer (for checks that log in themselves, AUTH-01/07),
   * or undefined when the run has none. Secrets: never put them in a message.
   */
  credentials?(who: 'customer' | 'customer2'): { email: string; password: string; captcha?: string } | undefined;
  /**
   * Send one request on a connection of its own and read the answer at the socket (src/http/raw.ts):
   * for the bytes the client hides (a 204's or a HEAD answer's body). No retries, no evidence;
   * never a state-changing method to production.
   */
  raw?(spec: Pick<RequestSpec, 'method' | 'path' | 'auth' | 'headers'>): Promise<RawAnswer>;
  /**
   * A run-wide judge's tally over every answer of the run so far, whichever check sent it (not the
   * client's last 2,000 exchanges): by the judge's clause ('HDR-03'); undefined when the judge does
   * not fit the pack or the runtime keeps no log.
   */
  runWide?(clause: string): RunWideTally | undefined;
  /** the run's gateway answers so far, from the same log (gateway.ts sends them again at the end) */
  gatewayAnswers?(): GatewayLog;
}

/**
 * What a judge of one recorded answer reads and how it reports: the part of a CheckContext that
 * sends nothing. The per-check judges take it (a CheckContext is one), and so do the run-wide
 * judges of every answer (src/engine/answer-log.ts).
 */
export type JudgeScope = Pick<CheckContext, 'contract' | 'op' | 'validateShape' | 'fail' | 'skip'>;

/** What a run-wide judge found over every answer of the run so far (src/engine/answer-log.ts). */
export interface RunWideTally {
  clause: string;
  judged: number;
  failed: number;
  /** the first few failing answers, each with its finding */
  offenders: ReadonlyArray<{ message: string; exchange: Exchange }>;
  /** answers judged and failed per 'METHOD /path/template STATUS' */
  byAnswer: ReadonlyMap<string, { judged: number; failed: number }>;
}

/** GET/HEAD requests of the run answered 502/503/504 (the first few distinct ones), and whether anything answered below 500. */
export interface GatewayLog {
  met: Exchange[];
  /** distinct requests met */
  count: number;
  healthy: boolean;
}

export interface CheckDef {
  /** short slug, unique within the clause: 'limit-out-of-range' */
  slug: string;
  clause: string; // exactly one clause id
  title: string; // sentence: 'limit outside 1..100 is rejected or clamped'
  /**
   * Catalogue-driven: one instance per operation for which this returns true
   * (id `${clause}:${op.key}:${slug}`). Absent: one instance; then `endpoint` names it.
   */
  appliesTo?: (op: Operation) => boolean;
  endpoint?: string;
  /** changes server state: skipped on production and under --read-only */
  writes?: boolean;
  needs?: Need[];
  /**
   * The packs this check fits, by their conventions (a check of field:direction sorting does not
   * fit a pack of named orders). Absent: every pack whose clauses include the check's clause
   * (after the pack's clauseMap). See src/checks/pack-checks.ts.
   */
  fitsPack?: (conventions: PackConventions) => boolean;
  /** safe to run a second time to confirm a failure (default: !writes) */
  repeatable?: boolean;
  /**
   * Changes the customer's state and reads it back (default: writes). Stateful checks of one family
   * run one at a time, and only after the checks over the customer's own lists are done.
   */
  stateful?: boolean;
  /**
   * Stateful, and it compares the customer's own state before and after (counts orders, lists
   * addresses): no other stateful check runs while it does.
   */
  isolated?: boolean;
  /** runs alone, after the other checks (the rate-limit probe spends the client's request window) */
  exclusive?: boolean;
  /**
   * starts when every other check is done: a judge of everything the run received. 'last': after
   * the other atEnd checks too (a judge that sends nothing and reads the run-wide log).
   */
  atEnd?: boolean | 'last';
  run(ctx: CheckContext): Promise<void>;
}
