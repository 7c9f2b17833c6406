// Catalogue rows 12, 13, 35, 36 (search, suggestions, content) beyond what the catalogue-driven
// families already run on them (PAG on paged search and content lists, ERR-05 on unknown slugs).
// Each check cites the clause that governs it: FLT-04 (search finds what it must), ERR-01 (the
// 400 of a missing required query), PAG-02 (the bounded suggestion list), FLT-06 (locale).

import type { Operation } from '../contract/types.js';
import { onlyPack } from './conventions.js';
import type { CheckContext, CheckDef } from './types.js';
import { answered, expectEnvelope, expectStatus, isObject, pointer, readable, sendOp } from './assert.js';
import { identity, page } from './pagination.js';

const requiresQuery = (op: Operation): boolean => readable(op) && Object.keys(op.requiredQuery).length > 0;
const MAX_SUGGESTIONS = 10; // row 13
const DEFAULT_LOCALE = 'en-AU';

/** Row 12: for an active product, its exact en-AU name as query returns it on the first page. */
async function exactName(ctx: CheckContext): Promise<void> {
  const search = ctx.op!;
  const list = ctx.contract.operations.find((o) => o.paged && readable(o) && o.resource === search.resource && !Object.keys(o.requiredQuery).length && !Object.keys(o.params).length);
  if (!list) ctx.skip(`no plain list of ${search.resource} to take a product from`);
  const status = list.filters.find((f) => f.style === 'simple' && f.type === 'enum' && f.values?.includes('active'));
  const name = list.sort.find((f) => f.type === 'localizedString')?.pointer ?? '/name';
  const { page: pg } = await page(ctx, list, status ? { [status.param]: 'active', [ctx.contract.conventions.paging.limitParam]: 5 } : {});
  const active = pg.results.filter((p) => pointer(p, '/status') === 'active').slice(0, 3);
  if (!active.length) ctx.skip(`${list.key} shows no active product`);
  const [queryParam] = Object.keys(search.requiredQuery);
  for (const product of active) {
    const text = pointer(product, `${name}/${DEFAULT_LOCALE}`);
    if (typeof text !== 'string') continue;
    const ex = await sendOp(ctx, search, { [queryParam!]: text });
    expectStatus(ctx, ex, 200);
    const results = pointer(ex.response?.json, `/${ctx.contract.conventions.paging.envelope.results}`);
    if (!Array.isArray(results) || !results.some((r) => identity(r) === identity(product))) {
      ctx.fail(`${answered(ex)} without ${identity(product)}, the active product named exactly "${text}", on the first page; search must find it (row 12, FLT-04)`, ex);
    }
  }
}

/** Row 12/13: each required query parameter, left out, gives 400 with an errors entry { field, REQUIRED }. */
async function queryRequired(ctx: CheckContext): Promise<void> {
  for (const param of Object.keys(ctx.op!.requiredQuery)) {
    const ex = await sendOp(ctx, ctx.op!, { [param]: undefined });
    expectEnvelope(ctx, ex, { status: 400, entry: { field: param, code: ctx.contract.conventions.codes.required } });
  }
}

/** Row 13: at most 10 suggestions, each of the documented shape. */
async function suggestionsBound(ctx: CheckContext): Promise<void> {
  const [param] = Object.keys(ctx.op!.requiredQuery);
  for (const q of [ctx.op!.requiredQuery[param!]!, 'a', 'e']) {
    const ex = await sendOp(ctx, ctx.op!, { [param!]: q });
    expectStatus(ctx, ex, 200);
    const list = pointer(ex.response?.json, '/suggestions');
    if (!Array.isArray(list)) ctx.fail(`${answered(ex)} without a suggestions array (row 13)`, ex);
    if (list.length > MAX_SUGGESTIONS) ctx.fail(`${answered(ex)} with ${list.length} suggestions; at most ${MAX_SUGGESTIONS} (row 13, PAG-02)`, ex);
    if (ctx.op!.resource) {
      const issue = ctx.validateShape(ctx.op!.resource, ex.response?.json)[0];
      if (issue) ctx.fail(`${answered(ex)} where ${issue.pointer || '(root)'} ${issue.message} (row 13)`, ex);
    }
  }
}

/** Row 36: the documented content (/content/footer) exists in en-AU and says so. */
async function documentedContent(ctx: CheckContext): Promise<void> {
  const op = ctx.op!;
  const literal = Object.entries(op.params).find(([, s]) => s.value !== undefined);
  if (!literal) return ctx.skip(`${op.key} names no documented literal`);
  const [name, src] = literal;
  const path = op.path.replace(`{${name}}`, encodeURIComponent(src.value!));
  const ex = await ctx.send({ method: 'GET', path, query: { locale: DEFAULT_LOCALE } });
  expectStatus(ctx, ex, 200);
  const b = ex.response?.json;
  if (!isObject(b)) ctx.fail(`${answered(ex)} without a JSON object (row 36)`, ex);
  if ('locale' in b && b.locale !== DEFAULT_LOCALE) ctx.fail(`${answered(ex)} with locale ${JSON.stringify(b.locale)}; asked for ${DEFAULT_LOCALE} (FLT-06)`, ex);
  if ('slug' in b && b.slug !== src.value) ctx.fail(`${answered(ex)} with slug ${JSON.stringify(b.slug)}; asked for ${src.value} (row 36)`, ex);
}

export const searchContentChecks: CheckDef[] = [
  { slug: 'search-exact-name', clause: 'FLT-04', title: "an active product's exact en-AU name finds it on the first page", appliesTo: (op) => requiresQuery(op) && op.paged, run: exactName },
  { slug: 'query-required', clause: 'ERR-01', title: 'a missing required query parameter gives 400 REQUIRED', appliesTo: requiresQuery, run: queryRequired },
  // the BFF's suggestions endpoint (row 13): it belongs to storefront-bff
  { slug: 'suggestions-bound', clause: 'PAG-02', title: 'suggestions hold at most 10 entries of the documented shape', appliesTo: (op) => requiresQuery(op) && !op.paged, fitsPack: onlyPack('storefront-bff'), run: suggestionsBound },
  { slug: 'documented-content', clause: 'FLT-06', title: 'the documented content page exists in en-AU', appliesTo: (op) => readable(op) && op.locale && Object.values(op.params).some((s) => s.value !== undefined), run: documentedContent },
];
