// AUTH-01..10: login, token refresh and logout, missing / bad / expired tokens on every customer
// endpoint, another customer's resources, PII on public endpoints, service-only endpoints.
// Header names, login fields and pointers come from the pack's conventions.

import { answered, body, excerpt, expectEnvelope, expectStatus, isObject, pointer, resolveOrSkip, splitByWrites } from './assert.js';
import {
  asCustomer, buyable, call, fill, filledCart, gate, firstDifference, freshLogin, loginCredentials, newAddress, objectBody,
  placeOrder, sameJson, sharedFreshToken, tamper, type Json,
} from './flows.js';
import { pathFor, sampleBody } from './probe-requests.js';
import type { CheckContext, CheckDef } from './types.js';
import { onlyPack } from './conventions.js';
import { packClause } from './pack-checks.js';
import type { Operation } from '../contract/types.js';
import type { Credential, Exchange } from '../http/types.js';

const rand = () => Math.random().toString(36).slice(2, 10);
const issuesText = (xs: { pointer: string; message: string }[]) => xs.map((i) => `${i.pointer || '/'} ${i.message}`).join('; ');

/** Send op with `auth` and no re-login (the 401 is the expected answer, not an expired session). */
async function sendAs(ctx: CheckContext, o: Operation, auth: Credential): Promise<Exchange> {
  gate(ctx, o);
  return ctx.send({
    method: o.method, path: await pathFor(ctx, o), query: o.requiredQuery, auth, relogin: false, json: sampleBody(ctx, o),
  });
}

function login(ctx: CheckContext, fields: Json): Promise<Exchange> {
  return call(ctx, ctx.contract.conventions.auth.login.operationId, { json: fields, auth: 'none' });
}

/** A well-formed login body with a wrong password (for an account that does not exist, by default). */
function loginFields(ctx: CheckContext, email = `storefront-check-${rand()}@example.com`): Json {
  const c = ctx.contract.conventions.auth.login;
  const f: Json = { [c.emailField]: email, [c.passwordField]: `wrong-${rand()}` };
  // the run's reCAPTCHA answer, so that only the credentials are wrong
  if (c.captchaField) f[c.captchaField] = ctx.credentials?.('customer')?.captcha || 'storefront-check';
  return f;
}

const validLogin: CheckDef = {
  slug: 'valid-credentials', clause: 'AUTH-01', endpoint: 'POST /auth/login', needs: ['customer'],
  title: 'login with valid credentials returns a token, tokenType Bearer, expiresIn > 0 and the customer',
  async run(ctx: CheckContext) {
    const s = await freshLogin(ctx);
    // the login response's shape is the login operation's x-resource (BFF LoginResponse, v2 AuthResponse)
    const shape = ctx.contract.byId(ctx.contract.conventions.auth.login.operationId).resource ?? 'LoginResponse';
    const issues = ctx.validateShape(shape, body(s.exchange)).filter((i) => i.clause === packClause(ctx.contract, 'AUTH-01'));
    if (issues.length) ctx.fail(`${answered(s.exchange)} with a login response breaking AUTH-01: ${issuesText(issues)}`, s.exchange);
    const c = ctx.contract.conventions.auth.login;
    const emailPtr = `${c.customerIdPointer.replace(/\/[^/]*$/, '')}/${c.emailField}`;
    const email = pointer(body(s.exchange), emailPtr);
    if (typeof email !== 'string' || email.toLowerCase() !== s.email?.toLowerCase()) {
      ctx.fail(`${answered(s.exchange)} with ${emailPtr} = ${JSON.stringify(email)}, not the signed-in customer's email`, s.exchange);
    }
  },
};

const sameAnswer: CheckDef = {
  slug: 'no-account-enumeration', clause: 'AUTH-02', endpoint: 'POST /auth/login', needs: ['customer'],
  title: 'wrong password and unknown email give the same 401, code and message',
  async run(ctx: CheckContext) {
    const wrong = await login(ctx, loginFields(ctx, loginCredentials(ctx, 'customer').email));
    const unknown = await login(ctx, loginFields(ctx));
    const a = expectEnvelope(ctx, wrong, { status: 401 });
    const b = expectEnvelope(ctx, unknown, { status: 401 });
    if (a.code !== b.code || a.message !== b.message) {
      ctx.fail(
        `a wrong password answered code ${JSON.stringify(a.code)} message ${JSON.stringify(a.message)}; an unknown email ` +
          `answered code ${JSON.stringify(b.code)} message ${JSON.stringify(b.message)}: AUTH-02 requires the same`,
        wrong, unknown,
      );
    }
  },
};

