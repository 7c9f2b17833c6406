// Multi-step fixtures the AUTH, IDM, CART and VER checks build on: operations by id, concrete
// paths, fresh login sessions, tampered tokens, and carts / addresses / checkout sessions / orders
// created through the API. Everything created here is registered with ctx.cleanup, so it is undone
// after the suite file also when the check fails.

import { answered, body, excerpt, expectStatus, isObject, pointer } from './assert.js';
import { positionQuery } from './pagination.js';
import type { CheckContext } from './types.js';
import type { Operation } from '../contract/types.js';
import type { Credential, Exchange, RequestSpec } from '../http/types.js';

export type Json = Record<string, unknown>;
export type Who = 'customer' | 'customer2';

/** The operation by id; a pack without it skips the check (a smaller API is not a violation). */
export function op(ctx: CheckContext, operationId: string): Operation {
  const found = ctx.contract.operations.find((o) => o.operationId === operationId);
  if (!found) ctx.skip(`the contract pack has no operation '${operationId}'`);
  return found;
}

/** '/carts/{cartId}' + { cartId: 'c 1' } → '/carts/c%201' */
export function fill(template: string, params: Record<string, string> = {}): string {
  return template.replace(/\{([^}]+)\}/g, (_, name: string) => encodeURIComponent(params[name] ?? `unknown-${name}`));
}

/** ENV-02: nothing that changes state goes to a read-only target; to production only GET, HEAD and login. */
export function gate(ctx: CheckContext, o: Operation): void {
  if (o.writes && ctx.target.readOnly) ctx.skip(`${o.key} changes state: not sent to a read-only target (ENV-02)`);
  const login = o.operationId === ctx.contract.conventions.auth.login.operationId;
  if (ctx.target.production && !login && o.method !== 'GET' && o.method !== 'HEAD') ctx.skip(`${o.key} is not sent to production (ENV-02)`);
}

export type CallOptions = Pick<RequestSpec, 'query' | 'json' | 'auth' | 'relogin' | 'retry' | 'headers'> & { params?: Record<string, string> };

/** Send operation `operationId` (gated by ENV-02); the default credential is the one its auth kind names. */
export function call(ctx: CheckContext, operationId: string, { params, ...rest }: CallOptions = {}): Promise<Exchange> {
  const o = op(ctx, operationId);
  gate(ctx, o);
  const auth: Credential = o.auth === 'customer' ? 'customer' : o.auth === 'service' ? 'service' : 'none';
  return ctx.send({ method: o.method, path: fill(o.path, params), auth, ...rest, ...(rest.auth ? {} : { auth }) });
}

/** Expect one of `statuses` and a JSON object body. */
export function objectBody(ctx: CheckContext, ex: Exchange, ...statuses: number[]): Json {
  expectStatus(ctx, ex, ...statuses);
  const b = body(ex);
  if (!isObject(b)) ctx.fail(`${answered(ex)} without a JSON object body: ${excerpt(ex)}`, ex);
  return b;
}

/** A string id at `ptr` of the body, or a failure naming it. */
export function idAt(ctx: CheckContext, ex: Exchange, ptr = '/id'): string {
  const v = pointer(body(ex), ptr);
  if (typeof v !== 'string' || v === '') ctx.fail(`${answered(ex)} without a string id at ${ptr}: ${excerpt(ex)}`, ex);
  return v;
}

export const asCustomer = (token: string): Credential => ({ token, as: 'customer' });

// ---- sessions --------------------------------------------------------------------------------

export interface Session { token: string; customerId?: string; email?: string; exchange: Exchange }

/** A new login of `who`, apart from the run's shared session (a logout or revoking refresh never breaks other checks). */
export async function freshLogin(ctx: CheckContext, who: Who = 'customer'): Promise<Session> {
  const c = ctx.contract.conventions.auth.login;
  const creds = loginCredentials(ctx, who);
  const payload: Json = { [c.emailField]: creds.email, [c.passwordField]: creds.password };
  if (c.captchaField) payload[c.captchaField] = creds.captcha ?? 'storefront-check';
  const ex = await call(ctx, c.operationId, { json: payload, auth: 'none' });
  expectStatus(ctx, ex, 200);
  const token = pointer(body(ex), c.tokenPointer);
  if (typeof token !== 'string' || token === '') ctx.fail(`${answered(ex)} without a token at ${c.tokenPointer}`, ex);
  const id = pointer(body(ex), c.customerIdPointer);
  return { token, customerId: typeof id === 'string' ? id : undefined, email: creds.email, exchange: ex };
}

