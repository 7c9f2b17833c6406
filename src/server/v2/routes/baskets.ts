// Rows 26-30: baskets of a guest (reachable by id) or of a customer (member basket, V2-AUTH-06),
// lines (quantity 1..99, merge or separate by mode), discount codes (422 DISCOUNT_CODE_INVALID),
// priced in the region of each request (V2-HDR-04, V2-BSK-01).

import { ApiError, type FieldError } from '../../errors.js';
import { assertOwner, int, str, type V2Ctx, type V2RouteDef } from '../context.js';
import { fieldError, notFoundV2, validationFailed } from '../errors.js';
import { nowIso } from '../formats.js';
import { priceLines } from '../pricing.js';
import type { BasketRec, DiscountRec } from '../records.js';
import type { V2State } from '../state.js';
import { amounts } from '../views.js';
import type { Locale } from '../locale.js';

export function validDiscount(s: V2State, code: string | null): DiscountRec | undefined {
  const d = code === null ? undefined : s.discounts.get(code);
  return d && d.validUntil > new Date().toISOString() ? d : undefined;
}

export const priceBasket = (s: V2State, loc: Locale, b: BasketRec, withDiscount = true) =>
  priceLines(b.lines, s.products, loc.region, withDiscount ? validDiscount(s, b.discountCode) : undefined, s.modes.shipping, s.faults);

export const basketView = (s: V2State, loc: Locale, b: BasketRec) => ({
  id: b.id,
  customerId: b.customerId,
  ...amounts(priceBasket(s, loc, b), s.faults),
  discountCode: b.discountCode,
  createdAt: b.createdAt,
  updatedAt: b.updatedAt,
});

/** The basket of the path: a guest basket for anyone with its id, a member basket for its customer only. */
export function basketOf(ctx: V2Ctx, id = ctx.params.basketId): BasketRec {
  const b = ctx.s.baskets.get(id);
  if (!b) throw notFoundV2('Basket');
  if (b.customerId !== null) {
    if (!ctx.customer) throw new ApiError(401, 'This basket belongs to a customer: send their token in Authorization', 'UNAUTHORIZED');
    assertOwner(ctx, b.customerId, 'Basket');
  }
  return b;
}

function touch(b: BasketRec): void {
  b.updatedAt = nowIso();
}

const view = (ctx: V2Ctx, b: BasketRec) => basketView(ctx.s, ctx.locale, b);

function lineOf(ctx: V2Ctx, b: BasketRec) {
  const line = b.lines.find((l) => l.id === ctx.params.itemId);
  if (!line) throw notFoundV2('BasketItem');
  return line;
}

export const basketRoutes: V2RouteDef[] = [
  {
    id: 'createBasket',
    method: 'POST',
    url: '/baskets',
    auth: 'guest',
    handler: (ctx) => {
      const now = nowIso();
      const b: BasketRec = { id: ctx.s.ids.next('bsk', 5), customerId: ctx.customer?.id ?? null, lines: [], discountCode: null, deletedLines: new Set(), createdAt: now, updatedAt: now };
      ctx.s.baskets.set(b.id, b);
      return { status: 201, body: view(ctx, b) };
    },
  },
  {
    id: 'getBasket',
    method: 'GET',
    url: '/baskets/:basketId',
    auth: 'guest',
    handler: (ctx) => ({ body: view(ctx, basketOf(ctx)) }),
  },
  {
    id: 'addBasketItem',
    method: 'POST',
    url: '/baskets/:basketId/items',
    auth: 'guest',
    body: true,
    handler: (ctx) => {
      const b = basketOf(ctx);
      const { s, body } = ctx;
      const errors: FieldError[] = [];
      const productId = str(body, 'productId', errors);
      const quantity = int(body, 'quantity', 1, 99, errors);
      if (errors.length) throw validationFailed(errors);
      if (!s.products.has(productId!)) {
        if (s.modes.unknownProduct === 422) throw validationFailed([fieldError('productId', 'INVALID_VALUE', 'no such product')]);
        throw notFoundV2('Product');
      }
      const existing = s.modes.lineMerge === 'merge' ? b.lines.find((l) => l.productId === productId) : undefined;
      if (existing) {
        if (existing.quantity + quantity! > 99 && !s.faults.has('v2-bsk-merged-quantity-unbounded')) {
          throw validationFailed([fieldError('quantity', 'OUT_OF_RANGE', `the line would hold ${existing.quantity + quantity!}; at most 99`)]);
        }
        existing.quantity += quantity!;
      } else b.lines.push({ id: s.ids.next('line', 5), productId: productId!, quantity: quantity! });
      touch(b);
      return { status: 201, body: view(ctx, b) };
    },
  },
  {
    id: 'updateBasketItem',
    method: 'PUT',
    url: '/baskets/:basketId/items/:itemId',
    auth: 'guest',
    body: true,
    handler: (ctx) => {
      const b = basketOf(ctx);
      const line = lineOf(ctx, b);
      const errors: FieldError[] = [];
      const quantity = int(ctx.body, 'quantity', 1, 99, errors);
      if (errors.length) throw validationFailed(errors);
      if (line.quantity !== quantity) {
        line.quantity = quantity!;
        touch(b);
      }
      return { body: view(ctx, b) };
    },
  },
  {
    id: 'removeBasketItem',
    method: 'DELETE',
    url: '/baskets/:basketId/items/:itemId',
    auth: 'guest',
    handler: (ctx) => {
      const b = basketOf(ctx);
      const id = ctx.params.itemId;
      if (b.deletedLines.has(id)) {
        if (ctx.s.modes.repeatDeleteLine === 204) return { status: 204 };
        throw notFoundV2('BasketItem');
      }
      lineOf(ctx, b);
      b.lines = b.lines.filter((l) => l.id !== id);
      b.deletedLines.add(id);
      touch(b);
      return ctx.s.modes.deleteLine === 204 ? { status: 204 } : { body: view(ctx, b) };
    },
  },
  {
    id: 'setBasketDiscount',
    method: 'PUT',
    url: '/baskets/:basketId/discount-code',
    auth: 'guest',
    body: true,
    handler: (ctx) => {
      const b = basketOf(ctx);
      const errors: FieldError[] = [];
      const code = str(ctx.body, 'code', errors);
      if (errors.length) throw validationFailed(errors);
      if (!validDiscount(ctx.s, code!)) {
        if (ctx.s.faults.has('v2-bsk-unknown-code-ignored')) return { body: view(ctx, b) };
        throw new ApiError(422, `Discount code '${code}' is unknown or expired`, 'DISCOUNT_CODE_INVALID', [fieldError('code', 'INVALID_VALUE', 'unknown or expired code')]);
      }
      if (b.discountCode !== code) {
        b.discountCode = code!;
        touch(b);
      }
      return { body: view(ctx, b) };
    },
  },
  {
    id: 'removeBasketDiscount',
    method: 'DELETE',
    url: '/baskets/:basketId/discount-code',
    auth: 'guest',
    handler: (ctx) => {
      const b = basketOf(ctx);
      if (b.discountCode !== null) {
        b.discountCode = null;
        touch(b);
      }
      return { body: view(ctx, b) };
    },
  },
];
