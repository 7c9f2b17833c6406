// Wire representations of the internal records (section 3 "Resources"): Money in centPrecision
// with ISO fraction digits (FMT-01), UTC timestamps (FMT-02), LocalizedString names (FMT-03),
// the cart arithmetic (CART-01). Format faults are applied here, at the point of rendering.

import type { FaultSet } from './faults.js';
import type { AddressRec, CartRec, CategoryRec, CollectionRec, CustomerRec, DiscountRec, LineItemRec, MediaRec, OrderRec, ProductRec, SessionRec, VariantRec } from './records.js';

export interface Money {
  type: 'centPrecision';
  currencyCode: string;
  centAmount: number;
  fractionDigits: number;
}

const FRACTION_DIGITS: Record<string, number> = { AUD: 2, NZD: 2, USD: 2, JPY: 0 };
export const CURRENCIES = ['AUD', 'NZD'] as const;
/** NZD prices derive from AUD ones at a fixed rate. */
export const convert = (audCents: number, currency: string): number => (currency === 'NZD' ? Math.round(audCents * 1.08) : audCents);

export function money(centAmount: number, currencyCode: string, f: FaultSet): Money {
  const digits = currencyCode === 'NZD' && f.has('fmt-nzd-fraction-digits-3') ? 3 : (FRACTION_DIGITS[currencyCode] ?? 2);
  return { type: 'centPrecision', currencyCode, centAmount, fractionDigits: digits };
}

export function productSummary(p: ProductRec, f: FaultSet) {
  return {
    id: p.id,
    slug: p.slug,
    name: p.name,
    brand: p.brand,
    status: p.status,
    featured: p.featured,
    inStock: p.inStock,
    popularity: p.popularity,
    price: money(p.priceCents, 'AUD', f),
    categoryIds: p.categoryIds,
    createdAt: p.createdAt,
  };
}

export function productDetail(p: ProductRec, f: FaultSet) {
  return {
    ...productSummary(p, f),
    description: p.description,
    prices: [money(p.priceCents, 'AUD', f), money(convert(p.priceCents, 'NZD'), 'NZD', f)],
    version: p.version,
    lastModifiedAt: p.lastModifiedAt,
    ...(f.has('auth-pii-in-product') ? { merchandiser: { name: 'Priya Patel', emailAddress: 'priya.patel@storefront.example.com' } } : {}),
  };
}

export function variant(v: VariantRec, f: FaultSet) {
  const price = money(v.priceCents, 'AUD', f);
  if (f.has('fmt-float-cent-amount-variants')) price.centAmount = (v.priceCents + 99) / 100;
  return { id: v.id, sku: v.sku, price, inStock: v.inStock, attributes: v.attributes };
}

export function media(m: MediaRec, f: FaultSet) {
  return { id: f.has('fmt-numeric-media-ids') ? Number(m.id.replace(/\D/g, '')) || 1 : m.id, type: m.type, url: m.url, position: m.position };
}

export function category(c: CategoryRec, f: FaultSet) {
  return { id: c.id, slug: c.slug, name: f.has('fmt-category-name-plain-string') ? c.name['en-AU'] : c.name, parentId: c.parentId, position: c.position };
}

export const collectionSummary = (c: CollectionRec) => ({ id: c.id, slug: c.slug, name: c.name });
export const collection = (c: CollectionRec) => ({ ...collectionSummary(c), productIds: c.productIds });

export interface CartTotals {
  lines: Array<{ li: LineItemRec; totalCents: number }>;
  subtotal: number;
  discount: number;
  total: number;
}

