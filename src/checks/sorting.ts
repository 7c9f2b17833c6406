// SRT-01..06: `sort={field}:{dir}` on every paged GET with sortable fields (op.sort): order per
// field and direction, ties broken by later sort parameters, order across pages, 400s for an
// unsupported field or direction, determinism. A direction-less or capitalised sort may be
// accepted or rejected (CONTRACT.md section 4); when accepted it must still order correctly.

import type { Operation, PackConventions, SortField } from '../contract/types.js';
import type { Exchange } from '../http/types.js';
import type { CheckContext, CheckDef } from './types.js';
import { answered, expectEnvelope, pagedEnvelope, pointer, readable, sendOp, type Paged } from './assert.js';
import { identity, page, positionQuery } from './pagination.js';
import { compareField, compareOptions } from './compare.js';
import { directionOf, fieldSorting, sortSpelling } from './conventions.js';

const sortable = (op: Operation): boolean => op.paged && readable(op) && op.sort.length > 0;
/** Directions and several sort parameters exist in field style only (BFF). */
const fieldStyle = (c: PackConventions): boolean => c.sorting.style === 'field';

type Dir = 'asc' | 'desc';

const sortValue = sortSpelling;

function cmp(ctx: CheckContext, f: SortField, a: unknown, b: unknown): number {
  return compareField(f.type, pointer(a, f.pointer), pointer(b, f.pointer), compareOptions(ctx.contract.conventions));
}

/** A field value as a message shows it (Money by amount, LocalizedString by en-AU). */
function show(ctx: CheckContext, f: SortField, item: unknown): string {
  const v = pointer(item, f.pointer);
  if (f.type === 'money') return JSON.stringify(pointer(v, `/${ctx.contract.conventions.money.amountField}`));
  if (f.type === 'localizedString') return JSON.stringify(pointer(v, '/en-AU'));
  return JSON.stringify(v);
}

/** The first adjacent pair out of `dir` order by f, as a message, or undefined. */
function misordered(ctx: CheckContext, f: SortField, dir: Dir, items: unknown[], from = 0): string | undefined {
  for (let i = from + 1; i < items.length; i++) {
    const c = cmp(ctx, f, items[i - 1], items[i]);
    if (dir === 'asc' ? c > 0 : c < 0) {
      return `results[${i - 1}] ${f.name}=${show(ctx, f, items[i - 1])} before results[${i}] ${f.name}=${show(ctx, f, items[i])}; expected ${dir === 'asc' ? 'ascending' : 'descending'} by ${f.name}`;
    }
  }
  return undefined;
}

/** The list's total without a sort: what every sorted reading must also hold. */
function unsortedTotal(ctx: CheckContext): Promise<number> {
  const read = async () => (await page(ctx, ctx.op!, { [ctx.contract.conventions.paging.limitParam]: 1 })).page.total;
  // customer lists are read afresh: other families' writes change them between checks
  return ctx.op!.auth === 'public' ? ctx.memo(`srt:unsorted-total:${ctx.op!.key}`, read) : read();
}

/**
 * A sort orders the list, it does not change it: the sorted total equals the unsorted one and the
 * page holds min(limit, total) items. An empty answer to every sorted request fails here, not skips.
 */
function sameSet(ctx: CheckContext, ex: Exchange, pg: Paged, base: number, limit: number, clause: string): void {
  const want = Math.min(limit, base);
  if (pg.total !== base || pg.results.length !== want) {
    ctx.fail(`${answered(ex)} with total ${pg.total} and ${pg.results.length} results; without the sort the list has total ${base}, so this page holds ${want}: a sort must not change the set (${clause})`, ex);
  }
}

async function sorted(ctx: CheckContext, sort: string | string[], clause = 'SRT-01'): Promise<{ ex: Exchange; items: unknown[] }> {
  const c = ctx.contract.conventions;
  const base = await unsortedTotal(ctx);
  const { ex, page: pg } = await page(ctx, ctx.op!, { [c.sorting.param]: sort, [c.paging.limitParam]: c.paging.maxLimit });
  sameSet(ctx, ex, pg, base, c.paging.maxLimit, clause);
  return { ex, items: pg.results };
}

async function orderByField(ctx: CheckContext): Promise<void> {
  let checked = 0;
  const named = ctx.contract.conventions.sorting.style === 'named';
  for (const f of ctx.op!.sort) {
    for (const asked of named ? (['asc'] as const) : (['asc', 'desc'] as const)) {
      const dir = directionOf(ctx, f, asked);
      const { ex, items } = await sorted(ctx, sortValue(ctx, f, dir));
      if (items.length < 2) ctx.skip(`${ctx.op!.key} has fewer than 2 items to order`);
      const bad = misordered(ctx, f, dir, items);
      if (bad) ctx.fail(`${answered(ex)} with ${bad} (SRT-01)`, ex);
      checked++;
    }
  }
  ctx.note(`${checked} field/direction orders verified`);
}

