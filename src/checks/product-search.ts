// V2-FLT-01..03: product search (GET /catalog/products): every filter restricts every result and
// totalItems counts exactly the matches (judged against the whole unfiltered catalogue, walked
// page by page); categoryId includes descendants; q matches every word, accents folded; malformed
// filter values are 400 naming the parameter; empty parameters count as absent. v2's search
// semantics (descendants, q folding) differ from the BFF's: this family belongs to storefront-v2.

import { answered, expectEnvelope, isObject, pointer } from './assert.js';
import { call, objectBody, type Json } from './flows.js';
import { allItems } from './pagination.js';
import { toMinor } from './money.js';
import type { CheckContext, CheckDef } from './types.js';

const fold = (s: string) => s.normalize('NFD').replace(/\p{M}/gu, '').toLowerCase();

async function everything(ctx: CheckContext, query: Record<string, string> = {}): Promise<Json[]> {
  const items = await allItems(ctx, ctx.contract.byId('listProducts'), query, 30);
  if (!items) return ctx.skip('the catalogue has more than 30 pages of 100: not walked');
  return items.filter(isObject);
}

const ids = (items: Json[]) => items.map((i) => String(i.id)).sort();

/** The filtered walk must hold exactly `expected` (same ids), and its first page's totalItems their number. */
async function expectExactly(ctx: CheckContext, query: Record<string, string>, expected: Json[], what: string, clause: string): Promise<void> {
  const got = await everything(ctx, query);
  const first = await call(ctx, 'listProducts', { query: { ...query, pageSize: 1 } });
  const total = pointer(objectBody(ctx, first, 200), '/totalItems');
  const want = ids(expected);
  const have = ids(got);
  const extra = have.filter((id) => !want.includes(id));
  const missing = want.filter((id) => !have.includes(id));
  if (extra.length || missing.length) {
    ctx.fail(`${what} (${new URLSearchParams(query).toString()}) returned ${have.length} products, ${extra.length} not matching (e.g. ${extra.slice(0, 3).join(', ') || '-'}) and missing ${missing.length} that match (e.g. ${missing.slice(0, 3).join(', ') || '-'}) (${clause})`, first);
  }
  if (total !== want.length) ctx.fail(`${answered(first)} with totalItems ${JSON.stringify(total)}; ${want.length} products match ${what} (${clause})`, first);
}

/** V2-FLT-01: brand, price bounds (inclusive, decimal), stock, category with its descendants, and AND. */
async function filters(ctx: CheckContext): Promise<void> {
  const all = await everything(ctx);
  if (all.length < 2) ctx.skip('fewer than 2 products');
  const cur = String(all[0]!.currency);
  const minor = (p: Json) => toMinor(Number(p.price), cur) ?? NaN;
  const brand = String(all[0]!.brand);
  await expectExactly(ctx, { brand }, all.filter((p) => p.brand === brand), `brand ${brand}`, 'V2-FLT-01');
  const prices = [...new Set(all.map(minor))].sort((a, b) => a - b);
  const mid = prices[Math.floor(prices.length / 2)]!;
  const price = String(all.find((p) => minor(p) === mid)!.price);
  await expectExactly(ctx, { minPrice: price }, all.filter((p) => minor(p) >= mid), `minPrice ${price} (inclusive)`, 'V2-FLT-01');
  await expectExactly(ctx, { maxPrice: price }, all.filter((p) => minor(p) <= mid), `maxPrice ${price} (inclusive)`, 'V2-FLT-01');
  for (const stock of ['true', 'false']) await expectExactly(ctx, { inStock: stock }, all.filter((p) => String(p.inStock) === stock), `inStock ${stock}`, 'V2-FLT-01');
  await expectExactly(ctx, { brand, inStock: 'true' }, all.filter((p) => p.brand === brand && p.inStock === true), `brand ${brand} AND inStock true`, 'V2-FLT-01');
  ctx.note(`${all.length} products, 6 filters judged against the whole catalogue`);
}

async function categoryTree(ctx: CheckContext): Promise<void> {
  const all = await everything(ctx);
  const cats = (pointer(objectBody(ctx, await call(ctx, 'listCategories'), 200), '/items') ?? []) as Json[];
  const children = new Map(cats.map((c) => [String(c.id), ((c.childIds ?? []) as string[]).map(String)]));
  const subtree = (id: string): Set<string> => {
    const out = new Set<string>([id]);
    for (const child of children.get(id) ?? []) for (const x of subtree(child)) out.add(x);
    return out;
  };
  const withChildren = cats.filter((c) => Array.isArray(c.childIds) && c.childIds.length > 0);
  if (!withChildren.length) ctx.skip('no category has children');
  for (const c of withChildren.slice(0, 3)) {
    const tree = subtree(String(c.id));
    await expectExactly(ctx, { categoryId: String(c.id) }, all.filter((p) => tree.has(String(p.categoryId))), `categoryId ${String(c.id)} and its ${tree.size - 1} descendants`, 'V2-FLT-01');
  }
}

