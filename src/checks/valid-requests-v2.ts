// Valid request bodies and path resources of the Storefront API v2 (its operationIds and bodies:
// this table belongs to storefront-v2; valid-requests.ts holds the BFF's and the lookup): a basket
// line of a real in-stock product, an order of the run's own basket, a payment of the run's own
// order, a refresh token of a fresh session, a discount code the customer holds. Path resources
// are the run's own, or, for notifications (which no client creates), one already read, so that
// marking it read changes nothing.

import { randomBytes } from 'node:crypto';
import { pointer } from './assert.js';
import { call, freshLogin, idAt, objectBody, type Json } from './flows.js';
import {
  addressBody, buyableIn, cardBody, guestOrderBody, newPayment, orderBody, paymentBody, paymentMethods, placedOrder, purchaseBody,
} from './order-flows.js';
import type { CheckContext } from './types.js';

type Builder = (ctx: CheckContext) => Promise<Json | undefined>;

/** A new address of the customer (deleted at cleanup). */
async function ownAddress(ctx: CheckContext): Promise<string> {
  const id = idAt(ctx, await call(ctx, 'createAddress', { json: addressBody('valid') }));
  ctx.cleanup(() => call(ctx, 'deleteAddress', { params: { addressId: id } }));
  return id;
}

/** A notification already read: PUT { read: true } on it changes nothing, whatever the server does. */
async function readNotification(ctx: CheckContext): Promise<string> {
  const items = pointer(objectBody(ctx, await call(ctx, 'listNotifications', { query: { pageSize: 100 } }), 200), '/items');
  const read = (Array.isArray(items) ? items : []).find((n) => (n as Json).read === true) as Json | undefined;
  if (typeof read?.id !== 'string') return ctx.skip('the customer has no notification already read (one the request cannot change)');
  return read.id;
}

export const V2_PATHS: Record<string, (ctx: CheckContext) => Promise<string>> = {
  addressId: ownAddress,
  notificationId: readNotification,
  paymentId: async (ctx) => String((await newPayment(ctx, true)).id),
};

export const V2_BODIES: Record<string, Builder> = {
  register: async () => ({ email: `sc-${randomBytes(5).toString('hex')}@example.com`, password: `Pw-${randomBytes(6).toString('hex')}`, firstName: 'Storefront', lastName: 'Check' }),
  refreshToken: async (ctx) => {
    const { refreshTokenField: field, refreshTokenPointer: at } = ctx.contract.conventions.auth.refresh ?? {};
    const token = field && at ? pointer((await freshLogin(ctx)).exchange.response?.json, at) : undefined;
    return field && typeof token === 'string' ? { [field]: token } : undefined;
  },
  createAddress: async () => addressBody('valid'),
  updateAddress: async () => addressBody('valid'),
  addBasketItem: async (ctx) => ({ productId: (await buyableIn(ctx, undefined, 1))[0]!.id, quantity: 1 }),
  setBasketDiscount: async (ctx) => {
    const code = ctx.target.discountCode ?? pointer(objectBody(ctx, await call(ctx, 'listDiscountCodes'), 200), '/items/0/code');
    return typeof code === 'string' ? { code } : undefined;
  },
  createOrder: (ctx) => orderBody(ctx),
  createGuestOrder: (ctx) => guestOrderBody(ctx, `guest-${randomBytes(4).toString('hex')}@example.com`),
  addCard: async (ctx) => cardBody(ctx),
  createPayment: async (ctx) => {
    const methods = await paymentMethods(ctx);
    const method = methods.direct ?? methods.otp;
    return method ? paymentBody(ctx, await placedOrder(ctx), method) : undefined;
  },
  submitOtp: async (ctx) => (ctx.target.otpCode ? { code: ctx.target.otpCode } : undefined),
  createPurchase: (ctx) => purchaseBody(ctx),
};
