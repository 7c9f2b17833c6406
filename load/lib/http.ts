// The one place requests are made: every request carries the contract's headers (X-Api-Version,
// one Correlation-Id per iteration, X-BFF-Token once signed in), a `name` tag with its route
// template and an `api` tag with its route group (load/routes.json), and the expected statuses
// (so k6's http_req_failed counts only the unexpected ones). A 429 is handled as the docs advise:
// wait Retry-After and try again; it is counted on `rate_limited`, never as a failure (RL-03).
// Unexpected statuses are counted on `failed_requests` with the Correlation-Id, which the load
// report (src/load-report/aggregate.ts) lists so a failure can be found in the server's logs.

import http, { type Response } from 'k6/http';
import { sleep } from 'k6';
import { randomBytes } from 'k6/crypto';
import { ROUTES, settings, type RouteKey } from '../config.ts';
import { metric } from './metrics.ts';

const rateLimited = metric('rate_limited');
const failedRequests = metric('failed_requests');
const journeyStopped = metric('journey_stopped');

/** How often one request is retried after a 429 before its answer is handed back. */
const MAX_RATE_LIMIT_RETRIES = 5;
const MAX_RETRY_WAIT_S = 30;

/** One journey iteration: one Correlation-Id for all its requests, and its session once signed in. */
export interface Session {
  correlationId: string;
  token?: string;
  /** the last answer: which route, what status (why a journey stopped, when it does) */
  last?: { name: string; status: number };
}

/** A version 4 UUID from k6's crypto random bytes. */
export function uuid(): string {
  const b = new Uint8Array(randomBytes(16));
  b[6] = (b[6] & 0x0f) | 0x40;
  b[8] = (b[8] & 0x3f) | 0x80;
  const hex: string[] = [];
  for (let i = 0; i < 16; i++) hex.push((b[i] + 0x100).toString(16).slice(1));
  return `${hex.slice(0, 4).join('')}-${hex.slice(4, 6).join('')}-${hex.slice(6, 8).join('')}-${hex.slice(8, 10).join('')}-${hex.slice(10).join('')}`;
}

export function startIteration(): Session {
  return { correlationId: uuid() };
}

export interface RequestOptions {
  /** JSON body */
  body?: unknown;
  /** statuses that are a correct answer here (default 200); 429 is always handled */
  expected?: number[];
  /** query parameters, appended URL-encoded */
  query?: Record<string, string | number | boolean>;
}

const callbacks: Record<string, ReturnType<typeof http.expectedStatuses>> = {};
function expectedCallback(expected: number[]) {
  const key = expected.join(',');
  if (!callbacks[key]) callbacks[key] = http.expectedStatuses(...expected, 429);
  return callbacks[key];
}

function queryString(query: Record<string, string | number | boolean> | undefined): string {
  if (!query) return '';
  const parts = Object.keys(query).map((k) => `${encodeURIComponent(k)}=${encodeURIComponent(String(query[k]))}`);
  return parts.length ? `?${parts.join('&')}` : '';
}

/** Seconds to wait after a 429: Retry-After as seconds or an HTTP date; 1 s doubling when absent. */
export function retryAfterSeconds(res: Response, attempt: number): number {
  const raw = res.headers['Retry-After'];
  let wait = Math.pow(2, attempt);
  if (raw !== undefined && /^\d+$/.test(raw.trim())) wait = Number(raw.trim());
  else if (raw !== undefined && !isNaN(Date.parse(raw))) wait = Math.max(0, (Date.parse(raw) - Date.now()) / 1000);
  return Math.min(wait, MAX_RETRY_WAIT_S);
}

/**
 * Sends one request of a route: `path` is the concrete path (ids filled in), the route key gives the
 * `name` tag. Returns the final answer (after any 429 retries).
 */
export function send(s: Session, method: string, route: RouteKey, path: string, opts: RequestOptions = {}): Response {
  const { name, api } = ROUTES.routes[route];
  const expected = opts.expected || [200];
  const headers: Record<string, string> = {
    Accept: 'application/json',
    'X-Api-Version': settings.apiVersion,
    'Correlation-Id': s.correlationId,
  };
  if (s.token) headers['X-BFF-Token'] = s.token;
  let body: string | null = null;
  if (opts.body !== undefined) {
    headers['Content-Type'] = 'application/json';
    body = JSON.stringify(opts.body);
  }
  const params = { headers, tags: { name, api }, responseCallback: expectedCallback(expected) };
  const url = settings.baseUrl + path + queryString(opts.query);
  let res = http.request(method, url, body, params);
  for (let attempt = 0; res.status === 429 && attempt < MAX_RATE_LIMIT_RETRIES; attempt++) {
    rateLimited.add(1, { name });
    sleep(retryAfterSeconds(res, attempt));
    res = http.request(method, url, body, params);
  }
  s.last = { name, status: res.status };
  if (res.status === 429) rateLimited.add(1, { name });
  else if (expected.indexOf(res.status) < 0) {
    failedRequests.add(1, { name, method, status: String(res.status), correlation_id: s.correlationId });
  }
  return res;
}

// k6's Response is a host object (no properties can be added), and an answer's body is read right
// after it arrives, by its action and its checks, before the next request: one memo slot suffices.
let memoRes: Response | undefined;
let memoBody: unknown;

/** The parsed JSON body (parsed once per answer), or undefined when there is none or it is not JSON. */
export function json<T>(res: Response): T | undefined {
  if (res === memoRes) return memoBody as T | undefined;
  let body: unknown;
  if (typeof res.body === 'string' && res.body.length > 0) {
    try {
      body = JSON.parse(res.body);
    } catch (e) {
      body = undefined;
    }
  }
  memoRes = res;
  memoBody = body;
  return body as T | undefined;
}

/**
 * A journey that ends early says where and why (the last answer): the report names it as the
 * reason a later route got no samples, e.g. "buy stopped at Sign in: POST /auth/login answered 401".
 */
export function stopped(s: Session, journey: string, step: string): void {
  const why = s.last ? `${s.last.name} answered ${s.last.status}` : 'no request was answered';
  journeyStopped.add(1, { journey, step, why });
}

/** A person's pause between steps. */
export function think(seconds = settings.thinkTime): void {
  if (seconds > 0) sleep(seconds);
}

/** One of a list, uniformly at random; undefined for an empty list. */
export function pick<T>(items: ArrayLike<T>): T | undefined {
  if (items.length === 0) return undefined;
  return items[Math.floor(Math.random() * items.length)];
}
