// Rows 12-13: product search and suggestions. `query` is required; an exact en-AU name ranks
// first, so an active product's name finds it on the first page. Search has the strict limit.

import type { Ctx, RouteDef } from '../context.js';
import { ApiError } from '../errors.js';
import { pageOf } from '../paging.js';
import { collator } from '../query.js';
import { first } from '../querystring.js';
import type { ProductRec } from '../records.js';

function requireQuery(ctx: Ctx): string {
  const query = first(ctx.q, 'query')?.trim();
  if (!query) {
    throw new ApiError(400, 'The query parameter is required', 'INVALID_PARAMETER', [{ field: 'query', code: 'REQUIRED', message: 'query is required' }]);
  }
  return query;
}

/** Matching products, best first: exact name, name prefix, name contains, other fields; then popularity, id. */
function rank(ctx: Ctx, query: string): ProductRec[] {
  const ql = query.toLowerCase().replace(/\s+/g, ' ');
  const tokens = ql.split(' ');
  const activeOnly = ctx.s.modes.searchInactive === 'exclude';
  const scored: Array<{ p: ProductRec; score: number }> = [];
  for (const p of ctx.s.data.products) {
    if (activeOnly && p.status !== 'active') continue;
    const exact = collator.compare(p.name['en-AU'], query) === 0;
    if (!exact && !tokens.every((t) => p.searchText.includes(t))) continue;
    const score = exact ? 0 : p.nameLower.startsWith(ql) ? 1 : p.nameLower.includes(ql) ? 2 : 3;
    scored.push({ p, score });
  }
  scored.sort((a, b) => a.score - b.score || b.p.popularity - a.p.popularity || (a.p.id < b.p.id ? -1 : a.p.id > b.p.id ? 1 : 0));
  return scored.map((x) => x.p);
}

export const searchRoutes: RouteDef[] = [
  {
    id: 'search',
    method: 'GET',
    url: '/search',
    auth: 'public',
    family: 'search',
    handler: (ctx) => {
      const query = requireQuery(ctx);
      const { s } = ctx;
      return { body: pageOf(rank(ctx, query), ctx.q, s, 'search', (p) => s.summaries.get(p)!) };
    },
  },
  {
    id: 'searchSuggestions',
    method: 'GET',
    url: '/search/suggestions',
    auth: 'public',
    family: 'search',
    handler: (ctx) => {
      const query = requireQuery(ctx);
      const ql = query.toLowerCase();
      const suggestions: Array<{ text: string; type: 'product' | 'category' | 'query'; id?: string }> = [{ text: ql, type: 'query' }];
      for (const c of ctx.s.data.categories) {
        if (suggestions.length < 4 && c.name['en-AU'].toLowerCase().includes(ql)) suggestions.push({ text: c.name['en-AU'], type: 'category', id: c.id });
      }
      for (const p of rank(ctx, query)) {
        if (suggestions.length >= 10) break;
        suggestions.push({ text: p.name['en-AU'], type: 'product', id: p.id });
      }
      return { body: { query, suggestions } };
    },
  },
];