const missingFields: CheckDef = {
  slug: 'missing-fields', clause: 'AUTH-03', endpoint: 'POST /auth/login',
  title: 'a login body missing a field gives 422 with a REQUIRED entry for each missing field',
  async run(ctx: CheckContext) {
    const c = ctx.contract.conventions.auth.login;
    const required = ctx.contract.conventions.codes.required;
    const fields = [c.emailField, c.passwordField, c.captchaField].filter((f): f is string => Boolean(f));
    for (const field of fields) {
      const { [field]: _omit, ...rest } = loginFields(ctx);
      expectEnvelope(ctx, await login(ctx, rest), { status: 422, entry: { field, code: required } });
    }
    const empty = await login(ctx, {});
    for (const field of fields) expectEnvelope(ctx, empty, { status: 422, entry: { field, code: required } });
    ctx.note(`checked ${fields.join(', ')} one by one and all at once`);
  },
};

const malformedEmail: CheckDef = {
  slug: 'malformed-email', clause: 'AUTH-03', endpoint: 'POST /auth/login',
  title: 'a malformed email gives 422 INVALID_FORMAT on the email field',
  async run(ctx: CheckContext) {
    const field = ctx.contract.conventions.auth.login.emailField;
    const ex = await login(ctx, loginFields(ctx, 'not-an-email'));
    expectEnvelope(ctx, ex, { status: 422, entry: { field, code: ctx.contract.conventions.codes.invalidFormat } });
  },
};

const isCustomerOp = (o: Operation) => o.auth === 'customer';

/** AUTH-04/05: `auth` on a customer endpoint must give 401 with the envelope. */
function rejects(slug: string, clause: string, title: string, credential: (ctx: CheckContext) => Promise<Credential>, needs: CheckDef['needs'] = []) {
  return splitByWrites({
    slug, clause, title, needs, appliesTo: isCustomerOp,
    async run(ctx: CheckContext) {
      const ex = await sendAs(ctx, ctx.op!, await credential(ctx));
      expectEnvelope(ctx, ex, { status: 401 });
    },
    // a read must be refused and changes nothing: it need not wait for the stateful flows; a write
    // probe first makes its own order or address (pathFor), which changes the customer's lists
  }).map((def) => ({ ...def, stateful: def.writes }));
}

const customerTokenChecks: CheckDef[] = [
  ...rejects('no-token', 'AUTH-04', 'without the customer token the endpoint answers 401 with the envelope', async () => 'none'),
  ...rejects('malformed-token', 'AUTH-05', 'a malformed token gives 401', async () => asCustomer('not-a-token.storefront-check')),
  ...rejects('tampered-token', 'AUTH-05', 'a token whose signature was changed gives 401', async (ctx) => asCustomer(tamper((await sharedFreshToken(ctx)).token)), ['customer']),
  ...rejects('expired-token', 'AUTH-05', 'an expired token gives 401', async () => 'expired', ['expiredToken']),
];

const refresh: CheckDef = {
  slug: 'refresh', clause: 'AUTH-06', endpoint: 'POST /auth/token', needs: ['customer'],
  title: 'POST /auth/token returns a new token that works on customer endpoints',
  async run(ctx: CheckContext) {
    const r = ctx.contract.conventions.auth.refresh;
    if (!r) ctx.skip('the pack has no token refresh operation');
    const s = await freshLogin(ctx);
    const ex = await call(ctx, r.operationId, { auth: asCustomer(s.token), relogin: false });
    const issues = ctx.validateShape('TokenResponse', objectBody(ctx, ex, 200)).filter((i) => i.clause === 'AUTH-06');
    if (issues.length) ctx.fail(`${answered(ex)} with a token response breaking AUTH-06: ${issuesText(issues)}`, ex);
    const token = pointer(body(ex), r.tokenPointer) as string;
    const me = await call(ctx, 'getMe', { auth: asCustomer(token), relogin: false });
    if (me.response?.status !== 200) ctx.fail(`the refreshed token does not work: ${answered(me)} (expected 200). ${excerpt(me)}`, ex, me);
  },
};

