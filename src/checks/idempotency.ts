// IDM-01..07: reads change nothing, repeated PUT / DELETE / confirm / cancel are retries and not
// second changes, stale versions and stale checkout sessions conflict. Every resource a check
// changes is its own (created through the API) or restored at cleanup.

import { answered, body, excerpt, expectEnvelope, expectStatus, header, isObject, opRequest, pointer } from './assert.js';
import {
  addItem, addressInput, buyable, call, cancelOrder, checkout, confirm, filledCart, firstDifference, newAddress,
  newCart, objectBody, placeOrder, sameJson, shippedOrders, type Json,
} from './flows.js';
import { fieldSorting, structuredFilters } from './conventions.js';
import { discountCode } from './discount-codes.js';
import type { CheckContext, CheckDef } from './types.js';
import { headOnlyProblem } from '../http/raw.js';
import type { Exchange } from '../http/types.js';

const mediaType = (ex: Exchange) => (header(ex, 'content-type') ?? '').split(';')[0].trim().toLowerCase();

const readTwice: CheckDef = {
  slug: 'read-twice', clause: 'IDM-01', appliesTo: (o) => o.method === 'GET' && !o.paged && o.clauses.includes('IDM-01'),
  title: 'reading the resource twice gives the same version and body',
  async run(ctx: CheckContext) {
    const spec = await opRequest(ctx, ctx.op!);
    const a = await ctx.send(spec);
    const b = await ctx.send(spec);
    const first = objectBody(ctx, a, 200);
    const second = objectBody(ctx, b, 200);
    if (!sameJson(first, second)) ctx.fail(`reading ${answered(b)} twice gave different bodies (${firstDifference(first, second)}); a GET must change nothing`, a, b);
  },
};

const headLikeGet: CheckDef = {
  slug: 'head-matches-get', clause: 'IDM-01', appliesTo: (o) => o.method === 'GET',
  title: 'HEAD gives the same status and Content-Type as GET, and no body',
  async run(ctx: CheckContext) {
    const spec = await opRequest(ctx, ctx.op!);
    const get = await ctx.send(spec);
    // a GET that never answered (deadline, reset) is reported as such, not as a Content-Type ''
    if (!get.response) ctx.fail(`${answered(get)}, so HEAD cannot be compared with it`, get);
    const head = await ctx.send({ ...spec, method: 'HEAD' });
    expectStatus(ctx, head, get.response.status);
    if (mediaType(head) !== mediaType(get)) ctx.fail(`HEAD answered Content-Type '${mediaType(head)}' but GET '${mediaType(get)}'`, get, head);
    if (head.response?.text) ctx.fail(`${answered(head)} with a body (${head.response.text.length} characters); HEAD has none`, head);
    // the client never reads a body after a HEAD's head: read it at the socket
    if (!ctx.raw) return;
    const path = head.request.url.slice(ctx.target.baseUrl.length);
    const problem = headOnlyProblem(await ctx.raw({ method: 'HEAD', path, auth: spec.auth, headers: spec.headers }), 'HEAD');
    if (problem) ctx.fail(`HEAD ${path}, read at the socket, ${problem}; HEAD has no body (IDM-01)`, head);
  },
};

interface PutFixture {
  params: Record<string, string>;
  body: Json;
}

/** How to get a resource of one's own and a changing body for each PUT of the catalogue. */
const putFixtures: Record<string, (ctx: CheckContext) => Promise<PutFixture>> = {
  async updateCart(ctx) {
    const { cart } = await newCart(ctx);
    return { params: { cartId: cart.id as string }, body: { discountCode: await discountCode(ctx, false) } };
  },
  async updateLineItem(ctx) {
    const { id, cart } = await filledCart(ctx, [1]);
    return { params: { cartId: id, lineItemId: pointer(cart, '/lineItems/0/id') as string }, body: { quantity: 3 } };
  },
  async updateOrder(ctx) {
    return { params: { orderId: (await placeOrder(ctx)).orderId }, body: { status: 'CANCELLED' } };
  },
  async updateAddress(ctx) {
    return { params: { addressId: (await newAddress(ctx)).id }, body: addressInput('Repeated') };
  },
  async updateMe(ctx) {
    const me = objectBody(ctx, await call(ctx, 'getMe'), 200);
    const restore = { firstName: me.firstName, lastName: me.lastName, phone: me.phone ?? null };
    ctx.cleanup(() => call(ctx, 'updateMe', { json: restore }));
    return { params: {}, body: { ...restore, firstName: `${String(me.firstName)}-idm` } };
  },
  async updatePreferences(ctx) {
    const prefs = objectBody(ctx, await call(ctx, 'getPreferences'), 200);
    ctx.cleanup(() => call(ctx, 'updatePreferences', { json: prefs }));
    return { params: {}, body: { ...prefs, newsletter: prefs.newsletter !== true } };
  },
};

