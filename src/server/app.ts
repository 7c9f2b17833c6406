// Fastify setup: the literal query-string parser, a raw-string body parser (JSON rules live in
// headers.ts), the per-route pipeline (rate limit -> auth -> body -> handler -> send), the error
// envelope writer, unknown routes (404) and unsupported methods (404/405 by mode).

import { randomUUID } from 'node:crypto';
import Fastify, { type FastifyInstance, type FastifyReply, type FastifyRequest } from 'fastify';
import type { Ctx, Result, RouteDef } from './context.js';
import { ApiError, typeForStatus, type ErrorEnvelope } from './errors.js';
import { readBody, standardHeaders } from './headers.js';
import { parseQuery, type Query } from './querystring.js';
import { routes } from './routes/index.js';
import type { ServerState } from './state.js';
import type { CustomerRec } from './records.js';
import { slowdownHook } from './slowdown.js';

const JSON_CT = 'application/json; charset=utf-8';
const NO_CUSTOMER = {} as CustomerRec;

/** 404 answers so far, per server (fault err-every-third-404-empty-message) */
const notFoundCount = new WeakMap<ServerState, number>();
/** fault hdr-correlation-not-uuid-on-404: the counter its generated ids come from */
const generated404 = new WeakMap<ServerState, number>();

export function sendError(reply: FastifyReply, s: ServerState, err: ApiError): void {
  const f = s.faults;
  const status = err.status;
  const env: ErrorEnvelope = { status, message: err.message };
  if (status === 404 && f.has('err-every-third-404-empty-message')) {
    const n = (notFoundCount.get(s) ?? 0) + 1;
    notFoundCount.set(s, n);
    if (n % 3 === 0) env.message = '';
  }
  if (status === 422 && f.has('err-status-string-422')) env.status = '422';
  if (status === 409 && f.has('err-status-mismatch-409')) env.status = 400;
  if (err.code) env.code = err.code;
  if (status === 404 && f.has('err-type-mismatch-404')) env.type = 'api_error';
  else if (s.modes.errorType === 'include') env.type = typeForStatus(status);
  if (err.errors) env.errors = err.errors;
  if (err.headers) reply.headers(err.headers);
  if (status === 404 && f.has('hdr-version-missing-on-404')) reply.removeHeader('x-api-version');
  const sentCorrelation = typeof reply.request.headers['correlation-id'] === 'string' && reply.request.headers['correlation-id'] !== '';
  if (status === 404 && !sentCorrelation && f.has('hdr-correlation-not-uuid-on-404')) {
    const n = (generated404.get(s) ?? 0) + 1;
    generated404.set(s, n);
    reply.header('correlation-id', `req-${n}`);
  }
  if (status === 422 && sentCorrelation && f.has('hdr-correlation-dropped-on-422')) reply.header('correlation-id', randomUUID());
  reply.code(status).header('content-type', JSON_CT).send(JSON.stringify(env));
}

function toApiError(err: unknown): ApiError {
  if (err instanceof ApiError) return err;
  const e = err as { statusCode?: number; message?: string; code?: string };
  if (e && typeof e.statusCode === 'number' && e.statusCode >= 400 && e.statusCode < 500) {
    const code = e.statusCode === 413 ? 'PAYLOAD_TOO_LARGE' : 'BAD_REQUEST';
    return new ApiError(e.statusCode, e.message || 'Bad request', code);
  }
  return new ApiError(500, 'Internal server error', 'INTERNAL_ERROR');
}

function send(reply: FastifyReply, res: Result, def: RouteDef, s: ServerState): void {
  if (res.headers) reply.headers(res.headers);
  const status = res.status ?? 200;
  if (status === 204) {
    if (res.lyingEmpty) {
      // fault hdr-204-with-body: the head declares a JSON body (Node drops the bytes of a 204)
      reply.hijack();
      const headers = { ...(reply.getHeaders() as Record<string, string>), 'content-type': JSON_CT, 'content-length': '2' };
      reply.raw.writeHead(204, headers);
      reply.raw.end('{}');
      return;
    }
    if (res.trailingBytes !== undefined) {
      // fault hdr-204-body-bytes-cart: a clean head, then body bytes on the socket, then close
      reply.hijack();
      const head = Object.entries(reply.getHeaders()).map(([k, v]) => `${k}: ${String(v)}`).join('\r\n');
      reply.raw.socket?.end(`HTTP/1.1 204 No Content\r\n${head}${head ? '\r\n' : ''}connection: close\r\n\r\n${res.trailingBytes}`);
      return;
    }
    reply.code(204).send();
    return;
  }
  const asText = (def.id === 'getCategory' && s.faults.has('hdr-content-type-text-category')) || (status === 201 && s.faults.has('hdr-text-content-type-on-201'));
  const ct = asText ? 'text/plain; charset=utf-8' : JSON_CT;
  reply.code(status).header('content-type', ct).send(res.json ?? JSON.stringify(res.body));
}