const logout: CheckDef = {
  slug: 'logout-revokes', clause: 'AUTH-07', endpoint: 'POST /auth/logout', needs: ['customer'], writes: true,
  title: 'after logout (204) the token gives 401 on customer endpoints',
  async run(ctx: CheckContext) {
    const l = ctx.contract.conventions.auth.logout;
    if (!l) ctx.skip('the pack has no logout operation');
    const s = await freshLogin(ctx); // a session of its own: the run's shared session stays signed in
    const before = await call(ctx, 'getMe', { auth: asCustomer(s.token), relogin: false });
    expectStatus(ctx, before, 200);
    const out = await call(ctx, l.operationId, { auth: asCustomer(s.token), relogin: false });
    expectStatus(ctx, out, 204);
    const after = await call(ctx, 'getMe', { auth: asCustomer(s.token), relogin: false });
    if (after.response?.status !== 401) {
      ctx.fail(`after ${answered(out)}, the same token still got ${answered(after)}; AUTH-07 requires 401`, out, after);
    }
    expectEnvelope(ctx, after, { status: 401 });
  },
};

/** Customer 1 tries each request on customer 2's resource: 403 or 404, never 2xx. */
async function foreignAttempts(ctx: CheckContext, what: string, attempts: Array<() => Promise<Exchange>>): Promise<void> {
  for (const attempt of attempts) {
    const ex = await attempt();
    const st = ex.response?.status;
    if (st !== 403 && st !== 404) {
      ctx.fail(`customer 1 sent ${answered(ex)} on customer 2's ${what}; AUTH-08 allows only 403 or 404. Body: ${excerpt(ex)}`, ex);
    }
  }
}

async function unchanged(ctx: CheckContext, what: string, before: Json, read: () => Promise<Exchange>): Promise<void> {
  const ex = await read();
  const after = objectBody(ctx, ex, 200);
  if (!sameJson(before, after)) ctx.fail(`customer 2's ${what} changed after customer 1's attempts (${firstDifference(before, after)})`, ex);
}

const foreignCart: CheckDef = {
  // AUTH-08's three checks drive the BFF's cart, order and address flows: they belong to storefront-bff
  fitsPack: onlyPack('storefront-bff'),
  slug: 'foreign-cart', clause: 'AUTH-08', endpoint: 'GET /carts/{cartId}', needs: ['customer', 'customer2'], writes: true,
  title: "a customer cannot read or change another customer's cart",
  async run(ctx: CheckContext) {
    const { id } = await filledCart(ctx, [1], 'customer2');
    const [product] = await buyable(ctx, 1);
    const read = () => call(ctx, 'getCart', { params: { cartId: id }, auth: 'customer2' });
    const before = objectBody(ctx, await read(), 200);
    const c1 = { params: { cartId: id }, auth: 'customer' as const, relogin: false };
    await foreignAttempts(ctx, 'cart', [
      () => call(ctx, 'getCart', c1),
      () => call(ctx, 'updateCart', { ...c1, json: { discountCode: null } }),
      () => call(ctx, 'addLineItem', { ...c1, json: { productId: product.id, quantity: 1 } }),
      () => call(ctx, 'deleteCart', c1),
    ]);
    await unchanged(ctx, 'cart', before, read);
  },
};

const foreignOrder: CheckDef = {
  fitsPack: onlyPack('storefront-bff'),
  slug: 'foreign-order', clause: 'AUTH-08', endpoint: 'GET /orders/{orderId}', needs: ['customer', 'customer2'], writes: true,
  title: "a customer cannot read or cancel another customer's order",
  async run(ctx: CheckContext) {
    const { orderId } = await placeOrder(ctx, [1], 'customer2');
    const read = () => call(ctx, 'getOrder', { params: { orderId }, auth: 'customer2' });
    const before = objectBody(ctx, await read(), 200);
    const c1 = { params: { orderId }, auth: 'customer' as const, relogin: false };
    await foreignAttempts(ctx, 'order', [
      () => call(ctx, 'getOrder', c1),
      () => call(ctx, 'updateOrder', { ...c1, json: { status: 'CANCELLED' } }),
    ]);
    await unchanged(ctx, 'order', before, read);
  },
};

