// CART-01 / CART-02: cart arithmetic (line totals, subtotal, discount, total, one currency) on every
// cart the checks see while building one up from two different products (cart-lines.ts), with each
// of the run's discount codes, and an order's totalAmount against its confirmed cart.

import { answered, body, excerpt, expectStatus, isObject, pointer } from './assert.js';
import { cartLines } from './cart-lines.js';
import { discountCodes } from './discount-codes.js';
import { addItem, call, checkout, confirm, filledCart, newCart, objectBody, type Json, type Line } from './flows.js';
import type { CheckContext, CheckDef } from './types.js';
import type { Exchange } from '../http/types.js';

interface Amount {
  cents: number;
  currency: unknown;
}

/** CART-01 problems of one cart representation (empty when its arithmetic holds). */
export function cartProblems(ctx: CheckContext, cart: unknown): string[] {
  const m = ctx.contract.conventions.money;
  const problems: string[] = [];
  const currencies = new Set<unknown>();
  const money = (v: unknown, where: string): Amount | undefined => {
    const cents = isObject(v) ? v[m.amountField] : undefined;
    if (typeof cents !== 'number' || !Number.isInteger(cents)) {
      problems.push(`${where} has no integer ${m.amountField}`);
      return undefined;
    }
    currencies.add((v as Json)[m.currencyField]);
    return { cents, currency: (v as Json)[m.currencyField] };
  };
  if (!isObject(cart)) return ['the cart is not a JSON object'];
  const items = Array.isArray(cart.lineItems) ? cart.lineItems : [];
  let sum = 0;
  items.forEach((li, i) => {
    const unit = money(pointer(li, '/unitPrice'), `lineItems/${i}/unitPrice`);
    const total = money(pointer(li, '/totalPrice'), `lineItems/${i}/totalPrice`);
    const q = pointer(li, '/quantity');
    if (!unit || !total) return;
    sum += total.cents;
    if (typeof q === 'number' && total.cents !== unit.cents * q) {
      problems.push(`lineItems/${i}: totalPrice ${total.cents} ≠ unitPrice ${unit.cents} × quantity ${q} = ${unit.cents * q}`);
    }
  });
  const subtotal = money(cart.subtotal, 'subtotal');
  const discount = money(cart.discount, 'discount');
  const total = money(cart.totalPrice, 'totalPrice');
  if (subtotal && subtotal.cents !== sum) problems.push(`subtotal ${subtotal.cents} ≠ Σ lineItems totalPrice = ${sum}`);
  if (subtotal && discount && total && total.cents !== subtotal.cents - discount.cents) {
    problems.push(`totalPrice ${total.cents} ≠ subtotal ${subtotal.cents} − discount ${discount.cents} = ${subtotal.cents - discount.cents}`);
  }
  if (currencies.size > 1) problems.push(`more than one currency: ${[...currencies].map(String).join(', ')}`);
  return problems;
}

/** Fails with the exchange when the cart it answered breaks CART-01. */
function verify(ctx: CheckContext, ex: Exchange, cart: unknown, step: string): void {
  const problems = cartProblems(ctx, cart);
  if (problems.length) ctx.fail(`the cart ${step} (${answered(ex)}) breaks CART-01: ${problems.join('; ')}`, ex);
}

const lineNames = (lines: Line[]) => lines.map((l) => `${l.quantity} × ${l.productId}`).join(' and ');

const arithmetic: CheckDef = {
  slug: 'arithmetic', clause: 'CART-01', endpoint: 'POST /carts/{cartId}/line-items', writes: true, needs: ['customer'],
  title: 'line totals, subtotal and total add up, in one currency, on every cart while it is built up (two different products)',
  async run(ctx: CheckContext) {
    const { lines, why } = await cartLines(ctx);
    const created = await newCart(ctx);
    verify(ctx, created.ex, created.cart, 'as created');
    const cartId = created.cart.id as string;
    let seen = 1;
    // different products first (a "subtotal = first line" bug shows only then), then one of them again:
    // re-adding may merge or add a line (section 4), either way it must add up
    for (const { productId, quantity } of [...lines, { productId: lines[0]!.productId, quantity: 1 }]) {
      const r = await addItem(ctx, cartId, productId, quantity);
      verify(ctx, r.ex, r.cart, `after adding ${quantity} × ${productId}`);
      seen++;
    }
    const read = async (step: string) => {
      const ex = await call(ctx, 'getCart', { params: { cartId } });
      const cart = objectBody(ctx, ex, 200);
      verify(ctx, ex, cart, step);
      return cart;
    };
    const cart = await read('as read back');
    const items = (cart.lineItems as Json[]) ?? [];
    if (items.length) {
      const up = await call(ctx, 'updateLineItem', { params: { cartId, lineItemId: String(items[0].id) }, json: { quantity: 4 } });
      verify(ctx, up, objectBody(ctx, up, 200), 'after setting a quantity to 4');
      const del = await call(ctx, 'removeLineItem', { params: { cartId, lineItemId: String(items[items.length - 1].id) } });
      if (expectStatus(ctx, del, 200, 204) === 200) verify(ctx, del, body(del), 'after removing a line item');
      await read('after removing a line item');
      seen += 3;
    }
    ctx.note(`${seen} cart representations add up, built from ${lineNames(lines)} (${why})`);
  },
};

