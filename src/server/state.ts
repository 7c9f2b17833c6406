// One server's whole state: resolved modes and faults, the seeded dataset indexed by id, the
// mutable carts / sessions / orders / addresses, tokens and rate limiter. Nothing is global, so
// several servers (tests, modes) live side by side in one process.

import { generateData } from './data.js';
import { resolveFaults, type FaultSet } from './faults.js';
import { Ids } from './ids.js';
import { resolveModes, resolveRateLimits } from './modes.js';
import { RateLimiter } from './rate-limit.js';
import type { AddressRec, CartRec, CategoryRec, CollectionRec, ContentRec, CustomerRec, Dataset, DiscountRec, OrderRec, ProductRec, SessionRec } from './records.js';
import { Tokens } from './tokens.js';
import type { RateLimitConfig, ServerModes, ServerOptions } from './types.js';
import { productDetail, productSummary } from './views.js';

export interface ServerState {
  modes: ServerModes;
  faults: FaultSet;
  limits: RateLimitConfig;
  ids: Ids;
  tokens: Tokens;
  limiter: RateLimiter;
  data: Dataset;
  products: Map<string, ProductRec>;
  /** precomputed wire forms of the immutable catalogue (hot paths) */
  productJson: Map<string, string>;
  summaries: Map<ProductRec, ReturnType<typeof productSummary>>;
  categories: Map<string, CategoryRec>;
  categoryBySlug: Map<string, CategoryRec>;
  collections: Map<string, CollectionRec>;
  content: Map<string, ContentRec>; // `${locale}|${slug}`
  contentByLocale: Map<string, ContentRec[]>;
  customers: Map<string, CustomerRec>;
  customerByEmail: Map<string, CustomerRec>;
  addresses: Map<string, AddressRec>;
  orders: Map<string, OrderRec>;
  carts: Map<string, CartRec>;
  sessions: Map<string, SessionRec>;
  discounts: Map<string, DiscountRec>;
  serviceToken: string;
  startedAt: number;
}

export async function createState(opts: ServerOptions): Promise<ServerState> {
  const modes = resolveModes(opts.modes);
  const faults = resolveFaults(opts.faults);
  const limits = resolveRateLimits(opts.rateLimits);
  const ttl = opts.tokenTtlSeconds ?? 3600;
  if (!Number.isInteger(ttl) || ttl < 1) throw new Error(`invalid tokenTtlSeconds ${String(opts.tokenTtlSeconds)}: expected a positive whole number`);
  const seed = opts.seed ?? 42;
  if (!Number.isInteger(seed)) throw new Error(`invalid seed ${String(opts.seed)}: expected a whole number`);
  const ids = new Ids(modes.idFormat);
  const data = generateData({ seed, productCount: modes.productCount, idFormat: modes.idFormat }, ids);
  const tokens = new Tokens(ttl, faults);
  const byId = <T extends { id: string }>(items: T[]) => new Map(items.map((i) => [i.id, i]));
  const contentByLocale = new Map<string, ContentRec[]>();
  for (const c of data.content) {
    const list = contentByLocale.get(c.locale) ?? [];
    list.push(c);
    contentByLocale.set(c.locale, list);
  }
  return {
    modes,
    faults,
    limits,
    ids,
    tokens,
    limiter: new RateLimiter(limits, modes.retryAfter, faults),
    data,
    products: byId(data.products),
    productJson: new Map(data.products.map((p) => [p.id, JSON.stringify(productDetail(p, faults))])),
    summaries: new Map(data.products.map((p) => [p, productSummary(p, faults)])),
    categories: byId(data.categories),
    categoryBySlug: new Map(data.categories.map((c) => [c.slug, c])),
    collections: byId(data.collections),
    content: new Map(data.content.map((c) => [`${c.locale}|${c.slug}`, c])),
    contentByLocale,
    customers: byId(data.customers),
    customerByEmail: new Map(data.customers.map((c) => [c.emailAddress.toLowerCase(), c])),
    addresses: byId(data.addresses),
    orders: byId(data.orders),
    carts: new Map(),
    sessions: new Map(),
    discounts: new Map(data.discounts.map((d) => [d.code, d])),
    serviceToken: await tokens.issueService(),
    startedAt: Date.now(),
  };
}

export const nowIso = (): string => new Date().toISOString();
