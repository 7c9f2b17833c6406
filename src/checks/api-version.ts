// V2-VER-01: every response carries the API version header with a value of the pack's pattern
// (pack.yaml headers.apiVersionPattern: '^2(\.[0-9]+)?$' for v2). Judged over every answer the
// suite file sees, after provoking a success, a 404, a 401, a 400 and a 415. The BFF's version
// header echoes the request instead (HDR-03, src/checks/headers.ts).

import { randomBytes } from 'node:crypto';
import { answered, header, readable } from './assert.js';
import type { CheckContext, CheckDef } from './types.js';

async function everyAnswer(ctx: CheckContext): Promise<void> {
  const h = ctx.contract.conventions.headers;
  if (!h.apiVersionPattern) return ctx.skip(`pack ${ctx.contract.name} gives no apiVersionPattern`);
  const pattern = new RegExp(h.apiVersionPattern);
  const publicRead = ctx.contract.operations.find((o) => readable(o) && o.auth === 'public' && !o.path.includes('{'));
  const customerRead = ctx.contract.operations.find((o) => readable(o) && o.auth === 'customer' && !o.path.includes('{'));
  const login = ctx.contract.byId(ctx.contract.conventions.auth.login.operationId);
  if (publicRead) await ctx.send({ method: 'GET', path: publicRead.path, query: publicRead.requiredQuery });
  await ctx.send({ method: 'GET', path: `/zz-storefront-check-${randomBytes(4).toString('hex')}` });
  if (customerRead) await ctx.send({ method: 'GET', path: customerRead.path, auth: 'none', relogin: false });
  await ctx.send({ method: login.method, path: login.path, body: '{"storefront-check": ', headers: { 'Content-Type': 'application/json' } });
  await ctx.send({ method: login.method, path: login.path, body: 'plain text', headers: { 'Content-Type': 'text/plain' } });
  const all = ctx.http.exchanges().filter((ex) => ex.response);
  for (const ex of all) {
    const got = header(ex, h.apiVersion);
    if (!got || !pattern.test(got)) ctx.fail(`${answered(ex)} with ${h.apiVersion} ${JSON.stringify(got ?? null)}; every response carries one matching ${pattern.source} (V2-VER-01)`, ex);
  }
  ctx.note(`${all.length} answers carry ${h.apiVersion}`);
}

export const apiVersionChecks: CheckDef[] = [
  { slug: 'every-answer', clause: 'V2-VER-01', endpoint: '*', title: 'every response carries the API version header of the pack', run: everyAnswer },
];
