// Action: the first "add to cart" creates the shopper's cart.
import { check, group } from 'k6';
import { send, json, type Session } from '../lib/http.ts';
import { contractHeaders } from '../lib/checks.ts';
import type { Cart } from '../lib/resources.ts';

export function createCart(s: Session): Cart | undefined {
  return group('Create a cart', () => {
    const res = send(s, 'POST', 'createCart', '/carts', { body: { currencyCode: 'AUD' }, expected: [201] });
    const cart = json<Cart>(res);
    check(res, {
      'the new cart is empty': () => !!cart && Array.isArray(cart.lineItems) && cart.lineItems.length === 0,
      ...contractHeaders(s.correlationId),
    });
    return cart && cart.id ? cart : undefined;
  });
}
