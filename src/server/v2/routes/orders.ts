// Rows 31-35: member and guest orders placed from a basket, idempotent by clientReference
// (V2-IDM-01..05), priced as the basket in the creating request's region (V2-BSK-02), the paged
// history (sort, filter status) and cancel (twice: same answer; SHIPPED/DELIVERED: 409).

import { ApiError, type FieldError } from '../../errors.js';
import { first } from '../../querystring.js';
import { addressInput } from '../address-input.js';
import { assertOwner, clientReferenceOf, me, str, type V2Ctx, type V2RouteDef } from '../context.js';
import { conflictV2, fieldError, notFoundV2, validationFailed } from '../errors.js';
import { nowIso } from '../formats.js';
import { remember, replayedId, type IdempotencyKey } from '../idempotency.js';
import { pageOf } from '../paging.js';
import type { AddressInput, BasketRec, OrderRec, OrderStatus } from '../records.js';
import { byThenId, compareIso, sortKeyOf } from '../sorting.js';
import { order as orderView } from '../views.js';
import { basketOf, priceBasket } from './baskets.js';

const STATUSES: OrderStatus[] = ['CREATED', 'PAID', 'SHIPPED', 'DELIVERED', 'CANCELLED'];
const EMAIL = /^[^\s@]+@[^\s@]+\.[^\s@]+$/;

function replay(ctx: V2Ctx, key: IdempotencyKey) {
  const id = ctx.s.faults.has('v2-idm-order-repeat-duplicates') ? undefined : replayedId(ctx.s, key, key.scope === '*');
  return id === undefined ? undefined : { status: ctx.s.modes.idempotentRepeat, body: orderView(ctx.s, ctx.locale, ctx.s.orders.get(id)!) };
}

function place(ctx: V2Ctx, basket: BasketRec, key: IdempotencyKey, customerId: string | null, email: string, shippingAddress: AddressInput) {
  const { s } = ctx;
  if (basket.lines.length === 0) {
    if (s.faults.has('v2-err-empty-basket-order-400')) throw validationFailed([fieldError('basketId', 'INVALID_VALUE', 'The basket is empty')], 400);
    throw new ApiError(s.modes.emptyBasketOrder, 'The basket is empty: add an item before ordering', 'BASKET_EMPTY');
  }
  const totals = priceBasket(s, ctx.locale, basket, !s.faults.has('v2-bsk-order-drops-discount'));
  const now = nowIso();
  const o: OrderRec = {
    id: s.ids.next('ord'), orderNumber: `SO-${s.nextOrderNumber++}`, customerId, email, status: 'CREATED', ...totals,
    clientReference: key.clientReference, shippingAddress, createdAt: now, updatedAt: now,
  };
  s.orders.set(o.id, o);
  remember(s, key, o.id);
  return { status: 201, body: orderView(s, ctx.locale, o) };
}

function orderOf(ctx: V2Ctx): OrderRec {
  const o = ctx.s.orders.get(ctx.params.orderId);
  if (!o) throw notFoundV2('Order');
  assertOwner(ctx, o.customerId, 'Order');
  return o;
}

export const orderRoutes: V2RouteDef[] = [
  {
    id: 'createOrder',
    method: 'POST',
    url: '/orders',
    auth: 'customer',
    body: true,
    handler: (ctx) => {
      const c = me(ctx);
      const errors: FieldError[] = [];
      const basketId = str(ctx.body, 'basketId', errors);
      const addressId = str(ctx.body, 'addressId', errors);
      const clientReference = clientReferenceOf(ctx.body, errors);
      if (errors.length) throw validationFailed(errors);
      const scope = ctx.s.faults.has('v2-idm-reference-global') ? '*' : c.id;
      const key: IdempotencyKey = { kind: 'order', scope, clientReference: clientReference!, body: ctx.body };
      const again = replay(ctx, key);
      if (again) return again;
      const basket = basketOf(ctx, basketId);
      const address = ctx.s.addresses.get(addressId!);
      if (!address) throw notFoundV2('Address');
      assertOwner(ctx, address.customerId, 'Address');
      const { id: _id, customerId: _c, isDefault: _d, ...shipping } = address;
      return place(ctx, basket, key, c.id, c.email, shipping);
    },
  },
  {
    id: 'createGuestOrder',
    method: 'POST',
    url: '/orders/guest',
    auth: 'anonymous',
    body: true,
    handler: (ctx) => {
      const { s, body } = ctx;
      const errors: FieldError[] = [];
      const basketId = str(body, 'basketId', errors);
      const email = str(body, 'email', errors);
      if (email !== undefined && !EMAIL.test(email)) errors.push(fieldError('email', 'INVALID_FORMAT', 'email must be an email address'));
      const postalField = s.faults.has('v2-err-field-not-path-guest') ? 'postalCode' : undefined;
      const shipping = body.shippingAddress === undefined ? (errors.push(fieldError('shippingAddress', 'REQUIRED', 'shippingAddress is required')), undefined) : addressInput(body.shippingAddress, errors, 'shippingAddress.', undefined, postalField);
      const clientReference = clientReferenceOf(body, errors);
      if (errors.length) throw validationFailed(errors);
      const key: IdempotencyKey = { kind: 'order', scope: `guest:${email!.toLowerCase()}`, clientReference: clientReference!, body };
      const again = replay(ctx, key);
      if (again) return again;
      const basket = s.baskets.get(basketId!);
      if (!basket) throw notFoundV2('Basket');
      if (basket.customerId !== null) throw new ApiError(403, 'A member basket is ordered with POST /orders by its customer', 'FORBIDDEN');
      return place(ctx, basket, key, null, email!, shipping!);
    },
  },
  {
    id: 'listOrders',
    method: 'GET',
    url: '/orders',
    auth: 'customer',
    handler: (ctx) => {
      const c = me(ctx);
      const key = sortKeyOf(ctx.q, ['newest', 'oldest'] as const, ctx.s.faults);
      const status = first(ctx.q, 'status');
      if (status && !STATUSES.includes(status as OrderStatus)) throw validationFailed([fieldError('status', 'INVALID_VALUE', `status must be one of ${STATUSES.join(', ')}`)], 400);
      const mine = [...ctx.s.orders.values()].filter((o) => o.customerId === c.id && (!status || o.status === status));
      const sorted = mine.sort(byThenId((a, b) => (key === 'oldest' ? compareIso(a.createdAt, b.createdAt) : compareIso(b.createdAt, a.createdAt))));
      return { body: pageOf(sorted, ctx.q, ctx.s, 'other', (o) => orderView(ctx.s, ctx.locale, o)) };
    },
  },
  {
    id: 'getOrder',
    method: 'GET',
    url: '/orders/:orderId',
    auth: 'customer',
    handler: (ctx) => ({ body: orderView(ctx.s, ctx.locale, orderOf(ctx)) }),
  },
  {
    id: 'cancelOrder',
    method: 'POST',
    url: '/orders/:orderId/cancel',
    auth: 'customer',
    handler: (ctx) => {
      const o = orderOf(ctx);
      if ((o.status === 'SHIPPED' || o.status === 'DELIVERED') && !ctx.s.faults.has('v2-idm-cancel-shipped')) {
        throw conflictV2(`The order is ${o.status} and can no longer be cancelled`);
      }
      if (o.status !== 'CANCELLED') {
        o.status = 'CANCELLED';
        o.updatedAt = nowIso();
      }
      return { body: orderView(ctx.s, ctx.locale, o) };
    },
  },
];