/** The run's credentials for `who` (ctx.credentials); skips when there are none. */
export function loginCredentials(ctx: CheckContext, who: Who): { email: string; password: string; captcha?: string } {
  const creds = ctx.credentials?.(who);
  if (!creds) ctx.skip(`the run's ${who} credentials are not available to checks`);
  return creds;
}

/** A fresh session's token, memoised per worker: for checks that only read with it. */
export function sharedFreshToken(ctx: CheckContext): Promise<Session> {
  return ctx.memo('flows:fresh-login', () => freshLogin(ctx, 'customer'));
}

/** The token with its signature changed: a JWT's FIRST signature character (the last may carry only
 * padding bits, which lenient base64url decoders ignore); an opaque token's middle character. */
export function tamper(token: string): string {
  const parts = token.split('.');
  const swap = (ch: string) => (ch === 'A' ? 'B' : 'A');
  if (parts.length === 3 && parts[2].length > 0) {
    parts[2] = swap(parts[2][0]) + parts[2].slice(1);
    return parts.join('.');
  }
  const i = Math.floor(token.length / 2);
  return token.slice(0, i) + swap(token[i] ?? 'A') + token.slice(i + 1);
}

// ---- carts, addresses, orders ------------------------------------------------------------------

const isBuyable = (p: unknown): p is Json => isObject(p) && typeof p.id === 'string' && p.status === 'active' && p.inStock === true;

/** The product list's results at `query` (200 expected). */
async function productPage(ctx: CheckContext, query: Record<string, string | number>): Promise<unknown[]> {
  const ex = await call(ctx, 'listProducts', { query });
  const results = pointer(objectBody(ctx, ex, 200), `/${ctx.contract.conventions.paging.envelope.results}`);
  return Array.isArray(results) ? results : [];
}

/**
 * Active, in-stock products (at least `n`), memoised per worker. Asked for with the filters
 * `status=active&inStock=true`; when that answer has too few (a server whose combined filters
 * answer nothing: FLT-03 judges that), they are picked from the unfiltered list instead (up to 5
 * pages of the largest page), so the cart, order and idempotency flows still run. Skips only when
 * the catalogue itself has fewer.
 */
export async function buyable(ctx: CheckContext, n = 1): Promise<Json[]> {
  const all = await allBuyable(ctx);
  if (all.length < n) ctx.skip(`needs ${n} active, in-stock products; the catalogue has ${all.length} (filtered and unfiltered lists read)`);
  return all.slice(0, n);
}

/** Every active, in-stock product `buyable` found (memoised per worker), possibly none. */
export function allBuyable(ctx: CheckContext): Promise<Json[]> {
  return ctx.memo('flows:buyable', async () => {
    const filtered = (await productPage(ctx, { status: 'active', inStock: 'true', limit: 50 })).filter(isBuyable);
    if (filtered.length >= 4) return filtered;
    const { maxLimit } = ctx.contract.conventions.paging;
    const found = new Map(filtered.map((p) => [p.id, p]));
    for (let i = 0; i < 5 && found.size < 4; i++) {
      const results = await productPage(ctx, positionQuery(ctx, maxLimit, i * maxLimit));
      for (const p of results.filter(isBuyable)) found.set(p.id, p);
      if (results.length < maxLimit) break;
    }
    return [...found.values()];
  });
}

/**
 * Register the undo of a creation as soon as its answer names what was created (any 2xx with an
 * id), before the answer is judged: a creation answered 200 instead of 201, or with a body that
 * fails the check, is still deleted at cleanup.
 */
