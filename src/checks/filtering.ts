// FLT-01..06: the filters each paged GET declares (op.filters, x-filters): simple and structured
// filters restrict results (and keep the items that satisfy them), AND-combination, completeness
// against the unfiltered walk (a filtered slice of it on a large list), 400 INVALID_FILTER for invalid filters, and `locale` on content.
// Filter values are taken from the data itself, so any catalogue works.

import type { FilterOp, FilterSpec, Operation } from '../contract/types.js';
import type { Exchange } from '../http/types.js';
import { structuredFilters as filterNames } from './conventions.js';
import type { CheckContext, CheckDef } from './types.js';
import { answered, expectEnvelope, expectStatus, isObject, pointer, readable, sendOp } from './assert.js';
import { compareOptions, matchesFilter } from './compare.js';
import { allItems, identity, page, walkPages } from './pagination.js';
import { COUNT_PAGES, countInSlices } from './slice-counts.js';
import type { Slice } from './slices.js';

const filterable = (op: Operation): boolean => op.paged && readable(op) && op.filters.length > 0;
const has = (pred: (s: FilterSpec) => boolean) => (op: Operation): boolean => filterable(op) && op.filters.some(pred);
const NON_NUMERIC = ['enum', 'boolean', 'string'];
/** two filters on different fields */
const pairable = (op: Operation): boolean => filterable(op) && new Set(op.filters.filter((s) => s.type !== 'localizedString').map((s) => s.pointer)).size > 1;

/** One filter as sent: query name and value, the value items are matched against, the item it came from. */
interface Probe {
  spec: FilterSpec;
  op: FilterOp;
  name: string;
  sent: string;
  match: string;
  from?: unknown;
}

function paramName(ctx: CheckContext, spec: FilterSpec, op: FilterOp | undefined): string {
  const f = filterNames(ctx).param;
  if (spec.style === 'simple') return spec.param;
  return op ? `${f}[${spec.param}[${op}]]` : `${f}[${spec.param}]`;
}

function probe(ctx: CheckContext, spec: FilterSpec, op: FilterOp | undefined, v: { sent: string; match: string; from?: unknown }): Probe {
  return { spec, op: op ?? (spec.style === 'simple' ? spec.ops[0]! : 'eq'), name: paramName(ctx, spec, op), ...v };
}

/** Categories (id, slug, parentId) for category-slug filters: the catalogue's paged Category list. */
async function categories(ctx: CheckContext): Promise<Array<Record<string, unknown>>> {
  const op = ctx.contract.operations.find((o) => o.paged && readable(o) && o.resource === 'Category');
  if (!op) return [];
  return ((await allItems(ctx, op)) ?? []).filter(isObject);
}

/** Up to `max` distinct values of spec taken from the items (each with the item it came from). */
async function values(ctx: CheckContext, spec: FilterSpec, items: unknown[], max = 2): Promise<Array<{ sent: string; match: string; from?: unknown }>> {
  const out = new Map<string, { sent: string; match: string; from?: unknown }>();
  if (spec.type === 'categorySlug') {
    const cats = await categories(ctx);
    const parents = new Set(cats.map((c) => c.parentId));
    const used = new Set(items.flatMap((i) => (pointer(i, spec.pointer) as unknown[]) ?? []));
    const ranked = [...cats.filter((c) => parents.has(c.id)), ...cats.filter((c) => used.has(c.id))];
    for (const c of ranked) if (out.size < max + 1) out.set(String(c.slug), { sent: String(c.slug), match: String(c.id), from: items.find((i) => ((pointer(i, spec.pointer) as unknown[]) ?? []).includes(c.id)) });
    return [...out.values()];
  }
  const amount = ctx.contract.conventions.money.amountField;
  const read = (item: unknown): string | undefined => {
    const v = pointer(item, spec.pointer);
    if (v === null) return spec.nullable ? 'null' : undefined;
    if (spec.type === 'money') return isObject(v) && typeof v[amount] === 'number' ? String(v[amount]) : undefined;
    return typeof v === 'string' || typeof v === 'number' || typeof v === 'boolean' ? String(v) : undefined;
  };
  // the median item first: a value inside the range of the data
  const ordered = [...items.slice(Math.floor(items.length / 2)), ...items.slice(0, Math.floor(items.length / 2))];
  // a finite set of values is tried whole, present in the data or not (an ignored filter shows on the absent one)
  const finite = spec.type === 'boolean' ? ['true', 'false'] : spec.type === 'enum' ? spec.values : undefined;
  if (finite && max > 1) return finite.map((v) => ({ sent: v, match: v, from: ordered.find((i) => read(i) === v) }));
  for (const item of ordered) {
    const v = read(item);
    if (v !== undefined && !out.has(v) && out.size < max) out.set(v, { sent: v, match: v, from: item });
  }
  return [...out.values()];
}

