// Rows 36-41: payment methods of the region (V2-PAY-01), cards (Luhn, never the number or CVV
// back, V2-PAY-02), payments of an order (amount = order total, V2-BSK-02) idempotent by
// clientReference, OTP (V2-PAY-03) and cancel (V2-PAY-04).

import { ApiError, type FieldError } from '../../errors.js';
import { assertOwner, clientReferenceOf, int, me, str, type V2Ctx, type V2RouteDef } from '../context.js';
import { conflictV2, fieldError, notFoundV2, validationFailed } from '../errors.js';
import { nowIso } from '../formats.js';
import { remember, replayedId, type IdempotencyKey } from '../idempotency.js';
import { pageOf } from '../paging.js';
import type { CardRec, PaymentRec } from '../records.js';
import { methodById, PAYMENT_METHODS } from '../regions.js';
import { byThenId, compareIso, sortKeyOf } from '../sorting.js';
import { card as cardView, payment as paymentView } from '../views.js';

export function luhn(digits: string): boolean {
  let sum = 0;
  for (let i = 0; i < digits.length; i++) {
    let d = Number(digits[digits.length - 1 - i]);
    if (i % 2 === 1) d = d * 2 > 9 ? d * 2 - 9 : d * 2;
    sum += d;
  }
  return sum % 10 === 0;
}

const brandOf = (digits: string): string => (digits.startsWith('4') ? 'VISA' : /^5[1-5]|^2[2-7]/.test(digits) ? 'MASTERCARD' : /^3[47]/.test(digits) ? 'AMEX' : 'OTHER');

function paymentOf(ctx: V2Ctx): PaymentRec {
  const p = ctx.s.payments.get(ctx.params.paymentId);
  if (!p) throw notFoundV2('Payment');
  if (!(ctx.s.faults.has('v2-auth-foreign-payment-readable') && ctx.req.method === 'GET')) assertOwner(ctx, p.customerId, 'Payment');
  return p;
}