function undoCreated(ctx: CheckContext, ex: Exchange, undo: (id: string) => Promise<unknown>): void {
  const id = pointer(body(ex), '/id');
  if (ex.response && ex.response.status < 300 && typeof id === 'string' && id) ctx.cleanup(() => undo(id));
}

/** POST a new empty cart for `who`; deleted at cleanup. */
export async function newCart(ctx: CheckContext, who: Who = 'customer'): Promise<{ cart: Json; ex: Exchange }> {
  const ex = await call(ctx, 'createCart', { json: {}, auth: who });
  undoCreated(ctx, ex, (cartId) => call(ctx, 'deleteCart', { params: { cartId }, auth: who }));
  const cart = objectBody(ctx, ex, 201);
  idAt(ctx, ex);
  return { cart, ex };
}

/** POST a line item; expects 201 and the cart. */
export async function addItem(ctx: CheckContext, cartId: string, productId: string, quantity: number, who: Who = 'customer') {
  const ex = await call(ctx, 'addLineItem', { params: { cartId }, json: { productId, quantity }, auth: who });
  return { cart: objectBody(ctx, ex, 201), ex };
}

/** One line item to add: a product and its quantity. */
export interface Line { productId: string; quantity: number }

/** A new cart holding `quantities.length` distinct products with those quantities, or the given lines. */
export async function filledCart(ctx: CheckContext, quantities: number[] | Line[], who: Who = 'customer') {
  const lines = quantities.every((q): q is number => typeof q === 'number')
    ? (await buyable(ctx, quantities.length)).map((p, i) => ({ productId: p.id as string, quantity: quantities[i]! }))
    : quantities;
  const created = await newCart(ctx, who);
  const id = idAt(ctx, created.ex);
  let last = created;
  for (const l of lines) last = await addItem(ctx, id, l.productId, l.quantity, who);
  return { id, cart: last.cart, exchanges: [created.ex, last.ex] };
}

/** A valid AU address body (test data, sent only to non-production targets). */
export function addressInput(tag: string): Json {
  return { firstName: 'Check', lastName: tag, streetName: '1 Conformance St', city: 'Sydney', state: 'NSW', postcode: '2000', country: 'AU', isDefault: false };
}

/** POST a new address for `who`; deleted at cleanup. */
export async function newAddress(ctx: CheckContext, who: Who = 'customer'): Promise<{ address: Json; id: string; ex: Exchange }> {
  const ex = await call(ctx, 'createAddress', { json: addressInput('Storefront'), auth: who });
  undoCreated(ctx, ex, (addressId) => call(ctx, 'deleteAddress', { params: { addressId }, auth: who }));
  const address = objectBody(ctx, ex, 201);
  const id = idAt(ctx, ex);
  return { address, id, ex };
}

/** POST confirm, without judging the answer; a 2xx order id is cancelled at cleanup. */
export async function confirm(ctx: CheckContext, sessionId: string, who: Who = 'customer'): Promise<Exchange> {
  const ex = await call(ctx, 'confirmCheckout', { params: { sessionId }, auth: who });
  const orderId = pointer(body(ex), '/orderId');
  if (ex.response && ex.response.status < 300 && typeof orderId === 'string') {
    ctx.cleanup(() => cancelOrder(ctx, orderId, who));
  }
  return ex;
}

export function cancelOrder(ctx: CheckContext, orderId: string, who: Who = 'customer'): Promise<Exchange> {
  return call(ctx, 'updateOrder', { params: { orderId }, json: { status: 'CANCELLED' }, auth: who });
}

/** An order a refused-cancel check may try, with its status when it was read. */
export interface ShippedOrder { id: string; status: string }
const SHIPPED = ['SHIPPED', 'DELIVERED'];

/**
 * The SHIPPED/DELIVERED orders a refused-cancel check (IDM-07, V2-IDM-04) may send its cancel to.
 * The run cannot ship an order of its own, and on a broken server the cancel would change an order
 * it did not create: so only the embedded server's seeded orders (the run's own data) are found by
 * listing (`find`); a remote target's are the ones STOREFRONT_SHIPPED_ORDERS names, each read first
 * (`statusOf`) and tried only while it is SHIPPED or DELIVERED. Otherwise the check skips, saying so.
 */