/** Section 4: no direction or capitals: 400 with the envelope, or the order that spelling means. */
async function lenientDirection(ctx: CheckContext): Promise<void> {
  const f = ctx.op!.sort[0]!;
  const s = fieldSorting(ctx);
  const spellings: Array<[string, Dir]> = [
    [f.name, 'asc'],
    [sortValue(ctx, f, s.directions.asc.toUpperCase()), 'asc'],
    [sortValue(ctx, f, s.directions.desc.toUpperCase()), 'desc'],
  ];
  for (const [spelling, dir] of spellings) {
    const c = ctx.contract.conventions;
    const ex = await sendOp(ctx, ctx.op!, { [s.param]: spelling, [c.paging.limitParam]: c.paging.maxLimit });
    if (ex.response?.status === 400) {
      expectEnvelope(ctx, ex, { status: 400 });
      continue;
    }
    if (ex.response?.status !== 200) ctx.fail(`${answered(ex)}; ${s.param}=${spelling} must be accepted (200, ${dir}) or rejected (400) (SRT-01)`, ex);
    const bad = misordered(ctx, f, dir, pagedEnvelope(ctx, ex).results);
    if (bad) ctx.fail(`${answered(ex)} with ${bad}: an accepted ${s.param}=${spelling} means ${dir} (SRT-01)`, ex);
  }
}

async function tieBreak(ctx: CheckContext): Promise<void> {
  const op = ctx.op!;
  // fields likely to tie first: booleans and enums
  const rank = (f: SortField) => (f.type === 'boolean' || f.type === 'enum' ? 0 : 1);
  for (const a of [...op.sort].sort((x, y) => rank(x) - rank(y))) {
    const b = op.sort.find((x) => x !== a && x.type !== 'boolean' && x.type !== 'enum') ?? op.sort.find((x) => x !== a)!;
    const { ex, items } = await sorted(ctx, [sortValue(ctx, a, 'asc'), sortValue(ctx, b, 'desc')], 'SRT-02');
    let ties = 0;
    const first = misordered(ctx, a, 'asc', items);
    if (first) ctx.fail(`${answered(ex)} with ${first}: the first sort parameter orders first (SRT-02)`, ex);
    for (let i = 1; i < items.length; i++) {
      if (cmp(ctx, a, items[i - 1], items[i]) !== 0) continue;
      ties++;
      if (cmp(ctx, b, items[i - 1], items[i]) < 0) {
        ctx.fail(`${answered(ex)}: results[${i - 1}] and results[${i}] tie on ${a.name} (${show(ctx, a, items[i])}) but ${b.name} ${show(ctx, b, items[i - 1])} comes before ${show(ctx, b, items[i])}; the second sort (${b.name} desc) must order the ties (SRT-02)`, ex);
      }
    }
    if (ties > 0) return ctx.note(`${ties} ties on ${a.name} ordered by ${b.name}`);
  }
  ctx.skip(`${op.key}: no ties on any sort field among the first page`);
}

async function acrossPages(ctx: CheckContext): Promise<void> {
  const c = ctx.contract.conventions;
  const { page: probe } = await page(ctx, ctx.op!, { [c.paging.limitParam]: 1 });
  if (probe.total < 2) ctx.skip(`${ctx.op!.key} has fewer than 2 items`);
  const limit = Math.min(c.paging.maxLimit, Math.max(1, Math.ceil(probe.total / 3)));
  // field style: the first field both ways; named style: every named order, each its own way
  const orders: Array<[SortField, Dir]> = c.sorting.style === 'named' ? ctx.op!.sort.map((f) => [f, directionOf(ctx, f, 'asc')]) : [[ctx.op!.sort[0]!, 'asc'], [ctx.op!.sort[0]!, 'desc']];
  for (const [f, dir] of orders) {
    let prev: { ex: Exchange; last: unknown } | undefined;
    for (let offset = 0, n = 0; offset < probe.total && n < 10; offset += limit, n++) {
      const { ex, page: pg } = await page(ctx, ctx.op!, { [c.sorting.param]: sortValue(ctx, f, dir), ...positionQuery(ctx, limit, offset) });
      sameSet(ctx, ex, pg, probe.total, Math.min(limit, probe.total - offset), 'SRT-03');
      const head = pg.results[0];
      // every page in order, not only the first one the order-by-field check reads
      const within = misordered(ctx, f, dir, pg.results);
      if (within) ctx.fail(`${answered(ex)} with ${within} (SRT-03)`, ex);
      if (prev && head !== undefined) {
        const k = cmp(ctx, f, prev.last, head);
        if (dir === 'asc' ? k > 0 : k < 0) {
          ctx.fail(`sorted by ${f.name} ${dir}, the last item of ${answered(prev.ex)} (${f.name}=${show(ctx, f, prev.last)}, ${identity(prev.last)}) sorts after the first item of the next page ${answered(ex)} (${f.name}=${show(ctx, f, head)}); sorting must apply before pagination (SRT-03)`, prev.ex, ex);
        }
      }
      if (pg.results.length) prev = { ex, last: pg.results[pg.results.length - 1] };
    }
  }
}