async function authenticate(ctx: Ctx, def: RouteDef): Promise<void> {
  const { s, req } = ctx;
  if (def.auth === 'customer') {
    const token = req.headers['x-bff-token'];
    if (typeof token !== 'string' || !token) {
      const openWrite = ['updateOrder', 'updateAddress', 'deleteAddress'].includes(def.id) && s.faults.has('auth-missing-check-writes');
      if (openWrite || (def.id === 'getPreferences' && s.faults.has('auth-missing-check-preferences'))) {
        ctx.customer = s.data.customers[0];
        return;
      }
      throw new ApiError(401, 'Authentication required: send the session token in X-BFF-Token', 'AUTH_REQUIRED');
    }
    const claims = await s.tokens.verify(token);
    const customer = claims?.typ === 'customer' ? s.customers.get(claims.sub) : undefined;
    if (!claims || !customer) throw new ApiError(401, 'The session token is invalid or expired', 'INVALID_TOKEN');
    ctx.customer = customer;
    ctx.claims = claims;
  } else if (def.auth === 'service') {
    const header = req.headers.authorization;
    const bearer = typeof header === 'string' && header.startsWith('Bearer ') ? header.slice(7).trim() : undefined;
    const customerToken = req.headers['x-bff-token'];
    const claims = bearer ? await s.tokens.verify(bearer) : undefined;
    if (claims?.typ === 'service') return;
    const asCustomer = claims ?? (typeof customerToken === 'string' ? await s.tokens.verify(customerToken) : undefined);
    if (asCustomer?.typ === 'customer') {
      if (s.faults.has('auth-internal-open-to-customer')) return;
      throw new ApiError(403, 'A service identity token is required', 'FORBIDDEN');
    }
    throw new ApiError(401, 'A valid service identity token is required', 'AUTH_REQUIRED');
  }
}

function clientKey(req: FastifyRequest): string {
  const token = req.headers['x-bff-token'] ?? req.headers.authorization;
  return typeof token === 'string' ? `${req.ip}|${token}` : req.ip;
}

export function buildFastify(s: ServerState, logger = false): FastifyInstance {
  const headers = standardHeaders(s);
  const app = Fastify({
    logger,
    // a malformed URL (`/products/%`) is answered before any hook runs: give it the same headers and envelope
    frameworkErrors: (err, req, reply) => {
      headers(req, reply, () => undefined);
      sendError(reply, s, new ApiError(400, err.message || 'Malformed URL', 'BAD_URL'));
    },
    routerOptions: { querystringParser: (str: string) => parseQuery(str), ignoreTrailingSlash: false },
    bodyLimit: 1024 * 1024,
    return503OnClosing: false,
  });
  app.removeAllContentTypeParsers();
  app.addContentTypeParser('*', { parseAs: 'string' }, (_req, body, done) => done(null, body));
  app.addHook('onRequest', headers);
  const slowdown = slowdownHook(s.modes);
  if (slowdown) app.addHook('onRequest', slowdown);

  const known: Array<{ re: RegExp; methods: Set<string> }> = [];
  for (const def of routes) {
    const pattern = new RegExp('^' + def.url.replace(/:[A-Za-z]+/g, '[^/]+') + '$');
    let entry = known.find((k) => k.re.source === pattern.source);
    if (!entry) known.push((entry = { re: pattern, methods: new Set() }));
    entry.methods.add(def.method);
    if (def.method === 'GET') entry.methods.add('HEAD');
    const family = def.family === undefined ? 'default' : def.family;
    const customerish = def.auth === 'customer' || def.pii;
    app.route({
      method: def.method,
      url: def.url,
      handler: async (req, reply) => {
        const ctx: Ctx = { s, req, reply, q: req.query as Query, params: req.params as Record<string, string>, body: {}, customer: NO_CUSTOMER };
        try {
          if (customerish) reply.header('cache-control', 'private, no-store');
          def.pre?.(ctx);
          if (family) s.limiter.hit(family, clientKey(req));
          if (def.auth !== 'public') await authenticate(ctx, def);
          if (def.body) ctx.body = readBody(req, def, s);
          send(reply, await def.handler(ctx), def, s);
        } catch (err) {
          if (!(err instanceof ApiError)) req.log.error(err);
          if (!(err instanceof ApiError) && s.faults.has('err-crash-503-order-sort-status')) {
            // the crash dressed as an outage: 503 with a gateway's body, not the envelope
            reply.code(503).header('content-type', JSON_CT).send(JSON.stringify({ error: 'Service Unavailable' }));
            return reply;
          }
          sendError(reply, s, toApiError(err));
        }
        return reply;
      },
    });
  }

  app.setNotFoundHandler((req, reply) => {
    const path = req.url.split('?', 1)[0];
    const entry = known.find((k) => k.re.test(path));
    if (entry && !entry.methods.has(req.method) && s.modes.unsupportedMethod === 405) {
      const allow = [...entry.methods].join(', ');
      sendError(reply, s, new ApiError(405, `Method ${req.method} is not supported on ${path}`, 'METHOD_NOT_ALLOWED', undefined, { allow }));
      return;
    }
    if (!entry && req.method === 'GET' && s.faults.has('err-unknown-route-200')) {
      reply.header('content-type', JSON_CT).send('{}');
      return;
    }
    sendError(reply, s, new ApiError(404, `No route ${req.method} ${path}`, 'NOT_FOUND'));
  });
  app.setErrorHandler((err, req, reply) => {
    if (!(err instanceof ApiError) && !(typeof (err as { statusCode?: number }).statusCode === 'number')) req.log.error(err);
    sendError(reply, s, toApiError(err));
  });
  return app;
}
