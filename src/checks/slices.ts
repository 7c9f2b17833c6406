// Slices of lists too large to walk within a check's budget (PAG-07's walk, FLT-04's count): a
// filter the pack declares, with a value read off the data, whose filtered total fits the budget,
// so the check walks that slice instead of skipping. Exact values first (a brand, a category, a
// status, a price), the largest slice that fits; else a band of a range filter (price, createdAt)
// narrowed by halving. Every candidate's total is kept: a filter that keeps the whole list although
// a sampled item does not satisfy it is FLT-04's finding, not a reason to skip.

import type { FilterSpec, Operation } from '../contract/types.js';
import type { Exchange } from '../http/types.js';
import { isObject, pagedEnvelope, pointer, readable, sendOp } from './assert.js';
import { compareOptions, matchesFilter } from './compare.js';
import type { CheckContext } from './types.js';

export interface Slice {
  /** the filter's query parameters */
  query: Record<string, string>;
  /** how the note names it: 'brand=Heritage Co' */
  label: string;
  total: number;
  /** the item field it constrains: filters on it are judged in another slice */
  pointer: string;
}

/** One candidate tried: its total, and a sampled item it must leave out (when there is one). */
export interface Tried { label: string; total: number; ex: Exchange; excludes?: string }

/** fewer items than this make no walk of several pages */
const MIN_SLICE = 3;
const VALUES_PER_SPEC = 4;
const BAND_STEPS = 14;

const EXACT: ReadonlySet<string> = new Set(['string', 'enum', 'boolean', 'categorySlug', 'integer', 'number', 'money']);
const RANGE: ReadonlySet<string> = new Set(['integer', 'number', 'money', 'timestamp']);

interface Candidate { query: Record<string, string>; label: string; spec: FilterSpec; match: string }

/** The query parameter of an exact-value filter on spec, or undefined when it has none. */
function exactParam(ctx: CheckContext, spec: FilterSpec): string | undefined {
  if (!EXACT.has(spec.type)) return undefined;
  if (spec.style === 'simple') return spec.ops.length === 1 && spec.ops[0] === 'eq' ? spec.param : undefined;
  const f = ctx.contract.conventions.filtering?.param;
  return f && spec.ops.includes('eq') ? `${f}[${spec.param}]` : undefined;
}

/** Category id → slug, from the first page of the pack's Category list (category-slug filters). */
async function categorySlugs(ctx: CheckContext): Promise<Map<string, string>> {
  const op = ctx.contract.operations.find((o) => o.paged && readable(o) && o.resource === 'Category');
  if (!op) return new Map();
  const ex = await sendOp(ctx, op, { [ctx.contract.conventions.paging.limitParam]: ctx.contract.conventions.paging.maxLimit });
  if (ex.response?.status !== 200) return new Map();
  return new Map(pagedEnvelope(ctx, ex).results.filter(isObject).map((c) => [String(c.id), String(c.slug)]));
}

/** Exact-value candidates from the sampled items: up to a few values per filter field. */
async function exactCandidates(ctx: CheckContext, op: Operation, sample: unknown[], avoid: string[]): Promise<Candidate[]> {
  const amount = ctx.contract.conventions.money.amountField;
  const out: Candidate[] = [];
  const fields = new Set<string>();
  const slugs = op.filters.some((s) => s.type === 'categorySlug') ? await categorySlugs(ctx) : new Map<string, string>();
  // simple filters first: one spelling per field
  for (const spec of [...op.filters].sort((a, b) => Number(a.style !== 'simple') - Number(b.style !== 'simple'))) {
    const name = exactParam(ctx, spec);
    if (!name || avoid.includes(spec.pointer) || fields.has(spec.pointer)) continue;
    fields.add(spec.pointer);
    const seen = new Map<string, string>(); // sent → match
    for (const item of sample) {
      const v = pointer(item, spec.pointer);
      if (spec.type === 'categorySlug') {
        for (const id of Array.isArray(v) ? v : []) if (slugs.has(String(id))) seen.set(slugs.get(String(id))!, String(id));
      } else if (spec.type === 'money') {
        if (isObject(v) && typeof v[amount] === 'number') seen.set(String(v[amount]), String(v[amount]));
      } else if (typeof v === 'string' || typeof v === 'number' || typeof v === 'boolean') seen.set(String(v), String(v));
      if (seen.size >= VALUES_PER_SPEC) break;
    }
    for (const [sent, match] of seen) out.push({ query: { [name]: sent }, label: `${name}=${sent}`, spec, match });
  }
  return out;
}

/** Range filters' two bounds: structured gte/lte on one field, or two simple filters (minPrice/maxPrice). */
function bandParams(ctx: CheckContext, op: Operation, avoid: string[]): Array<{ spec: FilterSpec; lo: string; hi: string }> {
  const f = ctx.contract.conventions.filtering?.param;
  const out: Array<{ spec: FilterSpec; lo: string; hi: string }> = [];
  for (const spec of op.filters) {
    if (!RANGE.has(spec.type) || avoid.includes(spec.pointer) || out.some((b) => b.spec.pointer === spec.pointer)) continue;
    if (spec.style === 'structured' && f && spec.ops.includes('gte') && spec.ops.includes('lte')) out.push({ spec, lo: `${f}[${spec.param}[gte]]`, hi: `${f}[${spec.param}[lte]]` });
    const hi = op.filters.find((s) => s.style === 'simple' && s.pointer === spec.pointer && s.ops[0] === 'lte');
    if (spec.style === 'simple' && spec.ops[0] === 'gte' && hi) out.push({ spec, lo: spec.param, hi: hi.param });
  }
  return out;
}

