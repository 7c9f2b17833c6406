// Wire shapes of CONTRACT-v2 section 2 "Resources" built from records: localised text in the
// language used (mode translations), prices as decimals in the region's currency, amounts of
// orders/payments/purchases in their own currency. Secrets (password, card number, CVV) have no
// field here, so they cannot leak (V2-AUTH-07).

import type { V2FaultSet } from './faults.js';
import { toDecimal } from './formats.js';
import type { Locale } from './locale.js';
import type {
  AddressRec, CardRec, CategoryRec, CustomerRec, OrderRec, PaymentRec, ProductRec, PurchaseRec, Text, Totals,
} from './records.js';
import type { V2State } from './state.js';

export const text = (s: V2State, loc: Locale, t: Text): string => (s.modes.translations === 'missing' ? t['en-GB'] : t[loc.language]);

export const category = (s: V2State, loc: Locale, c: CategoryRec) => ({
  id: c.id, slug: c.slug, name: text(s, loc, c.name), parentId: c.parentId, position: c.position, childIds: c.childIds,
});

/** A catalogue price in the region's currency (fault v2-fmt-jpy-two-decimals adds a fraction to yen). */
export function catalogPrice(minor: number, loc: Locale, faults: V2FaultSet): number {
  const currency = loc.region.currency;
  if (currency === 'JPY' && faults.has('v2-fmt-jpy-two-decimals')) return minor + 0.45;
  return toDecimal(minor, currency);
}

export const productSummary = (s: V2State, loc: Locale, p: ProductRec) => ({
  id: p.id,
  slug: p.slug,
  name: text(s, loc, p.name),
  brand: p.brand,
  categoryId: p.categoryId,
  price: catalogPrice(p.price[loc.region.code], loc, s.faults),
  listPrice: catalogPrice(p.listPrice[loc.region.code], loc, s.faults),
  currency: loc.region.currency,
  inStock: p.inStock,
  rating: p.rating,
  status: p.status,
  createdAt: p.createdAt,
});

export const productDetail = (s: V2State, loc: Locale, p: ProductRec) => ({
  ...productSummary(s, loc, p),
  description: text(s, loc, p.description),
  images: p.images,
  updatedAt: p.updatedAt,
});

export function amounts(t: Totals, faults: V2FaultSet) {
  const d = (minor: number) => toDecimal(minor, t.currency);
  return {
    currency: t.currency,
    lines: t.lines.map((l) => ({
      id: l.id,
      productId: l.productId,
      quantity: l.quantity,
      unitPrice: d(l.unitPrice),
      // fault v2-fmt-line-total-float: the decimal price times the quantity, in floating point
      lineTotal: faults.has('v2-fmt-line-total-float') ? d(l.unitPrice) * l.quantity : d(l.lineTotal),
    })),
    subtotal: d(t.subtotal),
    discountTotal: d(t.discountTotal),
    shippingTotal: d(t.shippingTotal),
    total: d(t.total),
  };
}

const millis = (iso: string): string => iso.replace('Z', '.000Z');

export function order(s: V2State, loc: Locale, o: OrderRec) {
  const a = amounts(o, s.faults);
  const ms = s.faults.has('v2-fmt-order-timestamp-millis');
  return {
    id: o.id,
    orderNumber: o.orderNumber,
    customerId: o.customerId,
    email: o.email,
    status: o.status,
    ...a,
    currency: s.faults.has('v2-hdr-order-currency-of-reader') ? loc.region.currency : o.currency,
    clientReference: o.clientReference,
    shippingAddress: o.shippingAddress,
    createdAt: ms ? millis(o.createdAt) : o.createdAt,
    updatedAt: ms ? millis(o.updatedAt) : o.updatedAt,
  };
}

export const customer = (c: CustomerRec) => ({
  id: c.id, email: c.email, firstName: c.firstName, lastName: c.lastName, phone: c.phone, version: c.version, createdAt: c.createdAt, updatedAt: c.updatedAt,
});

export const address = (a: AddressRec) => ({
  id: a.id, firstName: a.firstName, lastName: a.lastName, line1: a.line1, line2: a.line2, city: a.city, postalCode: a.postalCode, country: a.country, isDefault: a.isDefault,
});

export const card = (c: CardRec) => ({ id: c.id, brand: c.brand, last4: c.last4, expiryMonth: c.expiryMonth, expiryYear: c.expiryYear, holderName: c.holderName });

export const payment = (p: PaymentRec) => ({
  id: p.id, orderId: p.orderId, methodId: p.methodId, ...(p.cardId === null ? {} : { cardId: p.cardId }), status: p.status, amount: toDecimal(p.amount, p.currency),
  currency: p.currency, clientReference: p.clientReference, createdAt: p.createdAt, updatedAt: p.updatedAt,
});

export function purchase(s: V2State, p: PurchaseRec) {
  const amount = toDecimal(p.amount, p.currency);
  return {
    id: p.id, storeId: p.storeId, catalogItemId: p.catalogItemId, quantity: p.quantity,
    amount: s.faults.has('v2-fmt-purchase-amount-string') ? amount.toFixed(2) : amount,
    currency: p.currency, clientReference: p.clientReference, status: p.status, createdAt: p.createdAt,
  };
}
