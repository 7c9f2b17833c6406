// Paging per V2-PAG-01..05: page (1-based, default 1) and pageSize (default 24, 1..100) rejected
// with 400 VALIDATION_FAILED or clamped (mode outOfRange, the applied value echoed), one page cut
// out of a filtered and sorted list, and the `{ items, page, pageSize, totalItems, totalPages }` envelope.

import { ApiError, type FieldError } from '../errors.js';
import { first, type Query } from '../querystring.js';
import { fieldError, validationFailed } from './errors.js';
import type { V2State } from './state.js';

export interface Paged<R> {
  items: R[];
  page: number;
  pageSize: number;
  totalItems: number;
  totalPages: number;
}

/** Which list is paged: faults are local to one of them. */
export type PagedScope = 'products' | 'comments' | 'news' | 'other';

function parseOne(q: Query, name: string, fallback: number, max: number, clamp: boolean, errors: FieldError[]): number {
  const raw = first(q, name);
  if (raw === undefined || raw === '') return fallback;
  const n = /^-?\d+$/.test(raw) ? Number(raw) : NaN;
  if (Number.isNaN(n)) {
    if (!clamp) errors.push(fieldError(name, 'INVALID_FORMAT', `${name} must be an integer, got '${raw}'`));
    return fallback;
  }
  if (n < 1 || n > max) {
    if (!clamp) errors.push(fieldError(name, 'OUT_OF_RANGE', `${name} must be between 1 and ${max}, got ${raw}`));
    return n < 1 ? 1 : max;
  }
  return n;
}

export function parsePaging(q: Query, s: V2State, scope: PagedScope): { page: number; pageSize: number } {
  const clamp = s.modes.outOfRange === 'clamp';
  const products = scope === 'products';
  const errors: FieldError[] = [];
  const defaultSize = products && s.faults.has('v2-pag-default-size-20') ? 20 : 24;
  const maxSize = products && s.faults.has('v2-pag-size-not-capped') ? 10_000 : 100;
  const page = parseOne(q, 'page', 1, Number.MAX_SAFE_INTEGER, clamp, errors);
  const pageSize = parseOne(q, 'pageSize', defaultSize, maxSize, clamp, errors);
  if (errors.length) throw validationFailed(errors, 400);
  return { page, pageSize };
}

/** Cut one page out of an already filtered and sorted list (and apply the paging faults). */
export function pageOf<T, R>(sorted: readonly T[], q: Query, s: V2State, scope: PagedScope, render: (t: T) => R, totalOverride?: number): Paged<R> {
  const { page, pageSize } = parsePaging(q, s, scope);
  const totalItems = totalOverride ?? sorted.length;
  const totalPages = scope === 'news' && s.faults.has('v2-pag-total-pages-floor') ? Math.floor(totalItems / pageSize) : Math.ceil(totalItems / pageSize);
  if (scope === 'comments' && page > totalPages && s.faults.has('v2-pag-beyond-last-404')) throw new ApiError(404, 'Page not found', 'NOT_FOUND');
  let start = (page - 1) * pageSize;
  if (scope === 'products' && page > 1 && s.faults.has('v2-pag-duplicate-across-pages')) start -= 1;
  const items = sorted.slice(start, start + pageSize).map(render);
  return { items, page, pageSize, totalItems, totalPages };
}
