// roundingVisibility: which subtotals make a whole-percentage discount fall between cents.
import { describe, expect, test } from 'vitest';
import { roundingVisibility } from './cart-lines.js';

describe('roundingVisibility', () => {
  test.each([
    [224693, 2], // divisible by neither 2 nor 5: p × s / 100 is never whole for p in 1..99
    [23997, 2],
    [23985, 1], // ends in 5: 10 % falls between cents, 20 % does not
    [14702, 1],
    [14700, 0], // whole dollars: every whole percentage is a whole number of cents
    [0, 0],
  ])('%i → %i', (subtotal, want) => {
    expect(roundingVisibility(subtotal)).toBe(want);
  });

  test('a subtotal of visibility 2 leaves a fraction of a cent for every whole percentage', () => {
    for (let p = 1; p < 100; p++) expect((224693 * p) % 100, `${p} %`).not.toBe(0);
  });
});
