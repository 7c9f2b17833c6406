// Rows 1-3: login (AUTH-01..03), token refresh (AUTH-06) and logout (AUTH-07). Wrong password
// and unknown email answer exactly the same 401; any non-empty reCAPTCHA response is accepted.

import { str, type RouteDef } from '../context.js';
import { ApiError, validation, type FieldError } from '../errors.js';
import { customerBrief } from '../views.js';

const EMAIL = /^[^@\s]+@[^@\s]+\.[^@\s]+$/;

export const authRoutes: RouteDef[] = [
  {
    id: 'login',
    method: 'POST',
    url: '/auth/login',
    auth: 'public',
    body: 'json',
    family: 'auth',
    pii: true,
    handler: async ({ s, body }) => {
      const f = s.faults;
      const errors: FieldError[] = [];
      const email = str(body, 'emailAddress', errors);
      const password = str(body, 'password', errors);
      str(body, 'gRecaptchaResponse', errors, f.has('auth-missing-recaptcha-accepted'));
      const badFormat = email !== undefined && !EMAIL.test(email);
      if (badFormat && !f.has('auth-bad-email-format-401')) {
        errors.push({ field: 'emailAddress', code: 'INVALID_FORMAT', message: 'emailAddress must be an email address' });
      }
      if (errors.length) throw validation(errors);
      const customer = s.customerByEmail.get(email!.toLowerCase());
      if (!customer || customer.password !== password) {
        const code = f.has('err-code-camel-case-login') ? 'invalidCredentials' : 'INVALID_CREDENTIALS';
        const message = !customer && f.has('auth-unknown-email-distinct') ? 'No account exists for this email address' : 'Invalid email address or password';
        throw new ApiError(401, message, code);
      }
      const { accessToken, expiresIn } = await s.tokens.issueCustomer(customer.id);
      const tokenType = f.has('auth-token-type-lowercase') ? 'bearer' : 'Bearer';
      return { body: { accessToken, tokenType, expiresIn, customer: customerBrief(customer) } };
    },
  },
  {
    id: 'refreshToken',
    method: 'POST',
    url: '/auth/token',
    auth: 'customer',
    body: 'none',
    family: 'auth',
    handler: async ({ s, customer, claims }) => {
      const { accessToken, expiresIn } = await s.tokens.issueCustomer(customer.id, true);
      if (s.modes.oldTokenAfterRefresh === 'revoked' && claims) s.tokens.revoke(claims);
      return { body: { accessToken, tokenType: 'Bearer', expiresIn } };
    },
  },
  {
    id: 'logout',
    method: 'POST',
    url: '/auth/logout',
    auth: 'customer',
    body: 'none',
    family: 'auth',
    handler: ({ s, claims }) => {
      if (claims && !s.faults.has('auth-logout-not-revoking')) s.tokens.revoke(claims);
      return { status: 204 };
    },
  },
];