export async function shippedOrders(ctx: CheckContext, find: () => Promise<ShippedOrder[]>, statusOf: (id: string) => Promise<string | undefined>): Promise<ShippedOrder[]> {
  if (ctx.target.embedded) {
    const found = await find();
    if (!found.length) ctx.skip("the test customer's history holds no SHIPPED or DELIVERED order");
    return found;
  }
  const named = ctx.target.shippedOrders ?? [];
  if (!named.length) {
    ctx.skip(
      'needs a SHIPPED or DELIVERED order the gate may try to cancel: the run cannot ship one of its own, and a broken server would ' +
        'cancel an order the run did not create. Name such orders of the test customer in STOREFRONT_SHIPPED_ORDERS to run it',
    );
  }
  const out: ShippedOrder[] = [];
  for (const id of named) {
    const status = await statusOf(id);
    if (status && SHIPPED.includes(status)) out.push({ id, status });
  }
  if (!out.length) ctx.skip(`no order STOREFRONT_SHIPPED_ORDERS names (${named.join(', ')}) is SHIPPED or DELIVERED for the test customer now`);
  return out;
}

/** `cart`: as read right before the session was created. */
export interface Checkout { cartId: string; addressId: string; sessionId: string; cart: Json; exchanges: Exchange[] }

/** A cart with items, an address and a PENDING checkout session, all created for this check. */
export async function checkout(
  ctx: CheckContext, quantities: number[] | Line[] = [2], who: Who = 'customer', prepare?: (cartId: string) => Promise<unknown>,
): Promise<Checkout> {
  const filled = await filledCart(ctx, quantities, who);
  if (prepare) await prepare(filled.id);
  const addr = await newAddress(ctx, who);
  const cartEx = await call(ctx, 'getCart', { params: { cartId: filled.id }, auth: who });
  const cart = objectBody(ctx, cartEx, 200);
  const s = await call(ctx, 'createCheckout', { json: { cartId: filled.id, shippingAddressId: addr.id }, auth: who });
  objectBody(ctx, s, 201);
  return { cartId: filled.id, addressId: addr.id, sessionId: idAt(ctx, s), cart, exchanges: [cartEx, s] };
}

/** A confirmed order of `who` (cancelled at cleanup). */
export async function placeOrder(ctx: CheckContext, quantities: number[] = [1], who: Who = 'customer') {
  const co = await checkout(ctx, quantities, who);
  const ex = await confirm(ctx, co.sessionId, who);
  const result = objectBody(ctx, ex, 200);
  const orderId = pointer(result, '/orderId');
  if (typeof orderId !== 'string') ctx.fail(`${answered(ex)} without a string orderId: ${excerpt(ex)}`, ex);
  return { ...co, orderId, result, confirmEx: ex };
}

/** Deep equality of JSON values (key order ignored). */
export function sameJson(a: unknown, b: unknown): boolean {
  if (a === b) return true;
  if (Array.isArray(a) || Array.isArray(b)) {
    return Array.isArray(a) && Array.isArray(b) && a.length === b.length && a.every((x, i) => sameJson(x, b[i]));
  }
  if (!isObject(a) || !isObject(b)) return false;
  const ka = Object.keys(a);
  return ka.length === Object.keys(b).length && ka.every((k) => k in b && sameJson(a[k], b[k]));
}

/** The first differing path of two JSON values, for messages ('/version: 3 vs 4'). */
export function firstDifference(a: unknown, b: unknown, path = ''): string | undefined {
  if (sameJson(a, b)) return undefined;
  const both = (isObject(a) && isObject(b)) || (Array.isArray(a) && Array.isArray(b) && a.length === b.length);
  for (const k of both ? new Set([...Object.keys(a as Json), ...Object.keys(b as Json)]) : []) {
    const d = firstDifference((a as Json)[k], (b as Json)[k], `${path}/${k}`);
    if (d) return d;
  }
  return `${path || '/'}: ${JSON.stringify(a)?.slice(0, 80)} vs ${JSON.stringify(b)?.slice(0, 80)}`;
}
