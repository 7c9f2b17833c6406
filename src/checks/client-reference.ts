// V2-IDM-01..05: idempotent creates by client reference (pack.yaml `idempotency`) on member and
// guest orders, payments and purchases: a repeat returns the same resource and creates nothing,
// another body is a conflict, a missing or malformed reference is a 422 naming it, a reference
// is scoped to its customer (or guest email); and repeated writes (PUT, DELETE, cancel) leave the
// state as after the first. The creates are the v2 catalogue's: this family belongs to storefront-v2.

import { randomBytes } from 'node:crypto';
import { answered, body, expectEnvelope, expectStatus, isObject, pointer } from './assert.js';
import { call, firstDifference, idAt, objectBody, shippedOrders, type Json, type ShippedOrder, type Who } from './flows.js';
import { addressBody, clientRef, guestOrderBody, orderBody, paymentBody, paymentMethods, placedOrder, purchaseBody, referenceField } from './order-flows.js';
import type { CheckContext, CheckDef } from './types.js';
import type { Credential, Exchange } from '../http/types.js';

/** One idempotent create of the catalogue: its operation, a fresh body, and the list that must hold it once. */
interface Create {
  name: string;
  operationId: string;
  endpoint: string;
  who: Who | 'guest';
  body(ctx: CheckContext, ref: string, who: Who): Promise<Json>;
  /** another valid body for the same reference (V2-IDM-02) */
  other(ctx: CheckContext, body: Json, who: Who): Promise<Json>;
  list?: string;
}

const guestEmail = () => `guest-${randomBytes(5).toString('hex')}@example.com`;

const CREATES: Create[] = [
  { name: 'order', operationId: 'createOrder', endpoint: 'POST /orders', who: 'customer', list: 'listOrders', body: (ctx, ref, who) => orderBody(ctx, who, ref), other: async (ctx, b, who) => ({ ...(await orderBody(ctx, who, String(b[referenceField(ctx).field]))) }) },
  { name: 'guest order', operationId: 'createGuestOrder', endpoint: 'POST /orders/guest', who: 'guest', body: (ctx, ref) => guestOrderBody(ctx, guestEmail(), ref), other: async (ctx, b) => ({ ...(await guestOrderBody(ctx, String(b.email), String(b[referenceField(ctx).field]))) }) },
  {
    name: 'payment', operationId: 'createPayment', endpoint: 'POST /payments', who: 'customer', list: 'listPayments',
    body: async (ctx, ref, who) => {
      const { direct, otp } = await paymentMethods(ctx, who);
      const method = direct ?? otp ?? ctx.skip("the region's payment methods are empty");
      return paymentBody(ctx, await placedOrder(ctx, who), method, who, ref);
    },
    other: async (ctx, b, who) => ({ ...b, orderId: (await placedOrder(ctx, who)).id }),
  },
  { name: 'purchase', operationId: 'createPurchase', endpoint: 'POST /purchases', who: 'customer', list: 'listPurchases', body: (ctx, ref) => purchaseBody(ctx, ref), other: async (_ctx, b) => ({ ...b, quantity: Number(b.quantity) + 1 }) },
];

const auth = (c: Create, who: Who): Credential => (c.who === 'guest' ? 'none' : who);

async function create(ctx: CheckContext, c: Create, body: Json, who: Who = 'customer'): Promise<Exchange> {
  return call(ctx, c.operationId, { json: body, auth: auth(c, who) });
}

/** How many items of `list` (every page of 100, up to 10) have id `id`. */
async function countIn(ctx: CheckContext, list: string, id: string, who: Who = 'customer'): Promise<{ n: number; total: number; ex: Exchange }> {
  let n = 0;
  let last: Exchange | undefined;
  let total = 0;
  for (let page = 1; page <= 10; page++) {
    last = await call(ctx, list, { query: { pageSize: 100, page }, auth: who });
    const b = objectBody(ctx, last, 200);
    const items = (Array.isArray(b.items) ? b.items : []) as Json[];
    n += items.filter((i) => i.id === id).length;
    total = Number(b.totalItems);
    if (page >= Number(b.totalPages)) break;
  }
  return { n, total, ex: last! };
}

