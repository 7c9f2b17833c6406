// Contract points every journey checks on its answers, as sentence-like k6 check names: the
// X-Api-Version echo (HDR-03), the Correlation-Id echo (HDR-04), the paged envelope (PAG-02) and
// the error envelope (ERR-01). One predicate per point, shared by the actions. The status is no
// check: every request names its expected statuses (lib/http.ts), so k6's http_req_failed and our
// failed_requests judge it already, and each check is one more k6 sample per answer.

import type { Response } from 'k6/http';
import { settings } from '../config.ts';
import { json } from './http.ts';

export type Predicate = (res: Response) => boolean;

export interface Page<T> {
  limit: number;
  offset: number;
  count: number;
  total: number;
  results: T[];
}

export const echoesApiVersion: Predicate = (res) => res.headers['X-Api-Version'] === settings.apiVersion;

export const echoesCorrelationId = (id: string): Predicate => (res) => res.headers['Correlation-Id'] === id;

const isInt = (v: unknown) => typeof v === 'number' && Math.floor(v) === v;

/** PAG-02: { limit, offset, count, total, results[] } with count == results.length <= limit. */
export const isPage: Predicate = (res) => {
  const p = json<Page<unknown>>(res);
  return (
    !!p && isInt(p.limit) && isInt(p.offset) && isInt(p.count) && isInt(p.total) &&
    Array.isArray(p.results) && p.count === p.results.length && p.count <= p.limit
  );
};

/** ERR-01: { status, message } with status equal to the HTTP status. */
export const isErrorEnvelope: Predicate = (res) => {
  const e = json<{ status?: unknown; message?: unknown }>(res);
  return !!e && e.status === res.status && typeof e.message === 'string' && e.message.length > 0;
};

export const hasField = (field: string): Predicate => (res) => {
  const body = json<Record<string, unknown>>(res);
  return !!body && body[field] !== undefined && body[field] !== null;
};

/**
 * The check every answer gets: both header echoes (HDR-03, HDR-04) as one check, since each check
 * is one k6 sample and a journey's cost is mostly samples; which echo failed is in the answer's
 * headers, found by the Correlation-Id of the failed_requests sample.
 */
export function contractHeaders(correlationId: string): Record<string, Predicate> {
  return {
    'the API version and Correlation-Id are echoed': (res) =>
      res.headers['X-Api-Version'] === settings.apiVersion && res.headers['Correlation-Id'] === correlationId,
  };
}
