// Retry layer: honours 429 + Retry-After (seconds or HTTP date; absent → 1 s, doubling) and
// retries idempotent requests on 502/503/504 with exponential backoff and jitter. Both bounded:
// a few attempts and a total waiting budget per request; a wait moves the request's deadline by
// its length, so a request ends within --timeout of the target's own time plus maxWaitMs. Off when the request says retry: false
// (the rate-limit suite wants to see the raw 429s).

import type { Dispatcher } from 'undici';
import { type ReplayPolicy, replayInterceptor } from './replay.js';
import { parseJson, responseHeaders } from '../reader.js';
import { stateOf } from './state.js';

export interface RetryOptions {
  /** 429 answers retried per request */
  maxRateLimitRetries: number;
  /** 502/503/504 answers retried per idempotent request */
  maxServerRetries: number;
  /** total time one request may spend waiting between attempts */
  maxWaitMs: number;
  /** first backoff step for 5xx (doubles each attempt, plus up to 50% jitter) */
  backoffBaseMs: number;
  /** idempotent requests sent again after transport trouble (reset, refused, connect timeout); see client.ts */
  maxTransportRetries: number;
}

export const DEFAULT_RETRY: RetryOptions = {
  maxRateLimitRetries: 4,
  maxServerRetries: 3,
  maxWaitMs: 20_000,
  backoffBaseMs: 200,
  maxTransportRetries: 2,
};

export const IDEMPOTENT: ReadonlySet<string> = new Set(['GET', 'HEAD', 'PUT', 'DELETE', 'OPTIONS']);
const GATEWAY = new Set([502, 503, 504]);

function header(headers: Record<string, string | string[] | undefined>, name: string): string | undefined {
  const v = headers[name.toLowerCase()];
  return Array.isArray(v) ? v[0] : v;
}

/** Milliseconds to wait for a Retry-After value, or undefined when absent or unreadable. */
export function parseRetryAfter(value: string | undefined, now = Date.now()): number | undefined {
  if (value === undefined) return undefined;
  const trimmed = value.trim();
  if (/^\d+$/.test(trimmed)) return Number(trimmed) * 1000;
  const date = Date.parse(trimmed);
  if (Number.isNaN(date)) return undefined;
  return Math.max(0, date - now);
}

/** Connection-level failures worth sending an idempotent request again for (never DEADLINE: the total deadline is spent). */
export const TRANSPORT_ERRORS: ReadonlySet<string> = new Set(['ECONNRESET', 'ECONNREFUSED', 'EPIPE', 'UND_ERR_SOCKET', 'UND_ERR_CLOSED', 'UND_ERR_CONNECT_TIMEOUT']);

export const sleep = (ms: number): Promise<void> => new Promise<void>((resolve) => setTimeout(resolve, ms));

export function retryInterceptor(options: Partial<RetryOptions> = {}): Dispatcher.DispatcherComposeInterceptor {
  const o = { ...DEFAULT_RETRY, ...options };

  /** How long to wait before the next attempt, or undefined when the policy gives up. */
  const plan = (opts: Dispatcher.DispatchOptions, status: number, headers: Record<string, string | string[] | undefined>, attempt: number) => {
    const state = stateOf(opts);
    if (!state || !state.retry) return undefined;
    let wait: number;
    let why: string;
    if (status === 429) {
      if (state.rateLimited >= o.maxRateLimitRetries) return undefined;
      const raw = header(headers, 'retry-after');
      const parsed = parseRetryAfter(raw);
      wait = parsed ?? 1000 * 2 ** state.rateLimited;
      why = raw !== undefined ? `429 (Retry-After: ${raw})` : '429 (no Retry-After)';
    } else if (GATEWAY.has(status) && IDEMPOTENT.has(opts.method.toUpperCase())) {
      const serverRetries = attempt - state.rateLimited;
      if (serverRetries >= o.maxServerRetries) return undefined;
      const step = o.backoffBaseMs * 2 ** serverRetries;
      wait = Math.round(step + Math.random() * step * 0.5);
      why = String(status);
    } else {
      return undefined;
    }
    if (state.waitedMs + wait > o.maxWaitMs) return undefined;
    return { wait, why };
  };

  const policy: ReplayPolicy = {
    wants: (opts, status, headers, attempt) => plan(opts, status, headers, attempt) !== undefined,
    async prepare(opts, held, attempt) {
      const state = stateOf(opts);
      const next = plan(opts, held.status, held.headers, attempt);
      if (!state || !next) {
        if (state) state.notes.push(`gave up retrying after ${held.status}: retry budget spent`);
        return undefined;
      }
      // the wait is the tool's choice, not the target's slowness: it moves the deadline (bounded by maxWaitMs)
      state.deadlineAt += next.wait;
      await sleep(next.wait);
      state.waitedMs += next.wait;
      if (held.status === 429) state.rateLimited++;
      // a gateway answer is still an answer: its body and headers are judged (ERR-01..03, HDR) like the last one
      else {
        const text = Buffer.concat(held.chunks).toString('utf8');
        state.retried.push({ status: held.status, headers: responseHeaders(held.headers), text, json: parseJson(text) });
        state.trouble.push(String(held.status));
      }
      state.notes.push(`retried after ${next.why}, waited ${next.wait} ms`);
      return opts;
    },
  };
  return replayInterceptor(policy);
}
