// Rows 35-36: CMS content by locale (FLT-06: `^[a-z]{2}-[A-Z]{2}$`, default en-AU; a well-formed
// locale without content falls back to en-AU or answers 404, by mode).

import type { Ctx, RouteDef } from '../context.js';
import { ApiError, notFound } from '../errors.js';
import { pageOf } from '../paging.js';
import { first } from '../querystring.js';

const LOCALE = /^[a-z]{2}-[A-Z]{2}$/;
const DEFAULT_LOCALE = 'en-AU';

function localeOf(ctx: Ctx): string {
  const locale = first(ctx.q, 'locale') ?? DEFAULT_LOCALE;
  if (LOCALE.test(locale)) return locale;
  if (ctx.s.faults.has('flt-bad-locale-accepted')) return DEFAULT_LOCALE;
  throw new ApiError(400, `Invalid locale '${locale}': expected a tag like en-AU`, 'INVALID_PARAMETER', [
    { field: 'locale', code: 'INVALID_FORMAT', message: 'locale must match ^[a-z]{2}-[A-Z]{2}$' },
  ]);
}

export const contentRoutes: RouteDef[] = [
  {
    id: 'listContent',
    method: 'GET',
    url: '/content',
    auth: 'public',
    handler: (ctx) => {
      const { s } = ctx;
      if (s.faults.has('auth-content-requires-token') && !ctx.req.headers['x-bff-token']) {
        throw new ApiError(401, 'Authentication required', 'AUTH_REQUIRED');
      }
      let locale = localeOf(ctx);
      let entries = s.contentByLocale.get(locale);
      if (!entries) {
        if (s.modes.localeFallback === '404') throw notFound(`Content for locale ${locale}`);
        locale = DEFAULT_LOCALE;
        entries = s.contentByLocale.get(locale)!;
      }
      return { body: pageOf(entries, ctx.q, s, 'content', (c) => ({ slug: c.slug, type: c.type, title: c.title, locale })) };
    },
  },
  {
    id: 'getContent',
    method: 'GET',
    url: '/content/:slug',
    auth: 'public',
    handler: (ctx) => {
      const { s } = ctx;
      const locale = localeOf(ctx);
      let page = s.content.get(`${locale}|${ctx.params.slug}`);
      if (!page && s.modes.localeFallback === 'fallback') page = s.content.get(`${DEFAULT_LOCALE}|${ctx.params.slug}`);
      if (!page) throw notFound('Content');
      return { body: { slug: page.slug, locale: page.locale, type: page.type, title: page.title, blocks: page.blocks, updatedAt: page.updatedAt } };
    },
  },
];
