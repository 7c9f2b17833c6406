// Rows 14-20: carts and line items. State-setting PUTs are idempotent (IDM-02): a PUT that
// changes nothing keeps the version; a stale version with a change is 409 (IDM-06).

import { assertOwner, invalid, required, str, versionOf, type Ctx, type RouteDef } from '../context.js';
import { ApiError, conflict, notFound, validation, type FieldError } from '../errors.js';
import type { CartRec, LineItemRec } from '../records.js';
import { nowIso } from '../state.js';
import { cart as cartView, convert, CURRENCIES } from '../views.js';

function cartOf(ctx: Ctx): CartRec {
  const c = ctx.s.carts.get(ctx.params.cartId);
  if (!c) throw notFound('Cart');
  assertOwner(ctx, c.customerId, 'Cart');
  return c;
}

export function touch(c: { version: number; lastModifiedAt: string }): void {
  c.version++;
  c.lastModifiedAt = nowIso();
}

const view = (ctx: Ctx, c: CartRec) => {
  const body = cartView(c, ctx.s.discounts, ctx.s.faults);
  // fault fmt-fraction-digits-cart-put: only the answers to PUTs (a discount code, a quantity) say so; a GET of the cart does not
  if (ctx.req.method === 'PUT' && ctx.s.faults.has('fmt-fraction-digits-cart-put')) for (const li of body.lineItems) li.unitPrice.fractionDigits = 3;
  return body;
};

/** quantity: a required integer 1..999 (row 18: < 1 is 422 OUT_OF_RANGE). */
function quantityOf(ctx: Ctx, errors: FieldError[]): number | undefined {
  const q = ctx.body.quantity;
  if (q === undefined || q === null) {
    errors.push(required('quantity'));
    return undefined;
  }
  if (typeof q !== 'number' || !Number.isInteger(q)) {
    errors.push(invalid('quantity', 'quantity must be an integer'));
    return undefined;
  }
  if (q < 1 || q > 999) {
    if (q < 1 && ctx.s.faults.has('err-422-empty-errors-quantity')) throw new ApiError(422, 'Validation error', 'VALIDATION_ERROR', []);
    errors.push(invalid('quantity', 'quantity must be between 1 and 999', 'OUT_OF_RANGE'));
    return undefined;
  }
  return q;
}

