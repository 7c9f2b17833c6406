// GET /catalog/products filters and orders (V2-FLT-01..03, V2-SRT-01/02): q (every word, accents
// folded), categoryId with descendants, brand, minPrice/maxPrice in the region's currency,
// inStock; malformed values are 400 VALIDATION_FAILED naming the parameter.

import type { FieldError } from '../errors.js';
import { first, type Query } from '../querystring.js';
import { fieldError, validationFailed } from './errors.js';
import { minorDigits } from './formats.js';
import type { Locale } from './locale.js';
import type { ProductRec } from './records.js';
import { byThenId, compareIso, nameCompare, sortKeyOf, type SortKey } from './sorting.js';
import type { V2State } from './state.js';
import { text } from './views.js';

export const PRODUCT_SORTS = ['relevance', 'price_asc', 'price_desc', 'newest', 'rating_desc', 'name_asc'] as const satisfies readonly SortKey[];

/** Lower case, NFD, combining marks removed (V2-FLT-02). */
export const fold = (s: string, keepMarks = false): string => (keepMarks ? s.toLowerCase() : s.normalize('NFD').replace(/\p{M}/gu, '').toLowerCase());

/** The category and all its descendants (V2-FLT-01; not the BFF's reading). */
export function descendants(s: V2State, id: string): Set<string> {
  const out = new Set<string>();
  const walk = (cid: string) => {
    const c = s.categories.get(cid);
    if (!c || out.has(cid)) return;
    out.add(cid);
    if (!s.faults.has('v2-flt-category-no-descendants')) c.childIds.forEach(walk);
  };
  walk(id);
  return out;
}

/** A predicate: the product's localised name holds every word of q (V2-FLT-02); empty q matches all. */
export function queryMatcher(s: V2State, loc: Locale, q: string): (p: ProductRec) => boolean {
  const keepMarks = s.faults.has('v2-flt-q-accent-sensitive');
  const words = fold(q, keepMarks).split(/\s+/).filter(Boolean);
  if (!words.length) return () => true;
  const any = s.faults.has('v2-flt-q-any-word');
  return (p) => {
    const name = fold(text(s, loc, p.name), keepMarks);
    return any ? words.some((w) => name.includes(w)) : words.every((w) => name.includes(w));
  };
}

function priceParam(q: Query, name: string, errors: FieldError[], s: V2State): number | undefined {
  const raw = first(q, name);
  if (raw === undefined || raw === '') return undefined;
  if (!/^-?\d+(\.\d+)?$/.test(raw)) {
    if (s.faults.has('v2-flt-bad-price-ignored')) return undefined;
    errors.push(fieldError(name, 'INVALID_FORMAT', `${name} must be a decimal number, got '${raw}'`));
    return undefined;
  }
  const n = Number(raw);
  if (n < 0) {
    errors.push(fieldError(name, 'OUT_OF_RANGE', `${name} must be >= 0`));
    return undefined;
  }
  return n;
}

/** Filtered and sorted products of a request, and the count to report as totalItems. */
export function queryProducts(s: V2State, loc: Locale, q: Query): { list: ProductRec[]; sort: (list: ProductRec[]) => ProductRec[]; total?: number } {
  const errors: FieldError[] = [];
  const minPrice = priceParam(q, 'minPrice', errors, s);
  const maxPrice = priceParam(q, 'maxPrice', errors, s);
  if (minPrice !== undefined && maxPrice !== undefined && minPrice > maxPrice) errors.push(fieldError('minPrice', 'INVALID_VALUE', 'minPrice must not exceed maxPrice'));
  const inStockRaw = first(q, 'inStock');
  if (inStockRaw !== undefined && inStockRaw !== '' && inStockRaw !== 'true' && inStockRaw !== 'false') errors.push(fieldError('inStock', 'INVALID_VALUE', "inStock must be 'true' or 'false'"));
  if (errors.length) throw validationFailed(errors, 400);
  const key = sortKeyOf(q, PRODUCT_SORTS, s.faults, s.faults.has('v2-srt-unknown-key-ignored'));
  const matches = queryMatcher(s, loc, first(q, 'q') ?? '');
  const categoryId = first(q, 'categoryId');
  const inCategory = categoryId ? descendants(s, categoryId) : undefined;
  const brand = first(q, 'brand') || undefined;
  const scale = 10 ** minorDigits(loc.region.currency);
  const region = loc.region.code;
  const maxExclusive = s.faults.has('v2-flt-max-price-exclusive');
  const keep = (p: ProductRec, withBrand: boolean): boolean =>
    (!inCategory || inCategory.has(p.categoryId)) &&
    (!withBrand || !brand || p.brand === brand) &&
    (minPrice === undefined || p.price[region] >= minPrice * scale - 1e-6) &&
    (maxPrice === undefined || (maxExclusive ? p.price[region] < maxPrice * scale - 1e-6 : p.price[region] <= maxPrice * scale + 1e-6)) &&
    (inStockRaw === undefined || inStockRaw === '' || p.inStock === (inStockRaw === 'true')) &&
    matches(p);
  const list = s.data.products.filter((p) => keep(p, true));
  const total = brand && s.faults.has('v2-flt-total-unfiltered-brand') ? s.data.products.filter((p) => keep(p, false)).length : undefined;
  return { list, sort: (l) => sortProducts(s, loc, l, key ?? 'relevance'), total };
}

export function sortProducts(s: V2State, loc: Locale, list: ProductRec[], key: SortKey): ProductRec[] {
  const r = loc.region.code;
  const asText = s.faults.has('v2-srt-price-as-text');
  const price = (a: ProductRec, b: ProductRec) => (asText ? String(a.price[r] / 100).localeCompare(String(b.price[r] / 100)) : a.price[r] - b.price[r]);
  const names = nameCompare(loc.language, s.faults);
  const cmp: Record<string, (a: ProductRec, b: ProductRec) => number> = {
    relevance: (a, b) => (s.modes.relevance === 'rating' ? b.rating - a.rating : 0),
    price_asc: price,
    price_desc: (a, b) => price(b, a),
    newest: (a, b) => compareIso(b.createdAt, a.createdAt),
    rating_desc: (a, b) => b.rating - a.rating,
    name_asc: (a, b) => names(text(s, loc, a.name), text(s, loc, b.name)),
  };
  if (s.faults.has('v2-srt-random-ties')) {
    // shuffled, then a stable sort without the id tie-break: equal keys land in random order
    const shuffled = [...list];
    for (let i = shuffled.length - 1; i > 0; i--) {
      const j = Math.floor(Math.random() * (i + 1));
      [shuffled[i], shuffled[j]] = [shuffled[j], shuffled[i]];
    }
    return shuffled.sort(cmp[key]);
  }
  return [...list].sort(byThenId(cmp[key]));
}
