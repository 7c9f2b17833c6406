// V2-AUTH-07: no response body or header reflects a token the client sent, a password, a full card
// number or a CVV. A provocation battery (login, a read with the token, a rejected token, a
// register, a refresh, a registered test card), then the checks (at the end) report the run-wide
// judge, secretFinding, which src/engine/answer-log.ts ran on every answer of the run as it came.
// Login, refresh and register may return the tokens they issue; a token the request itself carried
// never comes back. Cites V2-AUTH-07: it belongs to storefront-v2.

import { randomBytes } from 'node:crypto';
import { answered, isObject } from './assert.js';
import { call, freshLogin, tamper } from './flows.js';
import { cardBody } from './order-flows.js';
import type { CheckContext, CheckDef } from './types.js';
import type { Exchange } from '../http/types.js';
import { pointer, type Json } from '../contract/json.js';
import { resolveLocalRef } from '../contract/operations.js';
import type { ContractPack } from '../contract/types.js';
import { judgedRunWide } from './run-wide.js';

/** Per pack and operation: the body fields its documented request schema marks `writeOnly` (read once). */
const writeOnlyFields = new WeakMap<ContractPack, Map<string, ReadonlySet<string>>>();

/**
 * The request body fields of an operation that are the client's secrets: those its schema marks
 * `writeOnly` (a password, a refresh token, card data, a one-time code) — they may go to the server
 * and never come back. A field the schema does not mark (a discount code) may be shown back.
 */
function secretFields(contract: ContractPack, operationId: string | undefined): ReadonlySet<string> {
  if (!operationId) return new Set();
  let byOp = writeOnlyFields.get(contract);
  if (!byOp) writeOnlyFields.set(contract, (byOp = new Map()));
  let fields = byOp.get(operationId);
  if (!fields) {
    const op = contract.byId(operationId);
    const doc = contract.openapi as Json;
    const operation = pointer(doc, `/paths/${op.path.replace(/~/g, '~0').replace(/\//g, '~1')}/${op.method.toLowerCase()}`);
    const schema = resolveLocalRef(doc, pointer(resolveLocalRef(doc, pointer(operation, '/requestBody')), '/content/application~1json/schema'));
    const props = isObject(schema) && isObject(schema.properties) ? schema.properties : {};
    fields = new Set(Object.entries(props).filter(([, p]) => isObject(p) && resolveWriteOnly(doc, p)).map(([k]) => k));
    byOp.set(operationId, fields);
  }
  return fields;
}

const resolveWriteOnly = (doc: Json, p: unknown): boolean => {
  const r = resolveLocalRef(doc, p);
  return isObject(r) && r.writeOnly === true;
};

/** A value written like a card number: 12 to 19 digits, spaces and dashes allowed between them. */
const CARD_LIKE = /^[0-9](?:[ -]?[0-9]){11,18}$/;

export interface Secret {
  what: string;
  value: string;
  /** card numbers are also found with their spaces and dashes removed */
  digits?: boolean;
}

function requestJson(ex: Exchange): unknown {
  try {
    return ex.request.body ? JSON.parse(ex.request.body) : undefined;
  } catch {
    return undefined;
  }
}

/** The secrets a request carried: its credential header and the secret fields of its body. */
function sentSecrets(contract: ContractPack, ex: Exchange): Secret[] {
  const out: Secret[] = [];
  const auth = contract.conventions.auth.customer.header.toLowerCase();
  const sent = Object.entries(ex.request.headers).find(([k]) => k.toLowerCase() === auth)?.[1];
  const token = sent?.replace(/^Bearer\s+/i, '');
  if (token && token.length >= 16) out.push({ what: `the ${auth} token the request sent`, value: token });
  const body = requestJson(ex);
  if (isObject(body)) {
    const secret = secretFields(contract, ex.operationId);
    for (const [k, v] of Object.entries(body)) {
      if (!secret.has(k) || typeof v !== 'string' || v.length < 3) continue;
      if (CARD_LIKE.test(v)) out.push({ what: `the ${k} the request sent`, value: v.replace(/[ -]/g, ''), digits: true });
      else out.push({ what: `the ${k} the request sent`, value: v });
    }
  }
  return out;
}

