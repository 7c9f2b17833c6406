// V2-PAY-01..04 and V2-BSK-02 for payments: the region's payment methods, registered cards that
// never show their number or CVV, the OTP flow of a method that requires one (a wrong code, three
// wrong codes, the right code from STOREFRONT_OTP_CODE, a code after the fact) and cancelling.
// The payment operations are the v2 catalogue's: this family belongs to storefront-v2.

import { answered, expectEnvelope, header, pointer } from './assert.js';
import { call, idAt, objectBody, type Json } from './flows.js';
import { cardBody, newPayment, placedOrder, paymentBody, paymentMethods } from './order-flows.js';
import { regions } from './regions.js';
import { toMinor } from './money.js';
import type { CheckContext, CheckDef } from './types.js';

const METHOD_TYPES = ['CARD', 'WALLET', 'BANK_TRANSFER'];

/** V2-PAY-01: under each region, the methods answer for that region and have the documented shape. */
async function methodsPerRegion(ctx: CheckContext): Promise<void> {
  const { regions: all } = await regions(ctx);
  const region = ctx.contract.conventions.headers.region ?? 'X-Region';
  const seen = new Map<string, string>();
  for (const r of all) {
    const ex = await call(ctx, 'listPaymentMethods', { headers: { [region]: r.code } });
    const items = pointer(objectBody(ctx, ex, 200), '/items');
    if (!Array.isArray(items)) ctx.fail(`${answered(ex)} without an items array (V2-PAY-01)`, ex);
    if (header(ex, region) !== r.code) ctx.fail(`${answered(ex)} under ${r.code} with ${region} ${JSON.stringify(header(ex, region) ?? null)}: the methods are the region's (V2-PAY-01)`, ex);
    for (const m of items as Json[]) {
      if (typeof m.id !== 'string' || !METHOD_TYPES.includes(String(m.type)) || typeof m.name !== 'string' || typeof m.requiresOtp !== 'boolean') {
        ctx.fail(`${answered(ex)} with method ${JSON.stringify(m)}; each is { id, type: ${METHOD_TYPES.join('|')}, name, requiresOtp: boolean } (V2-PAY-01)`, ex);
      }
    }
    seen.set(r.code, (items as Json[]).map((m) => m.id).sort().join(','));
  }
  // which methods a region offers is the server's data: identical lists in every region are allowed,
  // so "the methods of every region" (a known fault) is not decidable from outside; noted only
  const lists = [...seen.values()];
  if (lists.length > 1 && new Set(lists).size === 1) ctx.note('every region lists the same methods');
}

/** V2-PAY-02: a card is answered as { id, brand, last4, expiry, holderName }; the number and CVV never come back. */
async function cards(ctx: CheckContext): Promise<void> {
  const body = cardBody(ctx);
  const digits = String(body.cardNumber).replace(/[ -]/g, '');
  const ex = await call(ctx, 'addCard', { json: body });
  const card = objectBody(ctx, ex, 201);
  const bad = (where: string) => ctx.fail(`${answered(ex)} ${where}: the card number appears in no response, the CVV never (V2-PAY-02)`, ex);
  if (card.last4 !== digits.slice(-4)) ctx.fail(`${answered(ex)} with last4 ${JSON.stringify(card.last4)}; the card registered ends in ${digits.slice(-4)} (V2-PAY-02)`, ex);
  if ('cardNumber' in card || 'cvv' in card) bad('with a cardNumber or cvv field');
  if ((ex.response?.text ?? '').replace(/(\d)[ -](?=\d)/g, '$1').includes(digits)) bad('with the full card number in its body');
  const list = await call(ctx, 'listCards');
  if ((list.response?.text ?? '').replace(/(\d)[ -](?=\d)/g, '$1').includes(digits)) ctx.fail(`${answered(list)} with the full card number in its body (V2-PAY-02)`, list);
  const luhn = await call(ctx, 'addCard', { json: { ...body, cardNumber: `${digits.slice(0, -1)}${(Number(digits.slice(-1)) + 1) % 10}` } });
  expectEnvelope(ctx, luhn, { status: 422, entry: { field: 'cardNumber', code: ctx.contract.conventions.codes.invalidFormat } });
}

async function payment(ctx: CheckContext, id: string): Promise<Json> {
  return objectBody(ctx, await call(ctx, 'getPayment', { params: { paymentId: id } }), 200);
}

async function otp(ctx: CheckContext, id: string, code: string) {
  return call(ctx, 'submitOtp', { params: { paymentId: id }, json: { code } });
}

const wrongCode = (right: string | undefined) => (right === '000000' ? '999999' : '000000');

/** V2-PAY-03: PENDING_OTP until the right code; a wrong code 422 OTP_INVALID and still pending; a code afterwards 409. */
async function otpFlow(ctx: CheckContext): Promise<void> {
  const code = ctx.target.otpCode ?? ctx.skip('set STOREFRONT_OTP_CODE: the OTP a test payment accepts');
  const p = await newPayment(ctx, true);
  const id = String(p.id);
  if (p.status !== 'PENDING_OTP') ctx.fail(`a payment with a method that requiresOtp is ${JSON.stringify(p.status)}; expected PENDING_OTP (V2-PAY-03)`);
  expectEnvelope(ctx, await otp(ctx, id, wrongCode(code)), { status: 422, code: 'OTP_INVALID' });
  const after = await payment(ctx, id);
  if (after.status !== 'PENDING_OTP') ctx.fail(`after one wrong OTP payment ${id} is ${JSON.stringify(after.status)}; it stays PENDING_OTP (V2-PAY-03)`);
  const right = await otp(ctx, id, code);
  const authorized = objectBody(ctx, right, 200);
  if (authorized.status !== 'AUTHORIZED') ctx.fail(`${answered(right)} with status ${JSON.stringify(authorized.status)}; the right code makes it AUTHORIZED (V2-PAY-03)`, right);
  const late = await otp(ctx, id, code);
  expectEnvelope(ctx, late, { status: 409 });
}