async function sampleItems(ctx: CheckContext): Promise<unknown[]> {
  const items = (await allItems(ctx, ctx.op!)) ?? (await page(ctx, ctx.op!, { [ctx.contract.conventions.paging.limitParam]: ctx.contract.conventions.paging.maxLimit })).page.results;
  if (!items.length) ctx.skip(`${ctx.op!.key} has no items to filter`);
  return items;
}

/**
 * Sends the probes together; every result must satisfy each of them, and the item the values came
 * from (which satisfies them) must be among the results (inclusive bounds, exact equality).
 */
async function verify(ctx: CheckContext, clause: string, probes: Probe[], from?: unknown): Promise<void> {
  const c = ctx.contract.conventions;
  const query = Object.fromEntries(probes.map((p) => [p.name, p.sent]));
  const pages = await walkPages(ctx, ctx.op!, c.paging.maxLimit, query, 10);
  const opts = compareOptions(c);
  const said = probes.map((p) => `${p.name}=${p.sent}`).join(' and ');
  for (const { ex, page: pg } of pages) {
    for (const [i, item] of pg.results.entries()) {
      const bad = probes.find((p) => !matchesFilter(p.spec, p.op, pointer(item, p.spec.pointer), p.match, opts));
      if (bad) ctx.fail(`${answered(ex)} with results[${i}] (${identity(item)}) whose ${bad.spec.pointer} is ${JSON.stringify(pointer(item, bad.spec.pointer))}, which does not satisfy ${bad.name}=${bad.sent}${probes.length > 1 ? ` (filters combine with AND)` : ''} (${clause})`, ex);
    }
  }
  const want = from === undefined ? undefined : identity(from);
  const complete = pages.length < 10 || pages[pages.length - 1]!.page.count === 0;
  if (want !== undefined && complete && !pages.some((p) => p.page.results.some((x) => identity(x) === want))) {
    ctx.fail(`${answered(pages[0]!.ex)} with total ${pages[0]!.page.total} but without ${want}, which satisfies ${said} (${clause})`, ...pages.map((p) => p.ex));
  }
}

async function simpleFilters(ctx: CheckContext): Promise<void> {
  const specs = ctx.op!.filters.filter((s) => s.style === 'simple');
  if (!specs.length) ctx.skip(`${ctx.op!.key} has no simple filters`);
  const items = await sampleItems(ctx);
  const readings: Array<Promise<void>> = [];
  for (const spec of specs) {
    for (const v of await values(ctx, spec, items, spec.type === 'boolean' || spec.type === 'enum' ? 3 : 1)) {
      readings.push(verify(ctx, 'FLT-01', [probe(ctx, spec, undefined, v)], v.from));
    }
  }
  await Promise.all(readings);
}

const KEEPS: ReadonlySet<FilterOp> = new Set(['eq', 'gte', 'lte']);

async function structuredFilters(ctx: CheckContext): Promise<void> {
  const specs = ctx.op!.filters.filter((s) => s.style === 'structured');
  if (!specs.length) ctx.skip(`${ctx.op!.key} has no structured filters`);
  const items = await sampleItems(ctx);
  const probes: Array<[Probe, unknown]> = [];
  for (const spec of specs) {
    for (const v of await values(ctx, spec, items, spec.nullable ? 3 : 1)) {
      for (const op of [undefined, ...spec.ops]) {
        const p = probe(ctx, spec, op, v);
        probes.push([p, KEEPS.has(p.op) ? v.from : undefined]);
      }
    }
  }
  // independent readings: in flight together
  await Promise.all(probes.map(([p, from]) => verify(ctx, 'FLT-02', [p], from)));
}

/** Section 4: gt/gte/lt/lte on enums, booleans and strings are compared (SRT-01 order) or rejected with 400 INVALID_FILTER. */
async function rangeOnNonNumeric(ctx: CheckContext): Promise<void> {
  const specs = ctx.op!.filters.filter((s) => s.style === 'structured' && NON_NUMERIC.includes(s.type));
  if (!specs.length) ctx.skip(`${ctx.op!.key} has no structured enum, boolean or string filters`);
  const items = await sampleItems(ctx);
  for (const spec of specs) {
    for (const v of await values(ctx, spec, items, 1)) {
      const p = probe(ctx, spec, 'gt', v);
      const ex = await sendOp(ctx, ctx.op!, { [p.name]: p.sent, [ctx.contract.conventions.paging.limitParam]: ctx.contract.conventions.paging.maxLimit });
      if (ex.response?.status === 400) {
        expectEnvelope(ctx, ex, { status: 400, code: filterNames(ctx).invalidCode });
        continue;
      }
      expectStatus(ctx, ex, 200, 400);
      await verify(ctx, 'FLT-02', [p]);
    }
  }
}

