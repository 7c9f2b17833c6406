// Requests the contract accepts, built from the run's own resources: a real active, in-stock
// product in a line item, the run's own non-empty cart and address in a checkout, the run's own
// order to cancel and address to change, the run's credentials in a login (v2's: valid-requests-v2.ts). HDR-02 sends one with a
// non-JSON Content-Type and the documented-4xx battery breaks one field of one, so that each request
// has exactly one fault and its answer is determined (section 4: with several faults, any may be
// answered). Nothing here aims a state-changing request at data the run did not create.

import type { Operation } from '../contract/types.js';
import type { RequestSpec } from '../http/types.js';
import { credentialFor, paramsNeedWrites } from './assert.js';
import { addressInput, buyable, filledCart, newAddress, type Json } from './flows.js';
import { OWN_RESOURCES } from './probe-requests.js';
import { V2_BODIES, V2_PATHS } from './valid-requests-v2.js';
import { CheckFailure, CheckSkip, type CheckContext } from './types.js';

type Builder = (ctx: CheckContext) => Promise<Json | undefined>;

/** The login body with the run's own credentials (undefined when the run has none). */
const login: Builder = async (ctx) => {
  const l = ctx.contract.conventions.auth.login;
  const creds = ctx.credentials?.('customer');
  if (!creds) return undefined;
  return { [l.emailField]: creds.email, [l.passwordField]: creds.password, ...(l.captchaField ? { [l.captchaField]: creds.captcha ?? 'storefront-check' } : {}) };
};

/**
 * Bodies by pack and operationId, for the operations whose valid body needs data a schema cannot
 * make up (a real product, the run's own cart). An operation not listed here has a body made from
 * its schema and the current representation (headers.ts requestBodyFor), which is valid as it is.
 */
const BODIES: Record<string, Record<string, Builder>> = {
  'storefront-bff': {
    login,
    addLineItem: async (ctx) => ({ productId: (await buyable(ctx, 1))[0]!.id, quantity: 1 }),
    updateLineItem: async () => ({ quantity: 1 }),
    createCheckout: async (ctx) => ({ cartId: (await filledCart(ctx, [1])).id, shippingAddressId: (await newAddress(ctx)).id }),
    createAddress: async () => addressInput('Valid'),
    updateAddress: async () => addressInput('Valid'),
    updateOrder: async () => ({ status: 'CANCELLED' }),
  },
  'storefront-v2': { login, ...V2_BODIES },
};

/** Path parameters of a state-changing request, by pack: a resource made for the request (or one it cannot change). */
const PATHS: Record<string, Record<string, (ctx: CheckContext) => Promise<string>>> = {
  'storefront-bff': OWN_RESOURCES,
  'storefront-v2': V2_PATHS,
};

/** Does the pack have a body of the run's own for op (else the caller makes one from the schema)? */
export function hasOwnBody(ctx: CheckContext, op: Operation): boolean {
  return Boolean(BODIES[ctx.contract.conventions.name]?.[op.operationId]);
}

/** A valid body for op built from the run's own resources, or undefined (not listed, or no credentials at hand). */
export async function ownBody(ctx: CheckContext, op: Operation): Promise<Json | undefined> {
  return BODIES[ctx.contract.conventions.name]?.[op.operationId]?.(ctx);
}

/**
 * op's concrete path on resources of the run's own: a state-changing request gets the pack's
 * resource made for it (PATHS) for each parameter it names; another parameter whose source is a
 * read of existing data (the customer's first order) is refused with a skip; the others come from
 * the resolver, which creates what it resolves (carts, line items, sessions).
 */
export async function ownPath(ctx: CheckContext, op: Operation): Promise<string> {
  if (Object.keys(op.params).length === 0) return op.path;
  if (ctx.target.readOnly && paramsNeedWrites(ctx, op)) ctx.skip(`the path parameters of ${op.key} come from a write, not sent to a read-only target`);
  const values: Record<string, string> = {};
  if (op.method !== 'GET' && op.method !== 'HEAD') {
    for (const [name, p] of Object.entries(op.params)) {
      if (p.value !== undefined) continue;
      const make = PATHS[ctx.contract.conventions.name]?.[name];
      if (!make && p.writes !== false) continue;
      if (!make) ctx.skip(`${op.key} changes state and the run has no resource of its own for {${name}}`);
      if (ctx.target.readOnly) ctx.skip(`${op.key} would need a resource of the run's own for {${name}}: not created on a read-only target`);
      values[name] = await make(ctx);
    }
  }
  try {
    return await ctx.resolvePath(op, values);
  } catch (err) {
    if (err instanceof CheckSkip || err instanceof CheckFailure) throw err;
    return ctx.skip(`cannot resolve the path parameters of ${op.key}: ${(err as Error).message}`);
  }
}

/** A request for op on resources of the run's own, with its credential and required query (no body yet). */
export async function ownRequest(ctx: CheckContext, op: Operation): Promise<RequestSpec> {
  const auth = credentialFor(ctx, op);
  return { method: op.method, path: await ownPath(ctx, op), query: { ...op.requiredQuery }, auth };
}
