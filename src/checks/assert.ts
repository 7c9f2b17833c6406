// Shared assertions for every check family: read a body, follow a JSON pointer, expect a status,
// an error envelope (ERR-01) or a paged envelope (PAG). Field names come from the pack's
// conventions (ctx.contract.conventions), never from constants here, so a second pack plugs in.

import { CheckFailure, CheckSkip, type CheckContext, type CheckDef, type JudgeScope } from './types.js';
import type { Operation } from '../contract/types.js';
import { describeTruncation } from '../http/reader.js';
import type { Credential, Exchange, RequestSpec } from '../http/types.js';
import { isObject, pointer } from '../contract/json.js';

export { isObject, pointer };

/** Parsed JSON body of an exchange, or undefined (no response, empty or non-JSON body). */
export function body(ex: Exchange): unknown {
  return ex.response?.json;
}

/** 'GET /products?limit=101': the request as a replayable line (path and query, no base URL). */
export function requestLine(ex: Exchange): string {
  try {
    const u = new URL(ex.request.url);
    return `${ex.request.method} ${decodeURIComponent(u.pathname + u.search)}`;
  } catch {
    return `${ex.request.method} ${ex.request.url}`;
  }
}

/** 'GET /products?limit=101 answered 200', '… got no response (DEADLINE: …)', '… answered 200 with a body over the 10.0 MB limit …'. */
export function answered(ex: Exchange): string {
  if (!ex.response) return `${requestLine(ex)} got no response (${ex.error?.code ?? 'error'}: ${ex.error?.message ?? ''})`;
  const cut = ex.response.truncated ? ` with ${describeTruncation(ex.response.truncated)}` : '';
  return `${requestLine(ex)} answered ${ex.response.status}${cut}`;
}

/** A short excerpt of the response body for messages. */
export function excerpt(ex: Exchange, max = 160): string {
  const text = ex.response?.text ?? '';
  return text.length > max ? `${text.slice(0, max)}…` : text;
}

/** The status; fails with "Received: 500 / Expected: 200, 404" when it is not one of `allowed`. */
export function expectStatus(ctx: JudgeScope, ex: Exchange, ...allowed: number[]): number {
  if (!ex.response) ctx.fail(`${answered(ex)}. Expected: ${allowed.join(', ')}`, ex);
  const status = ex.response.status;
  if (allowed.length && !allowed.includes(status)) {
    ctx.fail(`${requestLine(ex)}: Received: ${status} / Expected: ${allowed.join(', ')}. Body: ${excerpt(ex)}`, ex);
  }
  return status;
}

export interface ErrorEntry {
  field?: string;
  code?: string;
  message?: string;
}

export interface ErrorEnvelope {
  status: number;
  message: string;
  code?: string;
  type?: string;
  errors: ErrorEntry[];
  raw: Record<string, unknown>;
}

export interface EnvelopeExpectation {
  status?: number | number[];
  /** the envelope's `code` must equal this (only where a clause requires a code) */
  code?: string;
  /** some entry of `errors` must carry this field and/or code */
  entry?: { field?: string; code?: string };
}

const str = (o: Record<string, unknown>, k: string | undefined) => (k !== undefined && typeof o[k] === 'string' ? (o[k] as string) : undefined);

/** Reads the error envelope (ERR-01) with the pack's field names, without judging it. */
export function readEnvelope(ctx: JudgeScope, ex: Exchange): ErrorEnvelope | undefined {
  const e = ctx.contract.conventions.error;
  const b = body(ex);
  if (!isObject(b)) return undefined;
  const list = b[e.errorsField];
  const errors = (Array.isArray(list) ? list.filter(isObject) : []).map((x) => ({ field: str(x, e.entry.field), code: str(x, e.entry.code), message: str(x, e.entry.message) }));
  return { status: (e.statusField === undefined ? ex.response?.status : b[e.statusField]) as number, message: b[e.messageField] as string, code: str(b, e.codeField), type: str(b, e.typeField), errors, raw: b };
}

