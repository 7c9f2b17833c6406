// The lines of the run's own carts for CART-01/02: two different products at quantities other than
// 1 (3 and 7), picked from the catalogue so that the subtotal is not a multiple of 10 cents — then
// any whole percentage discount falls between cents and its rounding shows. Merging lines (one
// product) would hide a "subtotal = first line" bug; a round subtotal would hide a rounding one.

import { pointer } from './assert.js';
import { allBuyable, type Json, type Line } from './flows.js';
import type { CheckContext } from './types.js';

const QUANTITIES = [3, 7] as const;
/** products tried for a pair: enough to meet an awkward price, few enough to stay cheap */
const CANDIDATES = 12;

export interface CartLines {
  lines: Line[];
  /** the subtotal the catalogue prices predict (the cart's own answer is what is judged) */
  expectedSubtotal?: number;
  /** how the amounts were chosen, for notes */
  why: string;
}

/** How a predicted subtotal shows a percentage's rounding: 2 every whole percentage, 1 some, 0 none. */
export function roundingVisibility(subtotal: number): 0 | 1 | 2 {
  if (subtotal % 2 !== 0 && subtotal % 5 !== 0) return 2; // coprime with 100's factors: p × s / 100 is never whole for p in 1..99
  return subtotal % 100 !== 0 ? 1 : 0;
}

/** The run's two-product lines (memoised per worker); one product only when the catalogue has one buyable. */
export async function cartLines(ctx: CheckContext): Promise<CartLines> {
  const products = await allBuyable(ctx);
  if (!products.length) ctx.skip('needs an active, in-stock product; the catalogue has none (filtered and unfiltered lists read)');
  return ctx.memo('cart:lines', async () => pick(ctx, products.slice(0, CANDIDATES)));
}

function pick(ctx: CheckContext, products: Json[]): CartLines {
  const amount = ctx.contract.conventions.money.amountField;
  const price = (p: Json): number | undefined => {
    const v = pointer(p, `/price/${amount}`);
    return typeof v === 'number' && Number.isInteger(v) ? v : undefined;
  };
  const [qa, qb] = QUANTITIES;
  if (products.length < 2) {
    return { lines: [{ productId: products[0]!.id as string, quantity: qa }], why: 'one product only: the catalogue has one buyable product' };
  }
  let best: { a: Json; b: Json; subtotal?: number; score: number } = { a: products[0]!, b: products[1]!, score: -1 };
  for (const [i, a] of products.entries()) {
    for (const b of products.slice(i + 1)) {
      const pa = price(a);
      const pb = price(b);
      const subtotal = pa !== undefined && pb !== undefined ? pa * qa + pb * qb : undefined;
      const score = subtotal === undefined ? -1 : roundingVisibility(subtotal);
      if (score > best.score) best = { a, b, subtotal, score };
      if (score === 2) break;
    }
    if (best.score === 2) break;
  }
  const lines = [{ productId: best.a.id as string, quantity: qa }, { productId: best.b.id as string, quantity: qb }];
  const why = best.score === 2 ? `a subtotal of ${best.subtotal} cents, so any whole percentage falls between cents`
    : best.score === 1 ? `a subtotal of ${best.subtotal} cents (no pair of the first ${products.length} products gives one where every percentage falls between cents)`
      : 'no pair of catalogue prices gives a subtotal a percentage splits between cents';
  return { lines, expectedSubtotal: best.subtotal, why };
}
