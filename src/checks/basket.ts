// V2-BSK-01..03: basket and order arithmetic in minor units (lineTotal = unitPrice × quantity,
// subtotal = Σ lineTotal, total = subtotal − discountTotal + shippingTotal), orders that keep the
// amounts of their basket, and the rules of quantities, products and discount codes. Amount
// fields come from pack.yaml (money.amountFields, decimal form). The basket operations are the v2
// catalogue's: this family belongs to storefront-v2.

import { answered, expectEnvelope, expectStatus, pointer } from './assert.js';
import { call, idAt, objectBody, type Json } from './flows.js';
import { clientRef, newAddressOf, referenceField } from './order-flows.js';
import { buyableIn } from './regions.js';
import { toMinor } from './money.js';
import type { CheckContext, CheckDef } from './types.js';
import type { Exchange } from '../http/types.js';

/** The arithmetic problems of a basket or order body, in minor units of its currency. */
export function arithmeticProblems(b: Json): string[] {
  const cur = String(b.currency);
  const minor = (v: unknown, what: string, out: string[]): number => {
    const m = typeof v === 'number' ? toMinor(v, cur) : undefined;
    if (m === undefined) out.push(`${what} ${JSON.stringify(v)} is not an amount of ${cur}`);
    return m ?? NaN;
  };
  const out: string[] = [];
  const lines = (Array.isArray(b.lines) ? b.lines : []) as Json[];
  let sum = 0;
  for (const [i, l] of lines.entries()) {
    const unit = minor(l.unitPrice, `lines[${i}].unitPrice`, out);
    const total = minor(l.lineTotal, `lines[${i}].lineTotal`, out);
    if (unit * Number(l.quantity) !== total) out.push(`lines[${i}]: lineTotal ${String(l.lineTotal)} is not unitPrice ${String(l.unitPrice)} × quantity ${String(l.quantity)}`);
    sum += total;
  }
  const subtotal = minor(b.subtotal, 'subtotal', out);
  if (sum !== subtotal) out.push(`subtotal ${String(b.subtotal)} is not the sum of the line totals (${sum} minor units)`);
  const want = subtotal - minor(b.discountTotal, 'discountTotal', out) + minor(b.shippingTotal, 'shippingTotal', out);
  if (minor(b.total, 'total', out) !== want) out.push(`total ${String(b.total)} is not subtotal − discountTotal + shippingTotal (${want} minor units)`);
  return out;
}

function judge(ctx: CheckContext, ex: Exchange, clause = 'V2-BSK-01'): Json {
  const b = objectBody(ctx, ex, 200, 201);
  const bad = arithmeticProblems(b);
  if (bad.length) ctx.fail(`${answered(ex)} where ${bad.join('; ')} (${clause})`, ex);
  return b;
}

/** A customer basket with two products at awkward quantities, and the customer's first discount code applied when there is one. */
async function busyBasket(ctx: CheckContext, region?: string): Promise<{ basketId: string; exchanges: Exchange[]; discounted: boolean }> {
  const headers = region ? { 'X-Region': region } : undefined;
  const products = await buyableIn(ctx, region, 2);
  const created = await call(ctx, 'createBasket', { auth: 'customer', headers });
  const basketId = idAt(ctx, created);
  const exchanges = [created];
  for (const [i, p] of products.slice(0, 2).entries()) {
    exchanges.push(await call(ctx, 'addBasketItem', { params: { basketId }, json: { productId: p.id, quantity: i ? 7 : 3 }, auth: 'customer', headers }));
  }
  const codes = pointer(objectBody(ctx, await call(ctx, 'listDiscountCodes'), 200), '/items/0/code');
  let discounted = false;
  if (typeof codes === 'string') {
    const applied = await call(ctx, 'setBasketDiscount', { params: { basketId }, json: { code: codes }, auth: 'customer', headers });
    discounted = applied.response?.status === 200;
    exchanges.push(applied);
  }
  return { basketId, exchanges, discounted };
}

/** V2-BSK-01 over every region: each basket answer adds up in minor units. */
async function basketArithmetic(ctx: CheckContext): Promise<void> {
  const config = objectBody(ctx, await call(ctx, 'getConfig'), 200);
  const codes = (Array.isArray(config.regions) ? config.regions : []).map((r) => String((r as Json).code));
  let judged = 0;
  for (const region of codes) {
    const { basketId, exchanges } = await busyBasket(ctx, region);
    exchanges.push(await call(ctx, 'getBasket', { params: { basketId }, auth: 'customer', headers: { 'X-Region': region } }));
    for (const ex of exchanges.slice(1)) {
      if (ex.response?.status !== 200 && ex.response?.status !== 201) continue;
      judge(ctx, ex);
      judged++;
    }
  }
  ctx.note(`${judged} basket answers in ${codes.length} regions add up`);
}

