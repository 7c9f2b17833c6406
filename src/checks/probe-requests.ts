// The requests of the catalogue-driven auth probes (AUTH-04/05/09/10): each operation's concrete
// path and a body valid for its documented schema, so that the credential is the request's only
// fault; state-changing probes aim only at resources the check made for itself.

import type { Operation } from '../contract/types.js';
import { isObject, pointer } from './assert.js';
import { fill, newAddress, placeOrder, type Json } from './flows.js';
import type { CheckContext } from './types.js';

/** Resources of the check's own, for the path parameters whose source lists the customer's existing data. */
export const OWN_RESOURCES: Record<string, (ctx: CheckContext) => Promise<string>> = {
  orderId: async (ctx) => (await placeOrder(ctx)).orderId,
  addressId: async (ctx) => (await newAddress(ctx)).id,
};

/**
 * op's concrete path: a real resource when the run can (so the request's only fault is the one the
 * check puts in), else placeholder ids. A state-changing request never aims at a resource the run
 * did not create: a parameter whose source is a read of existing data (the customer's first order,
 * first address) is a resource made for the check (OWN_RESOURCES), else a placeholder id — on a
 * server with broken auth the probe must not cancel a real order or delete a real address.
 */
export async function pathFor(ctx: CheckContext, o: Operation): Promise<string> {
  if (Object.keys(o.params).length === 0) return o.path;
  const needsWrite = Object.values(o.params).some((p) => p.writes !== false && p.value === undefined);
  if (!ctx.target.has.customer || (ctx.target.readOnly && needsWrite)) return fill(o.path);
  const values: Record<string, string> = {};
  if (o.method !== 'GET' && o.method !== 'HEAD') {
    for (const [name, p] of Object.entries(o.params)) {
      if (p.value !== undefined || p.writes !== false) continue;
      const make = OWN_RESOURCES[name];
      if (!make || ctx.target.readOnly) return fill(o.path);
      values[name] = await make(ctx);
    }
  }
  // on failure: placeholders, the check is about the credential, not the resource
  return (await ctx.resolvePath(o, values).catch(() => undefined)) ?? fill(o.path);
}

/** A value valid for a (simple) JSON schema: const, default, enum, then by type. */
function sample(ctx: CheckContext, raw: unknown): unknown {
  let s: Json = isObject(raw) ? raw : {};
  for (let i = 0; i < 10 && typeof s.$ref === 'string'; i++) {
    const target = pointer(ctx.contract.openapi, s.$ref.replace(/^#/, ''));
    s = isObject(target) ? target : {};
  }
  if ('const' in s) return s.const;
  if ('default' in s) return s.default;
  if (Array.isArray(s.enum)) return s.enum[0];
  const type = Array.isArray(s.type) ? s.type.find((t) => t !== 'null') : s.type;
  if (type === 'object' || isObject(s.properties)) {
    const props = isObject(s.properties) ? s.properties : {};
    const req = Array.isArray(s.required) ? (s.required as string[]) : [];
    return Object.fromEntries(req.map((k) => [k, sample(ctx, props[k])]));
  }
  if (type === 'integer' || type === 'number') return typeof s.minimum === 'number' ? Math.max(1, s.minimum) : 1;
  if (type === 'boolean' || type === 'array') return type === 'boolean' ? false : [];
  if (s.format === 'email') return 'storefront-check@example.com';
  const width = /\{(\d)\}/.exec(typeof s.pattern === 'string' ? s.pattern : '')?.[1];
  // ISO codes by pattern width; digits satisfy every other plain string field, AU postcodes included
  return width === '3' ? 'AUD' : width === '2' ? 'AU' : '2000';
}

/** A request body valid for op's documented schema, so a missing credential is the request's only fault. */
export function sampleBody(ctx: CheckContext, o: Operation): unknown {
  if (!o.hasBody) return undefined;
  const doc = pointer(ctx.contract.openapi, `/paths/${o.path.replace(/~/g, '~0').replace(/\//g, '~1')}/${o.method.toLowerCase()}`);
  return sample(ctx, pointer(doc, '/requestBody/content/application~1json/schema')) ?? {};
}
