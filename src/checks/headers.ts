// HDR-01..07: response headers on every readable operation of the catalogue (Content-Type,
// X-Api-Version, Correlation-Id, Cache-Control on PII), 415 for a non-JSON request body on every
// body endpoint, and the empty body of a 204. Header names come from the pack's conventions.

import { randomBytes } from 'node:crypto';
import type { Operation } from '../contract/types.js';
import { headOnlyProblem } from '../http/raw.js';
import type { Exchange } from '../http/types.js';
import type { CheckContext, CheckDef } from './types.js';
import { correlationHeader } from './conventions.js';
import { JSON_CONTENT_TYPE } from './answer-judges.js';
import { everyAnswerChecks } from './run-wide.js';
import { freshLogin } from './flows.js';
import { hasOwnBody, ownBody, ownRequest } from './valid-requests.js';
import { UUID, answered, credentialFor, expectEnvelope, expectStatus, header, isObject, paramsNeedWrites, pointer, readable, resolveOrSkip, sendOp, splitByWrites } from './assert.js';

function hasJsonBody(ex: Exchange): boolean {
  return Boolean(ex.response && ex.response.text.trim().length > 0 && ex.response.json !== undefined);
}

function jsonContentType(ctx: CheckContext, exchanges: readonly Exchange[]): void {
  for (const ex of exchanges) {
    if (!hasJsonBody(ex)) continue;
    const ct = header(ex, 'content-type');
    if (!ct || !JSON_CONTENT_TYPE.test(ct)) {
      ctx.fail(`${answered(ex)} with a JSON body but Content-Type ${JSON.stringify(ct ?? null)}; expected application/json (HDR-01)`, ex);
    }
  }
}

/** A path no contract operation has. */
function unknownRoute(): string {
  return `/zz-storefront-check-unknown-${randomBytes(4).toString('hex')}`;
}

type Schema = Record<string, any>;

/** op's request body schema and its components name, file references followed. */
function requestSchema(ctx: CheckContext, op: Operation): { name: string; schema: Schema } | undefined {
  const paths = (ctx.contract.openapi.paths ?? {}) as Record<string, Record<string, any>>;
  const ref: unknown = paths[op.path]?.[op.method.toLowerCase()]?.requestBody?.content?.['application/json']?.schema?.$ref;
  const name = typeof ref === 'string' ? ref.split('/').pop()! : undefined;
  let schema = name ? ((ctx.contract.openapi.components as Schema | undefined)?.schemas?.[name] as Schema | undefined) : undefined;
  if (typeof schema?.$ref === 'string' && !schema.$ref.startsWith('#')) schema = ctx.contract.schemaFile(schema.$ref) as Schema;
  return name && schema ? { name, schema } : undefined;
}

/** A value a property schema accepts, when one can be made up without data. */
function madeUp(p: Schema | undefined): unknown {
  if (!p) return undefined;
  if ('const' in p) return p.const;
  if (Array.isArray(p.enum)) return p.enum[0];
  const type = Array.isArray(p.type) ? p.type.find((t: string) => t !== 'null') : p.type;
  if (type === 'integer' || type === 'number') return typeof p.minimum === 'number' ? Math.max(p.minimum, 1) : 1;
  if (type === 'boolean') return false;
  if (type === 'string' && !p.pattern) return p.format === 'email' ? 'storefront-check@example.com' : 'storefront-check';
  return undefined;
}

/** A real value for a body field named like a path parameter of a read (productId): resolved the same way. */
async function realParam(ctx: CheckContext, field: string): Promise<string | undefined> {
  const owner = ctx.contract.operations.find((o) => readable(o) && o.params[field] && o.params[field].value === undefined && !paramsNeedWrites(ctx, o));
  if (!owner) return undefined;
  const at = owner.path.split('/').indexOf(`{${field}}`);
  const value = (await resolveOrSkip(ctx, owner)).split('/')[at];
  return value === undefined ? undefined : decodeURIComponent(value);
}

