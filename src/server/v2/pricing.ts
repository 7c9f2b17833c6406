// Basket and order arithmetic (V2-BSK-01): line totals, subtotal, discount, shipping and total,
// all integers in the minor units of the region's currency, so 0.1 + 0.2 is 0.3.

import type { V2FaultSet } from './faults.js';
import type { BasketLineRec, DiscountRec, ProductRec, Totals } from './records.js';
import { SHIPPING_FEE, type RegionDef } from './regions.js';
import type { V2Modes } from './types.js';

export function discountOf(discount: DiscountRec | undefined, subtotal: number, region: RegionDef): number {
  if (!discount || subtotal === 0) return 0;
  if (discount.percentage !== undefined) return Math.round((subtotal * discount.percentage) / 100);
  return Math.min(discount.amount?.[region.code] ?? 0, subtotal);
}

export function priceLines(
  lines: readonly BasketLineRec[],
  products: ReadonlyMap<string, ProductRec>,
  region: RegionDef,
  discount: DiscountRec | undefined,
  shipping: V2Modes['shipping'],
  faults: V2FaultSet,
): Totals {
  const priced = lines.map((l) => {
    const unitPrice = products.get(l.productId)!.price[region.code];
    const lineTotal = faults.has('v2-bsk-line-total-ignores-quantity') ? unitPrice : unitPrice * l.quantity;
    return { id: l.id, productId: l.productId, quantity: l.quantity, unitPrice, lineTotal };
  });
  const subtotal = priced.reduce((sum, l) => sum + l.lineTotal, 0);
  const discountTotal = discountOf(discount, subtotal, region);
  const shippingTotal = shipping === 'flat' && priced.length > 0 ? SHIPPING_FEE[region.code] : 0;
  const total = subtotal - discountTotal + (faults.has('v2-bsk-total-without-shipping') ? 0 : shippingTotal);
  return { currency: region.currency, lines: priced, subtotal, discountTotal, shippingTotal, total };
}
