// What a route is (RouteDef: method, path, auth, body, rate-limit family, handler) and what its
// handler gets (Ctx), plus the small helpers handlers share: ownership (AUTH-08) and body fields.

import type { FastifyReply, FastifyRequest } from 'fastify';
import { ApiError, type FieldError } from './errors.js';
import type { Query } from './querystring.js';
import type { Family } from './rate-limit.js';
import type { CustomerRec } from './records.js';
import type { ServerState } from './state.js';
import type { Claims } from './tokens.js';

export interface Ctx {
  s: ServerState;
  req: FastifyRequest;
  reply: FastifyReply;
  q: Query;
  params: Record<string, string>;
  /** parsed JSON object body, or {} when the request had none */
  body: Record<string, unknown>;
  customer: CustomerRec; // set on customer routes (a placeholder on others)
  claims?: Claims;
}

export interface Result {
  status?: number;
  body?: unknown;
  /** pre-serialised JSON body (hot paths) */
  json?: string;
  headers?: Record<string, string>;
  /** fault hdr-204-with-body */
  lyingEmpty?: boolean;
  /** fault hdr-204-body-bytes-cart: bytes written on the wire after a 204's head */
  trailingBytes?: string;
}

export interface RouteDef {
  /** operation name (matches the OpenAPI operationId); faults refer to it */
  id: string;
  method: 'GET' | 'POST' | 'PUT' | 'DELETE';
  url: string;
  auth: 'public' | 'customer' | 'service';
  /** 'json': takes a JSON body (HDR-02); 'none': takes none (mode bodyOnBodyless) */
  body?: 'json' | 'none';
  /** rate-limit family; null: not limited (health, internal) */
  family?: Family | null;
  /** PII in the answer: Cache-Control private, no-store (HDR-07) */
  pii?: boolean;
  /** runs before rate limit and auth (a path that is not a live version is a 404 for everyone) */
  pre?: (ctx: Ctx) => void;
  handler: (ctx: Ctx) => Result | Promise<Result>;
}

/** AUTH-08: another customer's resource answers 403 or 404 (mode), never touching it. */
export function assertOwner(ctx: Ctx, ownerId: string, what: string): void {
  if (ownerId === ctx.customer.id) return;
  if (ctx.s.modes.foreignResource === 404) throw new ApiError(404, `${what} not found`, 'NOT_FOUND');
  throw new ApiError(403, `You do not have access to this ${what.toLowerCase()}`, 'FORBIDDEN');
}

export const required = (field: string): FieldError => ({ field, code: 'REQUIRED', message: `${field} is required` });
export const invalid = (field: string, message: string, code = 'INVALID_VALUE'): FieldError => ({ field, code, message });

/** A required non-empty string field; pushes REQUIRED / INVALID_VALUE entries. */
export function str(body: Record<string, unknown>, field: string, errors: FieldError[], optional = false): string | undefined {
  const v = body[field];
  if (v === undefined || v === null || v === '') {
    if (!optional) errors.push(required(field));
    return undefined;
  }
  if (typeof v !== 'string') {
    errors.push(invalid(field, `${field} must be a string`));
    return undefined;
  }
  return v;
}

export function versionOf(body: Record<string, unknown>, errors: FieldError[]): number | undefined {
  const v = body.version;
  if (v === undefined || v === null) return undefined;
  if (!Number.isInteger(v) || (v as number) < 1) {
    errors.push(invalid('version', 'version must be an integer >= 1'));
    return undefined;
  }
  return v as number;
}