const withDiscount: CheckDef = {
  slug: 'discount', clause: 'CART-01', endpoint: 'PUT /carts/{cartId}', writes: true, needs: ['customer'],
  title: 'with each discount code applied to a two-product cart, totalPrice = subtotal − discount',
  async run(ctx: CheckContext) {
    const codes = await discountCodes(ctx, true);
    const { lines, why } = await cartLines(ctx);
    const { id: cartId } = await filledCart(ctx, lines);
    const m = ctx.contract.conventions.money;
    const seen: string[] = [];
    for (const code of codes) {
      const ex = await call(ctx, 'updateCart', { params: { cartId }, json: { discountCode: code } });
      const cart = objectBody(ctx, ex, 200);
      verify(ctx, ex, cart, `with discount code ${code}`);
      const read = await call(ctx, 'getCart', { params: { cartId } });
      verify(ctx, read, objectBody(ctx, read, 200), `with discount code ${code}, read back`);
      const amount = (ptr: string) => JSON.stringify(pointer(cart, `${ptr}/${m.amountField}`));
      seen.push(`${code}: discount ${amount('/discount')} applied to subtotal ${amount('/subtotal')}`);
    }
    ctx.note(`${seen.join('; ')} (${lineNames(lines)}: ${why})`);
  },
};

const orderTotal: CheckDef = {
  slug: 'order-total', clause: 'CART-02', endpoint: 'POST /checkout/{sessionId}/confirm', writes: true, needs: ['customer'],
  title: "the confirmed order's totalAmount equals the cart's totalPrice, with each discount code",
  async run(ctx: CheckContext) {
    const codes = await discountCodes(ctx, false);
    const { lines } = await cartLines(ctx);
    const m = ctx.contract.conventions.money;
    for (const code of codes.length ? codes : [null]) {
      const applyCode = code === null ? undefined : (cartId: string) => call(ctx, 'updateCart', { params: { cartId }, json: { discountCode: code } });
      const co = await checkout(ctx, lines, 'customer', applyCode);
      const ex = await confirm(ctx, co.sessionId);
      const result = objectBody(ctx, ex, 200);
      const want = co.cart.totalPrice as Json;
      const same = (v: unknown) => isObject(v) && v[m.amountField] === want[m.amountField] && v[m.currencyField] === want[m.currencyField];
      const how = code === null ? '' : ` (discount code ${code})`;
      const inResult = pointer(result, '/order/totalAmount');
      if (!same(inResult)) {
        ctx.fail(`the confirm answered order totalAmount ${JSON.stringify(inResult)}; the confirmed cart's totalPrice was ${JSON.stringify(want)}${how}`, co.exchanges[0], ex);
      }
      const read = await call(ctx, 'getOrder', { params: { orderId: String(result.orderId) } });
      const stored = pointer(objectBody(ctx, read, 200), '/totalAmount');
      if (!same(stored)) ctx.fail(`${answered(read)} with totalAmount ${JSON.stringify(stored)}; the confirmed cart's totalPrice was ${JSON.stringify(want)}${how}. ${excerpt(read)}`, co.exchanges[0], read);
    }
    ctx.note(codes.length ? `with discount code${codes.length > 1 ? 's' : ''} ${codes.join(', ')}` : 'without a discount (no valid discount code at hand)');
  },
};

export const cartChecks: CheckDef[] = [arithmetic, withDiscount, orderTotal];