const foreignAddress: CheckDef = {
  fitsPack: onlyPack('storefront-bff'),
  slug: 'foreign-address', clause: 'AUTH-08', endpoint: 'PUT /customers/me/addresses/{addressId}', needs: ['customer', 'customer2'], writes: true,
  title: "a customer cannot read, change or delete another customer's address",
  async run(ctx: CheckContext) {
    const { id, address } = await newAddress(ctx, 'customer2');
    const limit = ctx.contract.conventions.paging.maxLimit;
    const c1 = { params: { addressId: id }, auth: 'customer' as const, relogin: false };
    await foreignAttempts(ctx, 'address', [
      () => call(ctx, 'updateAddress', { ...c1, json: { ...address, city: 'Elsewhere' } }),
      () => call(ctx, 'deleteAddress', c1),
    ]);
    const list1 = await call(ctx, 'listAddresses', { query: { limit } });
    if (excerpt(list1, Infinity).includes(JSON.stringify(id))) ctx.fail(`customer 1's ${answered(list1)} lists customer 2's address ${id}`, list1);
    const list2 = await call(ctx, 'listAddresses', { query: { limit }, auth: 'customer2' });
    const results = pointer(objectBody(ctx, list2, 200), `/${ctx.contract.conventions.paging.envelope.results}`);
    const now = (Array.isArray(results) ? results : []).find((a) => isObject(a) && a.id === id);
    if (!now || !sameJson(now, address)) ctx.fail(`customer 2's address ${id} changed or vanished after customer 1's attempts: ${JSON.stringify(now ?? null)}`, list2);
  },
};

/** The keys of customer data (Customer, Address) that must never appear in a public body (AUTH-09). */
const PII_KEYS = new Set(['emailAddress', 'phone', 'streetName', 'email', 'line1']); // BFF and v2 names

function piiKeys(v: unknown, path = ''): string[] {
  if (Array.isArray(v)) return v.flatMap((x, i) => piiKeys(x, `${path}/${i}`));
  if (!isObject(v)) return [];
  return Object.entries(v).flatMap(([k, x]) => [...(PII_KEYS.has(k) ? [`${path}/${k}`] : []), ...piiKeys(x, `${path}/${k}`)]);
}

const publicNoPii: CheckDef = {
  slug: 'public-no-pii', clause: 'AUTH-09', appliesTo: (o) => o.auth === 'public' && o.method === 'GET',
  title: 'the public endpoint answers without a token and its body carries no PII',
  async run(ctx: CheckContext) {
    const o = ctx.op!;
    const ex = await ctx.send({ method: 'GET', path: await resolveOrSkip(ctx, o), query: o.requiredQuery, auth: 'none' });
    const mayBeDown = o.responses.some((r) => r.status === '503');
    expectStatus(ctx, ex, ...(mayBeDown ? [200, 503] : [200]));
    const found = piiKeys(body(ex));
    if (found.length) ctx.fail(`${answered(ex)} without a token and its body carries customer data at ${found.slice(0, 5).join(', ')}`, ex);
    if (ctx.target.has.customer) {
      const email = await ctx.memo('auth:customer-email', async () => (await call(ctx, 'getMe')).response?.json);
      const addr = isObject(email) ? email[ctx.contract.conventions.auth.login.emailField] : undefined;
      if (typeof addr === 'string' && ex.response?.text.includes(addr)) ctx.fail(`${answered(ex)} contains the test customer's email address`, ex);
    }
  },
};

const serviceClosed: CheckDef = {
  slug: 'closed-without-service-token', clause: 'AUTH-10', appliesTo: (o) => o.auth === 'service',
  title: 'an internal endpoint never answers 2xx without a valid service token; a customer token does not open it',
  async run(ctx: CheckContext) {
    const o = ctx.op!;
    const tries: Array<[string, Credential]> = [['no token', 'none'], ['an invalid service token', { token: `invalid-${rand()}`, as: 'service' }]];
    if (ctx.target.has.customer) tries.push(['the customer token', 'customer']);
    for (const [what, auth] of tries) {
      const ex = await ctx.send({ method: o.method, path: fill(o.path), query: o.requiredQuery, auth, relogin: false });
      const st = ex.response?.status ?? 0;
      const ok = what === 'the customer token' ? [401, 403, 404].includes(st) : st > 0 && (st < 200 || st > 299);
      if (!ok) ctx.fail(`${answered(ex)} with ${what}; AUTH-10 requires ${what === 'the customer token' ? '401, 403 or 404' : 'no 2xx'}`, ex);
    }
  },
};

const serviceOpen: CheckDef = {
  slug: 'open-with-service-token', clause: 'AUTH-10', appliesTo: (o) => o.auth === 'service', needs: ['serviceToken'],
  title: 'an internal endpoint answers 200 for a valid service token',
  async run(ctx: CheckContext) {
    const o = ctx.op!;
    expectStatus(ctx, await ctx.send({ method: o.method, path: fill(o.path), query: o.requiredQuery, auth: 'service' }), 200);
  },
};

export const authChecks: CheckDef[] = [
  validLogin, sameAnswer, missingFields, malformedEmail, ...customerTokenChecks, refresh, logout,
  foreignCart, foreignOrder, foreignAddress, publicNoPii, serviceClosed, serviceOpen,
];
