// The reference server's public face: how the CLI, the engine and the tests start it,
// which free choices (CONTRACT.md section 4) it can be switched between, and what it hands back.

/**
 * Alternative behaviours a conformant server may legitimately choose (CONTRACT.md section 4).
 * The defaults are the first option named; the tests run the suite against the others and
 * expect zero failures.
 */
export interface ServerModes {
  /** PAG-04/05: out-of-range limit/offset */
  outOfRange: 'reject' | 'clamp';
  /** AUTH-08, row 25: another customer's resource */
  foreignResource: 403 | 404;
  /** RL-02/03: send Retry-After on 429 */
  retryAfter: 'seconds' | 'http-date' | 'none';
  /** row 18: unknown product in a line item */
  unknownProduct: 404 | 422;
  /** row 21: checkout of an empty cart */
  emptyCartCheckout: 409 | 422;
  /** row 20 */
  deleteLineItem: 200 | 204;
  /** adding a product already in the cart */
  lineItemMerge: 'merge' | 'separate';
  /** after confirm, the cart */
  cartAfterConfirm: 'keep' | 'delete';
  /** inactive/discontinued products in search results */
  searchInactive: 'include' | 'exclude';
  /** well-formed locale without content */
  localeFallback: 'fallback' | '404';
  /** request without X-Api-Version */
  missingApiVersion: 'default' | 'reject';
  /** sort without direction or with ASC/DESC */
  lenientSort: 'accept' | 'reject';
  /** gt/gte/lt/lte on enums, booleans, strings */
  rangeOnNonNumeric: 'compare' | 'reject';
  /** method a known path does not support */
  unsupportedMethod: 404 | 405;
  /** optional error `type` field */
  errorType: 'include' | 'omit';
  /** opaque id format */
  idFormat: 'prefixed' | 'uuid';
  /** body on logout/token/confirm */
  bodyOnBodyless: 'ignore' | 'validate';
  /** old token after /auth/token */
  oldTokenAfterRefresh: 'valid' | 'revoked';
  /** number of products; a small catalogue (e.g. 5) has one page only */
  productCount: number;
  /** load testing (not a contract choice): the route that answers slowly, 'GET /products/{productId}', 'all' or 'none' */
  slowRoute: string;
  /** ...by this many milliseconds */
  slowMs: number;
  /** ...only while the server receives more than this many requests per second (0: always) */
  slowAboveRps: number;
}

export interface RateLimitConfig {
  /** window length in ms */
  windowMs: number;
  /** requests per window per client and route family */
  default: number;
  search: number;
  auth: number;
}

export interface ServerOptions {
  seed?: number; // default 42
  /** fault ids from src/server/faults.ts */
  faults?: string[];
  modes?: Partial<ServerModes>;
  rateLimits?: Partial<RateLimitConfig>;
  /** access token lifetime in seconds (default 3600) */
  tokenTtlSeconds?: number;
  /** fastify request logging (default false) */
  logger?: boolean;
}

export interface TestCustomer {
  id: string;
  email: string;
  password: string;
}

export interface RunningServer {
  url: string; // 'http://127.0.0.1:PORT'
  port: number;
  host: string;
  customers: [TestCustomer, TestCustomer];
  /** any non-empty string works on this server; passed as gRecaptchaResponse */
  recaptchaToken: string;
  /** service identity token for /internal/* (in-process only, never served by a route) */
  serviceToken: string;
  /** a correctly signed, already expired customer token (AUTH-05) */
  mintExpiredToken(customerIndex?: 0 | 1): Promise<string>;
  close(): Promise<void>;
}

export interface StartOptions extends ServerOptions {
  port?: number; // 0 = free port
  host?: string; // default 127.0.0.1
}