/** V2-IDM-01: the same reference and body again: the same resource, 200/201, and the list holds it once. */
function repeat(c: Create): CheckDef {
  return {
    // isolated: it counts the customer's list before and after; no other write may land in between
    slug: `repeat-${c.name.replace(' ', '-')}`, clause: 'V2-IDM-01', endpoint: c.endpoint, writes: true, isolated: true, needs: ['customer'],
    title: `the same clientReference and body again return the same ${c.name} and create nothing`,
    async run(ctx) {
      const body = await c.body(ctx, clientRef(), 'customer');
      const first = await create(ctx, c, body);
      const id = idAt(ctx, first);
      expectStatus(ctx, first, 200, 201);
      const before = c.list ? await countIn(ctx, c.list, id) : undefined;
      const again = await create(ctx, c, body);
      expectStatus(ctx, again, 200, 201);
      if (idAt(ctx, again) !== id) ctx.fail(`${answered(again)} with id ${String(pointer(again.response?.json, '/id'))}; the first request with this clientReference created ${id}: a repeat returns it (V2-IDM-01)`, first, again);
      if (c.list && before) {
        const after = await countIn(ctx, c.list, id);
        if (after.n !== 1 || after.total !== before.total) ctx.fail(`after the repeat, ${c.list} holds ${c.name} ${id} ${after.n} time(s) and ${after.total} items (before: ${before.total}); a repeat creates nothing (V2-IDM-01)`, again, after.ex);
      }
    },
  };
}

/** V2-IDM-02: the same reference with another body: 409 with the pack's conflict code, and nothing changes. */
function conflict(c: Create): CheckDef {
  return {
    slug: `conflict-${c.name.replace(' ', '-')}`, clause: 'V2-IDM-02', endpoint: c.endpoint, writes: true, isolated: true, needs: ['customer'],
    title: `the same clientReference with another body gives 409 IDEMPOTENCY_CONFLICT (${c.name})`,
    async run(ctx) {
      const body = await c.body(ctx, clientRef(), 'customer');
      const first = await create(ctx, c, body);
      const id = idAt(ctx, first);
      const before = c.list ? await countIn(ctx, c.list, id) : undefined;
      const ex = await create(ctx, c, await c.other(ctx, body, 'customer'));
      expectEnvelope(ctx, ex, { status: 409, code: referenceField(ctx).conflictCode });
      if (c.list && before) {
        const after = await countIn(ctx, c.list, id);
        if (after.total !== before.total) ctx.fail(`${c.list} went from ${before.total} to ${after.total} items after the conflicting request; nothing changes (V2-IDM-02)`, ex, after.ex);
      }
    },
  };
}

/** V2-IDM-03: no reference, a too short one, one with a forbidden character: 422 naming the field. */
function malformed(c: Create): CheckDef {
  return {
    slug: `reference-required-${c.name.replace(' ', '-')}`, clause: 'V2-IDM-03', endpoint: c.endpoint, writes: true, needs: ['customer'],
    title: `a ${c.name} create without a valid clientReference gives 422 naming it`,
    async run(ctx) {
      const field = referenceField(ctx).field;
      const body = await c.body(ctx, clientRef(), 'customer');
      const { [field]: _drop, ...without } = body;
      for (const bad of [without, { ...body, [field]: 'short7x' }, { ...body, [field]: 'has spaces in it' }, { ...body, [field]: 'x'.repeat(65) }]) {
        const ex = await create(ctx, c, bad);
        expectEnvelope(ctx, ex, { status: 422, entry: { field } });
      }
    },
  };
}