const repeatPut: CheckDef = {
  slug: 'repeat-put', clause: 'IDM-02', appliesTo: (o) => o.method === 'PUT' && o.auth === 'customer', writes: true, needs: ['customer'],
  title: 'an identical PUT repeated gives 2xx and an identical representation, version included',
  async run(ctx: CheckContext) {
    const fixture = putFixtures[ctx.op!.operationId];
    if (!fixture) ctx.skip(`no fixture builds a resource and body for ${ctx.op!.key}`);
    const { params, body: json } = await fixture(ctx);
    const a = await call(ctx, ctx.op!.operationId, { params, json });
    const b = await call(ctx, ctx.op!.operationId, { params, json });
    const first = objectBody(ctx, a, 200);
    const second = objectBody(ctx, b, 200);
    if (!sameJson(first, second)) {
      ctx.fail(`the same ${ctx.op!.key} sent twice answered different representations (${firstDifference(first, second)}); a retry is not a second change`, a, b);
    }
  },
};

interface DeleteFixture {
  params: Record<string, string>;
  /** what the state looks like for this resource, read after each DELETE */
  probe(): Promise<{ state: unknown; ex: Exchange }>;
}

const deleteFixtures: Record<string, (ctx: CheckContext) => Promise<DeleteFixture>> = {
  async deleteCart(ctx) {
    const id = (await newCart(ctx)).cart.id as string;
    const probe = async () => {
      const ex = await call(ctx, 'getCart', { params: { cartId: id } });
      return { state: { status: ex.response?.status, body: ex.response?.status === 200 ? body(ex) : null }, ex };
    };
    return { params: { cartId: id }, probe };
  },
  async removeLineItem(ctx) {
    const { id, cart } = await filledCart(ctx, [1, 2]);
    const probe = async () => {
      const ex = await call(ctx, 'getCart', { params: { cartId: id } });
      return { state: objectBody(ctx, ex, 200), ex };
    };
    return { params: { cartId: id, lineItemId: pointer(cart, '/lineItems/0/id') as string }, probe };
  },
  async deleteAddress(ctx) {
    const { id } = await newAddress(ctx);
    const probe = async () => {
      const ex = await call(ctx, 'listAddresses', { query: { limit: ctx.contract.conventions.paging.maxLimit } });
      return { state: { listed: (ex.response?.text ?? '').includes(JSON.stringify(id)) }, ex };
    };
    return { params: { addressId: id }, probe };
  },
};

const repeatDelete: CheckDef = {
  slug: 'repeat-delete', clause: 'IDM-03', appliesTo: (o) => o.method === 'DELETE' && o.auth === 'customer', writes: true, needs: ['customer'],
  title: 'a repeated DELETE leaves the state as after the first and answers 2xx or 404',
  async run(ctx: CheckContext) {
    const fixture = deleteFixtures[ctx.op!.operationId];
    if (!fixture) ctx.skip(`no fixture builds a resource to delete for ${ctx.op!.key}`);
    const f = await fixture(ctx);
    const first = await call(ctx, ctx.op!.operationId, { params: f.params });
    expectStatus(ctx, first, 200, 204);
    const after1 = await f.probe();
    const again = await f.probe();
    if (!sameJson(after1.state, again.state)) {
      ctx.skip(`reading the state twice gave different answers (${firstDifference(after1.state, again.state)}), so a change by the repeated DELETE cannot be told apart (see IDM-01)`);
    }
    const second = await call(ctx, ctx.op!.operationId, { params: f.params });
    const st = second.response?.status ?? 0;
    if (!((st >= 200 && st < 300) || st === 404)) ctx.fail(`a repeated ${answered(second)}; IDM-03 allows 2xx or 404. ${excerpt(second)}`, first, second);
    const after2 = await f.probe();
    if (!sameJson(after1.state, after2.state)) {
      ctx.fail(`the state changed between the first and the repeated DELETE (${firstDifference(after1.state, after2.state)})`, after1.ex, second, after2.ex);
    }
  },
};

