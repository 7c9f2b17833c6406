// The documented 4xx answers of the endpoint table (CONTRACT.md section 3) and of section 4's
// alternatives that no other family provokes: each sent as an otherwise valid request built from
// the run's own resources with ONE fault put in, so its answer is determined. Judged: the status
// (400 and 422 as the row writes them: one is not the other), the envelope, and on a 422 the
// errors entry naming the offending field with the code the row documents (ERR-04). One table of
// cases per pack (v2's in documented-errors-v2.ts). The other documented 4xx (AUTH-03, SRT-04/05,
// FLT-05/06, PAG-04/05, rows 12/13, ERR-05/06, VER-02, HDR-02, RL-01, AUTH-04/05/08, IDM-05/06/07)
// have checks of their own families.

import { UPPER_SNAKE, answered, expectEnvelope, pointer } from './assert.js';
import { mutateId } from './errors.js';
import { addressInput, buyable, call, filledCart, newAddress, newCart, objectBody, placeOrder, type Json } from './flows.js';
import type { Exchange } from '../http/types.js';
import type { CheckContext, CheckDef } from './types.js';

export interface DocumentedError {
  slug: string;
  /** where the contract documents the answer: 'row 16', 'section 4' */
  row: string;
  /** the operation's key, for the check id */
  endpoint: string;
  /** the one fault, as a phrase: 'an unknown discount code' */
  fault: string;
  /** the documented statuses (section 4 alternatives included) */
  status: number[];
  /** the envelope codes the row documents, when it documents any */
  codes?: string[];
  /** envelope codes the row documents as standing alone, without an errors entry (v2's BASKET_EMPTY) */
  bare?: string[];
  /** on a 422: the errors entry naming the offending field, and its code where the row documents one (no field: the row names none, any entry's field will do) */
  entry: { field?: string; code?: string };
  /** the otherwise valid request(s) with the fault in, on resources of the run's own */
  provoke(ctx: CheckContext): Promise<Exchange[]>;
}

/** A resource of the run's own, deleted again: its id is certainly unknown, and of the server's own format. */
async function deletedId(ctx: CheckContext, create: string, remove: string, param: string, json: Json): Promise<string> {
  const id = String(objectBody(ctx, await call(ctx, create, { json }), 201).id);
  const gone = await call(ctx, remove, { params: { [param]: id } });
  const st = gone.response?.status ?? 0;
  if (st < 200 || st > 299) ctx.skip(`${answered(gone)}: the resource made to be unknown was not deleted, so its id is not certainly unknown`);
  return id;
}

/** An id shaped like a real product's that names no product (getProduct answers 404). */
export async function unknownProductId(ctx: CheckContext, realId: string): Promise<string> {
  for (let salt = 1; salt <= 5; salt++) {
    const id = mutateId(realId, salt);
    if ((await call(ctx, 'getProduct', { params: { productId: id } })).response?.status === 404) return id;
  }
  return ctx.skip(`no id shaped like ${realId} that names no product was found in 5 tries`);
}

/** A new address when a 2xx says one was created (the server accepted a body it must refuse): deleted at cleanup. */
export function undoAddress(ctx: CheckContext, ex: Exchange): Exchange {
  const id = pointer(ex.response?.json, '/id');
  if (ex.response && ex.response.status < 300 && typeof id === 'string') ctx.cleanup(() => call(ctx, 'deleteAddress', { params: { addressId: id } }));
  return ex;
}