export const paymentRoutes: V2RouteDef[] = [
  {
    id: 'listPaymentMethods',
    method: 'GET',
    url: '/payments/methods',
    auth: 'customer',
    handler: (ctx) => {
      const region = ctx.locale.region.code;
      const stringly = ctx.s.faults.has('v2-pay-otp-flag-string');
      const items = PAYMENT_METHODS.filter((m) => m.regions.includes(region)).map(({ regions: _r, ...m }) => (stringly && m.requiresOtp ? { ...m, requiresOtp: 'true' } : m));
      return { body: { items } };
    },
  },
  {
    id: 'listCards',
    method: 'GET',
    url: '/customers/me/cards',
    auth: 'customer',
    handler: (ctx) => {
      const c = me(ctx);
      return { body: { items: [...ctx.s.cards.values()].filter((k) => k.customerId === c.id).map(cardView) } };
    },
  },
  {
    id: 'addCard',
    method: 'POST',
    url: '/customers/me/cards',
    auth: 'customer',
    body: true,
    handler: (ctx) => {
      const c = me(ctx);
      const { body, s } = ctx;
      const errors: FieldError[] = [];
      const number = str(body, 'cardNumber', errors);
      const digits = number?.replace(/[\s-]/g, '');
      if (digits !== undefined && (!/^\d{12,19}$/.test(digits) || !luhn(digits))) errors.push(fieldError('cardNumber', 'INVALID_FORMAT', 'cardNumber is not a valid card number'));
      const expiryMonth = int(body, 'expiryMonth', 1, 12, errors);
      const expiryYear = int(body, 'expiryYear', 1000, 9999, errors);
      const now = new Date();
      if (expiryMonth !== undefined && expiryYear !== undefined && (expiryYear < now.getUTCFullYear() || (expiryYear === now.getUTCFullYear() && expiryMonth < now.getUTCMonth() + 1))) {
        errors.push(fieldError('expiryYear', 'OUT_OF_RANGE', 'the card has expired'));
      }
      const cvv = str(body, 'cvv', errors);
      if (cvv !== undefined && !/^\d{3,4}$/.test(cvv)) errors.push(fieldError('cvv', 'INVALID_FORMAT', 'cvv must be 3 or 4 digits'));
      const holderName = str(body, 'holderName', errors);
      if (errors.length) {
        if (s.faults.has('v2-err-card-rules-400')) throw validationFailed(errors, 400);
        throw validationFailed(errors);
      }
      const rec: CardRec = { id: s.ids.next('card'), customerId: c.id, brand: brandOf(digits!), last4: digits!.slice(-4), expiryMonth: expiryMonth!, expiryYear: expiryYear!, holderName: holderName! };
      s.cards.set(rec.id, rec);
      return { status: 201, body: s.faults.has('v2-pay-card-number-echoed') ? { ...cardView(rec), cardNumber: digits } : cardView(rec) };
    },
  },
  {
    id: 'createPayment',
    method: 'POST',
    url: '/payments',
    auth: 'customer',
    body: true,
    handler: (ctx) => {
      const c = me(ctx);
      const { body, s } = ctx;
      const errors: FieldError[] = [];
      const orderId = str(body, 'orderId', errors);
      const methodId = str(body, 'methodId', errors);
      const cardId = str(body, 'cardId', errors, true);
      const optional = s.faults.has('v2-idm-reference-optional-payments') && (body.clientReference === undefined || body.clientReference === null);
      const clientReference = optional ? undefined : clientReferenceOf(body, errors);
      if (errors.length) throw validationFailed(errors);
      const key: IdempotencyKey | undefined = clientReference === undefined ? undefined : { kind: 'payment', scope: c.id, clientReference, body };
      const again = key && replayedId(s, key);
      if (again) return { status: s.modes.idempotentRepeat, body: paymentView(s.payments.get(again)!) };
      const order = s.orders.get(orderId!);
      if (!order) throw notFoundV2('Order');
      assertOwner(ctx, order.customerId, 'Order');
      if (order.status === 'CANCELLED') throw conflictV2('The order is cancelled');
      const method = methodById.get(methodId!);
      if (!method || (s.modes.paymentMethods === 'region' && !method.regions.includes(ctx.locale.region.code))) {
        throw validationFailed([fieldError('methodId', 'INVALID_VALUE', 'not a payment method of this region (GET /payments/methods)')]);
      }
      if (cardId !== undefined) {
        const card = s.cards.get(cardId);
        if (!card) throw validationFailed([fieldError('cardId', 'INVALID_VALUE', 'no such card')]);
        assertOwner(ctx, card.customerId, 'Card');
      }
      const now = nowIso();
      const p: PaymentRec = {
        id: s.ids.next('pay'), customerId: c.id, orderId: order.id, methodId: method.id, cardId: cardId ?? null, status: method.requiresOtp ? 'PENDING_OTP' : 'AUTHORIZED',
        amount: s.faults.has('v2-bsk-payment-amount-subtotal') ? order.subtotal : order.total, currency: order.currency,
        clientReference: clientReference ?? '', wrongOtps: 0, createdAt: now, updatedAt: now,
      };
      s.payments.set(p.id, p);
      if (key) remember(s, key, p.id);
      return { status: 201, body: paymentView(p) };
    },
  },
  {
    id: 'listPayments',
    method: 'GET',
    url: '/payments',
    auth: 'customer',
    handler: (ctx) => {
      const c = me(ctx);
      sortKeyOf(ctx.q, ['newest'], ctx.s.faults);
      const mine = [...ctx.s.payments.values()].filter((p) => p.customerId === c.id).sort(byThenId((a, b) => compareIso(b.createdAt, a.createdAt)));
      return { body: pageOf(mine, ctx.q, ctx.s, 'other', paymentView) };
    },
  },
  {
    id: 'getPayment',
    method: 'GET',
    url: '/payments/:paymentId',
    auth: 'customer',
    handler: (ctx) => ({ body: paymentView(paymentOf(ctx)) }),
  },
  {
    id: 'submitOtp',
    method: 'POST',
    url: '/payments/:paymentId/otp',
    auth: 'customer',
    body: true,
    handler: (ctx) => {
      const p = paymentOf(ctx);
      const { s } = ctx;
      const errors: FieldError[] = [];
      const code = str(ctx.body, 'code', errors);
      if (errors.length) throw validationFailed(errors);
      if (p.status !== 'PENDING_OTP') {
        if (p.status === 'AUTHORIZED' && s.faults.has('v2-pay-otp-after-authorized-200')) return { body: paymentView(p) };
        throw conflictV2(`The payment is ${p.status}: it takes no OTP`);
      }
      if (code !== s.otpCode) {
        p.wrongOtps++;
        if (p.wrongOtps >= 3 && !s.faults.has('v2-pay-otp-never-fails')) p.status = 'FAILED';
        p.updatedAt = nowIso();
        throw new ApiError(422, p.status === 'FAILED' ? 'Wrong code, three times: the payment failed' : 'Wrong code', 'OTP_INVALID', [fieldError('code', 'INVALID_VALUE', 'wrong code')]);
      }
      p.status = 'AUTHORIZED';
      p.updatedAt = nowIso();
      return { body: paymentView(p) };
    },
  },
  {
    id: 'cancelPayment',
    method: 'POST',
    url: '/payments/:paymentId/cancel',
    auth: 'customer',
    handler: (ctx) => {
      const p = paymentOf(ctx);
      if (p.status === 'FAILED' && !ctx.s.faults.has('v2-pay-cancel-failed')) throw conflictV2('A failed payment cannot be cancelled');
      if (p.status !== 'CANCELLED') {
        p.status = 'CANCELLED';
        p.updatedAt = nowIso();
      }
      return { body: paymentView(p) };
    },
  },
];