/** Where in the response a secret shows: a header, the body text, or (short values) a string field equal to it. */
function reflected(ex: Exchange, s: Secret): string | undefined {
  const res = ex.response;
  if (!res) return undefined;
  for (const [k, v] of Object.entries(res.headers)) if (v.includes(s.value)) return `header ${k}`;
  if (s.value.length >= 8) {
    if (res.text.includes(s.value)) return 'the body';
    if (s.digits && res.text.replace(/(\d)[ -](?=\d)/g, '$1').includes(s.value)) return 'the body (digits with separators)';
    return undefined;
  }
  // a CVV or an OTP: only a JSON string equal to it counts, never digits inside a price
  const found: string[] = [];
  const walk = (v: unknown, path: string) => {
    if (typeof v === 'string' && v === s.value) found.push(path || '/');
    else if (Array.isArray(v)) v.forEach((x, i) => walk(x, `${path}/${i}`));
    else if (isObject(v)) for (const [k, x] of Object.entries(v)) walk(x, `${path}/${k}`);
  };
  walk(res.json, '');
  return found[0] ? `the body at ${found[0]}` : undefined;
}

/** The run's own secrets, sent or not: the customers' passwords and the test card number. */
export function runSecrets(passwords: Partial<Record<'customer' | 'customer2', string>>, testCard: string | undefined): Secret[] {
  const out: Secret[] = [];
  for (const who of ['customer', 'customer2'] as const) {
    const password = passwords[who];
    if (password) out.push({ what: `the ${who}'s password`, value: password });
  }
  if (testCard) out.push({ what: 'the test card number', value: testCard, digits: true });
  return out;
}

/** What one answer reflects of the secrets its request sent or the run's own (`always`), or undefined. */
export function secretFinding(contract: ContractPack, ex: Exchange, always: readonly Secret[]): string | undefined {
  for (const s of [...sentSecrets(contract, ex), ...always]) {
    const where = reflected(ex, s);
    if (where) return `${answered(ex)} reflecting ${s.what} in ${where}; no response carries a token the client sent, a password, a card number or a CVV (V2-AUTH-07)`;
  }
  return undefined;
}

const judgeAll = (ctx: CheckContext) => judgedRunWide(ctx, 'V2-AUTH-07');

/** Reads: a login, a read with its token, a rejected token, then the scan. */
async function readBattery(ctx: CheckContext): Promise<void> {
  const s = await freshLogin(ctx);
  await call(ctx, 'getMe', { auth: { token: s.token, as: 'customer' }, relogin: false });
  await call(ctx, 'getMe', { auth: { token: tamper(s.token), as: 'customer' }, relogin: false });
  await call(ctx, 'getMe', { auth: { token: `${s.token.slice(0, -6)}zzzzzz`, as: 'customer' }, relogin: false });
  await call(ctx, 'listCards', { auth: 'customer' });
  judgeAll(ctx);
}

/** Writes: a register, a refresh (and the refresh token spent again), a registered card, then the scan. */
async function writeBattery(ctx: CheckContext): Promise<void> {
  const password = `Pw-${randomBytes(6).toString('hex')}`;
  const email = `storefront-check-${randomBytes(5).toString('hex')}@example.com`;
  const reg = await call(ctx, 'register', { json: { email, password, firstName: 'Storefront', lastName: 'Check' } });
  const refresh = ctx.contract.conventions.auth.refresh;
  const issued = isObject(reg.response?.json) ? reg.response!.json : {};
  if (refresh?.refreshTokenField && typeof issued.refreshToken === 'string') {
    const body = { [refresh.refreshTokenField]: issued.refreshToken };
    await call(ctx, refresh.operationId, { json: body });
    await call(ctx, refresh.operationId, { json: body });
  }
  await call(ctx, 'addCard', { json: cardBody(ctx), auth: 'customer' });
  await call(ctx, 'addCard', { json: { ...cardBody(ctx), cardNumber: '4111 1111 1111 1112' }, auth: 'customer' });
  judgeAll(ctx);
}

// atEnd: the scan covers every answer the run received (the run's exchange log), whichever family sent it
export const secretChecks: CheckDef[] = [
  { slug: 'no-secret-echo', clause: 'V2-AUTH-07', endpoint: '*', needs: ['customer'], atEnd: true, title: 'no answer reflects a token sent, a password, a card number or a CVV (login, reads, rejected tokens)', run: readBattery },
  { slug: 'no-secret-echo-write', clause: 'V2-AUTH-07', endpoint: '*', needs: ['customer'], writes: true, atEnd: true, title: 'no answer reflects a token sent, a password, a card number or a CVV (register, refresh, cards)', run: writeBattery },
];
