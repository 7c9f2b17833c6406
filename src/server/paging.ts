// Paging per PAG-01..08: limit/offset parsing (out-of-range values rejected with 400 or clamped,
// by mode), cutting one page out of a filtered and sorted list, and the paged envelope.

import { ApiError } from './errors.js';
import type { FaultSet } from './faults.js';
import { first, type Query } from './querystring.js';
import type { ServerModes } from './types.js';

export interface ListContext {
  modes: ServerModes;
  faults: FaultSet;
}

export interface Page<R> {
  limit: number;
  offset: number;
  count: number;
  total: number;
  results: R[];
}

function pagingError(param: string, raw: string, code: string): ApiError {
  return new ApiError(400, `Invalid ${param} parameter`, 'INVALID_PARAMETER', [
    { field: param, code, message: param === 'limit' ? `limit must be an integer 1..100, got '${raw}'` : `offset must be an integer >= 0, got '${raw}'` },
  ]);
}

/** limit/offset per PAG-01/04/05/08: reject with 400 or clamp, by mode. */
export function parsePaging(q: Query, ctx: ListContext, scope: string): { limit: number; offset: number } {
  const clamp = ctx.modes.outOfRange === 'clamp';
  const uncapped = scope === 'products' && ctx.faults.has('pag-limit-not-capped');
  let limit = scope === 'products' && ctx.faults.has('pag-default-limit-25') ? 25 : 20;
  const rawLimit = first(q, 'limit');
  if (rawLimit !== undefined) {
    const n = /^-?\d+$/.test(rawLimit) ? Number(rawLimit) : NaN;
    if (Number.isNaN(n)) {
      if (!clamp) throw pagingError('limit', rawLimit, 'INVALID_VALUE');
    } else if (n < 1 || (n > 100 && !uncapped)) {
      if (!clamp) throw pagingError('limit', rawLimit, 'OUT_OF_RANGE');
      limit = n < 1 ? 1 : 100;
    } else limit = n;
  }
  let offset = 0;
  const rawOffset = first(q, 'offset');
  if (rawOffset !== undefined) {
    const n = /^-?\d+$/.test(rawOffset) ? Number(rawOffset) : NaN;
    if (n < 0 && scope === 'categories' && ctx.faults.has('pag-negative-offset-echoed')) offset = n;
    else if (Number.isNaN(n) || n < 0 || !Number.isSafeInteger(n)) {
      if (!clamp) throw pagingError('offset', rawOffset, Number.isNaN(n) ? 'INVALID_VALUE' : 'OUT_OF_RANGE');
    } else offset = n;
  }
  return { limit, offset };
}

/** Cut one page out of an already filtered and sorted list (and apply the paging faults). */
export function pageOf<T, R>(sorted: readonly T[], q: Query, ctx: ListContext, scope: string, render: (t: T) => R, totalOverride?: number): Page<R> {
  const { limit, offset } = parsePaging(q, ctx, scope);
  const f = ctx.faults;
  const products = scope === 'products';
  const total = totalOverride ?? sorted.length;
  if (products && offset >= total && f.has('pag-offset-beyond-total-404')) throw new ApiError(404, 'Page not found', 'NOT_FOUND');
  let start = offset < 0 ? Math.max(0, sorted.length + offset) : offset;
  if (products && offset > 0 && f.has('pag-duplicate-across-pages')) start -= 1;
  if (products && offset > 0 && offset === 2 * limit && f.has('pag-page-3-duplicate')) start -= 1;
  let end = start + limit;
  if (products && end < total && f.has('pag-short-page-products') && limit > 1) end -= 1;
  const results = sorted.slice(start, end).map(render);
  let count = results.length;
  if (products && offset > 0 && end >= total && count > 0 && f.has('pag-count-mismatch-last-page')) count = limit;
  return {
    limit: scope === 'orders' && f.has('pag-limit-echo-default-orders') ? 20 : limit,
    offset,
    count,
    total: scope === 'collections' && offset > 0 && f.has('pag-total-varies') ? total + 1 : total,
    results,
  };
}

