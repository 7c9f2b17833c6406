// One v2 server's whole state: resolved modes and faults, the seeded dataset indexed by id, the
// mutable customers, baskets, orders, payments and purchases, the idempotency ledger
// (V2-IDM-01..05), refresh tokens (rotation, V2-AUTH-05), the BFF server's token signer and rate
// limiter. Nothing is global, so several servers live side by side in one process.

import { randomBytes } from 'node:crypto';
import type { FaultSet } from '../faults.js';
import { Ids } from '../ids.js';
import { resolveRateLimits } from '../modes.js';
import { RateLimiter } from '../rate-limit.js';
import { Tokens } from '../tokens.js';
import type { RateLimitConfig } from '../types.js';
import { generateV2Data } from './data.js';
import { resolveV2Faults, type V2FaultSet } from './faults.js';
import { resolveV2Modes } from './modes.js';
import type {
  AddressRec, BasketRec, CardRec, CategoryRec, CommentRec, CustomerRec, DiscountRec, NotificationRec, OrderRec, PaymentRec, ProductRec, PurchaseRec, TicketRec, V2Dataset,
} from './records.js';
import type { V2Modes, V2ServerOptions } from './types.js';

export interface IdempotentEntry {
  fingerprint: string;
  id: string;
}

export interface V2State {
  modes: V2Modes;
  faults: V2FaultSet;
  limits: RateLimitConfig;
  ids: Ids;
  tokens: Tokens;
  limiter: RateLimiter;
  otpCode: string;
  data: V2Dataset;
  products: Map<string, ProductRec>;
  categories: Map<string, CategoryRec>;
  commentsByProduct: Map<string, CommentRec[]>;
  customers: Map<string, CustomerRec>;
  customerByEmail: Map<string, CustomerRec>;
  addresses: Map<string, AddressRec>;
  favorites: Map<string, Set<string>>; // customerId -> productIds
  notifications: Map<string, NotificationRec>;
  tickets: TicketRec[];
  baskets: Map<string, BasketRec>;
  orders: Map<string, OrderRec>;
  cards: Map<string, CardRec>;
  payments: Map<string, PaymentRec>;
  purchases: Map<string, PurchaseRec>;
  discounts: Map<string, DiscountRec>;
  /** `${kind}|${scope}|${clientReference}` -> the resource it created */
  idempotency: Map<string, IdempotentEntry>;
  /** live refresh tokens -> customer id (used once: rotation) */
  refreshTokens: Map<string, string>;
  nextOrderNumber: number;
}

export const byId = <T extends { id: string }>(items: T[]): Map<string, T> => new Map(items.map((i) => [i.id, i]));

export function createV2State(opts: V2ServerOptions): V2State {
  const modes = resolveV2Modes(opts.modes);
  const faults = resolveV2Faults(opts.faults);
  const limits = resolveRateLimits(opts.rateLimits);
  const ttl = opts.tokenTtlSeconds ?? 3600;
  if (!Number.isInteger(ttl) || ttl < 1) throw new Error(`invalid tokenTtlSeconds ${String(opts.tokenTtlSeconds)}: expected a positive whole number`);
  const seed = opts.seed ?? 42;
  if (!Number.isInteger(seed)) throw new Error(`invalid seed ${String(opts.seed)}: expected a whole number`);
  const otpCode = opts.otpCode ?? '123456';
  if (!/^\d{4,8}$/.test(otpCode)) throw new Error(`invalid otpCode '${otpCode}': expected 4 to 8 digits`);
  const ids = new Ids('prefixed');
  const data = generateV2Data(seed, modes.productCount, ids);
  // the BFF's faults never apply here: its signer and limiter get an empty fault set
  const noBffFaults: FaultSet = new Set();
  const commentsByProduct = new Map<string, CommentRec[]>();
  for (const c of data.comments) commentsByProduct.set(c.productId, [...(commentsByProduct.get(c.productId) ?? []), c]);
  return {
    modes,
    faults,
    limits,
    ids,
    tokens: new Tokens(ttl, noBffFaults),
    limiter: new RateLimiter(limits, modes.retryAfter, noBffFaults, 'RATE_LIMITED'),
    otpCode,
    data,
    products: byId(data.products),
    categories: byId(data.categories),
    commentsByProduct,
    customers: byId(data.customers),
    customerByEmail: new Map(data.customers.map((c) => [c.email.toLowerCase(), c])),
    addresses: byId(data.addresses),
    favorites: new Map(data.customers.map((c, i) => [c.id, new Set(data.products.slice(i * 3, i * 3 + 3).map((p) => p.id))])),
    notifications: byId(data.notifications),
    tickets: data.tickets,
    baskets: new Map(),
    orders: byId(data.orders),
    cards: byId(data.cards),
    payments: byId(data.payments),
    purchases: byId(data.purchases),
    discounts: new Map(data.discounts.map((d) => [d.code, d])),
    idempotency: new Map(),
    refreshTokens: new Map(),
    nextOrderNumber: 300001,
  };
}

export const newRefreshToken = (): string => 'rt_' + randomBytes(24).toString('base64url');