/** V2-IDM-05: another customer (or guest email) reusing a reference gets its own resource. */
function scoped(c: Create): CheckDef {
  return {
    slug: `scoped-${c.name.replace(' ', '-')}`, clause: 'V2-IDM-05', endpoint: c.endpoint, writes: true, needs: c.who === 'guest' ? ['customer'] : ['customer', 'customer2'],
    title: `a clientReference is scoped to its ${c.who === 'guest' ? 'guest email' : 'customer'}: reused elsewhere it creates another ${c.name}`,
    async run(ctx) {
      const ref = clientRef();
      const first = await create(ctx, c, await c.body(ctx, ref, 'customer'));
      const id = idAt(ctx, first);
      const second = await create(ctx, c, await c.body(ctx, ref, 'customer2'), 'customer2');
      const theirs = objectBody(ctx, second, 200, 201);
      if (theirs.id === id) ctx.fail(`${answered(second)} with ${c.name} ${id}, the one the first ${c.who === 'guest' ? 'guest' : 'customer'} created with this clientReference; a reference is scoped (V2-IDM-05)`, first, second);
    },
  };
}

// ---- V2-IDM-04: repeated writes ------------------------------------------------------------------

const withoutUpdatedAt = (v: unknown): unknown => (isObject(v) ? Object.fromEntries(Object.entries(v).filter(([k]) => k !== 'updatedAt')) : v);

async function repeatedPut(ctx: CheckContext): Promise<void> {
  const me = objectBody(ctx, await call(ctx, 'getMe'), 200);
  const body = { firstName: me.firstName, lastName: me.lastName, phone: me.phone ?? null, version: me.version };
  const one = await call(ctx, 'updateMe', { json: body });
  const two = await call(ctx, 'updateMe', { json: body });
  const a = withoutUpdatedAt(objectBody(ctx, one, 200));
  const b = withoutUpdatedAt(objectBody(ctx, two, 200));
  const diff = firstDifference(a, b);
  if (diff) ctx.fail(`an identical PUT /customers/me twice: the second answer differs at ${diff}; a repeated PUT leaves the state as after the first (V2-IDM-04)`, one, two);
  const read = withoutUpdatedAt(objectBody(ctx, await call(ctx, 'getMe'), 200));
  const d2 = firstDifference(b, read);
  if (d2) ctx.fail(`after the repeated PUT, GET /customers/me differs at ${d2} (V2-IDM-04)`, two);
}

async function repeatedDelete(ctx: CheckContext): Promise<void> {
  const created = await call(ctx, 'createAddress', { json: addressBody('delete-twice') });
  const addressId = idAt(ctx, created);
  const one = await call(ctx, 'deleteAddress', { params: { addressId } });
  expectStatus(ctx, one, 200, 204);
  const two = await call(ctx, 'deleteAddress', { params: { addressId } });
  expectStatus(ctx, two, 204, 404);
  // a product the customer does not hold as a favourite yet: the two removals below leave the
  // favourites as they were (removing one the customer had would change data the run did not create)
  const favourites = objectBody(ctx, await call(ctx, 'listFavorites', { query: { pageSize: 100 } }), 200);
  const held = new Set((Array.isArray(favourites.items) ? favourites.items : []).map((i) => (isObject(i) ? String(i.id) : '')));
  const products = pointer(objectBody(ctx, await call(ctx, 'listProducts', { query: { pageSize: 50 } }), 200), '/items');
  const productId = (Array.isArray(products) ? products : []).map((i) => (isObject(i) ? i.id : undefined)).find((id): id is string => typeof id === 'string' && !held.has(id));
  if (!productId || (await countIn(ctx, 'listFavorites', productId)).n > 0) return ctx.note('no product of the first page is outside the favourites: the favourite put twice is not tried');
  for (let i = 0; i < 2; i++) expectStatus(ctx, await call(ctx, 'addFavorite', { params: { productId } }), 204);
  const listed = await countIn(ctx, 'listFavorites', productId);
  if (listed.n !== 1) ctx.fail(`after PUT /customers/me/favorites/${productId} twice the favourites hold it ${listed.n} times; twice is once (V2-IDM-04)`, listed.ex);
  for (let i = 0; i < 2; i++) expectStatus(ctx, await call(ctx, 'removeFavorite', { params: { productId } }), 204);
}