/**
 * A JSON body for op's request, and whether it passes the request schema. Required fields (and
 * `version`) come from the current representation where there is one (the GET on the same path,
 * or the first item of that list), else are made up from their schema. A valid body leaves the
 * content type as the request's only fault (section 4: with several faults, any may be answered).
 */
export async function requestBodyFor(ctx: CheckContext, op: Operation): Promise<{ json: Record<string, unknown>; valid: boolean }> {
  const found = requestSchema(ctx, op);
  if (!found) return { json: {}, valid: false };
  const { name, schema } = found;
  const keys = [...((schema.required as string[] | undefined) ?? []), ...('version' in (schema.properties ?? {}) ? ['version'] : [])];
  let current: Record<string, unknown> = {};
  const twin = keys.length ? ctx.contract.operations.find((o) => o.path === op.path && readable(o)) : undefined;
  if (twin) {
    const ex = await sendOp(ctx, twin);
    const got = twin.paged ? pointer(ex.response?.json, `/${ctx.contract.conventions.paging.envelope.results}/0`) : ex.response?.json;
    if (ex.response?.status === 200 && isObject(got)) current = got;
  }
  const json: Record<string, unknown> = {};
  for (const k of keys) {
    const v = k in current ? current[k] : k === 'version' ? undefined : ((await realParam(ctx, k)) ?? madeUp(schema.properties?.[k]));
    if (v !== undefined) json[k] = v;
  }
  return { json, valid: ctx.validateShape(name, json).length === 0 };
}

/** A server that wrongly accepted a POST created something: delete it after the file (when the catalogue can). */
function undoCreation(ctx: CheckContext, op: Operation, ex: Exchange): void {
  const id = pointer(ex.response?.json, '/id');
  const del = ctx.contract.operations.find((o) => o.method === 'DELETE' && o.path.startsWith(`${op.path}/{`) && !o.path.slice(op.path.length + 1).includes('/'));
  if (op.method !== 'POST' || ex.response?.status !== 201 || typeof id !== 'string' || !del) return;
  const path = `${new URL(ex.request.url).pathname}/${encodeURIComponent(id)}`;
  const auth = credentialFor(ctx, del);
  ctx.cleanup(() => ctx.send({ method: 'DELETE', path, auth }));
}

/**
 * HDR-02: an otherwise valid request (a body of the run's own resources where the pack lists one,
 * valid-requests.ts, else the schema-made body; the path on resources of the run's own) sent with
 * a non-JSON or no Content-Type: the content type is its only fault, so the answer is 415 whatever
 * order the server validates in. Only a body that could not be made valid admits another 4xx.
 */
async function nonJsonBody(ctx: CheckContext): Promise<void> {
  const op = ctx.op!;
  const own = await ownBody(ctx, op);
  const made = own ? undefined : await requestBodyFor(ctx, op);
  const json = own ?? made!.json;
  // a pack-listed body we could not build (no credentials for login) is not otherwise valid
  const valid = own !== undefined || (!hasOwnBody(ctx, op) && made!.valid);
  const base = await ownRequest(ctx, op);
  // sent without a Correlation-Id (the client puts one on every other write): the run-wide HDR-05
  // judge sees each body endpoint's error answer generate one
  const correlation = ctx.contract.conventions.headers.correlationId;
  for (const contentType of ['text/plain', null]) {
    const ex = await ctx.send({ ...base, body: JSON.stringify(json), headers: { 'Content-Type': contentType, ...(correlation ? { [correlation]: null } : {}) } });
    undoCreation(ctx, op, ex);
    const allowed = valid ? [415] : [415, 400, 401, 404, 422];
    if (!allowed.includes(ex.response?.status ?? 0)) {
      ctx.fail(`${answered(ex)} to a ${valid ? 'valid ' : ''}body sent with ${contentType ? `Content-Type ${contentType}` : 'no Content-Type'}; expected 415 with the error envelope (HDR-02)`, ex);
    }
    expectEnvelope(ctx, ex, { status: allowed });
  }
  ctx.note(own ? "a valid body of the run's own resources" : valid ? 'a schema-valid body' : 'a body that could not be made valid: any 4xx of validation accepted');
}

