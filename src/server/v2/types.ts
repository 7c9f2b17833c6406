// The v2 reference server's public face: its free choices (CONTRACT-v2 section 3), how the CLI,
// the engine and the tests start it, and what it hands back.

import type { RateLimitConfig } from '../types.js';

/**
 * Alternative behaviours a conformant v2 server may choose (CONTRACT-v2 section 3). The first
 * value of each (DEFAULT_V2_MODES) is the default; every other must give a run with zero failures.
 */
export interface V2Modes {
  /** V2-AUTH-04: `Authorization: Bearer <jwt>` accepted as well, or answered 401 */
  bearerPrefix: 'accept' | 'reject';
  /** V2-PAG-03: out-of-range page/pageSize rejected with 400 or clamped (echoing the applied value) */
  outOfRange: 'reject' | 'clamp';
  /** V2-AUTH-06: another customer's resource */
  foreignResource: 403 | 404;
  /** V2-BSK-03, rows 21/28/42: an unknown product (or store) id inside a body */
  unknownProduct: 404 | 422;
  /** row 31: ordering an empty basket */
  emptyBasketOrder: 409 | 422;
  /** V2-IDM-01: the status of an idempotent repeat */
  idempotentRepeat: 201 | 200;
  /** row 29: DELETE of a basket line */
  deleteLine: 200 | 204;
  /** row 29: a second DELETE of the same basket line */
  repeatDeleteLine: 404 | 204;
  /** V2-BSK-01: shippingTotal a flat per-region fee, or always 0 */
  shipping: 'flat' | 'free';
  /** V2-HDR-05: translated names and titles, or the same text in every language */
  translations: 'full' | 'missing';
  /** rate limits: 429 with Retry-After (seconds) or without it */
  retryAfter: 'seconds' | 'none';
  /** the default `relevance` order of GET /catalog/products */
  relevance: 'catalogue' | 'rating';
  /** several faults in one request: a missing/invalid token before a bad body (415/400), or after */
  precedence: 'auth-first' | 'body-first';
  /** an empty request body: read as {} (then 422 REQUIRED), or 400 MALFORMED_JSON */
  emptyBody: 'object' | 'reject';
  /** row 28: a product already in the basket merges into its line or gets another */
  lineMerge: 'merge' | 'separate';
  /** row 38: payments with the methods of the request's region only, or with any known method */
  paymentMethods: 'region' | 'any';
  /** V2-HDR-06: anonymous answers carry `max-age`, or `no-cache` with an ETag */
  cacheControl: 'max-age' | 'etag';
  /** number of products; a small catalogue (e.g. 5) has one page only */
  productCount: number;
}

export interface V2ServerOptions {
  seed?: number; // default 42
  /** fault ids from src/server/v2/faults.ts */
  faults?: string[];
  modes?: Partial<V2Modes>;
  rateLimits?: Partial<RateLimitConfig>;
  /** access token lifetime in seconds (default 3600) */
  tokenTtlSeconds?: number;
  /** the OTP code payments accept (STOREFRONT_OTP_CODE; default '123456') */
  otpCode?: string;
  /** fastify request logging (default false) */
  logger?: boolean;
}

export interface V2StartOptions extends V2ServerOptions {
  port?: number; // 0 = free port
  host?: string; // default 127.0.0.1
}

export interface V2TestCustomer {
  id: string;
  email: string;
  password: string;
}

export interface V2RunningServer {
  /** the contract pack this server implements */
  pack: 'storefront-v2';
  url: string; // 'http://127.0.0.1:PORT'
  port: number;
  host: string;
  customers: [V2TestCustomer, V2TestCustomer];
  /** the OTP code payments with an OTP method accept (STOREFRONT_OTP_CODE) */
  otpCode: string;
  /** a Luhn-valid test card number the server accepts (STOREFRONT_TEST_CARD) */
  testCard: string;
  /** a correctly signed, already expired customer token (V2-AUTH-04) */
  mintExpiredToken(customerIndex?: 0 | 1): Promise<string>;
  close(): Promise<void>;
}