/** V2-BSK-01 on orders and V2-BSK-02: an order adds up and carries its basket's amounts. */
async function orderFromBasket(ctx: CheckContext, clause: 'V2-BSK-01' | 'V2-BSK-02'): Promise<void> {
  const { basketId, discounted } = await busyBasket(ctx);
  const basket = objectBody(ctx, await call(ctx, 'getBasket', { params: { basketId }, auth: 'customer' }), 200);
  const address = await newAddressOf(ctx);
  const ex = await call(ctx, 'createOrder', { json: { basketId, addressId: address, [referenceField(ctx).field]: clientRef() } });
  const order = judge(ctx, ex, 'V2-BSK-01');
  if (clause === 'V2-BSK-01') return;
  for (const k of ['currency', 'subtotal', 'discountTotal', 'shippingTotal', 'total']) {
    if (order[k] !== basket[k]) ctx.fail(`${answered(ex)} with ${k} ${JSON.stringify(order[k])}; its basket had ${JSON.stringify(basket[k])} (V2-BSK-02)`, ex);
  }
  ctx.note(discounted ? 'with a discount code applied' : 'the customer holds no discount code: no discount in play');
}

/** V2-BSK-03: quantities outside 1..99, an unknown product, an unknown code, a merged quantity over 99. */
async function rules(ctx: CheckContext): Promise<void> {
  const [product] = await buyableIn(ctx, undefined, 1);
  const basketId = idAt(ctx, await call(ctx, 'createBasket', { auth: 'customer' }));
  const add = (json: Json) => call(ctx, 'addBasketItem', { params: { basketId }, json, auth: 'customer' });
  for (const quantity of [0, 100, 1.5, -1]) expectEnvelope(ctx, await add({ productId: product!.id, quantity }), { status: 422, entry: { field: 'quantity' } });
  expectEnvelope(ctx, await add({ productId: 'zz-no-such-product', quantity: 1 }), { status: [404, 422] });
  expectEnvelope(ctx, await call(ctx, 'setBasketDiscount', { params: { basketId }, json: { code: 'ZZ-NO-SUCH-CODE' }, auth: 'customer' }), { status: 422, code: 'DISCOUNT_CODE_INVALID' });
  expectStatus(ctx, await add({ productId: product!.id, quantity: 60 }), 200, 201);
  const merged = await add({ productId: product!.id, quantity: 60 });
  if (merged.response?.status === 200 || merged.response?.status === 201) {
    // a new line is allowed (section 3); a merged line over 99 is not
    const over = ((pointer(merged.response.json, '/lines') ?? []) as Json[]).find((l) => Number(l.quantity) > 99);
    if (over) ctx.fail(`${answered(merged)} with a line of quantity ${String(over.quantity)}; a merged quantity over 99 gives 422 on quantity (V2-BSK-03)`, merged);
  } else {
    expectEnvelope(ctx, merged, { status: 422, entry: { field: 'quantity' } });
  }
}

export const basketChecks: CheckDef[] = [
  { slug: 'basket-arithmetic', clause: 'V2-BSK-01', endpoint: 'POST /baskets/{basketId}/items', needs: ['customer'], writes: true, title: 'every basket answer adds up in minor units, in every region', run: basketArithmetic },
  { slug: 'order-arithmetic', clause: 'V2-BSK-01', endpoint: 'POST /orders', needs: ['customer'], writes: true, title: 'an order adds up in minor units', run: (ctx) => orderFromBasket(ctx, 'V2-BSK-01') },
  { slug: 'order-keeps-basket-amounts', clause: 'V2-BSK-02', endpoint: 'POST /orders', needs: ['customer'], writes: true, title: 'an order carries the amounts of the basket it was placed from', run: (ctx) => orderFromBasket(ctx, 'V2-BSK-02') },
  { slug: 'quantity-product-code-rules', clause: 'V2-BSK-03', endpoint: 'POST /baskets/{basketId}/items', needs: ['customer'], writes: true, title: 'quantity 1..99, unknown products 404/422, unknown codes 422 DISCOUNT_CODE_INVALID', run: rules },
];
