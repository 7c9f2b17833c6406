// Action: add a product to the cart; the cart's arithmetic must hold after it (CART-01).
import { check, group } from 'k6';
import { send, json, type Session } from '../lib/http.ts';
import { contractHeaders } from '../lib/checks.ts';
import type { Cart } from '../lib/resources.ts';

/** CART-01: line totals = unit × quantity, subtotal = Σ line totals, total = subtotal − discount. */
export function cartAddsUp(cart: Cart | undefined): boolean {
  if (!cart || !Array.isArray(cart.lineItems)) return false;
  const lines = cart.lineItems.every((li) => li.totalPrice.centAmount === li.unitPrice.centAmount * li.quantity);
  const subtotal = cart.lineItems.reduce((sum, li) => sum + li.totalPrice.centAmount, 0);
  return lines && subtotal === cart.subtotal.centAmount &&
    cart.totalPrice.centAmount === cart.subtotal.centAmount - cart.discount.centAmount;
}

export function addLineItem(s: Session, cartId: string, productId: string, quantity: number): Cart | undefined {
  return group('Add a product to the cart', () => {
    const res = send(s, 'POST', 'addLineItem', `/carts/${encodeURIComponent(cartId)}/line-items`, {
      body: { productId, quantity },
      expected: [201],
    });
    const cart = json<Cart>(res);
    check(res, {
      'the product is in the cart': () => !!cart && cart.lineItems.some((li) => li.productId === productId),
      'the cart adds up': () => cartAddsUp(cart),
      ...contractHeaders(s.correlationId),
    });
    return cart && cart.id ? cart : undefined;
  });
}
