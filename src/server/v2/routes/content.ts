// Rows 1 and 8-13, 44: configuration (regions, stores), banners, sliders, showrooms, layouts,
// news and the search preview, all anonymous with localised titles (V2-HDR-05); and health.

import { ApiError } from '../../errors.js';
import { first } from '../../querystring.js';
import type { V2RouteDef } from '../context.js';
import { fieldError, notFoundV2, validationFailed } from '../errors.js';
import { pageOf } from '../paging.js';
import { queryMatcher } from '../product-query.js';
import type { NewsRec } from '../records.js';
import { DEFAULT_REGION, REGIONS } from '../regions.js';
import { byThenId, compareIso, sortKeyOf } from '../sorting.js';
import { category, productSummary, text } from '../views.js';

const NEWS_SORTS = ['newest', 'oldest'] as const;

export const contentRoutes: V2RouteDef[] = [
  {
    id: 'getConfig',
    method: 'GET',
    url: '/config',
    auth: 'anonymous',
    handler: ({ s }) => ({
      body: {
        defaultRegion: DEFAULT_REGION,
        regions: REGIONS.map((r) => ({ code: r.code, currency: r.currency, defaultLanguage: r.defaultLanguage, languages: r.languages })),
        stores: s.data.stores,
        features: { guestCheckout: true, otpPayments: true, favorites: true },
      },
    }),
  },
  {
    id: 'listBanners',
    method: 'GET',
    url: '/content/banners',
    auth: 'anonymous',
    handler: ({ s, locale }) => ({
      body: { items: [...s.data.banners].sort((a, b) => a.position - b.position).map((b) => ({ ...b, title: text(s, locale, b.title) })) },
    }),
  },
  {
    id: 'listSliders',
    method: 'GET',
    url: '/content/sliders',
    auth: 'anonymous',
    handler: ({ s, locale, req }) => {
      if (s.faults.has('v2-auth-sliders-require-token') && !req.headers.authorization) throw new ApiError(401, 'Authentication required', 'UNAUTHORIZED');
      return { body: { items: s.data.sliders.map((sl) => ({ ...sl, title: text(s, locale, sl.title) })) } };
    },
  },
  {
    id: 'listShowrooms',
    method: 'GET',
    url: '/content/showrooms',
    auth: 'anonymous',
    handler: ({ s, locale, q }) => {
      sortKeyOf(q, [], s.faults);
      return { body: pageOf(s.data.showrooms, q, s, 'other', (r) => ({ ...r, title: text(s, locale, r.title) })) };
    },
  },
  {
    id: 'getLayout',
    method: 'GET',
    url: '/content/layouts/:pageKey',
    auth: 'anonymous',
    handler: ({ s, locale, params }) => {
      const l = s.data.layouts.find((x) => x.pageKey === params.pageKey);
      if (!l) throw notFoundV2('Layout');
      return { body: { ...l, title: text(s, locale, l.title) } };
    },
  },
  {
    id: 'listNews',
    method: 'GET',
    url: '/content/news',
    auth: 'anonymous',
    handler: ({ s, locale, q }) => {
      const key = sortKeyOf(q, NEWS_SORTS, s.faults);
      const cmp = key === 'oldest' ? (a: NewsRec, b: NewsRec) => compareIso(a.publishedAt, b.publishedAt) : (a: NewsRec, b: NewsRec) => compareIso(b.publishedAt, a.publishedAt);
      const offset = s.faults.has('v2-fmt-news-offset');
      const list = [...s.data.news].sort(byThenId(cmp));
      return {
        body: pageOf(list, q, s, 'news', (n) => ({
          id: n.id, title: text(s, locale, n.title), summary: text(s, locale, n.summary), publishedAt: offset ? n.publishedAt.replace('Z', '+00:00') : n.publishedAt,
        })),
      };
    },
  },
  {
    id: 'searchPreview',
    method: 'GET',
    url: '/content/search-preview',
    auth: 'anonymous',
    family: 'search',
    handler: ({ s, locale, q }) => {
      const words = first(q, 'q');
      if (!words || !words.trim()) throw validationFailed([fieldError('q', 'REQUIRED', 'q is required')], 400);
      const products = s.data.products.filter(queryMatcher(s, locale, words)).slice(0, 5);
      const folded = words.normalize('NFD').replace(/\p{M}/gu, '').toLowerCase().trim();
      const categories = s.data.categories.filter((c) => text(s, locale, c.name).normalize('NFD').replace(/\p{M}/gu, '').toLowerCase().includes(folded)).slice(0, 3);
      return { body: { q: words, products: products.map((p) => productSummary(s, locale, p)), categories: categories.map((c) => category(s, locale, c)) } };
    },
  },
  {
    id: 'health',
    method: 'GET',
    url: '/health',
    auth: 'anonymous',
    family: null,
    handler: () => ({ body: { status: 'UP' } }),
  },
];
