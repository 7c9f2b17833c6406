// The v2 server's free choices (CONTRACT-v2 section 3): their defaults, the values each may take,
// and the validation of what a caller passes (one-line errors naming the key and valid values).

import type { V2Modes } from './types.js';

export const DEFAULT_V2_MODES: V2Modes = {
  bearerPrefix: 'accept',
  outOfRange: 'reject',
  foreignResource: 403,
  unknownProduct: 404,
  emptyBasketOrder: 409,
  idempotentRepeat: 201,
  deleteLine: 200,
  repeatDeleteLine: 404,
  shipping: 'flat',
  translations: 'full',
  retryAfter: 'seconds',
  relevance: 'catalogue',
  precedence: 'auth-first',
  emptyBody: 'object',
  lineMerge: 'merge',
  paymentMethods: 'region',
  cacheControl: 'max-age',
  productCount: 120,
};

/** Allowed values of every enumerated mode; productCount is a whole number instead. */
export const V2_MODE_VALUES: { [K in Exclude<keyof V2Modes, 'productCount'>]: ReadonlyArray<V2Modes[K]> } = {
  bearerPrefix: ['accept', 'reject'],
  outOfRange: ['reject', 'clamp'],
  foreignResource: [403, 404],
  unknownProduct: [404, 422],
  emptyBasketOrder: [409, 422],
  idempotentRepeat: [201, 200],
  deleteLine: [200, 204],
  repeatDeleteLine: [404, 204],
  shipping: ['flat', 'free'],
  translations: ['full', 'missing'],
  retryAfter: ['seconds', 'none'],
  relevance: ['catalogue', 'rating'],
  precedence: ['auth-first', 'body-first'],
  emptyBody: ['object', 'reject'],
  lineMerge: ['merge', 'separate'],
  paymentMethods: ['region', 'any'],
  cacheControl: ['max-age', 'etag'],
};

/** Merge and validate modes; throws a one-line Error naming the bad key and the valid values. */
export function resolveV2Modes(partial: Partial<V2Modes> | undefined): V2Modes {
  const modes: V2Modes = { ...DEFAULT_V2_MODES };
  for (const [key, raw] of Object.entries(partial ?? {})) {
    if (raw === undefined) continue;
    if (key === 'productCount') {
      const n = Number(raw);
      if (!Number.isInteger(n) || n < 1 || n > 100_000) throw new Error(`invalid mode productCount=${String(raw)}: expected a whole number 1..100000`);
      modes.productCount = n;
      continue;
    }
    if (!(key in V2_MODE_VALUES)) {
      throw new Error(`unknown v2 mode '${key}'; valid modes: ${[...Object.keys(V2_MODE_VALUES), 'productCount'].join(', ')}`);
    }
    const allowed = V2_MODE_VALUES[key as keyof typeof V2_MODE_VALUES] as ReadonlyArray<string | number>;
    const match = allowed.find((v) => String(v) === String(raw));
    if (match === undefined) throw new Error(`invalid mode ${key}=${String(raw)}; valid values: ${allowed.join(', ')}`);
    (modes as unknown as Record<string, unknown>)[key] = match;
  }
  return modes;
}