/** HDR-03: the value sent comes back exactly: the pack's default, and another spelling a server must echo too. */
async function apiVersionEcho(ctx: CheckContext, send: (headers: Record<string, string>) => Promise<Exchange>): Promise<void> {
  const h = ctx.contract.conventions.headers;
  for (const version of [h.defaultApiVersion, h.defaultApiVersion.replace(/\.0$/, '') || `${h.defaultApiVersion}.0`]) {
    const ex = await send({ [h.apiVersion]: version });
    const got = header(ex, h.apiVersion);
    if (got !== version) ctx.fail(`${answered(ex)} with ${h.apiVersion} ${JSON.stringify(got ?? null)}; the request sent ${version}, which must be echoed exactly (HDR-03)`, ex);
  }
}

/** Section 4: without X-Api-Version the server answers its default or 400; either way the header is there. */
async function apiVersionWithout(ctx: CheckContext): Promise<void> {
  const h = ctx.contract.conventions.headers;
  const ex = await sendOp(ctx, ctx.op!, {}, { headers: { [h.apiVersion]: null } });
  const status = expectStatus(ctx, ex, 200, 400);
  if (status === 400) expectEnvelope(ctx, ex, { status: 400 });
  if (!header(ex, h.apiVersion)) ctx.fail(`${answered(ex)} without an ${h.apiVersion} header; every response carries it (HDR-03)`, ex);
}

/** Mixed case, so that a server changing the case is seen. */
const correlationValue = () => `StorefrontCheck-${randomBytes(6).toString('hex').toUpperCase()}`;

async function correlationEcho(ctx: CheckContext, send: (headers: Record<string, string>) => Promise<Exchange>): Promise<void> {
  const name = correlationHeader(ctx);
  const id = correlationValue();
  const ex = await send({ [name]: id });
  const got = header(ex, name);
  if (got !== id) ctx.fail(`${answered(ex)} with ${name} ${JSON.stringify(got ?? null)}; the request sent ${id}, which must be echoed exactly (HDR-04)`, ex);
}

async function correlationGenerated(ctx: CheckContext): Promise<void> {
  const name = correlationHeader(ctx);
  const seen: Exchange[] = [];
  for (let i = 0; i < 2; i++) {
    const ex = await sendOp(ctx, ctx.op!, {}, { headers: { [name]: null } });
    const got = header(ex, name);
    if (!got || !UUID.test(got)) ctx.fail(`${answered(ex)} with ${name} ${JSON.stringify(got ?? null)} to a request without one; expected a generated UUID (HDR-05)`, ex);
    seen.push(ex);
  }
  if (header(seen[0]!, name) === header(seen[1]!, name)) {
    ctx.fail(`two requests without ${name} both got ${header(seen[0]!, name)}; a generated id is per request (HDR-05)`, ...seen);
  }
}

function emptyBodies(ctx: CheckContext, exchanges: readonly Exchange[]): void {
  for (const ex of exchanges) {
    if (ex.response?.status === 204 && ex.response.text.length > 0) {
      ctx.fail(`${answered(ex)} with a ${ex.response.text.length}-byte body ${JSON.stringify(ex.response.text.slice(0, 80))}; a 204 has an empty body (HDR-06)`, ex);
    }
  }
}

/**
 * The DELETE's path on a resource of the check's own, created through the POST on its collection
 * (a new cart, line item or address), so that no existing customer data is deleted.
 */
