// V2-AUTH-05 (refresh tokens rotate) and V2-AUTH-06 (one customer cannot read or change another's
// address, order, payment or member basket: 403 or 404, and the resource is unchanged). The
// operations are the v2 catalogue's: this family belongs to storefront-v2.

import { randomBytes } from 'node:crypto';
import { answered, expectEnvelope, expectStatus, isObject, pointer } from './assert.js';
import { call, firstDifference, freshLogin, idAt, objectBody, type Json } from './flows.js';
import { addressBody, basketWithLine, newPayment, placedOrder } from './order-flows.js';
import type { CheckContext, CheckDef } from './types.js';
import type { Exchange } from '../http/types.js';

/** V2-AUTH-05: a refresh gives a working token pair; the spent refresh token gives 401 a second time. */
async function rotation(ctx: CheckContext): Promise<void> {
  const r = ctx.contract.conventions.auth.refresh;
  if (!r?.refreshTokenField || !r.refreshTokenPointer) return ctx.skip(`pack ${ctx.contract.name} has no refresh token in a body`);
  const s = await freshLogin(ctx);
  const refreshToken = pointer(s.exchange.response?.json, r.refreshTokenPointer);
  if (typeof refreshToken !== 'string') ctx.fail(`${answered(s.exchange)} without a refresh token at ${r.refreshTokenPointer} (V2-AUTH-05)`, s.exchange);
  const first = await call(ctx, r.operationId, { json: { [r.refreshTokenField]: refreshToken } });
  const pair = objectBody(ctx, first, 200);
  const token = pointer(pair, r.tokenPointer);
  if (typeof token !== 'string' || typeof pointer(pair, r.refreshTokenPointer) !== 'string' || !(Number(pair.expiresIn) > 0)) {
    ctx.fail(`${answered(first)} without a new token, refreshToken and expiresIn > 0 (V2-AUTH-05)`, first);
  }
  expectStatus(ctx, await call(ctx, 'getMe', { auth: { token, as: 'customer' }, relogin: false }), 200);
  const again = await call(ctx, r.operationId, { json: { [r.refreshTokenField]: refreshToken } });
  expectEnvelope(ctx, again, { status: 401 });
}

/** One resource of customer 1: how customer 2 reads and changes it, and how its owner reads it back. */
interface Foreign {
  what: string;
  make(ctx: CheckContext): Promise<Record<string, string>>;
  read: string;
  writes: Array<{ operationId: string; json?: Json }>;
}

const FOREIGN: Foreign[] = [
  {
    what: 'address',
    make: async (ctx) => {
      const addressId = idAt(ctx, await call(ctx, 'createAddress', { json: addressBody('owner') }));
      ctx.cleanup(() => call(ctx, 'deleteAddress', { params: { addressId } }));
      return { addressId };
    }, read: 'listAddresses', writes: [{ operationId: 'updateAddress', json: addressBody('intruder') }, { operationId: 'deleteAddress' }] },
  { what: 'order', make: async (ctx) => ({ orderId: String((await placedOrder(ctx)).id) }), read: 'getOrder', writes: [{ operationId: 'cancelOrder' }] },
  { what: 'payment', make: async (ctx) => ({ paymentId: String((await newPayment(ctx, true)).id) }), read: 'getPayment', writes: [{ operationId: 'cancelPayment' }, { operationId: 'submitOtp', json: { code: '000000' } }] },
  { what: 'member basket', make: async (ctx) => ({ basketId: String((await basketWithLine(ctx, 'customer')).basket.id) }), read: 'getBasket', writes: [{ operationId: 'removeBasketDiscount' }] },
];

async function ownerView(ctx: CheckContext, f: Foreign, params: Record<string, string>): Promise<{ ex: Exchange; body: unknown }> {
  const ex = await call(ctx, f.read, { params, auth: 'customer' });
  const body = objectBody(ctx, ex, 200);
  if (f.read === 'listAddresses') return { ex, body: ((body.items ?? []) as Json[]).find((a) => isObject(a) && a.id === params.addressId) };
  return { ex, body: Object.fromEntries(Object.entries(body).filter(([k]) => k !== 'updatedAt')) };
}

