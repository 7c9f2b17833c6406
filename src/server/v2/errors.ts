// The v2 error envelope (V2-ERR-01..05): `{ errorCode, message, traceId, details? }` written from
// the BFF server's ApiError (its `code` is the errorCode, its field errors the details), the
// message translated for German readers while the errorCode never is, and the v2 error helpers.

import { randomUUID } from 'node:crypto';
import type { FastifyReply } from 'fastify';
import { ApiError, type FieldError } from '../errors.js';
import type { Lang } from './records.js';
import type { V2State } from './state.js';

export const JSON_CT = 'application/json; charset=utf-8';

export interface V2ErrorEnvelope {
  errorCode: string;
  message?: string;
  traceId: string;
  details?: Array<{ field?: string; errorCode: string; message: string }>;
}

const GERMAN: Record<string, string> = {
  NOT_FOUND: 'Nicht gefunden',
  VALIDATION_FAILED: 'Die Anfrage ist ungültig',
  UNAUTHORIZED: 'Anmeldung erforderlich',
};

export function sendV2Error(reply: FastifyReply, s: V2State, err: ApiError, lang: Lang): void {
  const f = s.faults;
  const status = err.status;
  let errorCode = err.code ?? 'INTERNAL_ERROR';
  let message = err.message;
  if (lang === 'de-DE') {
    const key = errorCode.endsWith('_NOT_FOUND') ? 'NOT_FOUND' : errorCode;
    if (GERMAN[key]) message = `${GERMAN[key]}: ${message}`;
    if (f.has('v2-err-code-translated') && errorCode.endsWith('NOT_FOUND')) errorCode = 'NICHT_GEFUNDEN';
  }
  const env: V2ErrorEnvelope = { errorCode, message, traceId: randomUUID() };
  // an ApiError with an empty message is fault v2-err-404-no-message-product (the envelope loses the field)
  if (!err.message) delete env.message;
  if (err.errors) env.details = err.errors.map((e) => ({ field: e.field, errorCode: e.code, message: e.message }));
  if (err.headers) reply.headers(err.headers);
  if (status === 404 && f.has('v2-ver-missing-on-404')) reply.removeHeader('x-api-version');
  reply.header('cache-control', 'no-store');
  reply.code(status).header('content-type', JSON_CT).send(JSON.stringify(env));
}

/** Any thrown value as the ApiError to answer: fastify's own 4xx keep their status, the rest are 500. */
export function toV2ApiError(err: unknown): ApiError {
  if (err instanceof ApiError) return err;
  const e = err as { statusCode?: number; message?: string };
  if (e && typeof e.statusCode === 'number' && e.statusCode >= 400 && e.statusCode < 500) {
    return new ApiError(e.statusCode, e.message || 'Bad request', e.statusCode === 413 ? 'PAYLOAD_TOO_LARGE' : 'VALIDATION_FAILED', [
      { field: 'body', code: 'INVALID_VALUE', message: e.message || 'bad request' },
    ]);
  }
  return new ApiError(500, 'Internal server error', 'INTERNAL_ERROR');
}

export const fieldError = (field: string, code: string, message: string): FieldError => ({ field, code, message });

/** 422 (a body breaking the rules) or 400 (a query parameter or header) VALIDATION_FAILED. */
export const validationFailed = (errors: FieldError[], status: 400 | 422 = 422): ApiError =>
  new ApiError(status, status === 422 ? 'The request body breaks the rules' : 'A query parameter is invalid', 'VALIDATION_FAILED', errors);

/** 404 `<RESOURCE>_NOT_FOUND` (`Product` -> PRODUCT_NOT_FOUND). */
export const notFoundV2 = (what: string): ApiError =>
  new ApiError(404, `${what} not found`, `${what.replace(/([a-z])([A-Z])/g, '$1_$2').replace(/\s+/g, '_').toUpperCase()}_NOT_FOUND`);

export const conflictV2 = (message: string, code = 'CONFLICT'): ApiError => new ApiError(409, message, code);
