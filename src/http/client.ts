// The one HTTP client of the tool: an undici keep-alive Agent composed of interceptors
// (dispatcher.compose; the last listed is the outermost):
//   guard (production read-only) → session (credential, re-login on 401) → retry (429/5xx) → capture
// and, around them, idempotent requests sent again after a reset or refused connection.
// send() turns a RequestSpec into dispatch options, runs them through the chain and reads the
// answer within the body limit and the request's total deadline (reader.ts), and returns the
// recorded Exchange. Checks never build clients, retry, log in or redact themselves.

import { randomUUID } from 'node:crypto';
import { Agent, type Dispatcher } from 'undici';
import type { AuthScheme } from '../contract/types.js';
import { MissingCredentialError } from './errors.js';
import { captureInterceptor } from './interceptors/capture.js';
import { type ProductionPolicy, createProductionPolicy, guardInterceptor } from './interceptors/guard.js';
import { DEFAULT_RETRY, IDEMPOTENT, type RetryOptions, TRANSPORT_ERRORS, retryInterceptor, sleep } from './interceptors/retry.js';
import { type Identity, type SessionStore, sessionInterceptor } from './interceptors/session.js';
import { type RequestState, STATE_KEY, headerRecord } from './interceptors/state.js';
import { readBounded } from './reader.js';
import type { Credential, Exchange, HttpClient, RequestSpec } from './types.js';

export interface ClientOptions {
  baseUrl: string;
  /** the pack's auth conventions (conventions.auth.customer / .service) */
  auth: { customer: AuthScheme; service: AuthScheme };
  /** header carrying the API version (conventions.headers.apiVersion) and the configured value */
  apiVersion?: { header: string; value: string };
  /** total deadline of one request, every attempt and byte included (not an idle timer); retry waits move it */
  timeoutMs: number;
  /** bodies past this many bytes are cut and marked truncated; default 10 MB */
  maxBodyBytes?: number;
  store?: SessionStore;
  /** ENV-02: refuse everything but GET/HEAD (no login either, unless `policy` allows it) */
  production?: boolean;
  /** ENV-02: the run's shared production policy (createProductionPolicy); overrides `production` */
  policy?: ProductionPolicy;
  /** the login operation ('POST', '/auth/login'): on production only the run's own credentials body, once */
  login?: { method: string; path: string };
  /** the logout operation: on production only to end a session the run opened (endSessions) */
  logout?: { method: string; path: string };
  /**
   * The header naming a request for tracing (conventions.headers.correlationId): a fresh value on
   * every state-changing request and on about half of the reads (chosen by a hash of the URL, so a
   * request is sent the same way in every run), so that the run-wide judges see both a server's
   * echo (HDR-04) and its generated ids (HDR-05) on every kind of traffic, and a failed write can
   * be found in the server's logs. A spec's own header (or null) wins.
   */
  correlationId?: { header: string };
  /** contract matcher: operationId of a concrete request */
  match?: (method: string, pathWithQuery: string) => string | undefined;
  retry?: Partial<RetryOptions>;
  /** called with every exchange as it completes (schema validation, request counting) */
  onExchange?: (ex: Exchange) => void;
  /** keep at most this many exchanges in memory (oldest dropped); default 2000 */
  keepExchanges?: number;
  /** and at most this many bytes of their bodies (each kept body cut at 256 kB); default 8 MB */
  keepBytes?: number;
}

/** FNV-1a, 32 bits: a cheap, stable hash of a string. */
function fnv1a(s: string): number {
  let h = 0x811c9dc5;
  for (let i = 0; i < s.length; i++) h = Math.imul(h ^ s.charCodeAt(i), 0x01000193);
  return h >>> 0;
}

export const DEFAULT_MAX_BODY_BYTES = 10 * 1024 * 1024;

const sizeOf = (ex: Exchange) => (ex.response?.text.length ?? 0) + (ex.request.body?.length ?? 0);
/** Past this, the copy kept for later judges (exchanges()) holds only the start of the body. */
const KEPT_TEXT = 256 * 1024;

/** The exchange as kept for evidence: a large body cut (and not parsed: no error envelope is that big). */
function kept(full: Exchange): Exchange {
  // the retried gateway answers were judged as they came (onExchange): the kept copy drops their bodies
  const { retried: _judged, ...ex } = full;
  return withCutBody(ex, KEPT_TEXT);
}

/** The exchange with a body over `maxChars` cut to its start (and not parsed), for keeping as evidence. */
export function withCutBody(ex: Exchange, maxChars: number): Exchange {
  const r = ex.response;
  if (!r || r.text.length <= maxChars) return ex;
  // a copy through a Buffer: a plain slice would be a view keeping the whole body alive
  const text = Buffer.from(r.text.slice(0, maxChars), 'utf8').toString('utf8');
  return { ...ex, response: { ...r, text, json: undefined } };
}

export const emptyStore: SessionStore = {
  token: () => undefined,
  canRelogin: () => false,
  relogin: () => Promise.reject(new Error('no credentials configured')),
};

function describeCredential(c: Credential): Identity | undefined {
  return typeof c === 'string' && c !== 'none' ? c : undefined;
}

function appendQuery(path: string, query: RequestSpec['query']): string {
  if (!query) return path;
  const params: string[] = [];
  for (const [key, value] of Object.entries(query)) {
    const values = Array.isArray(value) ? value : [value];
    for (const v of values) params.push(`${encodeURIComponent(key)}=${encodeURIComponent(String(v))}`);
  }
  if (!params.length) return path;
  return `${path}${path.includes('?') ? '&' : '?'}${params.join('&')}`;
}

