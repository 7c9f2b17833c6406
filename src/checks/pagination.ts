// PAG-01..08: the paged envelope of every paged GET in the catalogue (op.paged): defaults,
// arithmetic, full pages, out-of-range limit/offset (reject or clamp, CONTRACT.md section 4),
// past-the-end pages, the exactly-once walk and the echo of applied values. Both paging styles of
// pack.yaml (offset/limit, page/pageSize) with the pack's names; the probes of arbitrary offsets
// (PAG-02, PAG-03) fit the offset style only, the page style has its own arithmetic check.

import type { Operation, PackConventions } from '../contract/types.js';
import { sortSpelling } from './conventions.js';
import { sliceOrSkip } from './slices.js';
import type { Exchange } from '../http/types.js';
import type { CheckContext, CheckDef } from './types.js';
import { answered, expectEnvelope, expectStatus, isObject, pagedEnvelope, readable, sendOp, type Paged } from './assert.js';

const paged = (op: Operation): boolean => op.paged && readable(op);

/** The page of op at `query`, read as a paged envelope after expecting 200. */
export async function page(ctx: CheckContext, op: Operation, query: Parameters<typeof sendOp>[2] = {}): Promise<{ ex: Exchange; page: Paged }> {
  const ex = await sendOp(ctx, op, query);
  expectStatus(ctx, ex, 200);
  return { ex, page: pagedEnvelope(ctx, ex) };
}

/** Identity of a list item for walks: its id, else its slug, else its JSON. */
export function identity(item: unknown): string {
  if (isObject(item)) {
    if (typeof item.id === 'string' || typeof item.id === 'number') return String(item.id);
    if (typeof item.slug === 'string') return item.slug;
  }
  return JSON.stringify(item);
}

function names(ctx: CheckContext) {
  return ctx.contract.conventions.paging;
}

const offsetStyle = (c: PackConventions): boolean => c.paging.style === 'offset';
const pageStyle = (c: PackConventions): boolean => c.paging.style === 'page';

/** The query of the page of `limit` items starting at item `offset` (page style: a multiple of limit). */
export function positionQuery(ctx: CheckContext, limit: number, offset: number): Record<string, number> {
  const p = names(ctx);
  const position = p.style === 'page' ? Math.floor(offset / limit) + 1 : offset;
  return { [p.limitParam]: limit, [p.offsetParam]: position };
}

/** The position parameter's first value: offset 0, or page 1. */
const firstPosition = (ctx: CheckContext): number => (names(ctx).style === 'page' ? 1 : 0);

/** Pages of the walk fetched together once the first page told the total (a distant target costs one round trip per batch). */
const WALK_BATCH = 8;

/**
 * Each page of op from offset 0 with `limit` (and `query`), at most `maxPages`: the first page, then
 * the pages its total implies in batches, kept up to where a sequential walk would have stopped
 * (an empty page, or the end each page's own total names) and continued one by one past them.
 */
export async function walkPages(
  ctx: CheckContext,
  op: Operation,
  limit: number,
  query: Record<string, string | number | Array<string | number>> = {},
  maxPages = 50,
): Promise<Array<{ ex: Exchange; page: Paged }>> {
  const at = (offset: number) => page(ctx, op, { ...query, ...positionQuery(ctx, limit, offset) });
  const pages = [await at(0)];
  const done = (p: Paged, offset: number) => p.count === 0 || offset + p.count >= p.total;
  if (done(pages[0]!.page, 0)) return pages;
  const planned = Math.min(maxPages, Math.ceil(pages[0]!.page.total / limit));
  for (let next = 1; next < planned; next += WALK_BATCH) {
    const batch = await Promise.all(Array.from({ length: Math.min(WALK_BATCH, planned - next) }, (_, i) => at((next + i) * limit)));
    for (const [i, got] of batch.entries()) {
      pages.push(got);
      if (done(got.page, (next + i) * limit)) return pages;
    }
  }
  for (let offset = pages.length * limit; pages.length < maxPages; offset += limit) {
    const got = await at(offset);
    pages.push(got);
    if (done(got.page, offset)) break;
  }
  return pages;
}