const BFF: DocumentedError[] = [
  {
    slug: 'unknown-discount-code', row: 'row 16', endpoint: 'PUT /carts/{cartId}', fault: 'an unknown discount code',
    status: [422], entry: { field: 'discountCode', code: 'INVALID_VALUE' },
    provoke: async (ctx) => {
      const { cart } = await newCart(ctx);
      return [await call(ctx, 'updateCart', { params: { cartId: String(cart.id) }, json: { discountCode: `ZZ-UNKNOWN-${Date.now().toString(36).toUpperCase()}` } })];
    },
  },
  {
    slug: 'quantity-below-one', row: 'row 18', endpoint: 'POST /carts/{cartId}/line-items', fault: 'a quantity below 1',
    status: [422], entry: { field: 'quantity', code: 'OUT_OF_RANGE' },
    provoke: async (ctx) => {
      const [product] = await buyable(ctx, 1);
      const cartId = String((await newCart(ctx)).cart.id);
      const add = (quantity: number) => call(ctx, 'addLineItem', { params: { cartId }, json: { productId: product!.id, quantity } });
      return [await add(0), await add(-1)];
    },
  },
  {
    slug: 'unknown-product', row: 'row 18', endpoint: 'POST /carts/{cartId}/line-items', fault: 'an unknown productId',
    status: [404, 422], entry: { field: 'productId' },
    provoke: async (ctx) => {
      const productId = await unknownProductId(ctx, String((await buyable(ctx, 1))[0]!.id));
      const cartId = String((await newCart(ctx)).cart.id);
      return [await call(ctx, 'addLineItem', { params: { cartId }, json: { productId, quantity: 1 } })];
    },
  },
  {
    slug: 'quantity-below-one', row: 'row 19', endpoint: 'PUT /carts/{cartId}/line-items/{lineItemId}', fault: 'a quantity below 1',
    status: [422], entry: { field: 'quantity', code: 'OUT_OF_RANGE' },
    provoke: async (ctx) => {
      const { id: cartId, cart } = await filledCart(ctx, [2]);
      const lineItemId = String(pointer(cart, '/lineItems/0/id'));
      return [await call(ctx, 'updateLineItem', { params: { cartId, lineItemId }, json: { quantity: 0 } })];
    },
  },
  {
    slug: 'empty-cart', row: 'row 21', endpoint: 'POST /checkout', fault: 'an empty cart',
    // the row names no field: an empty cart is a fault of the cart, which a server may name as it likes
    status: [409, 422], entry: {},
    provoke: async (ctx) => {
      const cartId = String((await newCart(ctx)).cart.id);
      return [await call(ctx, 'createCheckout', { json: { cartId, shippingAddressId: (await newAddress(ctx)).id } })];
    },
  },
  {
    slug: 'unknown-cart', row: 'section 4', endpoint: 'POST /checkout', fault: 'an unknown cartId (a cart of the run\'s own, deleted)',
    status: [404, 422], entry: { field: 'cartId' },
    provoke: async (ctx) => {
      const cartId = await deletedId(ctx, 'createCart', 'deleteCart', 'cartId', {});
      return [await call(ctx, 'createCheckout', { json: { cartId, shippingAddressId: (await newAddress(ctx)).id } })];
    },
  },
  {
    slug: 'unknown-address', row: 'section 4', endpoint: 'POST /checkout', fault: 'an unknown shippingAddressId (an address of the run\'s own, deleted)',
    status: [404, 422], entry: { field: 'shippingAddressId' },
    provoke: async (ctx) => {
      const shippingAddressId = await deletedId(ctx, 'createAddress', 'deleteAddress', 'addressId', addressInput('Deleted'));
      return [await call(ctx, 'createCheckout', { json: { cartId: (await filledCart(ctx, [1])).id, shippingAddressId } })];
    },
  },
  {
    slug: 'status-not-cancelled', row: 'row 26', endpoint: 'PUT /orders/{orderId}', fault: 'a status other than CANCELLED',
    status: [422], entry: { field: 'status' },
    provoke: async (ctx) => {
      const { orderId } = await placeOrder(ctx);
      return [await call(ctx, 'updateOrder', { params: { orderId }, json: { status: 'SHIPPED' } })];
    },
  },
  {
    slug: 'empty-first-name', row: 'row 29', endpoint: 'PUT /customers/me', fault: 'an empty firstName',
    status: [422], entry: { field: 'firstName' },
    provoke: async (ctx) => {
      const me = objectBody(ctx, await call(ctx, 'getMe'), 200);
      const restore = { firstName: me.firstName, lastName: me.lastName, phone: me.phone ?? null };
      const ex = await call(ctx, 'updateMe', { json: { ...restore, firstName: '', version: me.version } });
      if (ex.response && ex.response.status < 300) ctx.cleanup(() => call(ctx, 'updateMe', { json: restore }));
      return [ex];
    },
  },
  {
    slug: 'au-postcode-format', row: 'row 31', endpoint: 'POST /customers/me/addresses', fault: 'an AU postcode that is not 4 digits',
    status: [422], entry: { field: 'postcode', code: 'INVALID_FORMAT' },
    provoke: async (ctx) => {
      const send = (postcode: string) => call(ctx, 'createAddress', { json: { ...addressInput('Postcode'), country: 'AU', postcode } });
      return [undoAddress(ctx, await send('ABCD')), undoAddress(ctx, await send('20000'))];
    },
  },
];

