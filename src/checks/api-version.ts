// V2-VER-01: every response carries the API version header with a value of the pack's pattern
// (pack.yaml headers.apiVersionPattern: '^2(\.[0-9]+)?$' for v2). It provokes a success, a 404, a
// 401, a 400 and a 415, then reports the run-wide judge (src/engine/answer-log.ts), which judged
// every answer of the run as it came. The BFF's version header echoes the request instead (HDR-03).

import { randomBytes } from 'node:crypto';
import { readable } from './assert.js';
import { judgedRunWide } from './run-wide.js';
import type { CheckContext, CheckDef } from './types.js';

async function everyAnswer(ctx: CheckContext): Promise<void> {
  const h = ctx.contract.conventions.headers;
  if (!h.apiVersionPattern) return ctx.skip(`pack ${ctx.contract.name} gives no apiVersionPattern`);
  const publicRead = ctx.contract.operations.find((o) => readable(o) && o.auth === 'public' && !o.path.includes('{'));
  const customerRead = ctx.contract.operations.find((o) => readable(o) && o.auth === 'customer' && !o.path.includes('{'));
  const login = ctx.contract.byId(ctx.contract.conventions.auth.login.operationId);
  if (publicRead) await ctx.send({ method: 'GET', path: publicRead.path, query: publicRead.requiredQuery });
  await ctx.send({ method: 'GET', path: `/zz-storefront-check-${randomBytes(4).toString('hex')}` });
  if (customerRead) await ctx.send({ method: 'GET', path: customerRead.path, auth: 'none', relogin: false });
  await ctx.send({ method: login.method, path: login.path, body: '{"storefront-check": ', headers: { 'Content-Type': 'application/json' } });
  await ctx.send({ method: login.method, path: login.path, body: 'plain text', headers: { 'Content-Type': 'text/plain' } });
  judgedRunWide(ctx, 'V2-VER-01');
}

export const apiVersionChecks: CheckDef[] = [
  // atEnd: the run-wide judge has then seen the answers of every other check
  { slug: 'every-answer', clause: 'V2-VER-01', endpoint: '*', atEnd: true, title: 'every response carries the API version header of the pack', run: everyAnswer },
];