async function ownResourcePath(ctx: CheckContext, op: Operation): Promise<string> {
  const name = /\{([^}]+)\}$/.exec(op.path)?.[1];
  const collection = op.path.replace(/\/\{[^}]+\}$/, '');
  const creator = ctx.contract.operations.find((o) => o.method === 'POST' && o.path === collection);
  if (!name || !creator) return ctx.skip(`no POST ${collection} to create a resource of the check's own to delete`);
  const { json, valid } = await requestBodyFor(ctx, creator);
  if (!valid) ctx.skip(`cannot make a valid body for ${creator.key}`);
  const created = await sendOp(ctx, creator, {}, { json });
  expectStatus(ctx, created, 200, 201);
  const src = op.params[name];
  const id = pointer(created.response?.json, src?.from === creator.operationId ? src.pointer : '/id');
  if (typeof id !== 'string') ctx.fail(`${answered(created)} without a string id for {${name}}`, created);
  const path = `${new URL(created.request.url).pathname}/${encodeURIComponent(id)}`;
  const auth = credentialFor(ctx, creator);
  ctx.cleanup(() => ctx.send({ method: 'DELETE', path, auth }));
  return path;
}

/**
 * HDR-06 at the socket: the client never reads a 204's body, so the DELETE of a resource of the
 * check's own is sent on a connection of its own (ctx.raw). A body on the wire or a non-zero
 * Content-Length fails; so does a 2xx the row does not document (200 on rows 17/33).
 */
async function noContent(ctx: CheckContext): Promise<void> {
  const op = ctx.op!;
  const path = await ownResourcePath(ctx, op);
  emptyBodies(ctx, ctx.http.exchanges());
  if (!ctx.raw) ctx.skip('this runtime cannot read answers at the socket');
  const answer = await ctx.raw({ method: op.method, path, auth: credentialFor(ctx, op) });
  const said = `${op.method} ${path} answered ${answer.status}`;
  const documented = op.responses.map((r) => r.status).filter((st) => /^2\d\d$/.test(st));
  if (answer.status >= 200 && answer.status < 300 && !documented.includes(String(answer.status))) {
    ctx.fail(`${said}; row ${op.row} documents ${documented.join(' or ')} for ${op.key} (HDR-06)`);
  }
  if (answer.status !== 204) {
    if (answer.status >= 300) ctx.fail(`${said} to the DELETE of a resource the check created; expected ${documented.join(' or ')}`);
    ctx.skip(`${said} (a documented alternative): no 204 to check`);
  }
  const problem = headOnlyProblem(answer, '204');
  if (problem) ctx.fail(`${said}, which ${problem}; a 204 has an empty body (HDR-06, read at the socket)`);
  ctx.note('204 read at the socket: no body bytes, no Content-Length');
}

/** HDR-06 on logout's 204 (row 3), read at the socket, with a session of the check's own. */
async function logoutNoContent(ctx: CheckContext): Promise<void> {
  if (!ctx.raw) ctx.skip('this runtime cannot read answers at the socket');
  const { token } = await freshLogin(ctx);
  const answer = await ctx.raw({ method: ctx.op!.method, path: ctx.op!.path, auth: { token, as: 'customer' } });
  const said = `${ctx.op!.key} answered ${answer.status}`;
  if (answer.status !== 204) ctx.fail(`${said}; row 3 documents 204`);
  const problem = headOnlyProblem(answer, '204');
  if (problem) ctx.fail(`${said}, which ${problem}; a 204 has an empty body (HDR-06, read at the socket)`);
}

async function notPubliclyCacheable(ctx: CheckContext): Promise<void> {
  const ex = await sendOp(ctx, ctx.op!);
  expectStatus(ctx, ex, 200);
  const cc = header(ex, 'cache-control') ?? '';
  if (!/(^|[\s,])(private|no-store)([\s,=]|$)/i.test(cc)) {
    ctx.fail(`${answered(ex)} with customer data and Cache-Control ${JSON.stringify(cc || null)}; expected private or no-store (HDR-07)`, ex);
  }
}