async function cancelTwice(ctx: CheckContext): Promise<void> {
  const order = await placedOrder(ctx);
  const orderId = String(order.id);
  const one = objectBody(ctx, await call(ctx, 'cancelOrder', { params: { orderId } }), 200);
  const twoEx = await call(ctx, 'cancelOrder', { params: { orderId } });
  const two = objectBody(ctx, twoEx, 200);
  if (one.status !== 'CANCELLED' || two.status !== 'CANCELLED') ctx.fail(`cancelling order ${orderId} twice answered ${String(one.status)} then ${String(two.status)}; both CANCELLED (V2-IDM-04)`, twoEx);
  const diff = firstDifference(withoutUpdatedAt(one), withoutUpdatedAt(two));
  if (diff) ctx.fail(`the second cancel of order ${orderId} differs from the first at ${diff} (V2-IDM-04)`, twoEx);
}

async function cancelShipped(ctx: CheckContext): Promise<void> {
  const find = async () => {
    const found: ShippedOrder[] = [];
    for (const status of ['SHIPPED', 'DELIVERED']) {
      const orderId = pointer(objectBody(ctx, await call(ctx, 'listOrders', { query: { status, pageSize: 1 } }), 200), '/items/0/id');
      if (typeof orderId === 'string') found.push({ id: orderId, status });
    }
    return found;
  };
  const statusOf = async (orderId: string) => {
    const status = pointer(body(await call(ctx, 'getOrder', { params: { orderId } })), '/status');
    return typeof status === 'string' ? status : undefined;
  };
  for (const { id: orderId, status } of await shippedOrders(ctx, find, statusOf)) {
    const ex = await call(ctx, 'cancelOrder', { params: { orderId } });
    expectEnvelope(ctx, ex, { status: 409 });
    const after = objectBody(ctx, await call(ctx, 'getOrder', { params: { orderId } }), 200);
    if (after.status !== status) ctx.fail(`order ${orderId} was ${status}, and after the refused cancel it is ${String(after.status)} (V2-IDM-04)`, ex);
  }
}

async function getChangesNothing(ctx: CheckContext): Promise<void> {
  for (const operationId of ['getMe', 'listOrders', 'listAddresses', 'listFavorites']) {
    const one = objectBody(ctx, await call(ctx, operationId), 200);
    const twoEx = await call(ctx, operationId);
    const diff = firstDifference(one, objectBody(ctx, twoEx, 200));
    if (diff) ctx.fail(`${answered(twoEx)} differently the second time, at ${diff}; GET changes nothing (V2-IDM-04)`, twoEx);
  }
}

export const clientReferenceChecks: CheckDef[] = [
  ...CREATES.flatMap((c) => [repeat(c), conflict(c), malformed(c), scoped(c)]),
  { slug: 'get-changes-nothing', clause: 'V2-IDM-04', endpoint: 'GET /customers/me', needs: ['customer'], isolated: true, title: 'reading twice gives the same answer', run: getChangesNothing },
  { slug: 'repeated-put', clause: 'V2-IDM-04', endpoint: 'PUT /customers/me', needs: ['customer'], writes: true, title: 'an identical PUT twice leaves the state as after the first', run: repeatedPut },
  { slug: 'repeated-delete', clause: 'V2-IDM-04', endpoint: 'DELETE /customers/me/addresses/{addressId}', needs: ['customer'], writes: true, title: 'a DELETE again answers 204 or 404; a favourite put twice is there once', run: repeatedDelete },
  { slug: 'cancel-twice', clause: 'V2-IDM-04', endpoint: 'POST /orders/{orderId}/cancel', needs: ['customer'], writes: true, title: 'cancelling an order twice gives the same cancelled order', run: cancelTwice },
  { slug: 'cancel-shipped', clause: 'V2-IDM-04', endpoint: 'POST /orders/{orderId}/cancel', needs: ['customer'], writes: true, title: 'a SHIPPED or DELIVERED order cannot be cancelled (409, unchanged)', run: cancelShipped },
];
