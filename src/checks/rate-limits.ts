// RL-01..04: one bounded burst (the run's probe budget, never against production) against the
// strictest route family, search first, with client retries off; the 429 it meets is then judged
// (envelope, Retry-After) and the recovery after waiting is verified. No 429 within the budget is
// "not observed": RL-01..03 are skipped with that reason, RL-04 (SHOULD) reports it.

import { answered, excerpt, expectEnvelope, header } from './assert.js';
import type { CheckContext, CheckDef } from './types.js';
import type { Operation } from '../contract/types.js';
import type { Exchange, RequestSpec } from '../http/types.js';

interface Probe {
  spec: RequestSpec;
  sent: number;
  ms: number;
  hit?: Exchange;
}

/** requests of the burst in flight at once: enough that a window of ~100 requests is spent well within it, even far away */
const PARALLEL = 32;

/** Search (stricter limits) first, else any public GET without path parameters. */
function probeTarget(ops: Operation[]): Operation | undefined {
  const candidates = ops.filter((o) => o.method === 'GET' && o.auth === 'public' && Object.keys(o.params).length === 0);
  return candidates.find((o) => o.path.startsWith('/search')) ?? candidates.find((o) => !o.path.startsWith('/health')) ?? candidates[0];
}

function probe(ctx: CheckContext): Promise<Probe> {
  if (ctx.target.production) ctx.skip('no rate-limit burst is sent to production (ENV-02)');
  return ctx.memo('rl:probe', async () => {
    const o = probeTarget(ctx.contract.operations);
    if (!o) ctx.skip('the catalogue has no public GET endpoint to probe');
    const spec: RequestSpec = { method: 'GET', path: o.path, query: o.requiredQuery, auth: 'none', retry: false };
    const { maxRequests, maxSeconds } = ctx.target.rateLimitProbe;
    const start = Date.now();
    let sent = 0;
    let hit: Exchange | undefined;
    while (!hit && sent < maxRequests && Date.now() - start < maxSeconds * 1000) {
      const n = Math.min(PARALLEL, maxRequests - sent);
      const batch = await Promise.all(Array.from({ length: n }, () => ctx.send(spec)));
      sent += n;
      hit = batch.find((ex) => ex.response?.status === ctx.contract.conventions.rateLimit.status);
    }
    return { spec, sent, ms: Date.now() - start, hit };
  });
}

const notObserved = (p: Probe) => `no ${p.spec.method} ${p.spec.path} burst of ${p.sent} requests in ${(p.ms / 1000).toFixed(1)} s met a 429: not observed`;

async function hit(ctx: CheckContext): Promise<Exchange> {
  const p = await probe(ctx);
  if (!p.hit) ctx.skip(notObserved(p));
  return p.hit;
}

const DELTA = /^\d+$/;
const HTTP_DATE = [
  /^(Mon|Tue|Wed|Thu|Fri|Sat|Sun), \d{2} (Jan|Feb|Mar|Apr|May|Jun|Jul|Aug|Sep|Oct|Nov|Dec) \d{4} \d{2}:\d{2}:\d{2} GMT$/, // IMF-fixdate
  /^(Monday|Tuesday|Wednesday|Thursday|Friday|Saturday|Sunday), \d{2}-[A-Z][a-z]{2}-\d{2} \d{2}:\d{2}:\d{2} GMT$/, // RFC 850
  /^(Mon|Tue|Wed|Thu|Fri|Sat|Sun) [A-Z][a-z]{2} [ \d]\d \d{2}:\d{2}:\d{2} \d{4}$/, // asctime
];

export function validRetryAfter(v: string): boolean {
  return DELTA.test(v) || (HTTP_DATE.some((re) => re.test(v)) && !Number.isNaN(Date.parse(v)));
}

/** How long Retry-After asks to wait in ms (a date against the response's own Date), or undefined. */
export function retryAfterMs(ex: Exchange, name: string): number | undefined {
  const v = header(ex, name)?.trim();
  if (v === undefined || !validRetryAfter(v)) return undefined;
  if (DELTA.test(v)) return Number(v) * 1000;
  const now = Date.parse(header(ex, 'date') ?? '') || Date.now();
  return Math.max(0, Date.parse(v) - now);
}