/** Orders of the customer whose line items are exactly `fingerprint`, newest first. */
async function ordersLike(ctx: CheckContext, fingerprint: string): Promise<{ ids: string[]; ex: Exchange }> {
  const s = ctx.contract.conventions.sorting;
  const ex = await call(ctx, 'listOrders', { query: { [s.param]: `createdAt${fieldSorting(ctx).separator}${fieldSorting(ctx).directions.desc}`, limit: ctx.contract.conventions.paging.maxLimit } });
  const results = pointer(objectBody(ctx, ex, 200), `/${ctx.contract.conventions.paging.envelope.results}`);
  const ids = (Array.isArray(results) ? results : []).filter((o) => isObject(o) && lineItemsPrint(o.lineItems) === fingerprint).map((o) => String((o as Json).id));
  return { ids, ex };
}

export function lineItemsPrint(items: unknown): string {
  return (Array.isArray(items) ? items : []).map((li) => (isObject(li) ? `${String(li.productId)}x${String(li.quantity)}` : '?')).sort().join(',');
}

const confirmTwice: CheckDef = {
  slug: 'confirm-twice', clause: 'IDM-04', endpoint: 'POST /checkout/{sessionId}/confirm', writes: true, needs: ['customer'],
  title: 'confirming a session a second time returns the same orderId and creates no second order',
  async run(ctx: CheckContext) {
    const q = () => 3 + Math.floor(Math.random() * 7); // random quantities tell this check's orders apart
    const products = await buyable(ctx, 1);
    const co = await checkout(ctx, products.length > 1 ? [q(), q()] : [q()]);
    const print = lineItemsPrint(co.cart.lineItems);
    const before = await ordersLike(ctx, print);
    const a = await confirm(ctx, co.sessionId);
    const b = await confirm(ctx, co.sessionId);
    const first = objectBody(ctx, a, 200);
    const second = objectBody(ctx, b, 200);
    if (first.orderId !== second.orderId) {
      ctx.fail(`POST /checkout/{id}/confirm a second time answered orderId ${JSON.stringify(second.orderId)} (first: ${JSON.stringify(first.orderId)}); IDM-04 requires the same orderId`, a, b);
    }
    const after = await ordersLike(ctx, print);
    const created = after.ids.filter((id) => !before.ids.includes(id));
    if (created.length !== 1) ctx.fail(`two confirms of one session created ${created.length} orders (${created.join(', ')}); IDM-04 allows one`, a, b, after.ex);
  },
};

function staleSession(slug: string, title: string, mutate: (ctx: CheckContext, cartId: string) => Promise<Exchange>): CheckDef {
  return {
    slug, clause: 'IDM-05', endpoint: 'POST /checkout/{sessionId}/confirm', writes: true, needs: ['customer'], title,
    async run(ctx: CheckContext) {
      const co = await checkout(ctx, [1]);
      const change = await mutate(ctx, co.cartId);
      expectStatus(ctx, change, 200, 201, 204);
      const ex = await confirm(ctx, co.sessionId);
      if (ex.response?.status !== 409) ctx.fail(`after ${answered(change)}, confirming the earlier session ${answered(ex)}; IDM-05 requires 409`, change, ex);
      expectEnvelope(ctx, ex, { status: 409 });
    },
  };
}

const staleCart = staleSession('cart-changed', 'confirming a session whose cart changed since gives 409', async (ctx, cartId) =>
  (await addItem(ctx, cartId, (await buyable(ctx, 1))[0].id as string, 1)).ex);
const deletedCart = staleSession('cart-deleted', 'confirming a session whose cart was deleted gives 409', (ctx, cartId) =>
  call(ctx, 'deleteCart', { params: { cartId } }));

/** IDM-06: make a change at version v, then send another change still carrying v. */
const staleFixtures: Record<string, (ctx: CheckContext) => Promise<{ params: Record<string, string>; stale: Json; read: () => Promise<Exchange> }>> = {
  async updateCart(ctx) {
    const code = await discountCode(ctx, true);
    const { cart } = await newCart(ctx);
    const cartId = cart.id as string;
    await addItem(ctx, cartId, (await buyable(ctx, 1))[0].id as string, 1); // bumps the version
    return { params: { cartId }, stale: { discountCode: code, version: cart.version }, read: () => call(ctx, 'getCart', { params: { cartId } }) };
  },
  async updateMe(ctx) {
    const me = objectBody(ctx, await call(ctx, 'getMe'), 200);
    const restore = { firstName: me.firstName, lastName: me.lastName, phone: me.phone ?? null };
    ctx.cleanup(() => call(ctx, 'updateMe', { json: restore }));
    objectBody(ctx, await call(ctx, 'updateMe', { json: { ...restore, firstName: `${String(me.firstName)}-v1`, version: me.version } }), 200);
    return { params: {}, stale: { ...restore, firstName: `${String(me.firstName)}-v2`, version: me.version }, read: () => call(ctx, 'getMe') };
  },
};

