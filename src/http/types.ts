// What the one HTTP client of the tool takes and gives back. Checks describe a request with
// RequestSpec and read the recorded Exchange; they never build clients, retry or redact themselves.

/** Which credential to put on the request. Names refer to the run's configured identities. */
export type Credential =
  | 'none'
  | 'customer' // first test customer (re-login on expiry)
  | 'customer2' // second test customer
  | 'service' // service identity token
  | 'expired' // an expired customer token
  | { token: string; as: 'customer' | 'service' }; // an explicit token (tampered, revoked…)

export interface RequestSpec {
  method: string;
  /** path with or without query: '/products' or '/products?limit=5' (no base URL) */
  path: string;
  /** extra query params, appended in order; arrays repeat the parameter (sort=a&sort=b) */
  query?: Record<string, string | number | boolean | Array<string | number>>;
  /** headers to add or override; `null` removes a default header (e.g. X-Api-Version) */
  headers?: Record<string, string | null>;
  /** JSON body; serialised with Content-Type: application/json unless headers override */
  json?: unknown;
  /** raw body sent verbatim (malformed JSON, wrong content type) */
  body?: string;
  auth?: Credential;
  /**
   * retry on 429 (honouring Retry-After) and, for idempotent methods, on 502/503/504.
   * Default true; the rate-limit suite sets false to see the raw 429s.
   */
  retry?: boolean;
  /**
   * Re-login once and retry when a customer request answers 401 (token expired mid-run).
   * Default true for auth 'customer'/'customer2'; auth checks that expect 401 set false.
   */
  relogin?: boolean;
  /** total deadline of this request in ms, every attempt included; retry waits move it (default: the run's --timeout) */
  timeoutMs?: number;
}

export interface RecordedRequest {
  method: string;
  url: string; // absolute
  headers: Record<string, string>; // as sent, secrets NOT yet redacted (redaction happens when evidence is built)
  body?: string;
}

export interface RecordedResponse {
  status: number;
  /** lower-cased names; repeated headers joined with ', ' */
  headers: Record<string, string>;
  /** body text (decoded) */
  text: string;
  /** parsed JSON when the body parses, else undefined (always undefined when truncated) */
  json?: unknown;
  /**
   * Set when the body passed the limit (--max-body): the rest was never read, and `text` keeps
   * only the first 64 kB (TRUNCATED_TEXT). A check reports it as a finding with the sizes.
   */
  truncated?: { limitBytes: number; receivedBytes: number; declaredBytes?: number };
}

export interface Exchange {
  /** sequence number within the worker, for evidence ordering */
  seq: number;
  request: RecordedRequest;
  response?: RecordedResponse;
  /** network-level failure (ECONNREFUSED, DEADLINE: no complete answer within the request deadline…) */
  error?: { code: string; message: string };
  durationMs: number;
  /** what the client did on the way: 'retried after 429 (Retry-After: 1)', 're-logged in after 401' */
  notes: string[];
  /** operationId the request matched in the contract, if any */
  operationId?: string;
  /** 502/503/504 answers the client sent the request again after (oldest first): judged like `response` */
  retried?: RecordedResponse[];
  /** the transport trouble the client sent the request again after, oldest first: '503', 'transport error ECONNRESET' (not 429s) */
  trouble?: string[];
}

export interface HttpClient {
  send(spec: RequestSpec): Promise<Exchange>;
  /** Every exchange recorded so far by this client (oldest first). */
  exchanges(): readonly Exchange[];
  close(): Promise<void>;
}
