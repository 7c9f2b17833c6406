// Fixed-window rate limits per client (IP + token, if any) and route family (RL-01..03).
// A rejected request gets 429 with Retry-After per mode; once the window ends requests pass again.

import { ApiError } from './errors.js';
import type { FaultSet } from './faults.js';
import type { RateLimitConfig, ServerModes } from './types.js';

export type Family = 'default' | 'search' | 'auth';

interface Window {
  start: number;
  count: number;
  /** fault rl-retry-after-too-short: blocked well past the advertised Retry-After */
  blockedUntil: number;
}

export class RateLimiter {
  private readonly windows = new Map<string, Window>();

  constructor(
    private readonly limits: RateLimitConfig,
    private readonly retryAfter: ServerModes['retryAfter'],
    private readonly faults: FaultSet,
    /** the envelope code of a 429 (another pack names it otherwise: v2 says RATE_LIMITED) */
    private readonly code = 'RATE_LIMIT_EXCEEDED',
  ) {}

  /** Count one request; throws the 429 ApiError when the client is over its limit. */
  hit(family: Family, client: string, now = Date.now()): void {
    const key = family + '|' + client;
    let w = this.windows.get(key);
    if (!w || now - w.start >= this.limits.windowMs) {
      if (w && w.blockedUntil > now) {
        throw this.reject(1000);
      }
      if (this.windows.size > 50_000) this.sweep(now);
      w = { start: now, count: 0, blockedUntil: 0 };
      this.windows.set(key, w);
    }
    w.count++;
    if (w.count <= this.limits[family]) return;
    if (this.faults.has('rl-retry-after-too-short')) {
      if (!w.blockedUntil) w.blockedUntil = now + 60_000;
      throw this.reject(1000);
    }
    throw this.reject(w.start + this.limits.windowMs - now);
  }

  private reject(waitMs: number): ApiError {
    const headers: Record<string, string> = {};
    const seconds = Math.max(1, Math.ceil(waitMs / 1000));
    if (this.faults.has('rl-retry-after-fractional')) headers['retry-after'] = (waitMs / 1000 + 0.5).toFixed(1);
    else if (this.retryAfter === 'seconds') headers['retry-after'] = String(seconds);
    else if (this.retryAfter === 'http-date') {
      // rounded up to the next whole second: waiting until then always clears the window
      headers['retry-after'] = new Date((Math.floor(Date.now() / 1000) + seconds + 1) * 1000).toUTCString();
    }
    const code = this.faults.has('rl-429-wrong-code') ? 'TOO_MANY_REQUESTS' : this.code;
    return new ApiError(429, 'Too many requests, please try again later', code, undefined, headers);
  }

  private sweep(now: number): void {
    for (const [key, w] of this.windows) {
      if (now - w.start >= this.limits.windowMs && w.blockedUntil <= now) this.windows.delete(key);
    }
  }
}
