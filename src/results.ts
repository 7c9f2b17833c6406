// The Results model: what a run produced, and the events a run emits while it goes. It depends on
// nothing: http/, validation/, the engine and the reporters all import it; reporters read this and
// nothing else; results.json is RunResults serialised.

/**
 * passed/failed/warned/skipped are verdicts about the API; `errored` means the tool itself failed
 * (an exception in a check): never a finding, never a catch, and the run exits 4.
 */
export type CheckStatus = 'passed' | 'failed' | 'warned' | 'skipped' | 'errored';
export const STATUSES: readonly CheckStatus[] = ['passed', 'failed', 'warned', 'skipped', 'errored'];

export interface SchemaIssue {
  /** JSON pointer into the body, '/results/3/price/centAmount' */
  pointer: string;
  keyword: string; // ajv keyword: 'type', 'required', 'pattern'…
  message: string; // 'must be integer'
  expected?: unknown;
  actual?: unknown;
  /** clause the failing schema is annotated with (x-clause): FMT-01 for Money, ERR-01 for the envelope… */
  clause: string;
}

/** A replayable piece of evidence, already redacted. */
export interface Evidence {
  request: { method: string; url: string; headers: Record<string, string>; body?: string };
  response?: { status: number; headers: Record<string, string>; body: string; truncated: boolean };
  error?: string;
  /** curl line that replays the request (secrets as $STOREFRONT_* placeholders or <redacted>) */
  curl: string;
  notes?: string[];
}

export interface CheckResult {
  /** stable across runs: `${clause}:${endpoint}:${slug}`, e.g. 'PAG-04:GET /products:limit-out-of-range' */
  id: string;
  clause: string;
  family: string;
  /** 'GET /products/{productId}', or '*' for a check that is not about one endpoint */
  endpoint: string;
  title: string;
  status: CheckStatus;
  /** why it failed / was skipped / what was verified */
  message: string;
  /** it failed, then passed when repeated: still a failure (a race, a stale replica), marked as such */
  intermittent?: boolean;
  /** true when a baseline entry covers this failure (shown, does not fail the gate) */
  baselined?: boolean;
  evidence?: Evidence[];
  /** status 'errored' only: where the tool failed (redacted stack), shown once in the reports */
  stack?: string;
  /**
   * true for a schema conformance result (`…:schema-200`, aggregated over every response): it proves
   * the body's shape, not the clause's rule, so the coverage counts it apart from dedicated checks
   */
  schema?: boolean;
  durationMs: number;
}

/** Results of one kind per status. */
export type StatusCounts = Record<CheckStatus, number>;

export interface ClauseCoverage {
  clause: string;
  level: 'MUST' | 'SHOULD' | 'TOOL';
  summary: string;
  checks: number;
  passed: number;
  failed: number;
  warned: number;
  skipped: number;
  errored: number;
  endpoints: string[];
  /** the counts above restricted to the clause's dedicated checks (every result but schema conformance) */
  dedicated: StatusCounts;
  /** the schema conformance results filed under the clause (by the failing keyword's clause, or the schema's root) */
  schema: StatusCounts;
  /**
   * how the clause was judged: `dedicated` — a dedicated check passed, failed or warned; `schema only`
   * — only schema conformance judged it (its rule was never checked); `not checked` — none ran, or
   * every one skipped or errored (an errored check judges nothing)
   */
  judged: 'dedicated' | 'schema only' | 'not checked';
}

export interface RunResults {
  tool: { name: string; version: string };
  target: { baseUrl: string; env: string; embedded: boolean; faults?: string[] };
  pack: string;
  startedAt: string;
  durationMs: number;
  /** total HTTP exchanges the run sent */
  requests: number;
  summary: Record<CheckStatus, number>;
  checks: CheckResult[];
  coverage: ClauseCoverage[];
  /** problems with the run itself (login failed, target lost): shown first in every report */
  setup: { level: 'error' | 'warning'; message: string }[];
  baseline?: { file: string; known: string[]; fixed: string[]; expired: string[]; new: string[] };
  interrupted?: boolean;
  exitCode: number;
  /** one line saying why the gate passed or failed ('3 check(s) failed') */
  verdict?: string;
  /** --strict was on (warnings fail the gate) */
  strict?: boolean;
}


export type ProgressEvent =
  | { type: 'start'; baseUrl: string; env: string; embedded: boolean }
  /** before the checks start: how many the run plans (live progress shows done / planned) */
  | { type: 'plan'; total: number }
  | { type: 'setup'; level: 'error' | 'warning'; message: string }
  | { type: 'check'; result: CheckResult }
  /** a suite file finished: its family's counts */
  | { type: 'family'; family: string; counts: Record<CheckStatus, number> }
  | { type: 'end'; durationMs: number };
