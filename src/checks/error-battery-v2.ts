// The write provocations of the error checks for storefront-v2 (its operations and bodies: this
// battery belongs to that pack; the BFF's is in errors.ts): a taken email, a short password, a GB
// address with a bad postcode, a guest order with a bad shippingAddress.postalCode, a card failing
// the Luhn check and one with month 13. Each must be a 409 or a 422 whose details name the field.

import { randomBytes } from 'node:crypto';
import { call, type Json } from './flows.js';
import { addressBody, cardBody, clientRef, guestOrderBody } from './order-flows.js';
import type { CheckContext } from './types.js';
import type { Exchange } from '../http/types.js';

/** One provocation: the answer, the field a 422 must name, the status it must have. */
export interface Provoked {
  ex: Exchange;
  field?: string;
  want?: number;
}

export async function v2WriteBattery(ctx: CheckContext): Promise<Provoked[]> {
  if (!ctx.target.has.customer) ctx.skip('needs a signed-in test customer');
  const taken = ctx.credentials?.('customer')?.email ?? ctx.skip("the run's customer email is not available");
  const person = { password: `Pw-${randomBytes(6).toString('hex')}`, firstName: 'Storefront', lastName: 'Check' };
  const out: Provoked[] = [
    { ex: await call(ctx, 'register', { json: { ...person, email: taken } }), want: 409 },
    { ex: await call(ctx, 'register', { json: { ...person, email: `sc-${randomBytes(5).toString('hex')}@example.com`, password: 'short' } }), field: 'password', want: 422 },
  ];
  const address = await call(ctx, 'createAddress', { json: { ...addressBody('bad-postcode'), postalCode: 'NOT A POSTCODE' } });
  const addressId = (address.response?.json as Json | undefined)?.id;
  if (address.response?.status === 201 && typeof addressId === 'string') ctx.cleanup(() => call(ctx, 'deleteAddress', { params: { addressId } }));
  out.push({ ex: address, field: 'postalCode', want: 422 });
  const guest = await guestOrderBody(ctx, `guest-${randomBytes(4).toString('hex')}@example.com`, clientRef());
  const shippingAddress = { ...(guest.shippingAddress as Json), postalCode: 'NOT A POSTCODE' };
  out.push({ ex: await call(ctx, 'createGuestOrder', { json: { ...guest, shippingAddress } }), field: 'shippingAddress.postalCode', want: 422 });
  const card = cardBody(ctx);
  const digits = String(card.cardNumber);
  out.push({ ex: await call(ctx, 'addCard', { json: { ...card, cardNumber: `${digits.slice(0, -1)}${(Number(digits.slice(-1)) + 1) % 10}` } }), field: 'cardNumber', want: 422 });
  out.push({ ex: await call(ctx, 'addCard', { json: { ...card, expiryMonth: 13 } }), field: 'expiryMonth', want: 422 });
  return out;
}
