import { describe, expect, test } from 'vitest';
import { loadContract } from '../contract/load.js';
import { cartProblems } from './cart.js';
import type { CheckContext } from './types.js';

const ctx = { contract: loadContract('storefront-bff') } as CheckContext;
const m = (cents: number, currencyCode = 'AUD') => ({ type: 'centPrecision', currencyCode, centAmount: cents, fractionDigits: 2 });
const li = (unit: number, q: number, total = unit * q, cur = 'AUD') => ({ id: 'l', productId: 'p', variantId: null, quantity: q, unitPrice: m(unit, cur), totalPrice: m(total, cur) });
const cart = (items: unknown[], subtotal: number, discount: number, total: number) => ({ lineItems: items, subtotal: m(subtotal), discount: m(discount), totalPrice: m(total) });

describe('CART-01 arithmetic', () => {
  test.each([
    ['empty cart', cart([], 0, 0, 0), []],
    ['two lines with a discount', cart([li(1000, 3), li(250, 2)], 3500, 350, 3150), []],
    ['line total ignores quantity', cart([li(1000, 3, 1000)], 1000, 0, 1000), ['lineItems/0: totalPrice 1000 ≠ unitPrice 1000 × quantity 3 = 3000']],
    ['total off by one', cart([li(1000, 1)], 1000, 0, 1001), ['totalPrice 1001 ≠ subtotal 1000 − discount 0 = 1000']],
    ['subtotal not the sum', cart([li(1000, 1), li(500, 1)], 1000, 0, 1000), ['subtotal 1000 ≠ Σ lineItems totalPrice = 1500']],
    ['two currencies', cart([li(1000, 1, 1000, 'NZD')], 1000, 0, 1000), ['more than one currency: NZD, AUD']],
    ['float amount', cart([], 0, 0, 0.5), ['totalPrice has no integer centAmount']],
  ])('%s', (_name, c, problems) => {
    expect(cartProblems(ctx, c)).toEqual(problems);
  });
});
