// Action: go to checkout with the cart and the shipping address.
import { check, group } from 'k6';
import { send, json, type Session } from '../lib/http.ts';
import { contractHeaders } from '../lib/checks.ts';
import type { CheckoutSession } from '../lib/resources.ts';

export function startCheckout(s: Session, cartId: string, shippingAddressId: string): CheckoutSession | undefined {
  return group('Start the checkout', () => {
    const res = send(s, 'POST', 'createCheckout', '/checkout', { body: { cartId, shippingAddressId }, expected: [201] });
    const session = json<CheckoutSession>(res);
    check(res, {
      'the session is pending for this cart': () => session?.status === 'PENDING' && session.cartId === cartId,
      ...contractHeaders(s.correlationId),
    });
    return session && session.id ? session : undefined;
  });
}