/**
 * Every item of op (pages of maxLimit); undefined when over `maxPages`. Memoised per worker for
 * public lists; customer lists, which other suites change while the run goes on, are read afresh.
 */
export async function allItems(ctx: CheckContext, op: Operation, query: Record<string, string> = {}, maxPages = 20): Promise<unknown[] | undefined> {
  const read = async () => {
    const pages = await walkPages(ctx, op, names(ctx).maxLimit, query, maxPages + 1);
    return pages.length > maxPages ? undefined : pages.flatMap((x) => x.page.results);
  };
  if (op.auth !== 'public') return read();
  return ctx.memo(`${ctx.target.baseUrl} all-items:${op.key}:${JSON.stringify(query)}`, read);
}

/** PAG-02's arithmetic on one page; a message per violation. */
export function arithmetic(p: Paged): string[] {
  const out: string[] = [];
  if (p.count !== p.results.length) out.push(`count ${p.count} but ${p.results.length} results`);
  if (p.count > p.limit) out.push(`count ${p.count} > limit ${p.limit}`);
  if (p.offset < p.total && p.offset + p.count > p.total) out.push(`offset ${p.offset} + count ${p.count} > total ${p.total}`);
  return out;
}

async function defaults(ctx: CheckContext): Promise<void> {
  const p = names(ctx);
  const { ex, page: pg } = await page(ctx, ctx.op!);
  if (pg.limit !== p.defaultLimit || pg.position !== firstPosition(ctx)) {
    ctx.fail(`${answered(ex)} with ${p.envelope.limit}=${pg.limit}, ${p.envelope.offset}=${pg.position}; without parameters the contract (PAG-01) gives ${p.envelope.limit}=${p.defaultLimit}, ${p.envelope.offset}=${firstPosition(ctx)}`, ex);
  }
  if (pg.total > p.defaultLimit && pg.results.length !== p.defaultLimit) {
    ctx.fail(`${answered(ex)} with ${pg.results.length} results of ${pg.total}; the default page holds ${p.defaultLimit} (PAG-01)`, ex);
  }
}

async function envelopeArithmetic(ctx: CheckContext): Promise<void> {
  const p = names(ctx);
  const first = await page(ctx, ctx.op!);
  const probes = [first];
  if (first.page.total > 1) probes.push(await page(ctx, ctx.op!, { [p.offsetParam]: first.page.total - 1 }));
  if (first.page.total > 3) probes.push(await page(ctx, ctx.op!, { [p.limitParam]: 3, [p.offsetParam]: first.page.total - 2 }));
  for (const { ex, page: pg } of probes) {
    const bad = arithmetic(pg);
    if (bad.length) ctx.fail(`${answered(ex)} with ${bad.join('; ')} (PAG-02)`, ex);
  }
  ctx.note(`verified on ${probes.length} pages`);
}

async function fullPages(ctx: CheckContext): Promise<void> {
  const p = names(ctx);
  const { page: first } = await page(ctx, ctx.op!, { [p.limitParam]: 1 });
  if (first.total < 2) ctx.skip(`${ctx.op!.key} has fewer than 2 items`);
  const limit = Math.min(p.maxLimit, Math.max(1, Math.floor(first.total / 2)));
  const probes: Array<[number, number]> = [[limit, 0], [1, first.total - 1], [limit, first.total - limit]];
  for (const [l, o] of probes) {
    const { ex, page: pg } = await page(ctx, ctx.op!, { [p.limitParam]: l, [p.offsetParam]: o });
    if (o + l <= pg.total && pg.count !== l) {
      ctx.fail(`${answered(ex)} with count ${pg.count} of total ${pg.total}; a page that is not past the end must be full (count == limit ${l}, PAG-03)`, ex);
    }
  }
}

