// The per-request state the interceptors of the one client share. It rides on the dispatch
// options under STATE_KEY (undici passes unknown option keys through), so every layer can read
// what the request asked for (credential, retry, relogin) and write down what it did (notes).

import type { Dispatcher } from 'undici';
import type { Credential, RecordedRequest, RecordedResponse } from '../types.js';

export const STATE_KEY = 'storefront';

export interface RequestState {
  credential: Credential;
  retry: boolean;
  relogin: boolean;
  /** what the client did on the way; becomes Exchange.notes */
  notes: string[];
  /** 502/503/504 answers the client sent the request again after; becomes Exchange.retried */
  retried: RecordedResponse[];
  /** the transport trouble each of those retries answered ('503', 'transport error ECONNRESET'); becomes Exchange.trouble */
  trouble: string[];
  /** attempts sent on the wire (capture counts them) */
  attempts: number;
  /** the last attempt as sent (capture writes it) */
  sent?: RecordedRequest;
  /** time spent waiting between attempts (retry budget) */
  waitedMs: number;
  /** Date.now() by which the whole request must be over; each retry wait moves it by the wait (bounded) */
  deadlineAt: number;
  /** 429 answers retried so far (for the doubling wait when Retry-After is absent) */
  rateLimited: number;
  /** the login request itself: allowed on production (ENV-02) */
  isLogin: boolean;
  /** the logout request: allowed on production only to end a session the run opened */
  isLogout?: boolean;
}

export type StatefulOptions = Dispatcher.DispatchOptions & { [STATE_KEY]?: RequestState };

export function stateOf(opts: Dispatcher.DispatchOptions): RequestState | undefined {
  return (opts as StatefulOptions)[STATE_KEY];
}

export function headerRecord(headers: Dispatcher.DispatchOptions['headers']): Record<string, string> {
  const out: Record<string, string> = {};
  if (!headers) return out;
  if (Array.isArray(headers)) {
    for (let i = 0; i + 1 < headers.length; i += 2) out[String(headers[i])] = String(headers[i + 1]);
    return out;
  }
  for (const [k, v] of Object.entries(headers as Record<string, unknown>)) {
    if (v === undefined || v === null) continue;
    out[k] = Array.isArray(v) ? v.join(', ') : String(v);
  }
  return out;
}

/** Same options with one header set (case-insensitively replacing an existing one). */
export function withHeader(opts: Dispatcher.DispatchOptions, name: string, value: string): Dispatcher.DispatchOptions {
  const headers = headerRecord(opts.headers);
  for (const key of Object.keys(headers)) if (key.toLowerCase() === name.toLowerCase()) delete headers[key];
  headers[name] = value;
  return { ...opts, headers };
}
