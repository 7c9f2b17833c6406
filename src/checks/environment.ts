// ENV-01 / ENV-02 are about the tool, not the API: the target the run resolved answers at its base
// URL and is the one the requests went to; a production target (by the pack's environments table,
// by name or host) is marked production and read-only, which is what gates writes (the harness skips
// `writes: true` checks, the client's guard refuses anything but GET/HEAD/login).

import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { parse } from 'yaml';
import { answered, body, expectStatus, isObject, requestLine } from './assert.js';
import { call, op } from './flows.js';
import type { CheckContext, CheckDef } from './types.js';

interface EnvEntry {
  baseUrl: string;
  aliases?: string[];
  production?: boolean;
}

/** schemas/<pack>/environments.yaml, the table ENV-01 resolves --env against. */
function environments(ctx: CheckContext): Record<string, EnvEntry> {
  try {
    const doc = parse(readFileSync(join(ctx.contract.dir, 'environments.yaml'), 'utf8')) as { environments?: Record<string, EnvEntry> };
    return doc.environments ?? {};
  } catch {
    return ctx.skip(`the pack ${ctx.contract.name} has no readable environments.yaml`);
  }
}

const host = (url: string) => {
  try {
    return new URL(url).host.toLowerCase();
  } catch {
    return '';
  }
};

const LOOPBACK = /^(127\.\d+\.\d+\.\d+|localhost|\[::1\])(:\d+)?$/;

const targetAnswers: CheckDef = {
  slug: 'target-answers', clause: 'ENV-01', endpoint: 'GET /health/live',
  title: 'the resolved target answers at its base URL and is the one the requests go to',
  async run(ctx: CheckContext) {
    const t = ctx.target;
    const ex = await call(ctx, op(ctx, 'healthLive').operationId, { auth: 'none' });
    if (!ex.request.url.startsWith(`${t.baseUrl.replace(/\/+$/, '')}/`)) {
      ctx.fail(`${requestLine(ex)} went to ${ex.request.url}, not to the reported target ${t.baseUrl}`, ex);
    }
    expectStatus(ctx, ex, 200);
    if (!isObject(body(ex)) || (body(ex) as Record<string, unknown>).status !== 'UP') {
      ctx.fail(`${answered(ex)} but not with { status: "UP" }: is ${t.baseUrl} a Storefront BFF?`, ex);
    }
    const table = environments(ctx);
    const named = table[t.env];
    if (t.embedded && !LOOPBACK.test(host(t.baseUrl))) ctx.fail(`the embedded reference server is reported at ${t.baseUrl}, not on a loopback address`);
    if (named && host(named.baseUrl) !== host(t.baseUrl)) ctx.note(`--env ${t.env} with --base-url ${t.baseUrl} overriding ${named.baseUrl}`);
    ctx.note(`${t.env} target ${t.baseUrl} answered`);
  },
};

const productionGated: CheckDef = {
  slug: 'production-read-only', clause: 'ENV-02', endpoint: '*',
  title: "a production target (by name or host) is marked production and read-only",
  async run(ctx: CheckContext) {
    const t = ctx.target;
    const prodHosts = Object.entries(environments(ctx)).filter(([, e]) => e.production).map(([name, e]) => [name, host(e.baseUrl)]);
    const match = prodHosts.find(([name, h]) => h === host(t.baseUrl) || name === t.env);
    if ((match || t.production) && !(t.production && t.readOnly)) {
      ctx.fail(`the target ${t.baseUrl} (env ${t.env}) is production but the run has production=${t.production}, readOnly=${t.readOnly}: writes would not be gated`);
    }
    ctx.note(match || t.production ? `production target gated (read-only)` : `${host(t.baseUrl)} is not a production host: writes allowed`);
  },
};

export const environmentChecks: CheckDef[] = [targetAnswers, productionGated];