/** PAG-04/05: a value rejected with 400 + envelope, or clamped and reflected. */
async function outOfRange(ctx: CheckContext, param: 'limit' | 'offset'): Promise<void> {
  const p = names(ctx);
  const name = param === 'limit' ? p.limitParam : p.offsetParam;
  const values = param === 'limit' ? [p.minLimit - 1, p.maxLimit + 1, -1, 'abc'] : p.style === 'page' ? [0, -1, 'abc'] : [-1, 'abc'];
  const clause = param === 'limit' ? 'PAG-04' : 'PAG-05';
  for (const v of values) {
    const ex = await sendOp(ctx, ctx.op!, { [name]: v });
    if (ex.response?.status === 400) {
      expectEnvelope(ctx, ex, { status: 400 });
      continue;
    }
    if (ex.response?.status !== 200) {
      ctx.fail(`${answered(ex)}; ${name}=${v} must be rejected with 400 or clamped with 200 (${clause})`, ex);
    }
    const pg = pagedEnvelope(ctx, ex);
    const echoed = param === 'limit' ? pg.limit : pg.position;
    const what = `${answered(ex)} with ${p.envelope[param]}=${echoed} and ${pg.results.length} results`;
    if (param === 'limit') {
      if (echoed < p.minLimit || echoed > p.maxLimit) {
        ctx.fail(`${what}; expected 400 or a clamped ${name} within ${p.minLimit}..${p.maxLimit} (${clause})`, ex);
      }
      if (pg.results.length > echoed || pg.results.length > p.maxLimit) {
        ctx.fail(`${what}; the clamped ${name} must bound the results (${clause})`, ex);
      }
      continue;
    }
    if (echoed < firstPosition(ctx)) ctx.fail(`${what}; expected 400 or a clamped, valid ${name} (${clause})`, ex);
    // the reflected value must be the applied one: the same page as asking for it outright
    const again = await sendOp(ctx, ctx.op!, { [name]: echoed });
    const a = pg.results.map(identity).join(',');
    const b = (again.response?.status === 200 ? pagedEnvelope(ctx, again).results : []).map(identity).join(',');
    if (a !== b) ctx.fail(`${what}, but ${answered(again)} with other items; the echoed ${name} is not the applied one (${clause})`, ex, again);
  }
}

async function pastTheEnd(ctx: CheckContext): Promise<void> {
  const p = names(ctx);
  if (p.style === 'page') return pastTheLastPage(ctx);
  const { page: first } = await page(ctx, ctx.op!, { [p.limitParam]: 1 });
  for (const offset of [first.total, first.total + 50]) {
    const ex = await sendOp(ctx, ctx.op!, { [p.offsetParam]: offset });
    if (ex.response?.status !== 200) ctx.fail(`${answered(ex)}; ${p.offsetParam} >= total (${first.total}) must give 200 with an empty page (PAG-06)`, ex);
    const pg = pagedEnvelope(ctx, ex);
    if (pg.count !== 0 || pg.results.length !== 0) {
      ctx.fail(`${answered(ex)} with count ${pg.count} and ${pg.results.length} results; past the end (total ${first.total}) expected count 0 and results [] (PAG-06)`, ex);
    }
    if (pg.offset !== offset && pg.offset !== pg.total) {
      ctx.fail(`${answered(ex)} with ${p.envelope.offset}=${pg.offset}; expected the requested ${offset} or total ${pg.total} (PAG-06)`, ex);
    }
  }
}

/** Page style: a page after the last gives 200, no items and the same total. */
async function pastTheLastPage(ctx: CheckContext): Promise<void> {
  const p = names(ctx);
  const { page: first } = await page(ctx, ctx.op!);
  for (const n of [first.pages! + 1, first.pages! + 50]) {
    const ex = await sendOp(ctx, ctx.op!, { [p.offsetParam]: n });
    if (ex.response?.status !== 200) ctx.fail(`${answered(ex)}; ${p.offsetParam} > ${p.envelope.pages} (${first.pages}) must give 200 with no ${p.envelope.results} (PAG-06)`, ex);
    const pg = pagedEnvelope(ctx, ex);
    if (pg.results.length !== 0 || pg.total !== first.total) {
      ctx.fail(`${answered(ex)} with ${pg.results.length} ${p.envelope.results} and ${p.envelope.total}=${pg.total}; past the last page expected none and ${p.envelope.total}=${first.total} (PAG-06)`, ex);
    }
  }
}