async function unsupportedField(ctx: CheckContext): Promise<void> {
  const c = ctx.contract.conventions;
  if (c.sorting.style === 'named') {
    // V2-SRT-02: an unlisted key is a 400 with the pack's code; no details entry is required
    expectEnvelope(ctx, await sendOp(ctx, ctx.op!, { [c.sorting.param]: 'zz_not_a_sort_key' }), { status: 400, code: c.sorting.invalidFieldCode });
    return;
  }
  const s = fieldSorting(ctx);
  const ex = await sendOp(ctx, ctx.op!, { [c.sorting.param]: `zzNotASortField${s.separator}${s.directions.asc}` });
  expectEnvelope(ctx, ex, { status: 400, code: c.sorting.invalidFieldCode, entry: { field: c.sorting.param, code: c.codes.unsupported } });
}

async function badDirection(ctx: CheckContext): Promise<void> {
  for (const dir of ['up', 'sideways']) {
    const ex = await sendOp(ctx, ctx.op!, { [fieldSorting(ctx).param]: sortValue(ctx, ctx.op!.sort[0]!, dir) });
    expectEnvelope(ctx, ex, { status: 400 });
  }
}

async function deterministic(ctx: CheckContext): Promise<void> {
  const c = ctx.contract.conventions;
  const tieProne = ctx.op!.sort.find((f) => f.type === 'boolean' || f.type === 'enum') ?? ctx.op!.sort[0]!;
  const variants: Array<Record<string, string | number>> = [
    { [c.paging.limitParam]: c.paging.maxLimit },
    { [c.sorting.param]: sortValue(ctx, tieProne, 'asc'), [c.paging.limitParam]: c.paging.maxLimit },
  ];
  const base = await unsortedTotal(ctx);
  for (const q of variants) {
    const one = await page(ctx, ctx.op!, q);
    const two = await page(ctx, ctx.op!, q);
    for (const r of [one, two]) sameSet(ctx, r.ex, r.page, base, c.paging.maxLimit, 'SRT-06');
    const a = one.page.results.map(identity);
    const b = two.page.results.map(identity);
    const at = a.findIndex((x, i) => x !== b[i]);
    if (at >= 0 || a.length !== b.length) {
      ctx.fail(`${answered(one.ex)} twice with different orders: position ${at} is ${a[at]} then ${b[at]} (SRT-06: the same request returns the same order)`, one.ex, two.ex);
    }
  }
}

export const sortingChecks: CheckDef[] = [
  { slug: 'order-by-field', clause: 'SRT-01', title: 'results are ordered by each sort field in both directions', appliesTo: sortable, run: orderByField },
  { slug: 'lenient-direction', clause: 'SRT-01', title: 'a sort without direction or in capitals is rejected or orders as it says', appliesTo: sortable, fitsPack: fieldStyle, run: lenientDirection },
  { slug: 'tie-break', clause: 'SRT-02', title: 'a later sort parameter orders the ties of an earlier one', appliesTo: (op) => sortable(op) && op.sort.length > 1, fitsPack: fieldStyle, run: tieBreak },
  { slug: 'across-pages', clause: 'SRT-03', title: 'the order continues across pages', appliesTo: sortable, run: acrossPages },
  { slug: 'unsupported-field', clause: 'SRT-04', title: 'an unsupported sort field gives 400 INVALID_SORT_FIELD', appliesTo: sortable, run: unsupportedField },
  { slug: 'bad-direction', clause: 'SRT-05', title: 'a direction that is not asc/desc gives 400', appliesTo: sortable, fitsPack: fieldStyle, run: badDirection },
  { slug: 'deterministic', clause: 'SRT-06', title: 'the same request twice returns the same order', appliesTo: sortable, run: deterministic },
];
