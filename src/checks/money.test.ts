// Decimal money in minor units (V2-FMT-02, V2-BSK-01), table-driven.
import { describe, expect, it } from 'vitest';
import { decimalMoneyProblem, decimals, toMinor } from './money.js';
import { arithmeticProblems } from './basket.js';

const m = { form: 'decimal' as const, amountField: 'price', currencyField: 'currency', amountFields: ['price', 'total', 'unitPrice', 'lineTotal', 'subtotal', 'discountTotal', 'shippingTotal'] };

describe('toMinor', () => {
  it.each([
    [19.99, 'GBP', 1999],
    [0.1 + 0.2, 'GBP', undefined], // 0.30000000000000004: float drift is too many digits
    [0.3, 'EUR', 30],
    [1500, 'JPY', 1500],
    [1500.5, 'JPY', undefined],
    [12.345, 'KWD', 12345],
  ])('%s %s -> %s', (amount, currency, want) => {
    expect(toMinor(amount, currency)).toBe(want);
  });
  it('counts the decimals of exponent forms', () => {
    expect(decimals(1e-7)).toBe(7);
    expect(decimals(12)).toBe(0);
  });
});

describe('decimalMoneyProblem', () => {
  it.each([
    [{ price: 19.99, currency: 'GBP' }, undefined],
    [{ currency: 'JPY', lines: [{ unitPrice: 1500 }] }, undefined],
    [{ price: '19.99', currency: 'GBP' }, /not a JSON number/],
    [{ price: 19.999, currency: 'GBP' }, /more than the 2 decimal places of GBP/],
    [{ currency: 'JPY', lines: [{ unitPrice: 15.5 }] }, /\/lines\/0\/unitPrice 15.5 has more than the 0 decimal places of JPY/],
    [{ price: -1, currency: 'GBP' }, /negative/],
    [{ items: [{ price: 5 }] }, /no currency/],
    [{ price: 5, currency: 'gbp' }, /not an ISO 4217 code/],
  ])('%j', (value, want) => {
    const got = decimalMoneyProblem(m, value);
    if (want === undefined) expect(got).toBeUndefined();
    else expect(got).toMatch(want);
  });
});

describe('arithmeticProblems (V2-BSK-01, minor units)', () => {
  const basket = { currency: 'GBP', lines: [{ unitPrice: 14.95, quantity: 3, lineTotal: 44.85 }, { unitPrice: 0.1, quantity: 3, lineTotal: 0.3 }], subtotal: 45.15, discountTotal: 4.52, shippingTotal: 4.99, total: 45.62 };
  it('accepts a basket that adds up in minor units (no float drift)', () => {
    expect(arithmeticProblems(basket)).toEqual([]);
  });
  it.each([
    [{ lines: [{ unitPrice: 14.95, quantity: 3, lineTotal: 44.849999999999994 }, basket.lines[1]] }, /lines\[0\].lineTotal 44.849999999999994 is not an amount of GBP/],
    [{ total: 40.63 }, /total 40.63 is not subtotal − discountTotal \+ shippingTotal/],
    [{ subtotal: 45.14, total: 45.61 }, /subtotal 45.14 is not the sum of the line totals/],
  ])('%j', (change, want) => {
    expect(arithmeticProblems({ ...basket, ...change }).join('; ')).toMatch(want);
  });
});
