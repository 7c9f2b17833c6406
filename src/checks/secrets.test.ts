// Which request fields are the client's secrets (V2-AUTH-07): those the pack's request schemas mark
// writeOnly — a one-time code or a card number sent must never come back; a discount code may.
import { describe, expect, test } from 'vitest';
import { loadContract } from '../contract/load.js';
import type { Exchange } from '../http/types.js';
import { secretFinding } from './secrets.js';

const v2 = loadContract('storefront-v2');

function answer(op: string, path: string, sent: Record<string, unknown>, body: unknown): Exchange {
  return {
    seq: 1,
    request: { method: 'POST', url: `http://127.0.0.1:1${path}`, headers: {}, body: JSON.stringify(sent) },
    response: { status: 200, headers: {}, text: JSON.stringify(body), json: body },
    durationMs: 1,
    notes: [],
    operationId: op,
  };
}

describe('secret request fields come from the schema (writeOnly)', () => {
  test('a one-time code sent to submitOtp and shown back is a finding', () => {
    expect(secretFinding(v2, answer('submitOtp', '/payments/pay-1/otp', { code: '123456' }, { status: 'AUTHORIZED', code: '123456' }), [])).toMatch(/reflecting the code the request sent in the body at \/code/);
  });
  test('a discount code shown back by the basket is not (the schema does not mark it)', () => {
    expect(secretFinding(v2, answer('setBasketDiscount', '/baskets/b-1/discount-code', { code: 'WELCOME10' }, { discountCode: { code: 'WELCOME10' } }), [])).toBeUndefined();
  });
  test('a card number comes back with its separators removed or not: a finding either way', () => {
    const sent = { cardNumber: '4111 1111 1111 1111', expiryMonth: 12, expiryYear: 2030, cvv: '123', holderName: 'A B' };
    expect(secretFinding(v2, answer('addCard', '/customers/me/cards', sent, { id: 'card-1', number: '4111111111111111' }), [])).toMatch(/the cardNumber the request sent/);
  });
});