const staleVersion: CheckDef = {
  slug: 'stale-version', clause: 'IDM-06', appliesTo: (o) => o.method === 'PUT' && o.clauses.includes('IDM-06'), writes: true, needs: ['customer'],
  title: 'a PUT carrying a stale version that would change the resource gives 409 and changes nothing',
  async run(ctx: CheckContext) {
    const fixture = staleFixtures[ctx.op!.operationId];
    if (!fixture) ctx.skip(`no fixture builds a stale update for ${ctx.op!.key}`);
    const f = await fixture(ctx);
    const before = objectBody(ctx, await f.read(), 200);
    const ex = await call(ctx, ctx.op!.operationId, { params: f.params, json: f.stale });
    if (ex.response?.status !== 409) ctx.fail(`${answered(ex)} for a body with the stale version ${JSON.stringify(f.stale.version)}; IDM-06 requires 409. ${excerpt(ex)}`, ex);
    expectEnvelope(ctx, ex, { status: 409 });
    const afterEx = await f.read();
    const after = objectBody(ctx, afterEx, 200);
    if (!sameJson(before, after)) ctx.fail(`the 409 still changed the resource (${firstDifference(before, after)})`, ex, afterEx);
  },
};

const cancelTwice: CheckDef = {
  slug: 'cancel-twice', clause: 'IDM-07', endpoint: 'PUT /orders/{orderId}', writes: true, needs: ['customer'],
  title: 'cancelling an order twice gives the same cancelled order',
  async run(ctx: CheckContext) {
    const { orderId } = await placeOrder(ctx);
    const a = await cancelOrder(ctx, orderId);
    const b = await cancelOrder(ctx, orderId);
    const first = objectBody(ctx, a, 200);
    if (first.status !== 'CANCELLED') ctx.fail(`${answered(a)} with status ${JSON.stringify(first.status)}, not CANCELLED`, a);
    if (b.response?.status !== 200) ctx.fail(`cancelling the cancelled order again ${answered(b)}; IDM-07 requires the same cancelled order. ${excerpt(b)}`, a, b);
    const second = objectBody(ctx, b, 200);
    if (!sameJson(first, second)) ctx.fail(`the repeated cancel answered a different order (${firstDifference(first, second)})`, a, b);
  },
};

const cancelShipped: CheckDef = {
  slug: 'cancel-shipped', clause: 'IDM-07', endpoint: 'PUT /orders/{orderId}', writes: true, needs: ['customer'],
  title: 'cancelling a SHIPPED or DELIVERED order gives 409 and leaves it unchanged',
  async run(ctx: CheckContext) {
    const find = async () => {
      for (const status of ['SHIPPED', 'DELIVERED']) {
        const ex = await call(ctx, 'listOrders', { query: { [`${structuredFilters(ctx).param}[status]`]: status, limit: 1 } });
        const first = pointer(body(ex), `/${ctx.contract.conventions.paging.envelope.results}/0`);
        if (isObject(first) && first.status === status) return [{ id: String(first.id), status }];
      }
      return [];
    };
    const statusOf = async (orderId: string) => {
      const read = body(await call(ctx, 'getOrder', { params: { orderId } }));
      return isObject(read) && typeof read.status === 'string' ? read.status : undefined;
    };
    const [order] = await shippedOrders(ctx, find, statusOf);
    const orderId = order!.id;
    const ex = await cancelOrder(ctx, orderId);
    if (ex.response?.status !== 409) ctx.fail(`cancelling ${order!.status} order ${orderId}: ${answered(ex)}; IDM-07 requires 409. ${excerpt(ex)}`, ex);
    expectEnvelope(ctx, ex, { status: 409 });
    const now = objectBody(ctx, await call(ctx, 'getOrder', { params: { orderId } }), 200);
    if (now.status !== order!.status) ctx.fail(`order ${orderId} went from ${order!.status} to ${String(now.status)} despite the 409`, ex);
  },
};

export const idempotencyChecks: CheckDef[] = [
  readTwice, headLikeGet, repeatPut, repeatDelete, confirmTwice, staleCart, deletedCart, staleVersion, cancelTwice, cancelShipped,
];