/** The value of spec that `item` itself holds: a filter on it must keep the item. */
async function ownValue(ctx: CheckContext, spec: FilterSpec, item: unknown): Promise<{ sent: string; match: string; from?: unknown } | undefined> {
  if (spec.type !== 'categorySlug') return (await values(ctx, spec, [item], 1))[0];
  const ids = pointer(item, spec.pointer);
  const cat = Array.isArray(ids) ? (await categories(ctx)).find((c) => ids.includes(c.id)) : undefined;
  return cat ? { sent: String(cat.slug), match: String(cat.id), from: item } : undefined;
}

/**
 * FLT-03: pairs of filters on different fields (neighbours first, so every field is paired, not
 * only the first), both values read off one known item, which the combined answer must contain:
 * an empty answer to combined filters fails.
 */
async function combined(ctx: CheckContext): Promise<void> {
  const specs = ctx.op!.filters.filter((s) => s.type !== 'localizedString');
  const all: Array<[FilterSpec, FilterSpec]> = [];
  for (const [i, a] of specs.entries()) for (const b of specs.slice(i + 1)) if (a.pointer !== b.pointer) all.push([a, b]);
  const neighbours = all.filter(([a, b]) => specs.indexOf(b) === specs.indexOf(a) + 1);
  const pairs = [...neighbours, ...all.filter((p) => !neighbours.includes(p))].slice(0, 8);
  if (!pairs.length) ctx.skip(`${ctx.op!.key} has no two filters on different fields`);
  const items = await sampleItems(ctx);
  let tried = 0;
  for (const [k, [a, b]] of pairs.entries()) {
    // a different known item for each pair, starting from the middle of the data
    const item = items[(Math.floor(items.length / 2) + k * 7) % items.length];
    const va = await ownValue(ctx, a, item);
    const vb = await ownValue(ctx, b, item);
    if (!va || !vb) continue;
    await verify(ctx, 'FLT-03', [probe(ctx, a, a.ops.includes('eq') ? undefined : a.ops[0], va), probe(ctx, b, b.ops.includes('eq') ? undefined : b.ops[0], vb)], item);
    tried++;
  }
  if (!tried) ctx.skip(`${ctx.op!.key}: no item gives values for two filters`);
  ctx.note(`${tried} pairs, each keeping a known item`);
}

async function completeness(ctx: CheckContext): Promise<void> {
  const items = await allItems(ctx, ctx.op!, {}, COUNT_PAGES);
  // too long to read whole: each filter counted within a filtered slice that fits
  if (!items) return countInSlices(ctx, (list, specs, slice) => countFilters(ctx, list, specs, slice));
  if (!items.length) ctx.skip(`${ctx.op!.key} has no items`);
  await countFilters(ctx, items, ctx.op!.filters);
}

/** FLT-04: each filter's total against the items of `items` (the whole list, or a walked slice) that satisfy it. */
async function countFilters(ctx: CheckContext, items: unknown[], specs: FilterSpec[], slice?: Slice): Promise<void> {
  const c = ctx.contract.conventions;
  const opts = compareOptions(c);
  const of = slice ? `the slice ${slice.label} (${items.length} items walked)` : `the ${items.length} items of the unfiltered list`;
  for (const spec of specs) {
    for (const v of await values(ctx, spec, items, 1)) {
      const p = probe(ctx, spec, spec.style === 'structured' && spec.ops.includes('eq') ? undefined : spec.style === 'structured' ? spec.ops[0] : undefined, v);
      const count = (list: unknown[]) => list.filter((item) => matchesFilter(spec, p.op, pointer(item, spec.pointer), p.match, opts)).length;
      const { ex, page: pg } = await page(ctx, ctx.op!, { ...slice?.query, [p.name]: p.sent, [c.paging.limitParam]: 1 });
      const expected = count(items);
      if (pg.total !== expected) {
        ctx.fail(`${answered(ex)} with total ${pg.total}; of ${of}, ${expected} satisfy ${p.name}=${p.sent} (FLT-04)`, ex);
      }
    }
  }
}

const INVALID_VALUE: Partial<Record<FilterSpec['type'], string>> = { number: 'abc', integer: 'abc', money: 'abc', timestamp: 'not-a-date', boolean: 'yes', enum: 'bogus' };

/** Each filter with a value its type does not allow, an unknown operator and an unknown field. */
function invalidProbes(ctx: CheckContext, op: Operation): Array<[string, string]> {
  const bad = INVALID_VALUE;
  const out: Array<[string, string]> = [];
  for (const spec of op.filters) {
    const v = bad[spec.type];
    if (v !== undefined) out.push([paramName(ctx, spec, spec.style === 'structured' ? spec.ops[spec.ops.length - 1] : undefined), v]);
    if (spec.style === 'structured' && !out.some(([n]) => n.includes('[zzop]'))) out.push([`${filterNames(ctx).param}[${spec.param}[zzop]]`, '1']);
  }
  if (op.filters.some((s) => s.style === 'structured')) out.push([`${filterNames(ctx).param}[zzUnknownField]`, '1']);
  return out;
}

