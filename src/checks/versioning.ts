// VER-01..03: the live order-history versions (/orders/v1, /orders/v2, unversioned = latest),
// versions that are not live, and the per-customer v1 history.

import { answered, body, excerpt, expectEnvelope, expectStatus, isObject, pagedEnvelope, pointer } from './assert.js';
import { call, fill, objectBody, op } from './flows.js';
import type { CheckContext, CheckDef } from './types.js';

/** CONTRACT.md Resources: an OrderV1 carries neither of these (they are what v2 added). */
const V2_ONLY = ['lineItems', 'totalAmount'];

/** Missing required top-level fields of `shape` in each item ('results/0: lineItems'). */
function missingFields(ctx: CheckContext, shape: string, items: unknown[]): string[] {
  return items.flatMap((item, i) =>
    ctx.validateShape(shape, item)
      .filter((x) => x.keyword === 'required' && /^\/[^/]+$/.test(x.pointer)) // a top-level field is missing
      .map((x) => `results/${i}${x.pointer} missing`),
  );
}

const liveVersions: CheckDef = {
  slug: 'live-versions', clause: 'VER-01', endpoint: 'GET /orders', needs: ['customer'],
  title: '/orders/v1 and /orders/v2 answer; /orders answers with the v2 representation',
  async run(ctx: CheckContext) {
    const page = async (operationId: string) => {
      const ex = await call(ctx, operationId);
      expectStatus(ctx, ex, 200);
      return { ex, items: pagedEnvelope(ctx, ex).results };
    };
    const v1 = await page('listOrdersV1');
    const v2 = await page('listOrdersV2');
    const latest = await page('listOrders');
    for (const [what, p] of [['/orders', latest], ['/orders/v2', v2]] as const) {
      const missing = missingFields(ctx, 'Order', p.items);
      if (missing.length) ctx.fail(`${answered(p.ex)} but its orders lack v2 fields (${missing.slice(0, 3).join('; ')}); ${what} must answer the v2 representation`, p.ex);
    }
    const leaked = v1.items.flatMap((o, i) => (isObject(o) ? V2_ONLY.filter((k) => k in o).map((k) => `results/${i}/${k}`) : []));
    const missing = missingFields(ctx, 'OrderV1', v1.items);
    if (leaked.length || missing.length) {
      ctx.fail(`${answered(v1.ex)} but not with the v1 representation: ${[...leaked.map((p) => `${p} present`), ...missing].slice(0, 4).join('; ')}`, v1.ex);
    }
    if (!latest.items.length) ctx.note('the customer has no orders: representations could not be compared');
  },
};

const notLive: CheckDef = {
  slug: 'not-live-versions', clause: 'VER-02', endpoint: 'GET /orders/v3', needs: ['customer'],
  title: 'a version that is not live (/orders/v3, /orders/v0) gives 404 with the envelope',
  async run(ctx: CheckContext) {
    const v1 = op(ctx, 'listOrdersV1').path;
    if (!/\/v1$/.test(v1)) ctx.skip(`${v1} does not end in a version segment`);
    for (const v of ['v3', 'v0']) {
      const ex = await ctx.send({ method: 'GET', path: v1.replace(/v1$/, v), auth: 'customer' });
      if (ex.response?.status !== 404) ctx.fail(`${answered(ex)}; a version that is not live must give 404 (VER-02). ${excerpt(ex)}`, ex);
      expectEnvelope(ctx, ex, { status: 404 });
    }
  },
};

const perCustomer: CheckDef = {
  slug: 'own-id-only', clause: 'VER-03', endpoint: 'GET /customers/{customerId}/orders/v1', needs: ['customer'],
  title: "/customers/{id}/orders/v1 answers for the customer's own id and 403/404 for another id",
  async run(ctx: CheckContext) {
    const o = op(ctx, 'listCustomerOrdersV1');
    const ownId = ctx.target.customerId ?? String(objectBody(ctx, await call(ctx, 'getMe'), 200).id);
    const own = await ctx.send({ method: 'GET', path: fill(o.path, { customerId: ownId }), auth: 'customer' });
    expectStatus(ctx, own, 200);
    pagedEnvelope(ctx, own);
    const others = [`storefront-check-nobody-${Math.random().toString(36).slice(2, 8)}`];
    if (ctx.target.customer2Id && ctx.target.customer2Id !== ownId) others.unshift(ctx.target.customer2Id);
    for (const id of others) {
      const ex = await ctx.send({ method: 'GET', path: fill(o.path, { customerId: id }), auth: 'customer' });
      const st = ex.response?.status;
      if (st !== 403 && st !== 404) {
        const n = pointer(body(ex), `/${ctx.contract.conventions.paging.envelope.total}`);
        ctx.fail(`customer ${ownId} read another customer's history: ${answered(ex)}${n === undefined ? '' : ` (total ${String(n)})`}; VER-03 requires 403 or 404`, ex);
      }
    }
    ctx.note(`checked own id and ${others.length} other id(s)`);
  },
};

export const versioningChecks: CheckDef[] = [liveVersions, notLive, perCustomer];