/** Slack on top of what Retry-After asks: rounding of seconds, whole-second resolution of dates. */
const slack = (ex: Exchange, name: string) => (DELTA.test(header(ex, name)?.trim() ?? '') ? 250 : 1000);

const status429: CheckDef = {
  slug: 'status-and-code', clause: 'RL-01', endpoint: 'GET /search',
  title: 'a hit limit answers 429 with the envelope and code RATE_LIMIT_EXCEEDED',
  async run(ctx: CheckContext) {
    const ex = await hit(ctx);
    expectEnvelope(ctx, ex, { status: ctx.contract.conventions.rateLimit.status, code: ctx.contract.conventions.rateLimit.code });
  },
};

const retryAfterFormat: CheckDef = {
  slug: 'retry-after-format', clause: 'RL-02', endpoint: 'GET /search',
  title: 'Retry-After, when present, is whole seconds or an HTTP date',
  async run(ctx: CheckContext) {
    const name = ctx.contract.conventions.rateLimit.retryAfterHeader;
    const ex = await hit(ctx);
    const v = header(ex, name);
    if (v === undefined) return ctx.note(`the 429 carries no ${name} (allowed)`);
    if (!validRetryAfter(v.trim())) ctx.fail(`${answered(ex)} with ${name}: ${JSON.stringify(v)}; RL-02 allows a non-negative integer of seconds or an HTTP date`, ex);
  },
};

const recovers: CheckDef = {
  slug: 'recovers-after-wait', clause: 'RL-03', endpoint: 'GET /search',
  repeatable: false, // it waits up to the whole budget; a repeat would double that and prove nothing new
  title: 'after waiting Retry-After (or 1 s, doubling) requests succeed again',
  async run(ctx: CheckContext) {
    const name = ctx.contract.conventions.rateLimit.retryAfterHeader;
    const p = await probe(ctx);
    let last: Exchange = await hit(ctx);
    const budget = ctx.target.rateLimitProbe.maxSeconds * 1000;
    const seen: Exchange[] = [last];
    let waited = 0;
    let backoff = 1000;
    for (;;) {
      const asked = retryAfterMs(last, name);
      // without Retry-After: 1 s doubling, the last wait cut to what is left of the budget
      const wait = asked ?? Math.min(backoff, budget - waited);
      if (asked === undefined && wait <= 0) {
        // any window and no Retry-After are free choices: not clearing within the budget proves nothing
        ctx.skip(`still 429 after ${(waited / 1000).toFixed(1)} s of 1 s-doubling backoff and no ${name} says when: recovery not observed`);
      }
      if (asked !== undefined && waited + asked > budget) {
        if (waited === 0) ctx.skip(`${name} asks for ${(asked / 1000).toFixed(1)} s, more than the probe's budget of ${budget / 1000} s`);
        ctx.fail(`still 429 after waiting ${(waited / 1000).toFixed(1)} s as ${name} asked each time; RL-03 requires requests to succeed again`, ...seen.slice(-3));
      }
      const pause = wait + (asked === undefined ? 0 : slack(last, name));
      await new Promise((r) => setTimeout(r, pause));
      waited += wait;
      const ex = await ctx.send(p.spec);
      const st = ex.response?.status ?? 0;
      if (st >= 200 && st < 300) return ctx.note(`succeeded again after ${(waited / 1000).toFixed(1)} s`);
      if (st !== ctx.contract.conventions.rateLimit.status) ctx.fail(`after waiting ${(waited / 1000).toFixed(1)} s: ${answered(ex)}. ${excerpt(ex)}`, ex);
      seen.push(ex);
      last = ex;
      backoff *= 2;
    }
  },
};

const limitExists: CheckDef = {
  slug: 'limit-exists', clause: 'RL-04', endpoint: 'GET /search',
  title: "a burst within the probe's budget meets a 429",
  async run(ctx: CheckContext) {
    const p = await probe(ctx);
    if (!p.hit) ctx.fail(notObserved(p));
    ctx.note(`429 after ${p.sent} requests in ${(p.ms / 1000).toFixed(1)} s`);
  },
};

// the probe spends the client's request window: these run alone, after everything else
export const rateLimitChecks: CheckDef[] = [status429, retryAfterFormat, recovers, limitExists].map((def) => ({ ...def, exclusive: true }));