/** Page style: pages = ceil(total / size), every page before the last full, the last holding the rest. */
async function pageArithmetic(ctx: CheckContext): Promise<void> {
  const p = names(ctx);
  const first = await page(ctx, ctx.op!);
  const size = Math.max(p.minLimit, Math.min(p.maxLimit, first.page.total > 2 ? Math.ceil(first.page.total / 3) : 1));
  const probes = [first, await page(ctx, ctx.op!, { [p.limitParam]: size })];
  const pages = probes[1]!.page.pages!;
  if (pages > 1) probes.push(await page(ctx, ctx.op!, { [p.limitParam]: size, [p.offsetParam]: pages }));
  for (const { ex, page: pg } of probes) {
    const e = p.envelope;
    const want = Math.ceil(pg.total / pg.limit);
    const bad: string[] = [];
    if (pg.pages !== want) bad.push(`${e.pages}=${pg.pages} but ceil(${e.total} ${pg.total} / ${e.limit} ${pg.limit}) is ${want}`);
    if (pg.results.length > pg.limit) bad.push(`${pg.results.length} ${e.results} > ${e.limit} ${pg.limit}`);
    const expected = pg.position < want ? pg.limit : pg.position === want ? pg.total - (want - 1) * pg.limit : 0;
    if (pg.results.length !== expected) bad.push(`${e.offset} ${pg.position} of ${want} holds ${pg.results.length} ${e.results}; expected ${expected}`);
    if (bad.length) ctx.fail(`${answered(ex)} with ${bad.join('; ')} (PAG-02)`, ex);
  }
  ctx.note(`verified on ${probes.length} pages`);
}

/** Pages a walk reads at most: a longer list is walked on a filtered slice that fits (slices.ts). */
const WALK_PAGES = 60;

async function fullWalk(ctx: CheckContext): Promise<void> {
  const op = ctx.op!;
  const p = names(ctx);
  const sort = op.sort[0] ? { [ctx.contract.conventions.sorting.param]: sortSpelling(ctx, op.sort[0], 'asc') } : {};
  const whole = await page(ctx, op, { ...sort, [p.limitParam]: p.defaultLimit });
  if (op.sort[0]) {
    // the walk's fixed sort must not shrink the list: an empty sorted answer is no walk to skip
    const { ex, page: plain } = await page(ctx, op, { [p.limitParam]: 1 });
    if (plain.total !== whole.page.total) ctx.fail(`${answered(whole.ex)} with total ${whole.page.total}, but without the sort ${answered(ex)} with total ${plain.total}: a fixed sort must walk the same items (PAG-07)`, whole.ex, ex);
  }
  if (whole.page.total < 2) ctx.skip(`${op.key}: the list has one page only (total ${whole.page.total})`);
  // too long to walk whole: a filtered slice that fits, with the same fixed sort
  const slice = whole.page.total > WALK_PAGES * p.maxLimit ? await sliceOrSkip(ctx, op, whole.page.total, WALK_PAGES * p.maxLimit) : undefined;
  const query: Record<string, string | number> = { ...sort, ...slice?.query };
  const first = slice ? await page(ctx, op, { ...query, [p.limitParam]: p.defaultLimit }) : whole;
  if (slice && op.sort[0] && first.page.total !== slice.total) ctx.fail(`${answered(first.ex)} with total ${first.page.total}, but ${slice.label} without the sort has total ${slice.total}: a fixed sort must walk the same items (PAG-07)`, first.ex);
  const sliced = slice ? ` of the slice ${slice.label} (the list has ${whole.page.total} items)` : '';
  const total = first.page.total;
  // several pages whatever the size: a small list is walked in pages of about a third
  const limit = total > 2 * p.defaultLimit ? (total / p.defaultLimit > 25 ? p.maxLimit : p.defaultLimit) : Math.max(1, Math.ceil(total / 3));
  const pages = await walkPages(ctx, op, limit, query, WALK_PAGES);
  const seen = new Map<string, number>();
  for (const [i, { ex, page: pg }] of pages.entries()) {
    if (pg.total !== total) ctx.fail(`${answered(ex)} with total ${pg.total}; page 1 said ${total}: total must be the same on every page (PAG-07)`, ex);
    for (const item of pg.results) {
      const id = identity(item);
      if (seen.has(id)) ctx.fail(`${answered(ex)} repeating item ${id} already seen on page ${seen.get(id)! + 1} of the walk${sliced} (PAG-07)`, pages[seen.get(id)!]!.ex, ex);
      seen.set(id, i);
    }
  }
  const last = pages[pages.length - 1]!;
  if (last.page.offset + last.page.count < total && pages.length >= WALK_PAGES) ctx.skip(`${op.key}: more than ${WALK_PAGES} pages${sliced}, walk not completed`);
  if (seen.size !== total) {
    ctx.fail(`walking ${op.key} with ${JSON.stringify(query)} and limit ${limit} yielded ${seen.size} distinct items over ${pages.length} pages; total is ${total}: items were skipped (PAG-07)`, ...pages.map((x) => x.ex));
  }
  ctx.note(slice ? `walked the slice ${slice.label} (${total} items of ${whole.page.total}) in ${pages.length} pages` : `walked ${pages.length} pages, ${seen.size} items`);
}