async function invalidFilter(ctx: CheckContext): Promise<void> {
  const f = filterNames(ctx);
  for (const [name, value] of invalidProbes(ctx, ctx.op!)) {
    const ex = await sendOp(ctx, ctx.op!, { [name]: value });
    expectEnvelope(ctx, ex, { status: 400, code: f.invalidCode, entry: { field: name, code: f.invalidEntryCode } });
  }
}

// ---- FLT-06: locale on content endpoints ------------------------------------------------

const LOCALE = 'locale';
const DEFAULT_LOCALE = 'en-AU';
const localized = (op: Operation): boolean => readable(op) && op.locale;

function comparable(ex: Exchange): string {
  return JSON.stringify(ex.response?.json ?? ex.response?.text);
}

async function localeDefault(ctx: CheckContext): Promise<void> {
  const without = await sendOp(ctx, ctx.op!);
  const withDefault = await sendOp(ctx, ctx.op!, { [LOCALE]: DEFAULT_LOCALE });
  expectStatus(ctx, withDefault, 200);
  expectStatus(ctx, without, 200);
  const shown = pointer(without.response?.json, `/${LOCALE}`);
  if (shown !== undefined && shown !== DEFAULT_LOCALE) ctx.fail(`${answered(without)} with ${LOCALE} ${JSON.stringify(shown)}; without ${LOCALE} the default is ${DEFAULT_LOCALE} (FLT-06)`, without);
  if (comparable(without) !== comparable(withDefault)) ctx.fail(`${answered(without)} with another body than ${answered(withDefault)}; ${LOCALE} defaults to ${DEFAULT_LOCALE} (FLT-06)`, without, withDefault);
}

async function localeMalformed(ctx: CheckContext): Promise<void> {
  for (const bad of ['en_AU', 'en-au', 'EN-AU', 'english', 'en-AUS', 'e1-AU']) {
    expectEnvelope(ctx, await sendOp(ctx, ctx.op!, { [LOCALE]: bad }), { status: 400 });
  }
}

/** Section 4: a well-formed locale without content falls back to en-AU (and says so) or gives 404. */
async function localeUnknown(ctx: CheckContext): Promise<void> {
  const ex = await sendOp(ctx, ctx.op!, { [LOCALE]: 'zz-ZZ' });
  if (expectStatus(ctx, ex, 200, 404) === 404) return void expectEnvelope(ctx, ex, { status: 404 });
  const shown = pointer(ex.response?.json, `/${LOCALE}`);
  if (shown !== undefined && shown !== DEFAULT_LOCALE) ctx.fail(`${answered(ex)} with ${LOCALE} ${JSON.stringify(shown)}; a fallback says ${DEFAULT_LOCALE} (FLT-06)`, ex);
}

export const filteringChecks: CheckDef[] = [
  { slug: 'simple-filters', clause: 'FLT-01', title: 'simple filters keep exactly the items that satisfy them', appliesTo: has((s) => s.style === 'simple'), run: simpleFilters },
  { slug: 'structured-filters', clause: 'FLT-02', title: 'filter[field[op]] has its meaning for every declared operator', appliesTo: has((s) => s.style === 'structured'), run: structuredFilters },
  { slug: 'range-on-non-numeric', clause: 'FLT-02', title: 'range operators on enums, booleans, strings compare or give 400', appliesTo: has((s) => s.style === 'structured' && NON_NUMERIC.includes(s.type)), run: rangeOnNonNumeric },
  { slug: 'and-combination', clause: 'FLT-03', title: 'several filters combine with AND', appliesTo: pairable, run: combined },
  { slug: 'complete', clause: 'FLT-04', title: 'a filtered total equals the matching items of the unfiltered list', appliesTo: filterable, run: completeness },
  { slug: 'invalid-filter', clause: 'FLT-05', title: 'an invalid filter gives 400 INVALID_FILTER naming the parameter', appliesTo: (op) => filterable(op) && op.filters.some((s) => s.style === 'structured' || s.type in INVALID_VALUE), run: invalidFilter },
  { slug: 'locale-default', clause: 'FLT-06', title: 'locale defaults to en-AU', appliesTo: localized, run: localeDefault },
  { slug: 'locale-malformed', clause: 'FLT-06', title: 'a malformed locale gives 400', appliesTo: localized, run: localeMalformed },
  { slug: 'locale-unknown', clause: 'FLT-06', title: 'a well-formed locale without content falls back or gives 404', appliesTo: localized, run: localeUnknown },
];
