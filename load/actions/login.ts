// Action: sign in (AUTH-01). The session token then rides on every request as X-BFF-Token.
import { check, group } from 'k6';
import { send, json, type Session } from '../lib/http.ts';
import { contractHeaders } from '../lib/checks.ts';
import { settings } from '../config.ts';

interface LoginResponse {
  accessToken: string;
  tokenType: string;
  customer: { id: string };
}

export function login(s: Session, email: string, password: string): boolean {
  return group('Sign in', () => {
    const res = send(s, 'POST', 'login', '/auth/login', {
      body: { emailAddress: email, password, gRecaptchaResponse: settings.recaptchaToken },
    });
    const body = json<LoginResponse>(res);
    const ok = check(res, {
      'a Bearer session token is issued': () => typeof body?.accessToken === 'string' && body.tokenType === 'Bearer',
      ...contractHeaders(s.correlationId),
    });
    if (body && typeof body.accessToken === 'string') s.token = body.accessToken;
    return ok && !!s.token;
  });
}
