// The reference server's free choices (CONTRACT.md section 4): their defaults, the values each
// may take, and the validation of what a caller passes to startServer (one-line errors).

import type { RateLimitConfig, ServerModes } from './types.js';

export const DEFAULT_MODES: ServerModes = {
  outOfRange: 'reject',
  foreignResource: 403,
  retryAfter: 'seconds',
  unknownProduct: 404,
  emptyCartCheckout: 409,
  deleteLineItem: 200,
  lineItemMerge: 'merge',
  cartAfterConfirm: 'keep',
  searchInactive: 'include',
  localeFallback: 'fallback',
  missingApiVersion: 'default',
  lenientSort: 'accept',
  rangeOnNonNumeric: 'compare',
  unsupportedMethod: 404,
  errorType: 'include',
  idFormat: 'prefixed',
  bodyOnBodyless: 'ignore',
  oldTokenAfterRefresh: 'valid',
  productCount: 350,
  slowRoute: 'none',
  slowMs: 0,
  slowAboveRps: 0,
};

/** Modes that are not a contract choice but a load-testing aid (src/server/slowdown.ts). */
const SLOW_MODES = ['slowRoute', 'slowMs', 'slowAboveRps'] as const;

/** Allowed values of every enumerated mode; productCount is a whole number instead. */
export const MODE_VALUES: { [K in Exclude<keyof ServerModes, 'productCount' | (typeof SLOW_MODES)[number]>]: ReadonlyArray<ServerModes[K]> } = {
  outOfRange: ['reject', 'clamp'],
  foreignResource: [403, 404],
  retryAfter: ['seconds', 'http-date', 'none'],
  unknownProduct: [404, 422],
  emptyCartCheckout: [409, 422],
  deleteLineItem: [200, 204],
  lineItemMerge: ['merge', 'separate'],
  cartAfterConfirm: ['keep', 'delete'],
  searchInactive: ['include', 'exclude'],
  localeFallback: ['fallback', '404'],
  missingApiVersion: ['default', 'reject'],
  lenientSort: ['accept', 'reject'],
  rangeOnNonNumeric: ['compare', 'reject'],
  unsupportedMethod: [404, 405],
  errorType: ['include', 'omit'],
  idFormat: ['prefixed', 'uuid'],
  bodyOnBodyless: ['ignore', 'validate'],
  oldTokenAfterRefresh: ['valid', 'revoked'],
};

export const DEFAULT_RATE_LIMITS: RateLimitConfig = {
  windowMs: 10_000,
  // Generous for a whole conformance run from one client; the RL probe (<= 300 requests in 10 s
  // against /search) meets the stricter search limit.
  default: 3000,
  search: 120,
  auth: 200,
};

/** Merge and validate modes; throws a one-line Error naming the bad key and the valid values. */
export function resolveModes(partial: Partial<ServerModes> | undefined): ServerModes {
  const modes: ServerModes = { ...DEFAULT_MODES };
  for (const [key, raw] of Object.entries(partial ?? {})) {
    if (raw === undefined) continue;
    if (key === 'productCount') {
      const n = Number(raw);
      if (!Number.isInteger(n) || n < 1 || n > 100_000) {
        throw new Error(`invalid mode productCount=${String(raw)}: expected a whole number 1..100000`);
      }
      modes.productCount = n;
      continue;
    }
    if (key === 'slowRoute') {
      const route = String(raw).trim();
      if (route !== 'none' && route !== 'all' && !/^(GET|POST|PUT|PATCH|DELETE) \/\S*$/.test(route)) {
        throw new Error(`invalid mode slowRoute=${route}: expected a route template such as 'GET /products/{productId}', all or none`);
      }
      modes.slowRoute = route;
      continue;
    }
    if (key === 'slowMs' || key === 'slowAboveRps') {
      const n = Number(raw);
      if (!Number.isInteger(n) || n < 0 || n > 60_000) throw new Error(`invalid mode ${key}=${String(raw)}: expected a whole number 0..60000`);
      modes[key] = n;
      continue;
    }
    if (!(key in MODE_VALUES)) {
      throw new Error(`unknown mode '${key}'; valid modes: ${[...Object.keys(MODE_VALUES), 'productCount', ...SLOW_MODES].join(', ')}`);
    }
    const allowed = MODE_VALUES[key as keyof typeof MODE_VALUES] as ReadonlyArray<string | number>;
    // The CLI passes numeric-looking strings as numbers; accept either spelling of a value.
    const match = allowed.find((v) => String(v) === String(raw));
    if (match === undefined) {
      throw new Error(`invalid mode ${key}=${String(raw)}; valid values: ${allowed.join(', ')}`);
    }
    (modes as unknown as Record<string, unknown>)[key] = match;
  }
  return modes;
}

export function resolveRateLimits(partial: Partial<RateLimitConfig> | undefined): RateLimitConfig {
  const limits: RateLimitConfig = { ...DEFAULT_RATE_LIMITS };
  for (const [key, raw] of Object.entries(partial ?? {})) {
    if (raw === undefined) continue;
    if (!(key in DEFAULT_RATE_LIMITS)) {
      throw new Error(`unknown rate limit '${key}'; valid keys: ${Object.keys(DEFAULT_RATE_LIMITS).join(', ')}`);
    }
    if (!Number.isInteger(raw) || raw < 1) throw new Error(`invalid rate limit ${key}=${String(raw)}: expected a positive whole number`);
    limits[key as keyof RateLimitConfig] = raw;
  }
  return limits;
}