/** V2-FLT-02: q of words of a name (accents folded, lower-cased) finds the products containing every word. */
async function textQuery(ctx: CheckContext): Promise<void> {
  const all = await everything(ctx);
  const names = all.map((p) => String(p.name));
  const accented = names.find((n) => fold(n) !== n.toLowerCase() && n.split(/\s+/).length > 1);
  const source = accented ?? names.find((n) => n.split(/\s+/).length > 1) ?? names[0] ?? ctx.skip('no product names');
  const words = source.split(/\s+/).filter(Boolean);
  // an accented word first (V2-FLT-02's folding), then another word of the same name (every word, not any)
  const pick = [...new Set(accented ? words.filter((w) => fold(w) !== w.toLowerCase()).concat(words) : words)].slice(0, 2);
  const queries = [fold(pick.join(' ')), fold(pick[0]!)];
  for (const q of queries) {
    const qWords = q.split(/\s+/).filter(Boolean);
    await expectExactly(ctx, { q }, all.filter((p) => qWords.every((w) => fold(String(p.name)).includes(w))), `q "${q}" (every word, accents folded)`, 'V2-FLT-02');
  }
  await expectExactly(ctx, { q: '' }, all, 'an empty q', 'V2-FLT-02');
}

/** V2-FLT-03: malformed values are 400 VALIDATION_FAILED naming the parameter; empty parameters are absent; an unknown category has no items. */
async function malformed(ctx: CheckContext): Promise<void> {
  for (const [query, field] of [[{ minPrice: 'abc' }, 'minPrice'], [{ maxPrice: '-1' }, 'maxPrice'], [{ inStock: 'maybe' }, 'inStock'], [{ minPrice: '50', maxPrice: '10' }, undefined]] as const) {
    const ex = await call(ctx, 'listProducts', { query });
    const env = expectEnvelope(ctx, ex, { status: 400, code: 'VALIDATION_FAILED' });
    const named = env.errors.map((e) => e.field);
    if (field ? !named.includes(field) : !named.some((f) => f === 'minPrice' || f === 'maxPrice')) ctx.fail(`${answered(ex)} with details naming ${JSON.stringify(named)}; expected ${field ?? 'minPrice or maxPrice'} (V2-FLT-03)`, ex);
  }
  const plain = objectBody(ctx, await call(ctx, 'listProducts', { query: { pageSize: 5 } }), 200);
  for (const empty of ['sort', 'q', 'brand']) {
    const ex = await call(ctx, 'listProducts', { query: { pageSize: 5, [empty]: '' } });
    const b = objectBody(ctx, ex, 200);
    if (b.totalItems !== plain.totalItems) ctx.fail(`${answered(ex)} with totalItems ${String(b.totalItems)}; an empty ${empty}= counts as absent (${String(plain.totalItems)}) (V2-FLT-03)`, ex);
  }
  const unknown = await call(ctx, 'listProducts', { query: { categoryId: 'zz-no-such-category' } });
  const u = objectBody(ctx, unknown, 200);
  if ((u.items as unknown[]).length !== 0) ctx.fail(`${answered(unknown)} with ${(u.items as unknown[]).length} items; an unknown categoryId gives none (V2-FLT-03)`, unknown);
}

export const productSearchChecks: CheckDef[] = [
  { slug: 'filters-exact', clause: 'V2-FLT-01', endpoint: 'GET /catalog/products', title: 'brand, price bounds, stock and their AND keep exactly the matching products; totalItems counts them', run: filters },
  { slug: 'category-descendants', clause: 'V2-FLT-01', endpoint: 'GET /catalog/products', title: 'categoryId keeps the category and all its descendants', run: categoryTree },
  { slug: 'q-every-word-folded', clause: 'V2-FLT-02', endpoint: 'GET /catalog/products', title: 'q matches products containing every word, accents folded; an empty q lists all', run: textQuery },
  { slug: 'malformed-and-empty', clause: 'V2-FLT-03', endpoint: 'GET /catalog/products', title: 'malformed filter values 400 naming the parameter; empty parameters absent; an unknown category empty', run: malformed },
];
