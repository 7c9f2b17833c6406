// Fastify setup of the v2 server: the BFF server's literal query parser and raw-string body
// parser, the headers every answer carries (X-Api-Version 2, Content-Language, X-Region, V2-HDR),
// the per-route pipeline (rate limit -> auth and body in mode precedence's order -> handler ->
// send with Cache-Control), the v2 error envelope and unknown routes (404).

import { createHash } from 'node:crypto';
import Fastify, { type FastifyInstance, type FastifyReply, type FastifyRequest } from 'fastify';
import { ApiError } from '../errors.js';
import { parseQuery, type Query } from '../querystring.js';
import { authenticate } from './auth.js';
import { readBodyV2 } from './body.js';
import type { V2Ctx, V2Result, V2RouteDef } from './context.js';
import { JSON_CT, sendV2Error, toV2ApiError } from './errors.js';
import { negotiate, type Locale } from './locale.js';
import { DEFAULT_REGION, regionByCode } from './regions.js';
import { v2Routes } from './routes/index.js';
import type { V2State } from './state.js';

const FALLBACK: Locale = { region: regionByCode.get(DEFAULT_REGION)!, language: 'en-GB', regionHeader: DEFAULT_REGION };

function cacheHeaders(s: V2State, def: V2RouteDef, reply: FastifyReply, json: string): void {
  if (def.id === 'health') reply.header('cache-control', 'no-store');
  else if (def.auth !== 'anonymous' || def.method !== 'GET') reply.header('cache-control', 'private, no-store');
  else if (s.modes.cacheControl === 'etag') {
    reply.header('cache-control', 'no-cache');
    reply.header('etag', `"${createHash('sha1').update(json).digest('base64url').slice(0, 20)}"`);
  } else reply.header('cache-control', 'public, max-age=60');
}

function send(s: V2State, def: V2RouteDef, ctx: V2Ctx, res: V2Result): void {
  const { reply } = ctx;
  if (res.headers) reply.headers(res.headers);
  const status = res.status ?? 200;
  if (status === 204) {
    reply.header('cache-control', 'private, no-store');
    reply.code(204).send();
    return;
  }
  const json = JSON.stringify(res.body);
  cacheHeaders(s, def, reply, json);
  const textPlain = def.id === 'getLayout' && s.faults.has('v2-hdr-content-type-text-layouts');
  reply.code(status).header('content-type', textPlain ? 'text/plain; charset=utf-8' : JSON_CT).send(json);
}

function clientKey(req: FastifyRequest): string {
  const token = req.headers.authorization;
  return typeof token === 'string' ? `${req.ip}|${token}` : req.ip;
}

export function buildV2Fastify(s: V2State, logger = false): FastifyInstance {
  const locales = new WeakMap<FastifyRequest, Locale>();
  const localeOf = (req: FastifyRequest): Locale => locales.get(req) ?? FALLBACK;
  const fail = (req: FastifyRequest, reply: FastifyReply, err: unknown): void => sendV2Error(reply, s, toV2ApiError(err), localeOf(req).language);

  const app = Fastify({
    logger,
    frameworkErrors: (err, req, reply) => {
      reply.header('x-api-version', '2');
      fail(req, reply, new ApiError(400, err.message || 'Malformed URL', 'VALIDATION_FAILED', [{ field: 'path', code: 'INVALID_FORMAT', message: 'the URL could not be decoded' }]));
    },
    routerOptions: { querystringParser: (str: string) => parseQuery(str), ignoreTrailingSlash: false },
    bodyLimit: 1024 * 1024,
    return503OnClosing: false,
  });
  app.removeAllContentTypeParsers();
  app.addContentTypeParser('*', { parseAs: 'string' }, (_req, body, done) => done(null, body));

  app.addHook('onRequest', (req, reply, done) => {
    reply.header('x-api-version', '2');
    try {
      const region = req.headers['x-region'];
      const lang = req.headers['accept-language'];
      const locale = negotiate(typeof region === 'string' ? region : undefined, typeof lang === 'string' ? lang : undefined, s.faults);
      locales.set(req, locale);
      reply.header('content-language', locale.language);
      reply.header('x-region', locale.regionHeader);
      done();
    } catch (err) {
      reply.header('content-language', FALLBACK.language);
      fail(req, reply, err);
    }
  });

  for (const def of v2Routes) {
    const family = def.family === undefined ? 'default' : def.family;
    app.route({
      method: def.method,
      url: def.url,
      handler: async (req, reply) => {
        const ctx: V2Ctx = { s, req, reply, q: req.query as Query, params: req.params as Record<string, string>, body: {}, locale: localeOf(req) };
        try {
          if (family) s.limiter.hit(family, clientKey(req));
          const readBody = () => {
            if (def.body) ctx.body = readBodyV2(req, def, s);
          };
          if (s.modes.precedence === 'body-first') readBody();
          await authenticate(ctx, def);
          if (s.modes.precedence === 'auth-first') readBody();
          send(s, def, ctx, await def.handler(ctx));
        } catch (err) {
          if (!(err instanceof ApiError)) req.log.error(err);
          fail(req, reply, err);
        }
        return reply;
      },
    });
  }

  app.setNotFoundHandler((req, reply) => {
    const path = req.url.split('?', 1)[0];
    fail(req, reply, new ApiError(404, `No route ${req.method} ${path}`, 'NOT_FOUND'));
  });
  app.setErrorHandler((err, req, reply) => fail(req, reply, err));
  return app;
}