export function createHttpClient(options: ClientOptions): HttpClient & { readonly requestCount: number } {
  const base = new URL(options.baseUrl);
  const origin = base.origin;
  const basePath = base.pathname.replace(/\/+$/, '');
  const store = options.store ?? emptyStore;
  const policy = options.policy ?? createProductionPolicy({ production: Boolean(options.production) });
  const keep = options.keepExchanges ?? 2000;
  const keepBytes = options.keepBytes ?? 8 * 1024 * 1024;
  const maxBodyBytes = options.maxBodyBytes ?? DEFAULT_MAX_BODY_BYTES;
  const transport = { max: options.retry?.maxTransportRetries ?? DEFAULT_RETRY.maxTransportRetries, baseMs: options.retry?.backoffBaseMs ?? DEFAULT_RETRY.backoffBaseMs };

  const agent = new Agent({
    keepAliveTimeout: 10_000,
    connections: 32,
    connect: { timeout: Math.min(options.timeoutMs, 10_000) },
  });
  const dispatcher = agent.compose(
    captureInterceptor(),
    retryInterceptor(options.retry),
    sessionInterceptor(options.auth, store),
    guardInterceptor(policy),
  );

  const recorded: Exchange[] = [];
  let recordedBytes = 0;
  let seq = 0;
  let count = 0;

  const isOp = (op: { method: string; path: string } | undefined, method: string, path: string) =>
    Boolean(op && op.method.toUpperCase() === method && path.split('?')[0] === `${basePath}${op.path}`);

  async function send(spec: RequestSpec): Promise<Exchange> {
    const method = spec.method.toUpperCase();
    const credential: Credential = spec.auth ?? 'none';
    const identity = describeCredential(credential);
    if (identity && !store.token(identity)) {
      const why = (store as SessionStore & { why?: (who: Identity) => string }).why?.(identity);
      throw new MissingCredentialError(identity, why ?? `no ${identity} token available`);
    }

    const relPath = appendQuery(spec.path.startsWith('/') ? spec.path : `/${spec.path}`, spec.query);
    const path = `${basePath}${relPath}`;
    const headers: Record<string, string> = { accept: 'application/json' };
    if (options.apiVersion) headers[options.apiVersion.header] = options.apiVersion.value;
    let body: string | undefined;
    if (spec.json !== undefined) {
      headers['content-type'] = 'application/json';
      body = JSON.stringify(spec.json);
    }
    if (spec.body !== undefined) body = spec.body;
    if (options.correlationId && (!(method === 'GET' || method === 'HEAD') || fnv1a(path) % 2 === 1)) {
      // a UUID, as the header is documented; upper-case, so a server that changes the case of the echo is seen
      headers[options.correlationId.header] = randomUUID().toUpperCase();
    }
    for (const [name, value] of Object.entries(spec.headers ?? {})) {
      for (const key of Object.keys(headers)) if (key.toLowerCase() === name.toLowerCase()) delete headers[key];
      if (value !== null) headers[name] = value;
    }

    const state: RequestState = {
      credential,
      retry: spec.retry ?? true,
      relogin: spec.relogin ?? (credential === 'customer' || credential === 'customer2'),
      notes: [],
      retried: [],
      trouble: [],
      attempts: 0,
      waitedMs: 0,
      rateLimited: 0,
      deadlineAt: Date.now() + (spec.timeoutMs ?? options.timeoutMs),
      isLogin: isOp(options.login, method, path),
      isLogout: isOp(options.logout, method, path),
    };
    const timeout = spec.timeoutMs ?? options.timeoutMs;
    const opts = {
      origin,
      path,
      method: method as Dispatcher.HttpMethod,
      headers,
      body,
      // undici's own timers are a backstop a second behind the reader's deadline, which must win the
      // race so a hung target always ends as DEADLINE (reader.ts), never as undici's timeout error
      headersTimeout: timeout + 1000,
      bodyTimeout: timeout + 1000,
      [STATE_KEY]: state,
    } as Dispatcher.DispatchOptions;

    const started = performance.now();
    const read = () => readBounded((handler) => dispatcher.dispatch(opts, handler), { maxBodyBytes, deadlineMs: timeout, deadlineAt: () => state.deadlineAt });
    let outcome = await read();
    // transport trouble (a reset, a refused connection) on an idempotent request: sent again while
    // the request's deadline allows; the note makes the check that sent it a warning when it clears
    for (let retry = 0; outcome.error && state.retry && retry < transport.max && IDEMPOTENT.has(method) && TRANSPORT_ERRORS.has(outcome.error.code); retry++) {
      const wait = transport.baseMs * 2 ** retry;
      if (Date.now() + wait >= state.deadlineAt) break;
      await sleep(wait);
      state.notes.push(`retried after transport error ${outcome.error.code}, waited ${wait} ms`);
      state.trouble.push(`transport error ${outcome.error.code}`);
      outcome = await read();
    }

    count++;
    const exchange: Exchange = {
      seq: ++seq,
      request: state.sent ?? { method, url: `${origin}${path}`, headers: headerRecord(headers), body },
      ...outcome,
      durationMs: Math.round(performance.now() - started),
      notes: state.notes,
      ...(state.retried.length ? { retried: state.retried } : {}),
      ...(state.trouble.length ? { trouble: state.trouble } : {}),
      operationId: options.match?.(method, relPath),
    };
    const copy = kept(exchange);
    recorded.push(copy);
    recordedBytes += sizeOf(copy);
    // bounded evidence: the oldest exchanges go first, by count and by body bytes
    while (recorded.length > 1 && (recorded.length > keep || recordedBytes > keepBytes)) recordedBytes -= sizeOf(recorded.shift()!);
    options.onExchange?.(exchange);
    return exchange;
  }

  return {
    send,
    exchanges: () => recorded,
    get requestCount() {
      return count;
    },
    async close() {
      await agent.close();
    },
  };
}
