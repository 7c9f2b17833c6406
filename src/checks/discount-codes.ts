// The run's discount codes for the cart and order checks: the configured ones
// (STOREFRONT_DISCOUNT_CODES, STOREFRONT_DISCOUNT_CODE) or the pack's documented example, each tried
// once on a throwaway cart.
// A code the target refuses is a finding, not a skip, unless the refusal is the documented answer
// to an unknown example code.

import { answered, body, isObject, pointer } from './assert.js';
import { call, newCart } from './flows.js';
import type { CheckContext } from './types.js';
import type { Exchange } from '../http/types.js';

/** What the run learnt about its discount code: usable, absent (a skip), or refused (a finding). */
type CodeState = { code: string } | { why: string } | { refused: string; ex: Exchange };

/**
 * The discount codes valid on this target: STOREFRONT_DISCOUNT_CODES and STOREFRONT_DISCOUNT_CODE,
 * else the pack's documented example, each tried once on a throwaway cart. A configured code the
 * target refuses is a finding of every check that needs it (the user says it is valid); the
 * documented example may be unknown to the target, which says so with the documented 422 on
 * `discountCode` (then the check is skipped, or runs without a code when not `required`), but any
 * other answer (a 5xx, a 400) is a finding too.
 */
export async function discountCodes(ctx: CheckContext, required: boolean): Promise<string[]> {
  const configured = [...new Set([...(ctx.target.discountCodes ?? []), ...(ctx.target.discountCode ? [ctx.target.discountCode] : [])])];
  const states = configured.length
    ? await Promise.all(configured.map((code) => tryCode(ctx, code, true)))
    : [await tryCode(ctx, documentedExample(ctx), false)];
  for (const state of states) if ('refused' in state) ctx.fail(state.refused, state.ex);
  const codes = states.flatMap((s) => ('code' in s ? [s.code] : []));
  if (!codes.length && required) ctx.skip(`no valid discount code at hand: ${states.map((s) => ('why' in s ? s.why : '')).join('; ')}`);
  return codes;
}

/** The first of the run's discount codes, or null (see discountCodes). */
export async function discountCode(ctx: CheckContext, required: boolean): Promise<string | null> {
  return (await discountCodes(ctx, required))[0] ?? null;
}

function documentedExample(ctx: CheckContext): string | undefined {
  const s = pointer(ctx.contract.openapi, '/components/schemas/CartUpdate/properties/discountCode');
  const examples = isObject(s) ? [...(Array.isArray(s.examples) ? s.examples : []), s.example] : [];
  return examples.find((x): x is string => typeof x === 'string' && x.length > 0);
}

/** One code tried once per worker on a throwaway cart. */
function tryCode(ctx: CheckContext, candidate: string | undefined, configured: boolean): Promise<CodeState> {
  return ctx.memo<CodeState>(`flows:discount-code:${candidate ?? ''}`, async () => {
    if (!candidate || ctx.target.readOnly) return { why: candidate ? 'the target is read-only' : 'set STOREFRONT_DISCOUNT_CODE (the pack documents no example discountCode)' };
    const { cart } = await newCart(ctx);
    const ex = await call(ctx, 'updateCart', { params: { cartId: cart.id as string }, json: { discountCode: candidate } });
    if (ex.response?.status === 200) return { code: candidate };
    if (configured) return { refused: `the configured discount code '${candidate}' (STOREFRONT_DISCOUNT_CODE/S) ${answered(ex)}: the target refuses a code said to be valid`, ex };
    if (unknownCodeAnswer(ex)) return { why: `the documented example code '${candidate}' ${answered(ex)} (unknown here); set STOREFRONT_DISCOUNT_CODE to one the target accepts` };
    return { refused: `applying the documented example discount code '${candidate}' ${answered(ex)}; an unknown code is a 422 on discountCode (row 16), anything else is a fault of the discount path`, ex };
  });
}

/** Row 16's answer to a code the target does not know: 422 with an errors entry on discountCode. */
function unknownCodeAnswer(ex: Exchange): boolean {
  const errors = pointer(body(ex), '/errors');
  return ex.response?.status === 422 && Array.isArray(errors) && errors.some((e) => isObject(e) && e.field === 'discountCode');
}
