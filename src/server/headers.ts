// Cross-cutting request/response headers: X-Api-Version echo or default (HDR-03, mode
// missingApiVersion), Correlation-Id echo or generated UUID (HDR-04/05), and the request body
// rules: non-JSON Content-Type -> 415 (HDR-02), malformed JSON -> 400 (ERR-06).

import { randomUUID } from 'node:crypto';
import type { FastifyReply, FastifyRequest } from 'fastify';
import type { RouteDef } from './context.js';
import { ApiError } from './errors.js';
import type { ServerState } from './state.js';

export const DEFAULT_API_VERSION = 'v1.0';
const WRITES = new Set(['POST', 'PUT', 'PATCH', 'DELETE']);
const JSON_TYPE = /^application\/(?:[\w.+-]*\+)?json\s*(?:;|$)/i;

export const isJsonContentType = (ct: string | undefined): boolean => ct !== undefined && JSON_TYPE.test(ct);

/** onRequest hook: set the version and correlation headers every answer carries. */
export function standardHeaders(s: ServerState) {
  const f = s.faults;
  let counter = 0;
  return (req: FastifyRequest, reply: FastifyReply, done: (err?: Error) => void): void => {
    const sent = req.headers['x-api-version'];
    const version = typeof sent === 'string' && sent && !f.has('hdr-version-not-echoed') ? sent : DEFAULT_API_VERSION;
    let cid = req.headers['correlation-id'];
    if (typeof cid !== 'string' || !cid || (req.method === 'POST' && f.has('hdr-correlation-id-dropped-on-post'))) {
      cid = f.has('hdr-correlation-id-not-uuid') ? `req-${++counter}` : randomUUID();
    } else if (f.has('hdr-correlation-id-lowercased')) cid = cid.toLowerCase();
    if (!(f.has('hdr-version-missing-on-writes') && WRITES.has(req.method))) reply.header('x-api-version', version);
    const ungenerated = f.has('hdr-correlation-not-generated-on-writes') && WRITES.has(req.method) && !req.url.startsWith('/auth/') && !req.headers['correlation-id'];
    if (!ungenerated) reply.header('correlation-id', cid);
    if ((typeof sent !== 'string' || !sent) && s.modes.missingApiVersion === 'reject' && !req.url.startsWith('/health/')) {
      done(new ApiError(400, 'The X-Api-Version header is required', 'MISSING_API_VERSION', [
        { field: 'X-Api-Version', code: 'REQUIRED', message: 'Send X-Api-Version, e.g. v1.0' },
      ]));
      return;
    }
    done();
  };
}

/**
 * Parse the raw body per the route's declaration. Returns the JSON object, or {} when there is
 * none (field validation then answers 422 REQUIRED).
 */
export function readBody(req: FastifyRequest, def: RouteDef, s: ServerState): Record<string, unknown> {
  const raw = req.body;
  const hasBody = typeof raw === 'string' && raw.length > 0;
  if (!hasBody || !def.body || (def.body === 'none' && s.modes.bodyOnBodyless === 'ignore')) return {};
  const f = s.faults;
  const ct = req.headers['content-type'];
  if (!isJsonContentType(ct)) {
    const lenient =
      (def.id === 'createAddress' && f.has('hdr-no-415-addresses')) || (def.id === 'login' && ct === undefined && f.has('hdr-no-415-login'));
    if (!lenient) {
      throw new ApiError(415, `Unsupported Content-Type '${ct ?? '(none)'}': send application/json`, 'UNSUPPORTED_MEDIA_TYPE');
    }
  }
  let parsed: unknown;
  try {
    parsed = JSON.parse(raw);
  } catch {
    if (def.id === 'updateCart' && f.has('err-malformed-json-500-cart-update')) throw new Error('Unexpected token in JSON body');
    if (def.id === 'login' && f.has('err-malformed-json-422-login')) {
      throw new ApiError(422, 'Validation error', 'VALIDATION_ERROR', [{ field: 'body', code: 'INVALID_VALUE', message: 'Body is not valid JSON' }]);
    }
    throw new ApiError(400, 'Malformed JSON in request body', 'MALFORMED_JSON');
  }
  if (parsed === null || typeof parsed !== 'object' || Array.isArray(parsed)) {
    throw new ApiError(400, 'The request body must be a JSON object', 'INVALID_BODY');
  }
  return parsed as Record<string, unknown>;
}