const viaOp = (ctx: CheckContext) => (headers: Record<string, string>) => sendOp(ctx, ctx.op!, {}, { headers });
const viaUnknownRoute = (ctx: CheckContext) => (headers: Record<string, string>) => ctx.send({ method: 'GET', path: unknownRoute(), headers });
/** A public non-GET that changes nothing (login): sent with a made-up, schema-valid body. */
const publicPost = (op: Operation) => op.method === 'POST' && !op.writes && op.auth === 'public' && op.hasBody;
const viaPost = (ctx: CheckContext) => async (headers: Record<string, string>) => sendOp(ctx, ctx.op!, {}, { json: (await requestBodyFor(ctx, ctx.op!)).json, headers });
const deletes204 = (op: Operation) => op.method === 'DELETE' && op.responses.some((r) => r.status === '204') && Object.keys(op.params).length > 0;

export const headerChecks: CheckDef[] = [
  {
    slug: 'json-content-type', clause: 'HDR-01', title: 'a JSON response has Content-Type application/json', appliesTo: readable,
    run: async (ctx) => jsonContentType(ctx, [await sendOp(ctx, ctx.op!)]),
  },
  {
    slug: 'json-content-type-on-error', clause: 'HDR-01', title: 'an error response has Content-Type application/json', endpoint: '*',
    run: async (ctx) => {
      const ex = await ctx.send({ method: 'GET', path: unknownRoute() });
      expectStatus(ctx, ex, 404);
      jsonContentType(ctx, [ex]);
    },
  },
  ...splitByWrites({ slug: 'non-json-body-415', clause: 'HDR-02', title: 'a body without a JSON Content-Type gets 415', appliesTo: (op) => op.hasBody, run: nonJsonBody }),
  { slug: 'api-version-echo', clause: 'HDR-03', title: 'X-Api-Version is echoed exactly', appliesTo: readable, run: (ctx) => apiVersionEcho(ctx, viaOp(ctx)) },
  { slug: 'api-version-echo-on-error', clause: 'HDR-03', title: 'an error response echoes X-Api-Version', endpoint: '*', run: (ctx) => apiVersionEcho(ctx, viaUnknownRoute(ctx)) },
  { slug: 'api-version-without', clause: 'HDR-03', title: 'without X-Api-Version the response still carries one', appliesTo: readable, run: apiVersionWithout },
  { slug: 'correlation-echo', clause: 'HDR-04', title: 'a request Correlation-Id is echoed exactly', appliesTo: readable, run: (ctx) => correlationEcho(ctx, viaOp(ctx)) },
  { slug: 'correlation-echo-on-post', clause: 'HDR-04', title: 'a POST echoes the Correlation-Id', appliesTo: publicPost, run: (ctx) => correlationEcho(ctx, viaPost(ctx)) },
  { slug: 'correlation-echo-on-error', clause: 'HDR-04', title: 'an error response echoes the Correlation-Id', endpoint: '*', run: (ctx) => correlationEcho(ctx, viaUnknownRoute(ctx)) },
  { slug: 'correlation-generated', clause: 'HDR-05', title: 'without Correlation-Id the response carries a generated UUID', appliesTo: readable, run: correlationGenerated },
  // the client sends a Correlation-Id on every write (run-wide HDR-04): here a public POST without one
  { slug: 'correlation-generated-on-post', clause: 'HDR-05', title: 'a POST without Correlation-Id gets a generated UUID, whatever its status', appliesTo: publicPost, run: correlationGenerated },
  { slug: 'cache-control-private', clause: 'HDR-07', title: 'customer data is not publicly cacheable', appliesTo: (op) => readable(op) && op.pii, run: notPubliclyCacheable },
  // every answer of the run, whichever family sent it (src/engine/answer-log.ts)
  ...everyAnswerChecks(['HDR-01', 'HDR-03', 'HDR-04', 'HDR-05']),
  // last: it deletes resources (its own)
  { slug: 'no-content-empty', clause: 'HDR-06', title: 'a 204 has an empty body', writes: true, appliesTo: deletes204, run: noContent },
  {
    slug: 'logout-no-content', clause: 'HDR-06', title: "logout's 204 has an empty body", writes: true, needs: ['customer'],
    appliesTo: (op) => op.operationId === 'logout', fitsPack: (c) => c.name === 'storefront-bff', run: logoutNoContent,
  },
];