/** CART-01 arithmetic, shared by the cart view, the checkout session and the order (CART-02). */
export function cartTotals(c: CartRec, discounts: Map<string, DiscountRec>, f: FaultSet): CartTotals {
  const ignoreQty = f.has('cart-line-total-ignores-quantity');
  const lines = c.lineItems.map((li) => ({ li, totalCents: ignoreQty ? li.unitCents : li.unitCents * li.quantity }));
  const sum = lines.reduce((s, l) => s + l.totalCents, 0);
  const subtotal = lines.length > 0 && f.has('cart-subtotal-first-line') ? lines[0]!.totalCents : sum;
  const d = c.discountCode ? discounts.get(c.discountCode) : undefined;
  let discount = 0;
  if (d?.percent) discount = Math.floor((subtotal * d.percent) / 100);
  else if (d?.fixedCents) discount = Math.min(subtotal, convert(d.fixedCents, c.currency));
  const offByOne = lines.length > 0 && f.has('cart-total-off-by-one') ? 1 : 0;
  // the rounding bug: the total from the exact percentage, the discount shown rounded down
  const total = d?.percent && f.has('cart-discount-rounding') ? Math.floor((subtotal * (100 - d.percent)) / 100) : subtotal - discount;
  return { lines, subtotal, discount, total: total + offByOne };
}

const lineItem = (li: LineItemRec, totalCents: number, currency: string, f: FaultSet) => ({
  id: li.id,
  productId: li.productId,
  variantId: li.variantId,
  quantity: li.quantity,
  unitPrice: money(li.unitCents, currency, f),
  totalPrice: money(totalCents, currency, f),
});

export function cart(c: CartRec, discounts: Map<string, DiscountRec>, f: FaultSet) {
  const t = cartTotals(c, discounts, f);
  return {
    id: c.id,
    version: c.version,
    customerId: c.customerId,
    currencyCode: c.currency,
    lineItems: t.lines.map((l) => lineItem(l.li, l.totalCents, c.currency, f)),
    discountCode: c.discountCode,
    subtotal: money(t.subtotal, c.currency, f),
    discount: money(t.discount, c.currency, f),
    totalPrice: money(t.total, c.currency, f),
    createdAt: c.createdAt,
    lastModifiedAt: c.lastModifiedAt,
  };
}

/** `...Z` rendered as the same instant in +10:00 (fault fmt-order-timestamps-offset). */
function sydney(isoZ: string): string {
  return new Date(Date.parse(isoZ) + 10 * 3_600_000).toISOString().replace(/(\.\d+)?Z$/, '+10:00');
}

export function order(o: OrderRec, f: FaultSet) {
  const ts = f.has('fmt-order-timestamps-offset') ? sydney : (s: string) => s;
  return {
    id: o.id,
    version: o.version,
    orderNumber: o.orderNumber,
    customerId: o.customerId,
    status: o.status,
    lineItems: o.lineItems.map((li) => lineItem(li, li.unitCents * li.quantity, o.currency, f)),
    totalAmount: money(o.totalCents, o.currency, f),
    createdAt: ts(o.createdAt),
    lastModifiedAt: ts(o.lastModifiedAt),
  };
}

export function orderV1(o: OrderRec, f: FaultSet) {
  const ts = f.has('fmt-order-timestamps-offset') ? sydney : (s: string) => s;
  return { id: o.id, orderNumber: o.orderNumber, status: o.status, total: money(o.totalCents, o.currency, f), createdAt: ts(o.createdAt) };
}

export function customer(c: CustomerRec, f: FaultSet) {
  const lastModifiedAt = f.has('fmt-customer-modified-before-created')
    ? new Date(Date.parse(c.createdAt) - 86_400_000).toISOString().replace('.000Z', 'Z')
    : c.lastModifiedAt;
  return { id: c.id, version: c.version, emailAddress: c.emailAddress, firstName: c.firstName, lastName: c.lastName, phone: c.phone, createdAt: c.createdAt, lastModifiedAt };
}

export const customerBrief = (c: CustomerRec) => ({ id: c.id, emailAddress: c.emailAddress, firstName: c.firstName, lastName: c.lastName });

export function address(a: AddressRec) {
  return { id: a.id, firstName: a.firstName, lastName: a.lastName, streetName: a.streetName, city: a.city, state: a.state, postcode: a.postcode, country: a.country, isDefault: a.isDefault };
}

export function session(s: SessionRec, f: FaultSet) {
  return { id: s.id, cartId: s.cartId, status: s.status, totalPrice: money(s.totalCents, s.currency, f), shippingAddressId: s.shippingAddressId, expiresAt: s.expiresAt };
}
