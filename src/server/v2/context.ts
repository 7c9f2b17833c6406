// What a v2 route is (V2RouteDef: method, path, auth, body, rate-limit family, handler) and what
// its handler gets (V2Ctx: state, locale, customer), plus the helpers handlers share: ownership
// (V2-AUTH-06), the region's currency, and reading typed body fields into field errors.

import type { FastifyReply, FastifyRequest } from 'fastify';
import { ApiError, type FieldError } from '../errors.js';
import type { Query } from '../querystring.js';
import type { Family } from '../rate-limit.js';
import { fieldError, notFoundV2 } from './errors.js';
import type { Locale } from './locale.js';
import type { CustomerRec } from './records.js';
import type { V2State } from './state.js';

export interface V2Ctx {
  s: V2State;
  req: FastifyRequest;
  reply: FastifyReply;
  q: Query;
  params: Record<string, string>;
  /** parsed JSON object body, or {} when the route takes none */
  body: Record<string, unknown>;
  locale: Locale;
  /** set on customer routes, and on guest routes called with a valid token */
  customer?: CustomerRec;
}

export interface V2Result {
  status?: number;
  body?: unknown;
  headers?: Record<string, string>;
}

export interface V2RouteDef {
  /** operation name; faults and the contract pack's operationIds refer to it */
  id: string;
  method: 'GET' | 'POST' | 'PUT' | 'DELETE';
  url: string;
  /** A anonymous (a token is ignored), C customer, G guest or customer (CONTRACT-v2 section 2) */
  auth: 'anonymous' | 'customer' | 'guest';
  /** takes a JSON body (V2-HDR-01: 415 for another Content-Type) */
  body?: boolean;
  /** rate-limit family; null: not limited (health) */
  family?: Family | null;
  handler: (ctx: V2Ctx) => V2Result | Promise<V2Result>;
}

/** The signed-in customer of a customer route. */
export function me(ctx: V2Ctx): CustomerRec {
  if (!ctx.customer) throw new ApiError(401, 'Authentication required: send the token in Authorization', 'UNAUTHORIZED');
  return ctx.customer;
}

/** V2-AUTH-06: another customer's resource answers 403 or 404 (mode), never touching it. */
export function assertOwner(ctx: V2Ctx, ownerId: string | null, what: string): void {
  if (ownerId !== null && ownerId === ctx.customer?.id) return;
  if (ctx.s.modes.foreignResource === 404) throw notFoundV2(what);
  throw new ApiError(403, `You do not have access to this ${what.toLowerCase()}`, 'FORBIDDEN');
}

export const required = (field: string): FieldError => fieldError(field, 'REQUIRED', `${field} is required`);

/** A required (or optional) non-empty string field; pushes REQUIRED / INVALID_VALUE entries. */
export function str(body: Record<string, unknown>, field: string, errors: FieldError[], optional = false, prefix = ''): string | undefined {
  const v = body[field];
  if (v === undefined || v === null || v === '') {
    if (!optional) errors.push(required(prefix + field));
    return undefined;
  }
  if (typeof v !== 'string') {
    errors.push(fieldError(prefix + field, 'INVALID_VALUE', `${field} must be a string`));
    return undefined;
  }
  return v;
}

/** An integer field within bounds (quantity 1..99, expiryMonth 1..12). */
export function int(body: Record<string, unknown>, field: string, min: number, max: number, errors: FieldError[]): number | undefined {
  const v = body[field];
  if (v === undefined || v === null) {
    errors.push(required(field));
    return undefined;
  }
  if (typeof v !== 'number' || !Number.isInteger(v)) {
    errors.push(fieldError(field, 'INVALID_VALUE', `${field} must be an integer`));
    return undefined;
  }
  if (v < min || v > max) {
    errors.push(fieldError(field, 'OUT_OF_RANGE', `${field} must be between ${min} and ${max}`));
    return undefined;
  }
  return v;
}

const CLIENT_REFERENCE = /^[A-Za-z0-9_-]{8,64}$/;

/** V2-IDM-03: clientReference is required, 8..64 of [A-Za-z0-9_-]. */
export function clientReferenceOf(body: Record<string, unknown>, errors: FieldError[]): string | undefined {
  const ref = str(body, 'clientReference', errors);
  if (ref !== undefined && !CLIENT_REFERENCE.test(ref)) {
    errors.push(fieldError('clientReference', 'INVALID_FORMAT', 'clientReference must be 8 to 64 characters of A-Z a-z 0-9 _ -'));
    return undefined;
  }
  return ref;
}
