// Fixtures of the Storefront API v2 (they belong to storefront-v2: its operationIds and bodies):
// the regions of GET /config, baskets with lines, addresses, orders, payments and purchases
// created through the API with a fresh client reference. The IDM, PAY, BSK, HDR and AUTH-07
// checks of v2 build on these; what they create is undone with ctx.cleanup where the API can.

import { randomBytes } from 'node:crypto';
import { header, pointer } from './assert.js';
import { buyableIn, type Region } from './regions.js';
import { call, idAt, objectBody, type Json, type Who } from './flows.js';
import type { CheckContext } from './types.js';
import type { Credential, Exchange } from '../http/types.js';

export { buyableIn, type Region };

/** A client reference of the pack's pattern (V2-IDM: 8 to 64 of [A-Za-z0-9_-]). */
export function clientRef(tag = 'chk'): string {
  return `${tag}-${randomBytes(8).toString('hex')}`;
}

/** The idempotency field of the pack (clientReference), or a skip. */
export function referenceField(ctx: CheckContext): { field: string; pattern: RegExp; conflictCode: string } {
  const i = ctx.contract.conventions.idempotency ?? ctx.skip(`pack ${ctx.contract.name} declares no idempotency key`);
  return { field: i.field, pattern: new RegExp(i.pattern), conflictCode: i.conflictCode };
}

export type Buyer = Who | 'guest';
const credential = (who: Buyer): Credential => (who === 'guest' ? 'none' : who);

/** A basket of `who` (a guest basket without a token) holding one line of an in-stock product. */
export async function basketWithLine(ctx: CheckContext, who: Buyer = 'customer', quantity = 1, region?: string): Promise<{ basket: Json; exchanges: Exchange[] }> {
  const headers = region ? { 'X-Region': region } : undefined;
  const created = await call(ctx, 'createBasket', { auth: credential(who), headers });
  const basketId = idAt(ctx, created);
  const [product] = await buyableIn(ctx, region, 1);
  const added = await call(ctx, 'addBasketItem', { params: { basketId }, json: { productId: product!.id, quantity }, auth: credential(who), headers });
  return { basket: objectBody(ctx, added, 200, 201), exchanges: [created, added] };
}

/** A GB address the contract accepts (row 18). */
export function addressBody(tag: string): Json {
  return { firstName: 'Storefront', lastName: `Check ${tag}`, line1: '1 Test Street', city: 'London', postalCode: 'SW1A 1AA', country: 'GB' };
}

/**
 * An address of `who` to ship an order to: one the customer has (orders do not change it), else a
 * new one deleted after the suite file. Reusing keeps the address list still while the paging
 * checks read it.
 */
export async function newAddressOf(ctx: CheckContext, who: Who = 'customer'): Promise<string> {
  const listed = pointer(objectBody(ctx, await call(ctx, 'listAddresses', { query: { pageSize: 1 }, auth: who }), 200), '/items/0/id');
  if (typeof listed === 'string') return listed;
  const ex = await call(ctx, 'createAddress', { json: addressBody('order'), auth: who });
  const id = idAt(ctx, ex);
  ctx.cleanup(() => call(ctx, 'deleteAddress', { params: { addressId: id }, auth: who }));
  return id;
}

/** The body of a member order from a fresh basket (V2 row 31). */
export async function orderBody(ctx: CheckContext, who: Who = 'customer', ref = clientRef()): Promise<Json> {
  const { basket } = await basketWithLine(ctx, who);
  return { basketId: basket.id, addressId: await newAddressOf(ctx, who), [referenceField(ctx).field]: ref };
}

/** The body of a guest order from a fresh guest basket (V2 row 32). */
export async function guestOrderBody(ctx: CheckContext, email: string, ref = clientRef()): Promise<Json> {
  const { basket } = await basketWithLine(ctx, 'guest');
  const { firstName, lastName, line1, city, postalCode, country } = addressBody('guest');
  return { basketId: basket.id, email, shippingAddress: { firstName, lastName, line1, city, postalCode, country }, [referenceField(ctx).field]: ref };
}

/** A placed member order of `who`. */
export async function placedOrder(ctx: CheckContext, who: Who = 'customer'): Promise<Json> {
  return objectBody(ctx, await call(ctx, 'createOrder', { json: await orderBody(ctx, who), auth: who }), 200, 201);
}

/** The payment methods of the region used, split by whether they need an OTP. */
export async function paymentMethods(ctx: CheckContext, who: Who = 'customer'): Promise<{ otp?: Json; direct?: Json; all: Json[] }> {
  const ex = await call(ctx, 'listPaymentMethods', { auth: who });
  const items = pointer(objectBody(ctx, ex, 200), '/items');
  const all = (Array.isArray(items) ? items : []) as Json[];
  return { otp: all.find((m) => m.requiresOtp === true), direct: all.find((m) => m.requiresOtp === false), all };
}

/** The body of a payment of `order` with `method` (a card method carries the customer's first card, registered when needed). */
export async function paymentBody(ctx: CheckContext, order: Json, method: Json, who: Who = 'customer', ref = clientRef()): Promise<Json> {
  const body: Json = { orderId: order.id, methodId: method.id, [referenceField(ctx).field]: ref };
  if (method.type === 'CARD') body.cardId = await cardOf(ctx, who);
  return body;
}

/** The body registering the run's test card (STOREFRONT_TEST_CARD) with a test CVV. */
export function cardBody(ctx: CheckContext): Json {
  const year = new Date().getUTCFullYear() + 3;
  return { cardNumber: ctx.target.testCard ?? '4111111111111111', expiryMonth: 12, expiryYear: year, cvv: '737', holderName: 'Storefront Check' };
}

/** A card id of `who`: the first registered, else the test card registered now. */
export async function cardOf(ctx: CheckContext, who: Who = 'customer'): Promise<string> {
  const listed = pointer(objectBody(ctx, await call(ctx, 'listCards', { auth: who }), 200), '/items/0/id');
  if (typeof listed === 'string') return listed;
  return idAt(ctx, await call(ctx, 'addCard', { json: cardBody(ctx), auth: who }));
}

/** A payment of a fresh order with a method that does (otp) or does not need an OTP; skips when the region has none. */
export async function newPayment(ctx: CheckContext, otp: boolean, who: Who = 'customer'): Promise<Json> {
  const methods = await paymentMethods(ctx, who);
  const method = otp ? methods.otp : methods.direct;
  if (!method) return ctx.skip(`the region's payment methods have none ${otp ? 'with' : 'without'} requiresOtp`);
  const order = await placedOrder(ctx, who);
  return objectBody(ctx, await call(ctx, 'createPayment', { json: await paymentBody(ctx, order, method, who), auth: who }), 200, 201);
}

/** The body of a purchase of one catalogue item at the first store of GET /config. */
export async function purchaseBody(ctx: CheckContext, ref = clientRef(), quantity = 1): Promise<Json> {
  const config = objectBody(ctx, await call(ctx, 'getConfig'), 200);
  const storeId = pointer(config, '/stores/0/id');
  if (typeof storeId !== 'string') return ctx.skip('GET /config lists no store');
  const [product] = await buyableIn(ctx, undefined, 1);
  return { storeId, catalogItemId: product!.id, quantity, [referenceField(ctx).field]: ref };
}

/** The region the answer says it used (X-Region), upper-case. */
export const regionOf = (ex: Exchange): string | undefined => header(ex, 'x-region')?.toUpperCase();