/**
 * Expects an error answer: the status (when given) and an ERR-01 envelope whose status field equals
 * the HTTP status and whose message is non-empty; optionally a top-level code and an errors entry.
 */
export function expectEnvelope(ctx: JudgeScope, ex: Exchange, want: EnvelopeExpectation = {}): ErrorEnvelope {
  const allowed = want.status === undefined ? [] : Array.isArray(want.status) ? want.status : [want.status];
  const status = expectStatus(ctx, ex, ...allowed);
  const e = ctx.contract.conventions.error;
  const env = readEnvelope(ctx, ex);
  if (!env) ctx.fail(`${answered(ex)} without a JSON error envelope (ERR-01). Body: ${excerpt(ex)}`, ex);
  if (e.statusField !== undefined && env.status !== status) {
    ctx.fail(`${answered(ex)} but the envelope's ${e.statusField} is ${JSON.stringify(env.status)}; it must equal the HTTP status (ERR-01)`, ex);
  }
  if (typeof env.message !== 'string' || env.message.length === 0) {
    ctx.fail(`${answered(ex)} with an empty or missing ${e.messageField} in the error envelope (ERR-01)`, ex);
  }
  if (want.code !== undefined && env.code !== want.code) {
    ctx.fail(`${answered(ex)} with ${e.codeField} ${JSON.stringify(env.code ?? null)}; expected ${e.codeField} "${want.code}"`, ex);
  }
  if (want.entry) {
    const { field, code } = want.entry;
    const hit = env.errors.some((x) => (field === undefined || x.field === field) && (code === undefined || x.code === code));
    if (!hit) {
      const wanted = JSON.stringify({ [e.entry.field]: field, [e.entry.code]: code });
      const got = JSON.stringify(env.raw[e.errorsField] ?? null);
      ctx.fail(`${answered(ex)} without an ${e.errorsField} entry ${wanted}; got ${e.errorsField}: ${got}`, ex);
    }
  }
  return env;
}

/**
 * A page in one model for both paging styles: `offset` is the index of the first item (page style:
 * (page - 1) × pageSize), `position` the value as the envelope echoes it (an offset or a page
 * number), `count` the envelope's count (page style: the number of items), `pages` the page
 * style's total number of pages.
 */
export interface Paged {
  limit: number;
  offset: number;
  position: number;
  count: number;
  total: number;
  results: unknown[];
  pages?: number;
}

/** Reads a paged envelope with the pack's names; fails when a field is missing or not an integer. */
export function pagedEnvelope(ctx: CheckContext, ex: Exchange): Paged {
  const paging = ctx.contract.conventions.paging;
  const names = paging.envelope;
  const b = body(ex);
  if (!isObject(b)) ctx.fail(`${answered(ex)} without a JSON object body; expected a paged envelope. Body: ${excerpt(ex)}`, ex);
  const int = (name: string): number => {
    const v = b[name];
    if (typeof v !== 'number' || !Number.isInteger(v)) {
      ctx.fail(`${answered(ex)} with ${name} = ${JSON.stringify(v)}; the paged envelope needs an integer ${name}`, ex);
    }
    return v;
  };
  const results = b[names.results];
  if (!Array.isArray(results)) {
    ctx.fail(`${answered(ex)} with ${names.results} = ${JSON.stringify(results)}; the paged envelope needs an array`, ex);
  }
  const limit = int(names.limit);
  const position = int(names.offset);
  const total = int(names.total);
  if (paging.style === 'page') {
    return { limit, position, offset: Math.max(0, position - 1) * limit, count: results.length, total, results, pages: int(names.pages!) };
  }
  return { limit, position, offset: position, count: int(names.count!), total, results };
}

