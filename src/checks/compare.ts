// The value semantics shared by sorting (SRT-01) and filtering (FLT-01/02): how two field values
// compare, and whether an item's value satisfies `op rawValue` as a query string writes it.

import type { FieldType, FilterOp, FilterSpec, PackConventions } from '../contract/types.js';

export interface CompareOptions {
  /** the Money amount field (pack: conventions.money.amountField) */
  amountField?: string;
  /** the LocalizedString key strings compare by (SRT-01: en-AU) */
  locale?: string;
}

/** CompareOptions from a pack's conventions. */
export function compareOptions(conv: PackConventions): CompareOptions {
  return { amountField: conv.money.amountField, locale: 'en-AU' };
}

const collator = new Intl.Collator('en', { sensitivity: 'base' });

function amount(v: unknown, field: string): number {
  if (v !== null && typeof v === 'object') return Number((v as Record<string, unknown>)[field]);
  return Number(v);
}

function text(v: unknown, type: FieldType, locale: string): string {
  if (type === 'localizedString' && v !== null && typeof v === 'object') {
    const s = (v as Record<string, unknown>)[locale];
    return typeof s === 'string' ? s : '';
  }
  return v === null || v === undefined ? '' : String(v);
}

/** Sign of the difference, NaN-safe (NaN sorts first so that a garbage value is never "in order" silently). */
function sign(x: number, y: number): number {
  if (Number.isNaN(x) || Number.isNaN(y)) return Number.isNaN(x) === Number.isNaN(y) ? 0 : Number.isNaN(x) ? -1 : 1;
  return x < y ? -1 : x > y ? 1 : 0;
}

/**
 * SRT-01: negative when a sorts before b ascending, 0 when they tie, positive after.
 * numbers numerically; Money by its amount field; timestamps chronologically; booleans false < true;
 * strings, enums, ids and LocalizedString (by its en-AU value) with Intl.Collator('en', base).
 */
export function compareField(type: FieldType, a: unknown, b: unknown, opts: CompareOptions = {}): number {
  const amountField = opts.amountField ?? 'centAmount';
  const locale = opts.locale ?? 'en-AU';
  switch (type) {
    case 'number':
    case 'integer':
      return sign(Number(a), Number(b));
    case 'money':
      return sign(amount(a, amountField), amount(b, amountField));
    case 'timestamp':
      return sign(Date.parse(String(a)), Date.parse(String(b)));
    case 'boolean':
      return sign(a === true ? 1 : 0, b === true ? 1 : 0);
    default:
      return Math.sign(collator.compare(text(a, type, locale), text(b, type, locale)));
  }
}

/** The parsed form of a query value for a field type, or undefined when it is not a valid value. */
export function parseFilterValue(spec: FilterSpec, raw: string): number | boolean | string | null | undefined {
  if (spec.nullable && raw === 'null') return null;
  switch (spec.type) {
    case 'number':
    case 'integer':
    case 'money': {
      if (raw.trim() === '') return undefined;
      const n = Number(raw);
      if (!Number.isFinite(n) || (spec.type !== 'number' && !Number.isInteger(n))) return undefined;
      return n;
    }
    case 'timestamp':
      return Number.isNaN(Date.parse(raw)) ? undefined : raw;
    case 'boolean':
      return raw === 'true' ? true : raw === 'false' ? false : undefined;
    case 'enum':
      return spec.values && !spec.values.includes(raw) ? undefined : raw;
    default:
      return raw;
  }
}

/**
 * FLT-01/02: does an item's value satisfy `op rawValue`? `itemValue` is what spec.pointer finds in
 * the item. For 'categorySlug' the caller passes the category's id (resolved from the slug) as
 * rawValue, and the item matches when its id array contains it (descendants are not included).
 * Equality on strings and enums is exact; range operators on them use the SRT-01 collation.
 */
export function matchesFilter(spec: FilterSpec, op: FilterOp, itemValue: unknown, rawValue: string, opts: CompareOptions = {}): boolean {
  if (spec.type === 'categorySlug') {
    const has = Array.isArray(itemValue) && itemValue.includes(rawValue);
    return op === 'ne' ? !has : has;
  }
  const want = parseFilterValue(spec, rawValue);
  if (want === undefined) return false;
  let c: number;
  if (want === null || itemValue === null || itemValue === undefined) {
    const same = want === null ? itemValue === null || itemValue === undefined : false;
    if (op === 'eq') return same;
    if (op === 'ne') return !same;
    return false;
  }
  if (spec.type === 'string' || spec.type === 'enum' || spec.type === 'id') {
    if (op === 'eq') return itemValue === want;
    if (op === 'ne') return itemValue !== want;
    c = compareField(spec.type, itemValue, want, opts);
  } else if (spec.type === 'money') {
    c = compareField('number', amount(itemValue, opts.amountField ?? 'centAmount'), want, opts);
  } else {
    c = compareField(spec.type, itemValue, want, opts);
  }
  switch (op) {
    case 'eq':
      return c === 0;
    case 'ne':
      return c !== 0;
    case 'gt':
      return c > 0;
    case 'gte':
      return c >= 0;
    case 'lt':
      return c < 0;
    case 'lte':
      return c <= 0;
  }
}
