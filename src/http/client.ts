// The one HTTP client of the tool: an undici keep-alive Agent composed of interceptors
// (dispatcher.compose; the last listed is the outermost):
//   guard (production read-only) → session (credential, re-login on 401) → retry (429/5xx) → capture
// send() turns a RequestSpec into dispatch options, runs them through the chain and returns the
// recorded Exchange. Checks never build clients, retry, log in or redact themselves.

import { Agent, type Dispatcher } from 'undici';
import type { AuthScheme } from '../contract/types.js';
import { MissingCredentialError } from './errors.js';
import { captureInterceptor } from './interceptors/capture.js';
import { type ProductionPolicy, createProductionPolicy, guardInterceptor } from './interceptors/guard.js';
import { type RetryOptions, retryInterceptor } from './interceptors/retry.js';
import { type Identity, type SessionStore, sessionInterceptor } from './interceptors/session.js';
import { type RequestState, STATE_KEY, headerRecord } from './interceptors/state.js';
import type { Credential, Exchange, HttpClient, RecordedResponse, RequestSpec } from './types.js';

export interface ClientOptions {
  baseUrl: string;
  /** the pack's auth conventions (conventions.auth.customer / .service) */
  auth: { customer: AuthScheme; service: AuthScheme };
  /** header carrying the API version (conventions.headers.apiVersion) and the configured value */
  apiVersion?: { header: string; value: string };
  timeoutMs: number;
  store?: SessionStore;
  /** ENV-02: refuse everything but GET/HEAD (no login either, unless `policy` allows it) */
  production?: boolean;
  /** ENV-02: the run's shared production policy (createProductionPolicy); overrides `production` */
  policy?: ProductionPolicy;
  /** the login operation ('POST', '/auth/login'): on production only the run's own credentials body, once */
  login?: { method: string; path: string };
  /** the logout operation: on production only to end a session the run opened (endSessions) */
  logout?: { method: string; path: string };
  /** contract matcher: operationId of a concrete request */
  match?: (method: string, pathWithQuery: string) => string | undefined;
  retry?: Partial<RetryOptions>;
  /** called with every exchange as it completes (schema validation, request counting) */
  onExchange?: (ex: Exchange) => void;
  /** keep at most this many exchanges in memory (oldest dropped); default 2000 */
  keepExchanges?: number;
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

function responseHeaders(raw: Record<string, string | string[] | undefined>): Record<string, string> {
  const out: Record<string, string> = {};
  for (const [k, v] of Object.entries(raw)) {
    if (v === undefined) continue;
    out[k.toLowerCase()] = Array.isArray(v) ? v.join(', ') : v;
  }
  return out;
}

function errorInfo(err: unknown): { code: string; message: string } {
  const e = err as { code?: string; message?: string; cause?: { code?: string; message?: string } };
  const code = e?.cause?.code ?? e?.code ?? 'ERR_HTTP';
  const message = [e?.message, e?.cause?.message].filter(Boolean).join(': ') || String(err);
  return { code, message };
}

export function createHttpClient(options: ClientOptions): HttpClient & { readonly requestCount: number } {
  const base = new URL(options.baseUrl);
  const origin = base.origin;
  const basePath = base.pathname.replace(/\/+$/, '');
  const store = options.store ?? emptyStore;
  const policy = options.policy ?? createProductionPolicy({ production: Boolean(options.production) });
  const keep = options.keepExchanges ?? 2000;

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
    for (const [name, value] of Object.entries(spec.headers ?? {})) {
      for (const key of Object.keys(headers)) if (key.toLowerCase() === name.toLowerCase()) delete headers[key];
      if (value !== null) headers[name] = value;
    }

    const state: RequestState = {
      credential,
      retry: spec.retry ?? true,
      relogin: spec.relogin ?? (credential === 'customer' || credential === 'customer2'),
      notes: [],
      attempts: 0,
      waitedMs: 0,
      rateLimited: 0,
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
      headersTimeout: timeout,
      bodyTimeout: timeout,
      [STATE_KEY]: state,
    } as Dispatcher.DispatchOptions;

    const started = performance.now();
    const outcome = await new Promise<{ response?: RecordedResponse; error?: { code: string; message: string } }>((resolve, reject) => {
      let status = 0;
      let resHeaders: Record<string, string> = {};
      const chunks: Buffer[] = [];
      const handler: Dispatcher.DispatchHandler = {
        // present so undici treats this as a new-API handler (WrapHandler.wrap checks for it)
        onRequestStart() {},
        onResponseStart(_c, statusCode, h) {
          status = statusCode;
          resHeaders = responseHeaders(h as Record<string, string | string[] | undefined>);
        },
        onResponseData(_c, chunk) {
          chunks.push(chunk);
        },
        onResponseEnd() {
          const text = Buffer.concat(chunks).toString('utf8');
          let json: unknown;
          if (text.length) {
            try {
              json = JSON.parse(text);
            } catch {
              json = undefined;
            }
          }
          resolve({ response: { status, headers: resHeaders, text, json } });
        },
        onResponseError(_c, err) {
          resolve({ error: errorInfo(err) });
        },
      };
      try {
        dispatcher.dispatch(opts, handler);
      } catch (err) {
        reject(err);
      }
    });

    count++;
    const exchange: Exchange = {
      seq: ++seq,
      request: state.sent ?? { method, url: `${origin}${path}`, headers: headerRecord(headers), body },
      ...outcome,
      durationMs: Math.round(performance.now() - started),
      notes: state.notes,
      operationId: options.match?.(method, relPath),
    };
    recorded.push(exchange);
    if (recorded.length > keep) recorded.splice(0, recorded.length - keep);
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