/** UPPER_SNAKE_CASE as ERR-02 spells it. */
export const UPPER_SNAKE = /^[A-Z][A-Z0-9]*(_[A-Z0-9]+)*$/;

/** A UUID of any version (HDR-05). */
export const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/** Case-insensitive response header. */
export function header(ex: Exchange, name: string): string | undefined {
  return ex.response?.headers[name.toLowerCase()];
}

// ---- operations: credentials, concrete paths, request specs -------------------------------

/** A GET the suite may send anywhere, production included: reads only. */
export function readable(op: Operation): boolean {
  return op.method === 'GET' && !op.writes;
}

/** Does obtaining op's path parameters need a write (a cart created for getCart…)? */
export function paramsNeedWrites(ctx: CheckContext, op: Operation): boolean {
  const seen = new Set<string>();
  const needs = (o: Operation): boolean =>
    Object.values(o.params).some((src) => {
      if (src.value !== undefined && !src.from) return false;
      if (seen.has(src.from)) return false;
      seen.add(src.from);
      const from = ctx.contract.operations.find((x) => x.operationId === src.from);
      return !from || from.writes || needs(from);
    });
  return needs(op);
}

/** The credential op needs; skips when the run has no signed-in customer / service token. */
export function credentialFor(ctx: CheckContext, op: Operation): Credential {
  if (op.auth === 'customer') {
    if (!ctx.target.has.customer) ctx.skip(`${op.key} needs a signed-in test customer`);
    return 'customer';
  }
  if (op.auth === 'service') {
    if (!ctx.target.has.serviceToken) ctx.skip(`${op.key} needs a service token`);
    return 'service';
  }
  return 'none';
}

/** op's concrete path (path params resolved), or a skip with the reason it cannot be had. */
export async function resolveOrSkip(ctx: CheckContext, op: Operation): Promise<string> {
  if (Object.keys(op.params).length === 0) return op.path;
  if (ctx.target.readOnly && paramsNeedWrites(ctx, op)) {
    ctx.skip(`the path parameters of ${op.key} come from a write, not sent to a read-only target`);
  }
  try {
    return await ctx.resolvePath(op);
  } catch (err) {
    if (err instanceof CheckSkip || err instanceof CheckFailure) throw err;
    return ctx.skip(`cannot resolve the path parameters of ${op.key}: ${(err as Error).message}`);
  }
}

/**
 * A request for op: resolved path, its required query (search's `query`), extra query, its credential.
 * Extra query values override the required ones; `undefined` drops a parameter.
 */
export async function opRequest(
  ctx: CheckContext,
  op: Operation,
  query: Record<string, string | number | boolean | Array<string | number> | undefined> = {},
  extra: Partial<RequestSpec> = {},
): Promise<RequestSpec> {
  const auth = credentialFor(ctx, op);
  const path = await resolveOrSkip(ctx, op);
  const q: NonNullable<RequestSpec['query']> = {};
  for (const [k, v] of Object.entries({ ...op.requiredQuery, ...query })) if (v !== undefined) q[k] = v;
  return { method: op.method, path, query: q, auth, ...extra };
}

/** Send op with query and return the exchange. */
export async function sendOp(
  ctx: CheckContext,
  op: Operation,
  query: Parameters<typeof opRequest>[2] = {},
  extra: Partial<RequestSpec> = {},
): Promise<Exchange> {
  return ctx.send(await opRequest(ctx, op, query, extra));
}

/**
 * One check definition as two: the instance for read-only operations (runs everywhere) and the
 * instance for writing operations (writes: true, skipped on production and under --read-only).
 */
export function splitByWrites(def: CheckDef & { appliesTo: (op: Operation) => boolean }): CheckDef[] {
  return [
    { ...def, writes: false, appliesTo: (op) => !op.writes && def.appliesTo(op) },
    { ...def, slug: `${def.slug}-write`, writes: true, appliesTo: (op) => op.writes && def.appliesTo(op) },
  ];
}
