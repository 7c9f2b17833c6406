// Rows 4-11: products (list, detail, variants, media), categories and collections. The list
// declarations (sort fields, filters) are data for the shared engine in query.ts.

import type { RouteDef } from '../context.js';
import { ApiError, notFound } from '../errors.js';
import { listPage, type ListSpec, type Op } from '../query.js';
import { first } from '../querystring.js';
import type { CategoryRec, CollectionRec, MediaRec, ProductRec, VariantRec } from '../records.js';
import type { ServerState } from '../state.js';
import { category, collection, collectionSummary, media, variant } from '../views.js';

const ALL_OPS: readonly Op[] = ['eq', 'ne', 'gt', 'gte', 'lt', 'lte'];
const EQ_NE: readonly Op[] = ['eq', 'ne'];
const PRODUCT_STATUSES = ['active', 'inactive', 'discontinued'] as const;

/** One spec per server (its sort cache holds that server's sorted catalogue). */
function perServer<T>(build: (s: ServerState) => T): (s: ServerState) => T {
  const cache = new WeakMap<ServerState, T>();
  return (s) => {
    let v = cache.get(s);
    if (!v) cache.set(s, (v = build(s)));
    return v;
  };
}

export const productSpec = perServer((s): ListSpec<ProductRec> => {
  const price = { kind: 'money' as const, get: (p: ProductRec) => p.priceCents };
  const status = { kind: 'enum' as const, values: PRODUCT_STATUSES, get: (p: ProductRec) => p.status };
  const brand = { kind: 'string' as const, get: (p: ProductRec) => p.brand };
  const inStock = { kind: 'boolean' as const, get: (p: ProductRec) => p.inStock };
  const featured = { kind: 'boolean' as const, get: (p: ProductRec) => p.featured };
  const createdAt = { kind: 'timestamp' as const, get: (p: ProductRec) => p.createdMs };
  const descendants = s.faults.has('flt-category-includes-descendants');
  return {
    name: 'products',
    id: (p) => p.id,
    sortCache: new Map(),
    sort: { name: { kind: 'string', get: (p) => p.name['en-AU'] }, price, createdAt, popularity: { kind: 'number', get: (p) => p.popularity }, featured },
    filters: {
      status: { ...status, ops: EQ_NE },
      brand: { ...brand, ops: EQ_NE },
      price: { ...price, ops: ALL_OPS },
      createdAt: { ...createdAt, ops: ALL_OPS },
      featured: { ...featured, ops: EQ_NE },
      inStock: { ...inStock, ops: EQ_NE },
    },
    simple: {
      category: {
        kind: 'string',
        op: 'eq',
        match: (slug) => {
          const c = s.categoryBySlug.get(slug);
          if (!c) return () => false;
          const ids = new Set([c.id]);
          if (descendants) {
            for (let grew = true; grew; ) {
              grew = false;
              for (const d of s.data.categories) if (d.parentId && ids.has(d.parentId) && !ids.has(d.id)) grew = !!ids.add(d.id);
            }
          }
          return (p) => p.categoryIds.some((id) => ids.has(id));
        },
      },
      brand: { kind: 'string', op: 'eq', field: brand },
      status: { kind: 'enum', op: 'eq', values: PRODUCT_STATUSES, field: status },
      inStock: { kind: 'boolean', op: 'eq', field: inStock },
      featured: { kind: 'boolean', op: 'eq', field: featured },
      minPrice: { kind: 'money', op: 'gte', field: price },
      maxPrice: { kind: 'money', op: 'lte', field: price },
    },
  };
});

const variantSpec = perServer(
  (s): ListSpec<VariantRec> => ({
    name: 'variants',
    id: (v) => v.id,
    sort: { price: { kind: 'money', get: (v) => v.priceCents } },
    simple: s.faults.has('flt-instock-ignored-variants') ? {} : { inStock: { kind: 'boolean', op: 'eq', field: { kind: 'boolean', get: (v) => v.inStock } } },
  }),
);

const mediaSpec: ListSpec<MediaRec> = { name: 'media', id: (m) => m.id, sort: { position: { kind: 'number', get: (m) => m.position } } };

const categorySpec = perServer(
  (): ListSpec<CategoryRec> => ({
    name: 'categories',
    id: (c) => c.id,
    sortCache: new Map(),
    sort: { name: { kind: 'string', get: (c) => c.name['en-AU'] }, position: { kind: 'number', get: (c) => c.position } },
    filters: { parentId: { kind: 'id', nullable: true, ops: ['eq'], get: (c) => c.parentId } },
  }),
);

const collectionSpec = perServer(
  (): ListSpec<CollectionRec> => ({ name: 'collections', id: (c) => c.id, sortCache: new Map(), sort: { name: { kind: 'string', get: (c) => c.name['en-AU'] } } }),
);

function productOf(s: ServerState, id: string): ProductRec {
  const p = s.products.get(id);
  if (!p) throw s.faults.has('err-empty-message-product-404') ? new ApiError(404, '', 'NOT_FOUND') : notFound('Product');
  return p;
}

export const catalogRoutes: RouteDef[] = [
  {
    id: 'listProducts',
    method: 'GET',
    url: '/products',
    auth: 'public',
    handler: ({ s, q }) => ({ body: listPage(s.data.products, q, productSpec(s), s, (p) => s.summaries.get(p)!) }),
  },
  {
    id: 'getProduct',
    method: 'GET',
    url: '/products/:productId',
    auth: 'public',
    handler: ({ s, params }) => ({ json: s.productJson.get(productOf(s, params.productId).id) }),
  },
  {
    id: 'listProductVariants',
    method: 'GET',
    url: '/products/:productId/variants',
    auth: 'public',
    handler: ({ s, q, params }) => ({ body: listPage(productOf(s, params.productId).variants, q, variantSpec(s), s, (v) => variant(v, s.faults)) }),
  },
  {
    id: 'listProductMedia',
    method: 'GET',
    url: '/products/:productId/media',
    auth: 'public',
    handler: ({ s, q, params }) => ({ body: listPage(productOf(s, params.productId).media, q, mediaSpec, s, (m) => media(m, s.faults)) }),
  },
  {
    id: 'listCategories',
    method: 'GET',
    url: '/categories',
    auth: 'public',
    handler: ({ s, q }) => ({ body: listPage(s.data.categories, q, categorySpec(s), s, (c) => category(c, s.faults)) }),
  },
  {
    id: 'getCategory',
    method: 'GET',
    url: '/categories/:categoryId',
    auth: 'public',
    handler: ({ s, params }) => {
      const c = s.categories.get(params.categoryId);
      if (!c) throw s.faults.has('err-unknown-category-400') ? new ApiError(400, 'Invalid category id', 'INVALID_ID') : notFound('Category');
      return { body: category(c, s.faults) };
    },
  },
  {
    id: 'listCollections',
    method: 'GET',
    url: '/collections',
    auth: 'public',
    handler: ({ s, q }) => {
      if (s.faults.has('err-500-collections-limit-1') && first(q, 'limit') === '1') throw new Error('a one-item page of collections crashed');
      return { body: listPage(s.data.collections, q, collectionSpec(s), s, collectionSummary) };
    },
  },
  {
    id: 'getCollection',
    method: 'GET',
    url: '/collections/:collectionId',
    auth: 'public',
    handler: ({ s, params }) => {
      const c = s.collections.get(params.collectionId);
      if (!c) throw notFound('Collection');
      return { body: collection(c) };
    },
  },
];