/**
 * Status as documented (400 is not 422), the envelope and the codes the row documents, and on a 422
 * (unless its code is one documented to stand alone) the ERR-04 entries: non-empty, well-formed,
 * one naming the offending field with the code the row documents.
 */
function judge(ctx: CheckContext, ex: Exchange, d: DocumentedError): void {
  const f = ctx.contract.conventions.error;
  const status = ex.response?.status;
  if (status === undefined || !d.status.includes(status)) {
    ctx.fail(`${answered(ex)} to a request whose one fault is ${d.fault}; ${d.row} documents ${d.status.join(' or ')} (ERR-04)`, ex);
  }
  const env = expectEnvelope(ctx, ex, { status });
  if (d.codes && !d.codes.includes(env.code ?? '')) ctx.fail(`${answered(ex)} to ${d.fault} with ${f.codeField} ${JSON.stringify(env.code ?? null)}; ${d.row} documents ${d.codes.join(' or ')} (ERR-04)`, ex);
  if (status !== 422 || d.bare?.includes(env.code ?? '')) return;
  const raw = env.raw[f.errorsField];
  if (!Array.isArray(raw) || raw.length === 0) ctx.fail(`${answered(ex)} with ${f.errorsField} ${JSON.stringify(raw ?? null)}; a 422 carries a non-empty ${f.errorsField} array (ERR-04)`, ex);
  for (const [i, e] of env.errors.entries()) {
    if (!e.code || !UPPER_SNAKE.test(e.code) || typeof e.message !== 'string' || !e.field) {
      ctx.fail(`${answered(ex)} with ${f.errorsField}[${i}] = ${JSON.stringify(raw[i])}; each entry has an UPPER_SNAKE_CASE ${f.entry.code}, a ${f.entry.message} and the offending ${f.entry.field} (ERR-04)`, ex);
    }
  }
  const { field, code } = d.entry;
  if (field === undefined) return; // every entry names a field (above); the row says no more
  const named = env.errors.filter((e) => e.field === field);
  const got = JSON.stringify(raw);
  if (!named.length) ctx.fail(`${answered(ex)} to ${d.fault} without an ${f.errorsField} entry whose ${f.entry.field} is ${field}; got ${got} (${d.row}, ERR-04)`, ex);
  if (code && !named.some((e) => e.code === code)) ctx.fail(`${answered(ex)} to ${d.fault} with ${f.errorsField} ${got}; ${d.row} documents ${f.entry.code} ${code} on ${field} (ERR-04)`, ex);
}

/** One check per case, for the pack the table belongs to (its operations and bodies). */
export function documentedChecks(pack: string, cases: readonly DocumentedError[]): CheckDef[] {
  return cases.map((d): CheckDef => ({
    slug: d.slug, clause: 'ERR-04', endpoint: d.endpoint, writes: true, needs: ['customer'],
    title: `${d.fault} gives ${d.status.join(' or ')}${d.entry.code ? ` ${d.entry.code}` : ''} naming ${d.entry.field ?? 'the offending field'} (${d.row})`,
    fitsPack: (c) => c.name === pack,
    run: async (ctx) => {
      const sent = await d.provoke(ctx);
      for (const ex of sent) judge(ctx, ex, d);
      ctx.note(sent.map((ex) => answered(ex)).join('; '));
    },
  }));
}

export const documentedErrorChecks = documentedChecks('storefront-bff', BFF);