/**
 * A slice of op's list whose total is between MIN_SLICE and `budget` items, chosen from a sample of
 * the data (the first page of the largest size), avoiding filters on the fields in `avoid`;
 * undefined when no filter of the pack gives one. `tried` lists every candidate's total.
 */
export async function sliceOf(ctx: CheckContext, op: Operation, budget: number, avoid: string[] = []): Promise<{ slice?: Slice; tried: Tried[] }> {
  const p = ctx.contract.conventions.paging;
  const first = await sendOp(ctx, op, { [p.limitParam]: p.maxLimit });
  if (first.response?.status !== 200) return { tried: [] };
  const sample = pagedEnvelope(ctx, first).results;
  const opts = compareOptions(ctx.contract.conventions);
  const tried: Tried[] = [];
  const total = async (query: Record<string, string>, label: string, keepsAll?: (item: unknown) => boolean): Promise<number | undefined> => {
    const ex = await sendOp(ctx, op, { ...query, [p.limitParam]: 1 });
    if (ex.response?.status !== 200) return undefined;
    const t = pagedEnvelope(ctx, ex).total;
    const left = keepsAll ? sample.find((item) => !keepsAll(item)) : undefined;
    tried.push({ label, total: t, ex, ...(left === undefined ? {} : { excludes: JSON.stringify(isObject(left) ? left.id ?? left : left) }) });
    return t;
  };
  const exact = await exactCandidates(ctx, op, sample, avoid);
  const totals = await Promise.all(exact.map((c) => total(c.query, c.label, (item) => matchesFilter(c.spec, 'eq', pointer(item, c.spec.pointer), c.match, opts))));
  let best: Slice | undefined;
  for (const [i, c] of exact.entries()) {
    const t = totals[i];
    if (t !== undefined && t >= MIN_SLICE && t <= budget && t > (best?.total ?? 0)) best = { query: c.query, label: c.label, total: t, pointer: c.spec.pointer };
  }
  if (best) return { slice: best, tried };
  for (const band of bandParams(ctx, op, avoid)) {
    const slice = await narrowBand(ctx, band, sample, budget, total);
    if (slice) return { slice, tried };
  }
  return { tried };
}

/** A band [v, hi] from the median sampled value v, hi halved towards v until the total fits the budget. */
async function narrowBand(
  ctx: CheckContext, band: { spec: FilterSpec; lo: string; hi: string }, sample: unknown[], budget: number,
  total: (query: Record<string, string>, label: string) => Promise<number | undefined>,
): Promise<Slice | undefined> {
  const amount = ctx.contract.conventions.money.amountField;
  const time = band.spec.type === 'timestamp';
  const num = (item: unknown): number | undefined => {
    const v = pointer(item, band.spec.pointer);
    const n = time && typeof v === 'string' ? Date.parse(v) : isObject(v) ? v[amount] : v;
    return typeof n === 'number' && Number.isFinite(n) ? n : undefined;
  };
  const values = sample.map(num).filter((n): n is number => n !== undefined).sort((a, b) => a - b);
  if (!values.length) return undefined;
  const lo = values[Math.floor(values.length / 2)]!;
  const show = (n: number) => (time ? new Date(n).toISOString() : String(Math.round(n)));
  const query = (hi: number) => ({ [band.lo]: show(lo), [band.hi]: show(hi) });
  const label = (hi: number) => `${band.lo}=${show(lo)}&${band.hi}=${show(hi)}`;
  let fits: Slice | undefined;
  let under = lo;
  let over = Math.max(values[values.length - 1]!, lo + 1) * 2; // past the sample's largest value
  for (let step = 0; step < BAND_STEPS && over - under > 1; step++) {
    const hi = step === 0 ? under : Math.floor((under + over) / 2);
    const t = await total(query(hi), label(hi));
    if (t === undefined) return fits;
    if (t <= budget) {
      if (t >= MIN_SLICE && t > (fits?.total ?? 0)) fits = { query: query(hi), label: label(hi), total: t, pointer: band.spec.pointer };
      under = hi;
    } else if (step === 0) return undefined; // the single value alone is over budget
    else over = hi;
  }
  return fits;
}

/** The slice of a list of `total` items to walk within `budget` items, or a skip saying why there is none. */
export async function sliceOrSkip(ctx: CheckContext, op: Operation, total: number, budget: number): Promise<Slice> {
  const { slice } = await sliceOf(ctx, op, budget);
  return slice ?? ctx.skip(`${op.key}: ${total} items, more than the ${budget} a walk reads, and no filter of the pack gives a slice that fits`);
}
