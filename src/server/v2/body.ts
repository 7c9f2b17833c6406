// Request bodies (V2-HDR-01, V2-ERR-04): a body that is not declared JSON is 415
// UNSUPPORTED_MEDIA_TYPE, malformed JSON 400 MALFORMED_JSON, a non-object 422; an empty body is
// read as {} or rejected (mode emptyBody).

import type { FastifyRequest } from 'fastify';
import { ApiError } from '../errors.js';
import { isJsonContentType } from '../headers.js';
import type { V2RouteDef } from './context.js';
import { fieldError, validationFailed } from './errors.js';
import type { V2State } from './state.js';

export function readBodyV2(req: FastifyRequest, def: V2RouteDef, s: V2State): Record<string, unknown> {
  const raw = req.body;
  if (typeof raw !== 'string' || raw.trim().length === 0) {
    if (s.modes.emptyBody === 'reject') throw new ApiError(400, 'The request body is empty: send a JSON object', 'MALFORMED_JSON');
    return {};
  }
  const ct = req.headers['content-type'];
  if (!isJsonContentType(ct) && !(def.id === 'createAddress' && s.faults.has('v2-hdr-no-415-addresses'))) {
    throw new ApiError(415, `Unsupported Content-Type '${ct ?? '(none)'}': send application/json`, 'UNSUPPORTED_MEDIA_TYPE');
  }
  let parsed: unknown;
  try {
    parsed = JSON.parse(raw);
  } catch {
    if (def.id === 'addBasketItem' && s.faults.has('v2-err-malformed-json-500-basket-items')) throw new Error('Unexpected token in JSON body');
    throw new ApiError(400, 'Malformed JSON in request body', 'MALFORMED_JSON');
  }
  if (parsed === null || typeof parsed !== 'object' || Array.isArray(parsed)) {
    throw validationFailed([fieldError('body', 'INVALID_VALUE', 'the body must be a JSON object')]);
  }
  return parsed as Record<string, unknown>;
}
