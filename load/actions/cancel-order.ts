// Action: cancel the order just placed (IDM-07), so a load test leaves no live orders behind.
import { check, group } from 'k6';
import { send, json, type Session } from '../lib/http.ts';
import { contractHeaders } from '../lib/checks.ts';
import type { Order } from '../lib/resources.ts';

export function cancelOrder(s: Session, orderId: string): void {
  group('Cancel the order', () => {
    const res = send(s, 'PUT', 'cancelOrder', `/orders/${encodeURIComponent(orderId)}`, { body: { status: 'CANCELLED' } });
    check(res, {
      'its status is CANCELLED': () => json<Order>(res)?.status === 'CANCELLED',
      ...contractHeaders(s.correlationId),
    });
  });
}
