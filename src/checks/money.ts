// Money in both forms of pack.yaml: centPrecision objects (BFF) and decimal amounts beside a
// currency (v2). Amounts are compared in minor units, never as floats (0.1 + 0.2 is 0.3).

import type { PackConventions } from '../contract/types.js';
import { isObject } from '../contract/json.js';

/** Minor units by currency: an Intl.NumberFormat is costly, and every Money of every answer asks. */
const units = new Map<string, number | undefined>();

/** ISO 4217 minor unit (GBP 2, JPY 0, KWD 3) from the platform's currency data. */
export function minorUnit(currency: string): number | undefined {
  if (units.has(currency)) return units.get(currency);
  let unit: number | undefined;
  try {
    unit = new Intl.NumberFormat('en', { style: 'currency', currency }).resolvedOptions().maximumFractionDigits;
  } catch {
    unit = undefined;
  }
  // bounded: a hostile server could send endless made-up codes
  if (units.size < 512) units.set(currency, unit);
  return unit;
}

/** Decimal places of a JSON number as written (1e-7 and 0.1 + 0.2 drift count as many). */
export function decimals(n: number): number {
  const s = String(n);
  const exp = /e-(\d+)$/.exec(s);
  if (exp) return Number(exp[1]) + (s.split('e')[0]!.split('.')[1]?.length ?? 0);
  return s.split('.')[1]?.length ?? 0;
}

/** A decimal amount in minor units of `currency` (19.99 GBP → 1999), or undefined when it has too many digits. */
export function toMinor(amount: number, currency: string): number | undefined {
  const unit = minorUnit(currency) ?? 2;
  if (decimals(amount) > unit) return undefined;
  return Math.round(amount * 10 ** unit);
}

/**
 * The first problem of decimal money in `value` (V2-FMT-02): every amount field a JSON number
 * >= 0 with at most the minor-unit digits of the currency of its object or of the nearest
 * enclosing object that carries one.
 */
export function decimalMoneyProblem(m: PackConventions['money'], value: unknown, ptr = '', currency?: string): string | undefined {
  if (Array.isArray(value)) {
    for (const [i, v] of value.entries()) {
      const bad = decimalMoneyProblem(m, v, `${ptr}/${i}`, currency);
      if (bad) return bad;
    }
    return undefined;
  }
  if (!isObject(value)) return undefined;
  const own = value[m.currencyField];
  const cur = typeof own === 'string' ? own : currency;
  if (own !== undefined && (typeof own !== 'string' || !/^[A-Z]{3}$/.test(own) || minorUnit(own) === undefined)) {
    return `${ptr}/${m.currencyField} ${JSON.stringify(own)} is not an ISO 4217 code`;
  }
  for (const [k, v] of Object.entries(value)) {
    if (m.amountFields?.includes(k) && v !== null && !isObject(v) && !Array.isArray(v)) {
      const at = `${ptr}/${k}`;
      if (typeof v !== 'number') return `${at} ${JSON.stringify(v)} is not a JSON number (amounts are decimal numbers, never strings)`;
      if (v < 0) return `${at} ${v} is negative`;
      if (cur === undefined) return `${at} ${v} has no ${m.currencyField} on its object or an enclosing one`;
      if (toMinor(v, cur) === undefined) return `${at} ${v} has more than the ${minorUnit(cur)} decimal places of ${cur}`;
    }
    const bad = decimalMoneyProblem(m, v, `${ptr}/${k}`, cur);
    if (bad) return bad;
  }
  return undefined;
}
