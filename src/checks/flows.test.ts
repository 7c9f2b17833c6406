import { describe, expect, test } from 'vitest';
import { fill, firstDifference, sameJson, tamper } from './flows.js';

describe('tamper', () => {
  test.each([
    ['aaa.bbb.Ccc', 'aaa.bbb.Acc'],
    ['aaa.bbb.Acc', 'aaa.bbb.Bcc'],
    ['opaque-token', 'opaqueAtoken'],
  ])('%s → %s', (token, want) => {
    expect(tamper(token)).toBe(want);
  });
  test('changes the first signature character, never only the last (padding bits)', () => {
    const jwt = 'eyJhbGciOiJIUzI1NiJ9.eyJzdWIiOiJjIn0.SflKxwRJSMeKKF2QT4fwpMeJf36POk6yJV_adQssw5c';
    const t = tamper(jwt);
    expect(t.split('.')[2].slice(1)).toBe(jwt.split('.')[2].slice(1));
    expect(t).not.toBe(jwt);
  });
});

describe('fill', () => {
  test('encodes values and marks missing params', () => {
    expect(fill('/carts/{cartId}/line-items/{lineItemId}', { cartId: 'c 1', lineItemId: 'l/2' })).toBe('/carts/c%201/line-items/l%2F2');
    expect(fill('/orders/{orderId}')).toBe('/orders/unknown-orderId');
  });
});

describe('sameJson / firstDifference', () => {
  test.each([
    [{ a: 1, b: [1, { c: 2 }] }, { b: [1, { c: 2 }], a: 1 }, true, undefined],
    [{ version: 3 }, { version: 4 }, false, '/version: 3 vs 4'],
    [{ a: [1, 2] }, { a: [1, 2, 3] }, false, '/a: [1,2] vs [1,2,3]'],
    [{ a: 1 }, { a: 1, b: null }, false, '/b: undefined vs null'],
  ])('%j vs %j', (a, b, same, diff) => {
    expect(sameJson(a, b)).toBe(same);
    expect(firstDifference(a, b)).toBe(diff);
  });
});
