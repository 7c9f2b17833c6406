// Action: enter a discount code. Test data holds codes the target accepts and codes it must
// reject with the documented 422 (row 16: field discountCode, code INVALID_VALUE).
import { check, group } from 'k6';
import { send, json, type Session } from '../lib/http.ts';
import { contractHeaders, isErrorEnvelope } from '../lib/checks.ts';
import type { Cart } from '../lib/resources.ts';
import type { DiscountCode } from '../config.ts';
import { cartAddsUp } from './add-line-item.ts';

interface ValidationError {
  errors?: { field?: string; code: string }[];
}

export function applyDiscountCode(s: Session, cart: Cart, discount: DiscountCode): Cart {
  return group('Apply a discount code', () => {
    const res = send(s, 'PUT', 'updateCart', `/carts/${encodeURIComponent(cart.id)}`, {
      body: { discountCode: discount.code, version: cart.version },
      expected: [discount.valid ? 200 : 422],
    });
    if (discount.valid) {
      const updated = json<Cart>(res);
      check(res, {
        'the code is on the cart': () => updated?.discountCode === discount.code,
        'the discounted cart adds up': () => cartAddsUp(updated),
        ...contractHeaders(s.correlationId),
      });
      return updated && updated.id ? updated : cart;
    }
    const error = json<ValidationError>(res);
    check(res, {
      'the refusal is an error envelope': isErrorEnvelope,
      'the refusal names the discountCode field': () =>
        !!error?.errors && error.errors.some((e) => e.field === 'discountCode' && e.code === 'INVALID_VALUE'),
      ...contractHeaders(s.correlationId),
    });
    return cart;
  });
}