function foreign(f: Foreign): CheckDef {
  return {
    slug: `foreign-${f.what.replace(' ', '-')}`, clause: 'V2-AUTH-06', endpoint: '*', writes: true, needs: ['customer', 'customer2'],
    title: `another customer cannot read or change the ${f.what} (403/404, unchanged)`,
    async run(ctx) {
      const params = await f.make(ctx);
      const before = await ownerView(ctx, f, params);
      if (f.read !== 'listAddresses') expectEnvelope(ctx, await call(ctx, f.read, { params, auth: 'customer2' }), { status: [403, 404] });
      for (const w of f.writes) {
        const ex = await call(ctx, w.operationId, { params, auth: 'customer2', ...(w.json ? { json: w.json } : {}) });
        expectEnvelope(ctx, ex, { status: [403, 404] });
      }
      const after = await ownerView(ctx, f, params);
      const diff = firstDifference(before.body, after.body);
      if (diff !== undefined) ctx.fail(`after customer 2's attempts, the ${f.what} differs at ${diff || '(root)'}: it must be unchanged (V2-AUTH-06)`, before.ex, after.ex);
    },
  };
}

/** V2-AUTH-04: the token as the pack says (the raw JWT in Authorization) is accepted on every customer read. */
async function rawTokenAccepted(ctx: CheckContext): Promise<void> {
  const s = await freshLogin(ctx);
  const reads = ctx.contract.operations.filter((o) => o.auth === 'customer' && o.method === 'GET' && !o.path.includes('{'));
  for (const o of reads) {
    const ex = await ctx.send({ method: 'GET', path: o.path, auth: { token: s.token, as: 'customer' }, relogin: false });
    if (ex.response?.status !== 200) ctx.fail(`${answered(ex)} to a fresh token sent as ${ctx.contract.conventions.auth.customer.header}: ${ctx.contract.conventions.auth.customer.scheme === 'raw' ? '<token>' : 'Bearer <token>'}; it must be accepted (V2-AUTH-04)`, ex);
  }
  ctx.note(`${reads.length} customer reads accept the token`);
}

/** V2-FMT-03 for a customer the check registers: its version is an integer >= 1 from the start, createdAt <= updatedAt. */
async function newCustomer(ctx: CheckContext): Promise<void> {
  const email = `storefront-check-${randomBytes(5).toString('hex')}@example.com`;
  const reg = await call(ctx, 'register', { json: { email, password: `Pw-${randomBytes(6).toString('hex')}`, firstName: 'Storefront', lastName: 'Check' } });
  const token = pointer(objectBody(ctx, reg, 201), ctx.contract.conventions.auth.login.tokenPointer);
  if (typeof token !== 'string') ctx.fail(`${answered(reg)} without a token`, reg);
  for (const ex of [reg, await call(ctx, 'getMe', { auth: { token, as: 'customer' }, relogin: false })]) {
    const c = (pointer(ex.response?.json, '/customer') ?? ex.response?.json) as Json;
    if ('version' in c && (!Number.isInteger(c.version) || Number(c.version) < 1)) ctx.fail(`${answered(ex)} with version ${JSON.stringify(c.version)} for a new customer; a version is an integer >= 1 (V2-FMT-03)`, ex);
    if (typeof c.createdAt === 'string' && typeof c.updatedAt === 'string' && Date.parse(c.createdAt) > Date.parse(c.updatedAt)) ctx.fail(`${answered(ex)} with createdAt after updatedAt (V2-FMT-03)`, ex);
  }
}

export const customerAuthChecks: CheckDef[] = [
  { slug: 'new-customer-version', clause: 'V2-FMT-03', endpoint: 'POST /customers/register', writes: true, title: 'a newly registered customer has a version >= 1 and createdAt <= updatedAt', run: newCustomer },
  { slug: 'token-accepted', clause: 'V2-AUTH-04', endpoint: '*', needs: ['customer'], title: 'a fresh token in the documented header and scheme is accepted on every customer read', run: rawTokenAccepted },
  { slug: 'refresh-rotation', clause: 'V2-AUTH-05', endpoint: 'POST /customers/token/refresh', needs: ['customer'], writes: true, title: 'a refresh gives a working token pair and the spent refresh token 401', run: rotation },
  ...FOREIGN.map(foreign),
];