/** V2-PAY-03: the third wrong code gives 422 OTP_INVALID and FAILED; then any code is 409. */
async function threeWrong(ctx: CheckContext): Promise<void> {
  const p = await newPayment(ctx, true);
  const id = String(p.id);
  const wrong = wrongCode(ctx.target.otpCode);
  for (let i = 1; i <= 3; i++) expectEnvelope(ctx, await otp(ctx, id, wrong), { status: 422, code: 'OTP_INVALID' });
  const failed = await payment(ctx, id);
  if (failed.status !== 'FAILED') ctx.fail(`after three wrong OTPs payment ${id} is ${JSON.stringify(failed.status)}; the third makes it FAILED (V2-PAY-03)`);
  expectEnvelope(ctx, await otp(ctx, id, ctx.target.otpCode ?? wrong), { status: 409 });
}

/** V2-PAY-04: a direct method AUTHORIZED at once; cancel makes it CANCELLED, twice the same; a FAILED one 409. */
async function cancel(ctx: CheckContext): Promise<void> {
  const p = await newPayment(ctx, false);
  if (p.status !== 'AUTHORIZED') ctx.fail(`a payment with a method that does not requiresOtp is ${JSON.stringify(p.status)}; it is AUTHORIZED at once (V2-PAY-04)`);
  const id = String(p.id);
  const one = await call(ctx, 'cancelPayment', { params: { paymentId: id } });
  const two = await call(ctx, 'cancelPayment', { params: { paymentId: id } });
  for (const ex of [one, two]) if (objectBody(ctx, ex, 200).status !== 'CANCELLED') ctx.fail(`${answered(ex)} with status ${JSON.stringify(pointer(ex.response?.json, '/status'))}; expected CANCELLED (V2-PAY-04)`, ex);
  const pending = await newPayment(ctx, true);
  const pendingCancel = await call(ctx, 'cancelPayment', { params: { paymentId: String(pending.id) } });
  if (objectBody(ctx, pendingCancel, 200).status !== 'CANCELLED') ctx.fail(`${answered(pendingCancel)}: a PENDING_OTP payment cancels to CANCELLED (V2-PAY-04)`, pendingCancel);
  const failing = await newPayment(ctx, true);
  const fid = String(failing.id);
  const wrong = wrongCode(ctx.target.otpCode);
  for (let i = 0; i < 3; i++) await otp(ctx, fid, wrong);
  if ((await payment(ctx, fid)).status === 'FAILED') expectEnvelope(ctx, await call(ctx, 'cancelPayment', { params: { paymentId: fid } }), { status: 409 });
}

/** V2-BSK-02: a payment's amount and currency are its order's total and currency. */
async function amountOfOrder(ctx: CheckContext): Promise<void> {
  const { direct, otp: viaOtp } = await paymentMethods(ctx);
  const method = direct ?? viaOtp ?? ctx.skip("the region's payment methods are empty");
  const order = await placedOrder(ctx);
  const ex = await call(ctx, 'createPayment', { json: await paymentBody(ctx, order, method) });
  const p = objectBody(ctx, ex, 200, 201);
  const cur = String(order.currency);
  if (p.currency !== order.currency || toMinor(Number(p.amount), cur) !== toMinor(Number(order.total), cur)) {
    ctx.fail(`${answered(ex)} with amount ${String(p.amount)} ${String(p.currency)}; order ${String(order.id)} totals ${String(order.total)} ${cur} (V2-BSK-02)`, ex);
  }
  idAt(ctx, ex);
}

export const paymentChecks: CheckDef[] = [
  { slug: 'methods-per-region', clause: 'V2-PAY-01', endpoint: 'GET /payments/methods', needs: ['customer'], title: 'each region lists its payment methods, each { id, type, name, requiresOtp }', run: methodsPerRegion },
  { slug: 'card-number-hidden', clause: 'V2-PAY-02', endpoint: 'POST /customers/me/cards', needs: ['customer'], writes: true, title: 'a registered card shows its last four digits only; a Luhn-invalid number is 422 INVALID_FORMAT', run: cards },
  { slug: 'otp-flow', clause: 'V2-PAY-03', endpoint: 'POST /payments/{paymentId}/otp', needs: ['customer'], writes: true, title: 'PENDING_OTP until the right code; a wrong one 422 OTP_INVALID; a code afterwards 409', run: otpFlow },
  { slug: 'otp-three-wrong', clause: 'V2-PAY-03', endpoint: 'POST /payments/{paymentId}/otp', needs: ['customer'], writes: true, title: 'the third wrong OTP makes the payment FAILED', run: threeWrong },
  { slug: 'cancel', clause: 'V2-PAY-04', endpoint: 'POST /payments/{paymentId}/cancel', needs: ['customer'], writes: true, title: 'a direct method authorizes at once; cancel gives CANCELLED, twice the same; a FAILED payment 409', run: cancel },
  { slug: 'payment-amount', clause: 'V2-BSK-02', endpoint: 'POST /payments', needs: ['customer'], writes: true, title: "a payment's amount and currency are its order's total and currency", run: amountOfOrder },
];
