// Test helpers for the v2 reference server: start it on a free loopback port and talk to it over
// real HTTP, the raw JWT in Authorization (CONTRACT-v2 V2-AUTH-04).

import { afterAll, beforeAll } from 'vitest';
import { startV2Server } from '../../src/server/v2/index.js';
import type { V2RunningServer, V2StartOptions } from '../../src/server/v2/types.js';
import { sendJson, type ReqOptions as BffReqOptions, type Res } from '../server/helpers.js';

export type { Res } from '../server/helpers.js';

export interface ReqOptions extends BffReqOptions {
  /** sent as the raw Authorization header */
  token?: string;
  region?: string;
  lang?: string;
}

export interface V2Api {
  server: V2RunningServer;
  req(method: string, path: string, opts?: ReqOptions): Promise<Res>;
  get(path: string, opts?: ReqOptions): Promise<Res>;
  login(index?: 0 | 1): Promise<string>;
}

export async function bootV2(opts: V2StartOptions = {}): Promise<V2Api> {
  const server = await startV2Server({ port: 0, ...opts });
  const req = (method: string, path: string, o: ReqOptions = {}): Promise<Res> => {
    const headers: Record<string, string> = { ...o.headers };
    if (o.token) headers.authorization = o.token;
    if (o.region !== undefined) headers['x-region'] = o.region;
    if (o.lang !== undefined) headers['accept-language'] = o.lang;
    return sendJson(server.url + path, method, headers, o);
  };
  return {
    server,
    req,
    get: (path, o) => req('GET', path, o),
    login: async (index = 0) => {
      const c = server.customers[index];
      const r = await req('POST', '/customers/login', { body: { email: c.email, password: c.password } });
      if (r.status !== 200) throw new Error(`login failed: ${r.status} ${r.text}`);
      return r.body.token as string;
    },
  };
}

/** One v2 server per test file with the first customer signed in. */
export function useV2Server(ready: (api: V2Api, token: string) => void, opts: V2StartOptions = {}): void {
  let api: V2Api | undefined;
  beforeAll(async () => {
    api = await bootV2(opts);
    ready(api, await api.login());
  });
  afterAll(() => api?.server.close());
}

/** A reason the body is not the v2 error envelope with an UPPER_SNAKE errorCode, or ''. */
export function envelopeProblem(r: Res): string {
  const b = r.body;
  if (!b || typeof b !== 'object') return 'no JSON body';
  if (typeof b.errorCode !== 'string' || !/^[A-Z][A-Z0-9_]*$/.test(b.errorCode)) return `errorCode ${String(b.errorCode)}`;
  if (typeof b.message !== 'string' || !b.message) return 'empty message';
  if (b.details !== undefined && !Array.isArray(b.details)) return 'details not an array';
  return '';
}

export const TS = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}Z$/;

/** A fresh clientReference (8..64 of [A-Za-z0-9_-]). */
let refCounter = 0;
export const ref = (tag = 'ref'): string => `${tag}-${Date.now().toString(36)}-${++refCounter}`;

export const GB_ADDRESS = { firstName: 'Ada', lastName: 'Lovelace', line1: '1 Test Street', city: 'London', postalCode: 'SW1A 1AA', country: 'GB' };

/** A basket (member when a token is given) holding `quantity` of `productId`. */
export async function basketWith(api: V2Api, opts: { token?: string; region?: string; productId?: string; quantity?: number; code?: string } = {}) {
  const { token, region } = opts;
  const b = (await api.req('POST', '/baskets', { token, region })).body;
  let r = await api.req('POST', `/baskets/${b.id}/items`, { token, region, body: { productId: opts.productId ?? 'prod-0001', quantity: opts.quantity ?? 2 } });
  if (opts.code) r = await api.req('PUT', `/baskets/${b.id}/discount-code`, { token, region, body: { code: opts.code } });
  return r.body;
}

/** A member order of a fresh basket, in the region given. */
export async function orderWith(api: V2Api, token: string, opts: { region?: string; code?: string; quantity?: number } = {}) {
  const basket = await basketWith(api, { token, region: opts.region, code: opts.code, quantity: opts.quantity });
  const addressId = (await api.get('/customers/me/addresses', { token })).body.items[0].id;
  const r = await api.req('POST', '/orders', { token, region: opts.region, body: { basketId: basket.id, addressId, clientReference: ref('ord') } });
  return { basket, order: r.body, res: r };
}