export const cartRoutes: RouteDef[] = [
  {
    id: 'createCart',
    method: 'POST',
    url: '/carts',
    auth: 'customer',
    body: 'json',
    handler: (ctx) => {
      const errors: FieldError[] = [];
      const currency = str(ctx.body, 'currencyCode', errors, true) ?? 'AUD';
      if (!errors.length && !(CURRENCIES as readonly string[]).includes(currency)) errors.push(invalid('currencyCode', `currencyCode must be one of ${CURRENCIES.join(', ')}`));
      if (errors.length) throw validation(errors);
      const now = nowIso();
      const c: CartRec = {
        id: ctx.s.ids.next('cart'),
        version: ctx.s.faults.has('fmt-cart-version-zero') ? 0 : 1,
        customerId: ctx.customer.id,
        currency,
        lineItems: [],
        discountCode: null,
        createdAt: now,
        lastModifiedAt: now,
      };
      ctx.s.carts.set(c.id, c);
      return { status: 201, body: view(ctx, c) };
    },
  },
  {
    id: 'getCart',
    method: 'GET',
    url: '/carts/:cartId',
    auth: 'customer',
    handler: (ctx) => {
      const c = cartOf(ctx);
      if (ctx.s.faults.has('idm-get-cart-bumps-version')) touch(c);
      return { body: view(ctx, c) };
    },
  },
  {
    id: 'updateCart',
    method: 'PUT',
    url: '/carts/:cartId',
    auth: 'customer',
    body: 'json',
    handler: (ctx) => {
      const c = cartOf(ctx);
      const errors: FieldError[] = [];
      const raw = ctx.body.discountCode;
      let code: string | null = null;
      if (raw === undefined) errors.push(required('discountCode'));
      else if (raw !== null && typeof raw !== 'string') errors.push(invalid('discountCode', 'discountCode must be a string or null'));
      else if (typeof raw === 'string') {
        if (ctx.s.faults.has('cart-discount-500')) throw new ApiError(500, 'Internal server error', 'INTERNAL_ERROR');
        code = raw.trim().toUpperCase();
        if (!ctx.s.discounts.has(code)) errors.push(invalid(ctx.s.faults.has('err-unknown-discount-wrong-field') ? 'code' : 'discountCode', `Unknown discount code '${raw}'`));
      }
      const version = versionOf(ctx.body, errors);
      if (errors.length) throw validation(errors);
      if (code === c.discountCode) return { body: view(ctx, c) };
      if (version !== undefined && version !== c.version && !ctx.s.faults.has('idm-stale-version-ignored-cart')) {
        throw conflict(`Version ${version} is stale: the cart is at version ${c.version}`, 'VERSION_CONFLICT');
      }
      c.discountCode = code;
      touch(c);
      return { body: view(ctx, c) };
    },
  },
  {
    id: 'deleteCart',
    method: 'DELETE',
    url: '/carts/:cartId',
    auth: 'customer',
    handler: (ctx) => {
      const c = cartOf(ctx);
      ctx.s.carts.delete(c.id);
      if (ctx.s.faults.has('hdr-delete-cart-200')) return { body: view(ctx, c) };
      return { status: 204, ...(ctx.s.faults.has('hdr-204-body-bytes-cart') ? { trailingBytes: '{"deleted":true}' } : {}) };
    },
  },
  {
    id: 'addLineItem',
    method: 'POST',
    url: '/carts/:cartId/line-items',
    auth: 'customer',
    body: 'json',
    handler: (ctx) => {
      const c = cartOf(ctx);
      const errors: FieldError[] = [];
      const productId = str(ctx.body, 'productId', errors);
      const variantId = str(ctx.body, 'variantId', errors, true);
      const quantity = quantityOf(ctx, errors);
      if (errors.length) throw validation(errors);
      const p = ctx.s.products.get(productId!);
      if (!p) {
        if (ctx.s.modes.unknownProduct === 404) throw notFound('Product');
        throw validation([invalid('productId', `Unknown product '${productId}'`)]);
      }
      const v = variantId === undefined ? undefined : p.variants.find((x) => x.id === variantId);
      if (variantId !== undefined && !v) throw validation([invalid('variantId', `Product ${p.id} has no variant '${variantId}'`)]);
      const existing = ctx.s.modes.lineItemMerge === 'merge' ? c.lineItems.find((li) => li.productId === p.id && li.variantId === (v?.id ?? null)) : undefined;
      if (existing) existing.quantity = Math.min(999, existing.quantity + quantity!);
      else {
        const li: LineItemRec = { id: ctx.s.ids.next('li', 5), productId: p.id, variantId: v?.id ?? null, quantity: quantity!, unitCents: convert(v?.priceCents ?? p.priceCents, c.currency) };
        c.lineItems.push(li);
      }
      touch(c);
      return { status: 201, body: view(ctx, c) };
    },
  },
  {
    id: 'updateLineItem',
    method: 'PUT',
    url: '/carts/:cartId/line-items/:lineItemId',
    auth: 'customer',
    body: 'json',
    handler: (ctx) => {
      const c = cartOf(ctx);
      const li = c.lineItems.find((x) => x.id === ctx.params.lineItemId);
      if (!li) throw notFound('Line item');
      if (ctx.s.faults.has('err-500-line-item-update')) throw new ApiError(500, 'Internal server error', 'INTERNAL_ERROR');
      const errors: FieldError[] = [];
      const quantity = quantityOf(ctx, errors);
      if (errors.length && ctx.s.faults.has('err-line-item-quantity-400')) throw new ApiError(400, 'Bad request', 'BAD_REQUEST', errors);
      if (errors.length) throw validation(errors);
      if (li.quantity !== quantity) {
        li.quantity = quantity!;
        touch(c);
      }
      return { body: view(ctx, c) };
    },
  },
  {
    id: 'removeLineItem',
    method: 'DELETE',
    url: '/carts/:cartId/line-items/:lineItemId',
    auth: 'customer',
    handler: (ctx) => {
      const c = cartOf(ctx);
      const index = c.lineItems.findIndex((x) => x.id === ctx.params.lineItemId);
      if (index === -1) throw notFound('Line item');
      c.lineItems.splice(index, 1);
      touch(c);
      return ctx.s.modes.deleteLineItem === 204 ? { status: 204 } : { body: view(ctx, c) };
    },
  },
];
