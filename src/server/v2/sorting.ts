// Named sort orders (V2-SRT-01/02): `sort=<key>` from the keys an endpoint lists (an empty value
// counts as absent, an unlisted key is 400 INVALID_SORT), each key's comparator, and ties broken
// by id so the same request twice gives the same order.

import { first, type Query } from '../querystring.js';
import { ApiError } from '../errors.js';
import type { V2FaultSet } from './faults.js';

export type SortKey = 'relevance' | 'price_asc' | 'price_desc' | 'newest' | 'oldest' | 'rating_desc' | 'name_asc';

/** The sort key of a request, or the endpoint's default; `keys` empty: the endpoint sorts by nothing. */
export function sortKeyOf<K extends SortKey>(q: Query, keys: readonly K[], faults: V2FaultSet, lenient = false): K | undefined {
  const raw = first(q, 'sort');
  if (raw === '' && faults.has('v2-flt-empty-sort-400')) throw invalidSort(raw, keys);
  if (raw === undefined || raw === '') return keys[0];
  if ((keys as readonly string[]).includes(raw)) return raw as K;
  if (lenient) return keys[0];
  throw invalidSort(raw, keys);
}

function invalidSort(raw: string, keys: readonly string[]): ApiError {
  const valid = keys.length ? `valid keys: ${keys.join(', ')}` : 'this list cannot be sorted';
  return new ApiError(400, `Unsupported sort '${raw}': ${valid}`, 'INVALID_SORT', [{ field: 'sort', code: 'INVALID_VALUE', message: valid }]);
}

type Cmp<T> = (a: T, b: T) => number;

/** Deterministic: a comparator, then id. */
export const byThenId = <T extends { id: string }>(cmp: Cmp<T>): Cmp<T> => (a, b) => cmp(a, b) || (a.id < b.id ? -1 : a.id > b.id ? 1 : 0);

export const compareIso = (a: string, b: string): number => (a < b ? -1 : a > b ? 1 : 0);

// a collator is costly to build and immutable: one per language for the process
const collators = new Map<string, Cmp<string>>();

/** name_asc per V2-SRT-01 (Intl.Collator of the language used, base sensitivity); code points under a fault. */
export function nameCompare(language: string, faults: V2FaultSet): Cmp<string> {
  if (faults.has('v2-srt-name-code-point')) return (a, b) => (a < b ? -1 : a > b ? 1 : 0);
  let compare = collators.get(language);
  if (!compare) collators.set(language, (compare = new Intl.Collator(language, { sensitivity: 'base' }).compare));
  return compare;
}
