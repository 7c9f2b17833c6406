// Rows 21-22: checkout sessions and their idempotent confirmation (IDM-04: a second confirm
// returns the same order; IDM-05: a cart changed or deleted since the session is a 409).
// The order's totalAmount is the cart's totalPrice (CART-02).

import { assertOwner, invalid, str, type Ctx, type RouteDef } from '../context.js';
import { ApiError, conflict, notFound, validation, type FieldError } from '../errors.js';
import type { CartRec, OrderRec, SessionRec } from '../records.js';
import { cartTotals, order as orderView, session as sessionView } from '../views.js';

const SESSION_TTL_MS = 30 * 60_000;

function createOrder(ctx: Ctx, cart: CartRec): OrderRec {
  const { s } = ctx;
  const t = cartTotals(cart, s.discounts, s.faults);
  let totalCents = s.faults.has('cart-order-total-ignores-discount') ? t.total + t.discount : t.total;
  if (s.faults.has('cart-order-total-adds-shipping')) totalCents += 995;
  const now = Date.now();
  const o: OrderRec = {
    id: s.ids.next('ord'),
    version: 1,
    orderNumber: `TW-${100001 + s.orders.size}`,
    customerId: cart.customerId,
    status: 'CONFIRMED',
    currency: cart.currency,
    lineItems: cart.lineItems.map((li) => ({ ...li })),
    totalCents,
    createdAt: new Date(now).toISOString(),
    createdMs: now,
    lastModifiedAt: new Date(now).toISOString(),
  };
  s.orders.set(o.id, o);
  return o;
}

const result = (ctx: Ctx, o: OrderRec) => ({ body: { orderId: o.id, status: 'CONFIRMED', order: orderView(o, ctx.s.faults) } });

export const checkoutRoutes: RouteDef[] = [
  {
    id: 'createCheckout',
    method: 'POST',
    url: '/checkout',
    auth: 'customer',
    body: 'json',
    handler: (ctx) => {
      const { s } = ctx;
      const errors: FieldError[] = [];
      const cartId = str(ctx.body, 'cartId', errors);
      const addressId = str(ctx.body, 'shippingAddressId', errors);
      if (errors.length) throw validation(errors);
      const cart = s.carts.get(cartId!);
      if (!cart || cart.customerId !== ctx.customer.id) errors.push(invalid('cartId', `Unknown cart '${cartId}'`));
      const address = s.addresses.get(addressId!);
      if (!address || address.customerId !== ctx.customer.id) errors.push(invalid('shippingAddressId', `Unknown address '${addressId}'`));
      if (errors.length) throw validation(errors);
      if (cart!.lineItems.length === 0) {
        if (s.modes.emptyCartCheckout === 409) throw conflict('The cart is empty', 'CART_EMPTY');
        throw validation([{ field: 'cartId', code: 'EMPTY_CART', message: 'The cart is empty' }]);
      }
      const session: SessionRec = {
        id: s.ids.next('cs'),
        cartId: cart!.id,
        customerId: ctx.customer.id,
        cartVersion: cart!.version,
        status: 'PENDING',
        totalCents: cartTotals(cart!, s.discounts, s.faults).total,
        currency: cart!.currency,
        shippingAddressId: address!.id,
        expiresAt: new Date(Date.now() + SESSION_TTL_MS).toISOString(),
      };
      s.sessions.set(session.id, session);
      return { status: 201, body: sessionView(session, s.faults) };
    },
  },
  {
    id: 'confirmCheckout',
    method: 'POST',
    url: '/checkout/:sessionId/confirm',
    auth: 'customer',
    body: 'none',
    handler: (ctx) => {
      const { s } = ctx;
      const session = s.sessions.get(ctx.params.sessionId);
      if (!session) throw notFound('Checkout session');
      assertOwner(ctx, session.customerId, 'Checkout session');
      const previous = session.orderId ? s.orders.get(session.orderId) : undefined;
      if (previous) {
        if (!s.faults.has('idm-confirm-twice-new-order')) return result(ctx, previous);
        const copy: OrderRec = { ...previous, id: s.ids.next('ord'), orderNumber: `TW-${100001 + s.orders.size}`, lineItems: previous.lineItems.map((li) => ({ ...li })) };
        s.orders.set(copy.id, copy);
        session.orderId = copy.id;
        return result(ctx, copy);
      }
      const cart = s.carts.get(session.cartId);
      if (!cart) throw conflict('The cart of this checkout session no longer exists', 'CHECKOUT_STALE');
      if (cart.version !== session.cartVersion && !s.faults.has('idm-confirm-stale-cart')) {
        throw conflict('The cart changed after the checkout session was created', 'CHECKOUT_STALE');
      }
      if (session.status !== 'PENDING') throw new ApiError(409, `The checkout session is ${session.status}`, 'CHECKOUT_STALE');
      const o = createOrder(ctx, cart);
      session.status = 'CONFIRMED';
      session.orderId = o.id;
      if (s.modes.cartAfterConfirm === 'delete') s.carts.delete(cart.id);
      return result(ctx, o);
    },
  },
];
