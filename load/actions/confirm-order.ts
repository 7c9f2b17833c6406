// Action: place the order; it must cost what the cart did (CART-02).
import { check, group } from 'k6';
import { send, json, type Session } from '../lib/http.ts';
import { contractHeaders } from '../lib/checks.ts';
import type { Confirmation, Money } from '../lib/resources.ts';

export function confirmOrder(s: Session, sessionId: string, cartTotal: Money): Confirmation | undefined {
  return group('Place the order', () => {
    const res = send(s, 'POST', 'confirmCheckout', `/checkout/${encodeURIComponent(sessionId)}/confirm`);
    const confirmation = json<Confirmation>(res);
    check(res, {
      'the checkout is confirmed': () => confirmation?.status === 'CONFIRMED' && typeof confirmation.orderId === 'string',
      'the order costs what the cart did': () => confirmation?.order?.totalAmount?.centAmount === cartTotal.centAmount,
      ...contractHeaders(s.correlationId),
    });
    return confirmation && confirmation.orderId ? confirmation : undefined;
  });
}
