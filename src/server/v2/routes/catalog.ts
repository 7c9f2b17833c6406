// Rows 2-7: categories (flat list and one), products (paged search, V2-FLT/SRT), product detail,
// comments (paged, sorted) and similars. All anonymous; prices in the region's currency (V2-HDR-04).

import { ApiError } from '../../errors.js';
import type { V2RouteDef } from '../context.js';
import { notFoundV2 } from '../errors.js';
import { pageOf } from '../paging.js';
import { queryProducts } from '../product-query.js';
import { byThenId, compareIso, sortKeyOf } from '../sorting.js';
import { regionByCode, DEFAULT_REGION } from '../regions.js';
import { category, productDetail, productSummary } from '../views.js';
import type { V2Ctx } from '../context.js';
import type { CommentRec, ProductRec } from '../records.js';

function productOf(ctx: V2Ctx): ProductRec {
  const p = ctx.s.products.get(ctx.params.productId);
  if (!p) {
    if (ctx.s.faults.has('v2-err-404-no-message-product')) throw new ApiError(404, '', 'PRODUCT_NOT_FOUND');
    throw notFoundV2('Product');
  }
  return p;
}

const COMMENT_SORTS = ['newest', 'oldest', 'rating_desc'] as const;

export const catalogRoutes: V2RouteDef[] = [
  {
    id: 'listCategories',
    method: 'GET',
    url: '/catalog/categories',
    auth: 'anonymous',
    handler: ({ s, locale }) => ({ body: { items: s.data.categories.map((c) => category(s, locale, c)) } }),
  },
  {
    id: 'getCategory',
    method: 'GET',
    url: '/catalog/categories/:categoryId',
    auth: 'anonymous',
    handler: ({ s, locale, params }) => {
      const c = s.categories.get(params.categoryId);
      if (!c) {
        if (s.faults.has('v2-err-unknown-category-400')) throw new ApiError(400, 'Invalid category id', 'VALIDATION_FAILED', [{ field: 'categoryId', code: 'INVALID_VALUE', message: 'unknown category' }]);
        throw notFoundV2('Category');
      }
      return { body: category(s, locale, c) };
    },
  },
  {
    id: 'listProducts',
    method: 'GET',
    url: '/catalog/products',
    auth: 'anonymous',
    handler: ({ s, locale, q }) => {
      const { list, sort, total } = queryProducts(s, locale, q);
      const render = (p: ProductRec) => productSummary(s, locale, p);
      if (s.faults.has('v2-srt-sorted-per-page')) {
        const page = pageOf(list, q, s, 'products', (p) => p, total);
        return { body: { ...page, items: sort(page.items).map(render) } };
      }
      return { body: pageOf(sort(list), q, s, 'products', render, total) };
    },
  },
  {
    id: 'getProduct',
    method: 'GET',
    url: '/catalog/products/:productId',
    auth: 'anonymous',
    handler: (ctx) => {
      const p = productOf(ctx);
      const { s } = ctx;
      let loc = ctx.locale;
      if (s.faults.has('v2-hdr-product-detail-default-currency')) loc = { ...loc, region: regionByCode.get(DEFAULT_REGION)! };
      const headers = s.faults.has('v2-hdr-content-language-default-product') ? { 'content-language': loc.region.defaultLanguage } : undefined;
      return { body: productDetail(s, loc, p), headers };
    },
  },
  {
    id: 'listProductComments',
    method: 'GET',
    url: '/catalog/products/:productId/comments',
    auth: 'anonymous',
    handler: (ctx) => {
      const p = productOf(ctx);
      const key = sortKeyOf(ctx.q, COMMENT_SORTS, ctx.s.faults);
      const cmp = {
        newest: (a: CommentRec, b: CommentRec) => compareIso(b.createdAt, a.createdAt),
        oldest: (a: CommentRec, b: CommentRec) => compareIso(a.createdAt, b.createdAt),
        rating_desc: (a: CommentRec, b: CommentRec) => b.rating - a.rating,
      }[key!];
      const list = [...(ctx.s.commentsByProduct.get(p.id) ?? [])].sort(byThenId(cmp));
      return { body: pageOf(list, ctx.q, ctx.s, 'comments', (c) => c) };
    },
  },
  {
    id: 'listSimilarProducts',
    method: 'GET',
    url: '/catalog/products/:productId/similars',
    auth: 'anonymous',
    handler: (ctx) => {
      const p = productOf(ctx);
      const { s, locale } = ctx;
      const similar = s.data.products.filter((o) => o.id !== p.id && o.status === 'active' && o.categoryId === p.categoryId).slice(0, 12);
      return { body: { items: similar.map((o) => productSummary(s, locale, o)) } };
    },
  },
];