async function echoApplied(ctx: CheckContext): Promise<void> {
  const p = names(ctx);
  const at = firstPosition(ctx);
  for (const [l, o] of [[3, at + 2], [p.maxLimit, at], [p.minLimit, at + 1]] as const) {
    const { ex, page: pg } = await page(ctx, ctx.op!, { [p.limitParam]: l, [p.offsetParam]: o });
    if (pg.limit !== l || pg.position !== o) {
      ctx.fail(`${answered(ex)} with ${p.envelope.limit}=${pg.limit}, ${p.envelope.offset}=${pg.position}; valid values must be echoed as applied: ${l}, ${o} (PAG-08)`, ex);
    }
    if (pg.results.length > l) ctx.fail(`${answered(ex)} with ${pg.results.length} results for ${p.limitParam}=${l} (PAG-08)`, ex);
  }
}

export const paginationChecks: CheckDef[] = [
  { slug: 'defaults', clause: 'PAG-01', title: 'without parameters limit is the default and offset 0', appliesTo: paged, run: defaults },
  { slug: 'envelope-arithmetic', clause: 'PAG-02', title: 'count equals results, within limit and total', appliesTo: paged, fitsPack: offsetStyle, run: envelopeArithmetic },
  { slug: 'page-arithmetic', clause: 'PAG-02', title: 'total pages is ceil(total / size), pages before the last are full, the last holds the rest', appliesTo: paged, fitsPack: pageStyle, run: pageArithmetic },
  { slug: 'full-pages', clause: 'PAG-03', title: 'a page that is not the last is full', appliesTo: paged, fitsPack: offsetStyle, run: fullPages },
  { slug: 'limit-out-of-range', clause: 'PAG-04', title: 'limit outside 1..100 is rejected or clamped', appliesTo: paged, run: (ctx) => outOfRange(ctx, 'limit') },
  { slug: 'offset-invalid', clause: 'PAG-05', title: 'a negative or non-numeric offset is rejected or clamped', appliesTo: paged, run: (ctx) => outOfRange(ctx, 'offset') },
  { slug: 'past-the-end', clause: 'PAG-06', title: 'offset >= total gives 200 with an empty page', appliesTo: paged, run: pastTheEnd },
  { slug: 'full-walk', clause: 'PAG-07', title: 'walking all pages yields every item exactly once', appliesTo: paged, run: fullWalk },
  { slug: 'echo-applied', clause: 'PAG-08', title: 'limit and offset echo the applied values', appliesTo: paged, run: echoApplied },
];
