// FLT-04 on a list too large to read whole: each filter's total is counted within a filtered slice
// that fits the budget (slices.ts) — the slice walked, the filter added to the slice's query, its
// total compared with the slice's items that satisfy it. Filters on the slice's own field are
// counted within a second slice chosen on another field. A filter that keeps the whole list
// although a sampled item does not satisfy it fails here (no slice can be chosen on such a server).

import type { FilterSpec } from '../contract/types.js';
import { answered } from './assert.js';
import { allItems, page } from './pagination.js';
import { sliceOf, type Slice } from './slices.js';
import type { CheckContext } from './types.js';

/** Pages of the largest size a completeness count reads (the slice's walk). */
export const COUNT_PAGES = 20;

/** Counts `specs` over `items`, the walked slice, adding the slice's query to each filtered request. */
export type CountIn = (items: unknown[], specs: FilterSpec[], slice: Slice) => Promise<void>;

export async function countInSlices(ctx: CheckContext, count: CountIn): Promise<void> {
  const op = ctx.op!;
  const p = ctx.contract.conventions.paging;
  const budget = COUNT_PAGES * p.maxLimit;
  const { ex: wholeEx, page: whole } = await page(ctx, op, { [p.limitParam]: 1 });
  const { slice, tried } = await sliceOf(ctx, op, budget);
  for (const t of tried) {
    if (t.excludes !== undefined && t.total >= whole.total) {
      ctx.fail(`${answered(t.ex)} with total ${t.total} for ${t.label}; the unfiltered list has total ${whole.total} and its item ${t.excludes} does not satisfy ${t.label}, so the filtered total must be smaller (FLT-04)`, t.ex, wholeEx);
    }
  }
  if (!slice) ctx.skip(`${op.key}: ${whole.total} items, more than ${COUNT_PAGES} pages of ${p.maxLimit}, and no filter of the pack gives a slice that fits`);
  const walked: string[] = [];
  const within = async (s: Slice, specs: FilterSpec[]) => {
    const items = await allItems(ctx, op, s.query, COUNT_PAGES);
    if (!items) ctx.skip(`${op.key}: the slice ${s.label} (total ${s.total}) grew past ${COUNT_PAGES} pages while walked`);
    await count(items, specs, s);
    walked.push(`walked the slice ${s.label} (${items.length} items of ${whole.total})`);
  };
  await within(slice, op.filters.filter((s) => s.pointer !== slice.pointer));
  const own = op.filters.filter((s) => s.pointer === slice.pointer);
  const second = own.length ? (await sliceOf(ctx, op, budget, [slice.pointer])).slice : undefined;
  if (second) await within(second, own);
  else if (own.length) walked.push(`filters on ${slice.pointer} not counted: no slice on another field fits`);
  ctx.note(walked.join('; '));
}
