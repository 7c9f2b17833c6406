// Accessors for the pack conventions only some packs have (field-style sorting, structured
// filters, a correlation header). A check that needs one reads it here; a pack without it makes
// the check skip with the reason, never crash. Checks of the BFF never skip here: its pack has all.

import type { PackConventions, SortField } from '../contract/types.js';
import type { CheckContext } from './types.js';

/** `sort={field}{separator}{direction}` (BFF): the names, or a skip for a pack of named orders. */
export function fieldSorting(ctx: CheckContext): { param: string; separator: string; directions: { asc: string; desc: string } } {
  const s = ctx.contract.conventions.sorting;
  if (s.style !== 'field' || s.separator === undefined || s.directions === undefined) return ctx.skip(`pack ${ctx.contract.name} sorts by named orders, not field:direction`);
  return { param: s.param, separator: s.separator, directions: s.directions };
}

/** The sort parameter value that orders by f in dir: 'price:asc' (field style) or f's own name (named style). */
export function sortSpelling(ctx: CheckContext, f: SortField, dir: 'asc' | 'desc' | string): string {
  if (ctx.contract.conventions.sorting.style === 'named') return f.name;
  const s = fieldSorting(ctx);
  const d = dir === 'asc' ? s.directions.asc : dir === 'desc' ? s.directions.desc : dir;
  return `${f.name}${s.separator}${d}`;
}

/** The direction f orders in: its declared one (named style), else `dir`. */
export function directionOf(ctx: CheckContext, f: SortField, dir: 'asc' | 'desc'): 'asc' | 'desc' {
  return ctx.contract.conventions.sorting.style === 'named' ? (f.direction ?? dir) : dir;
}

/** The structured filter parameter (`filter` of `filter[price[gte]]`), or a skip. */
export function structuredFilters(ctx: CheckContext): { param: string; invalidCode: string; invalidEntryCode: string } {
  return ctx.contract.conventions.filtering ?? ctx.skip(`pack ${ctx.contract.name} has no structured filters`);
}

/** The correlation id header, or a skip. */
export function correlationHeader(ctx: CheckContext): string {
  return ctx.contract.conventions.headers.correlationId ?? ctx.skip(`pack ${ctx.contract.name} has no correlation id header`);
}

/**
 * fitsPack for a check that belongs to one pack: it drives that pack's own flows (the BFF's carts,
 * checkout sessions, address fields) and cannot be made general without contortions. Matched by
 * pack.yaml `name`, so a copy of the pack in a folder of one's own keeps the check.
 */
export const onlyPack =
  (name: string) =>
  (conventions: PackConventions): boolean =>
    conventions.name === name;
