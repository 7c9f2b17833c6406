// 502/503/504 are not a free pass (ERR-01, ERR-07). Their bodies are error answers like any other
// and go to the envelope judges, unless the operation documents that very status with a body of
// its own (/health/ready's 503 `{ status: "DOWN" }`). And a gateway status is only a downstream
// outage's when it clears: at the end of the run each GET/HEAD that met one is sent again; one that
// still answers 5xx while the rest of the API answers is a crash dressed as an outage. The gateway
// answers come from the run-wide log (src/engine/answer-log.ts): the whole run, not the last 2,000.

import type { Exchange, RequestSpec } from '../http/types.js';
import { answered } from './assert.js';
import type { CheckContext, CheckDef, GatewayLog, JudgeScope } from './types.js';

export const GATEWAY: ReadonlySet<number> = new Set([502, 503, 504]);
const MAX_RESENT = 10;

/** A 5xx status the exchange's operation documents with a body of its own (not the envelope). */
export function documentedServerStatus(ctx: JudgeScope, ex: Exchange): boolean {
  const status = ex.response?.status ?? 0;
  if (status < 500 || !ex.operationId) return false;
  const op = ctx.contract.operations.find((o) => o.operationId === ex.operationId);
  return Boolean(op?.responses.some((r) => r.status === String(status) && r.hasBody));
}

/** An answer the envelope judges (ERR-01..03) read: any 4xx/5xx but to HEAD and documented 5xx bodies. */
export function judgedErrorAnswer(ctx: JudgeScope, ex: Exchange): boolean {
  return (ex.response?.status ?? 0) >= 400 && ex.request.method !== 'HEAD' && !documentedServerStatus(ctx, ex);
}

/** The same request again, as the run's client sends it (credential by the header the exchange carried). */
function again(ctx: CheckContext, ex: Exchange): RequestSpec {
  const url = ex.request.url;
  const path = url.startsWith(ctx.target.baseUrl) ? url.slice(ctx.target.baseUrl.length) : new URL(url).pathname + new URL(url).search;
  const auth = ctx.contract.conventions.auth;
  const has = (h: string) => Object.keys(ex.request.headers).some((k) => k.toLowerCase() === h.toLowerCase());
  return { method: ex.request.method, path, auth: has(auth.customer.header) ? 'customer' : has(auth.service.header) ? 'service' : 'none' };
}

/** The run's gateway answers: from the run-wide log (the whole run), else from the client's recent exchanges. */
function gatewayAnswers(ctx: CheckContext): GatewayLog {
  const logged = ctx.gatewayAnswers?.();
  if (logged) return logged;
  const seen = new Map<string, Exchange>();
  for (const ex of ctx.http.exchanges()) {
    const status = ex.response?.status ?? 0;
    if (GATEWAY.has(status) && ['GET', 'HEAD'].includes(ex.request.method) && !documentedServerStatus(ctx, ex)) seen.set(`${ex.request.method} ${ex.request.url}`, ex);
  }
  return { met: [...seen.values()], count: seen.size, healthy: ctx.http.exchanges().some((ex) => (ex.response?.status ?? 500) < 500) };
}

async function gatewayClears(ctx: CheckContext): Promise<void> {
  const { met, count, healthy } = gatewayAnswers(ctx);
  if (!count) return ctx.note('no 502/503/504 answer met');
  const first = met.slice(0, MAX_RESENT);
  const answers = await ctx.sendAll(first.map((ex) => again(ctx, ex)));
  const persistent = first.flatMap((ex, i) => ((answers[i]!.response?.status ?? 0) >= 500 ? [[ex, answers[i]!] as const] : []));
  if (persistent.length && healthy) {
    const [ex, later] = persistent[0]!;
    ctx.fail(
      `${persistent.length} of ${first.length} request(s) that met a gateway status still answer 5xx when sent again at the end (after the client's own retries), e.g. ${answered(ex)} and later ${answered(later)}, ` +
        `while the rest of the API answers: a persistent 5xx on one request is a crash answered as an outage; 502/503/504 are a real downstream outage's only (ERR-07)`,
      ...persistent.slice(0, 2).flat(),
    );
  }
  ctx.note(`${count} request(s) met 502/503/504; ${first.length === count ? 'each' : `the first ${first.length}`} cleared when sent again`);
}

export const gatewayChecks: CheckDef[] = [
  { slug: 'gateway-answers-clear', clause: 'ERR-07', title: 'a 502/503/504 clears when the request is sent again', endpoint: '*', atEnd: true, run: gatewayClears },
];
