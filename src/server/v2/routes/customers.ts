// Rows 14-17: register, login (V2-AUTH-01/02), token refresh with rotation (V2-AUTH-05) and the
// profile, whose PUT is idempotent and guarded by `version` (409 VERSION_CONFLICT).

import { ApiError, type FieldError } from '../../errors.js';
import { issueTokens } from '../auth.js';
import { me, str, type V2RouteDef } from '../context.js';
import { conflictV2, fieldError, validationFailed } from '../errors.js';
import { nowIso } from '../formats.js';
import type { CustomerRec } from '../records.js';
import { customer as customerView } from '../views.js';

const EMAIL = /^[^\s@]+@[^\s@]+\.[^\s@]+$/;

function phoneOf(body: Record<string, unknown>, errors: FieldError[]): string | null | undefined {
  if (!('phone' in body)) return undefined;
  const v = body.phone;
  if (v === null || v === '') return null;
  if (typeof v !== 'string' || !/^\+?[0-9 ()-]{6,20}$/.test(v)) {
    errors.push(fieldError('phone', 'INVALID_FORMAT', 'phone must be a phone number'));
    return undefined;
  }
  return v;
}

export const customerRoutes: V2RouteDef[] = [
  {
    id: 'register',
    method: 'POST',
    url: '/customers/register',
    auth: 'anonymous',
    body: true,
    family: 'auth',
    handler: async ({ s, body }) => {
      const errors: FieldError[] = [];
      const email = str(body, 'email', errors);
      if (email !== undefined && !EMAIL.test(email)) errors.push(fieldError('email', 'INVALID_FORMAT', 'email must be an email address'));
      const password = str(body, 'password', errors);
      if (password !== undefined && password.length < 8) errors.push(fieldError('password', 'OUT_OF_RANGE', 'password must have at least 8 characters'));
      const firstName = str(body, 'firstName', errors);
      const lastName = str(body, 'lastName', errors);
      const phone = phoneOf(body, errors);
      if (errors.length) {
        if (s.faults.has('v2-err-422-code-bad-request')) throw new ApiError(422, 'Bad request', 'BAD_REQUEST', errors);
        throw validationFailed(errors);
      }
      if (s.customerByEmail.has(email!.toLowerCase())) {
        throw conflictV2('An account with this email already exists', s.faults.has('v2-err-code-camel-case-register') ? 'emailAlreadyRegistered' : 'EMAIL_ALREADY_REGISTERED');
      }
      const now = nowIso();
      const c: CustomerRec = {
        id: s.ids.next('cust'), email: email!, password: password!, firstName: firstName!, lastName: lastName!, phone: phone ?? null,
        version: s.faults.has('v2-fmt-register-version-zero') ? 0 : 1, createdAt: now, updatedAt: now,
      };
      s.customers.set(c.id, c);
      s.customerByEmail.set(c.email.toLowerCase(), c);
      const view = s.faults.has('v2-auth-password-in-register') ? { ...customerView(c), password: c.password } : customerView(c);
      return { status: 201, body: { customer: view, ...(await issueTokens(s, c.id)) } };
    },
  },
  {
    id: 'login',
    method: 'POST',
    url: '/customers/login',
    auth: 'anonymous',
    body: true,
    family: 'auth',
    handler: async ({ s, body }) => {
      const errors: FieldError[] = [];
      const email = str(body, 'email', errors);
      const password = str(body, 'password', errors);
      if (errors.length) throw validationFailed(errors);
      const c = s.customerByEmail.get(email!.toLowerCase());
      if (!c || c.password !== password) {
        const distinct = !c && s.faults.has('v2-auth-unknown-email-distinct');
        throw new ApiError(401, distinct ? 'No account with this email' : 'Invalid email or password', 'UNAUTHORIZED');
      }
      const tokens = await issueTokens(s, c.id);
      const expiresIn = s.faults.has('v2-auth-expires-in-string') ? String(tokens.expiresIn) : tokens.expiresIn;
      return { body: { ...tokens, expiresIn, customer: { id: c.id, email: c.email, firstName: c.firstName, lastName: c.lastName } } };
    },
  },
  {
    id: 'refreshToken',
    method: 'POST',
    url: '/customers/token/refresh',
    auth: 'anonymous',
    body: true,
    family: 'auth',
    handler: async ({ s, body }) => {
      const errors: FieldError[] = [];
      const refreshToken = str(body, 'refreshToken', errors);
      if (errors.length) throw validationFailed(errors);
      const customerId = s.refreshTokens.get(refreshToken!);
      if (!customerId || !s.customers.has(customerId)) throw new ApiError(401, 'The refresh token is invalid or was already used', 'UNAUTHORIZED');
      if (!s.faults.has('v2-auth-refresh-reusable')) s.refreshTokens.delete(refreshToken!);
      return { body: await issueTokens(s, customerId) };
    },
  },
  {
    id: 'getMe',
    method: 'GET',
    url: '/customers/me',
    auth: 'customer',
    handler: (ctx) => ({ body: customerView(me(ctx)) }),
  },
  {
    id: 'updateMe',
    method: 'PUT',
    url: '/customers/me',
    auth: 'customer',
    body: true,
    handler: (ctx) => {
      const c = me(ctx);
      const { body, s } = ctx;
      const errors: FieldError[] = [];
      const firstName = str(body, 'firstName', errors);
      const lastName = str(body, 'lastName', errors);
      const phone = phoneOf(body, errors);
      const version = body.version;
      if (version !== undefined && version !== null && (!Number.isInteger(version) || (version as number) < 1)) errors.push(fieldError('version', 'INVALID_VALUE', 'version must be an integer >= 1'));
      if (errors.length) throw validationFailed(errors);
      const next = { firstName: firstName!, lastName: lastName!, phone: phone === undefined ? c.phone : phone };
      const changed = next.firstName !== c.firstName || next.lastName !== c.lastName || next.phone !== c.phone;
      if (typeof version === 'number' && (version > c.version || (version < c.version && changed))) {
        throw conflictV2(`The profile is at version ${c.version}; reload it and apply your change again`, 'VERSION_CONFLICT');
      }
      if (changed || s.faults.has('v2-idm-put-me-bumps-version')) {
        Object.assign(c, next);
        c.version++;
        c.updatedAt = nowIso();
      }
      return { body: customerView(c) };
    },
  },
];
