// Test-customer sessions: logging in as the pack's login convention says (operation, field
// names, token pointer) and the SessionStore the session interceptor reads tokens from. The
// main process logs in once before the suites start; workers receive the tokens and log in
// again through the same store only when a token expires mid-run; endSessions logs the run's
// sessions out at its end.

import { pointer } from '../contract/json.js';
import type { PackConventions } from '../contract/types.js';
import type { ProductionPolicy } from './interceptors/guard.js';
import type { Identity, SessionStore } from './interceptors/session.js';
import type { Exchange, HttpClient } from './types.js';

export interface LoginCredentials {
  email: string;
  password: string;
  recaptchaToken?: string;
}

export interface LoginEndpoint {
  method: string;
  path: string;
}

export type LoginOutcome =
  | { ok: true; token: string; customerId?: string; exchange: Exchange }
  | { ok: false; message: string; exchange?: Exchange };

/** The login request body of the pack for these credentials (the production guard allows exactly these). */
export function loginBody(conventions: PackConventions['auth']['login'], creds: LoginCredentials): Record<string, string> {
  const json: Record<string, string> = {
    [conventions.emailField]: creds.email,
    [conventions.passwordField]: creds.password,
  };
  if (conventions.captchaField) json[conventions.captchaField] = creds.recaptchaToken ?? '';
  return json;
}

/** The body text as the client sends it, for createProductionPolicy({ loginBodies }). */
export function loginBodyText(conventions: PackConventions['auth']['login'], creds: LoginCredentials): string {
  return JSON.stringify(loginBody(conventions, creds));
}

/** POST the login request of the pack; never throws for an API answer, only for tool errors. */
export async function login(
  client: HttpClient,
  endpoint: LoginEndpoint,
  conventions: PackConventions['auth']['login'],
  creds: LoginCredentials,
): Promise<LoginOutcome> {
  const json = loginBody(conventions, creds);
  const exchange = await client.send({ method: endpoint.method, path: endpoint.path, json, auth: 'none', relogin: false });
  if (!exchange.response) {
    return { ok: false, exchange, message: `${endpoint.method} ${endpoint.path} got no response (${exchange.error?.code})` };
  }
  const { status, json: body } = exchange.response;
  const token = pointer(body, conventions.tokenPointer);
  if (status !== 200 || typeof token !== 'string' || !token) {
    const detail =
      body && typeof body === 'object' && typeof (body as { message?: unknown }).message === 'string'
        ? `: ${(body as { message: string }).message}`
        : '';
    return { ok: false, exchange, message: `${endpoint.method} ${endpoint.path} answered ${status}${detail}` };
  }
  const id = pointer(body, conventions.customerIdPointer);
  return { ok: true, token, customerId: typeof id === 'string' ? id : undefined, exchange };
}

/**
 * End the sessions the run opened (its one login per customer), at the end of the run, so no
 * live session is left on the target. On production the policy allows exactly these logouts.
 * Never throws: a logout that fails is returned as a line for the run's setup warnings.
 */
export async function endSessions(
  client: HttpClient,
  endpoint: LoginEndpoint,
  tokens: ReadonlyArray<string | undefined>,
  policy?: ProductionPolicy,
): Promise<string[]> {
  const problems: string[] = [];
  for (const token of new Set(tokens.filter((t): t is string => Boolean(t)))) {
    policy?.permitLogout(token);
    try {
      const ex = await client.send({ method: endpoint.method, path: endpoint.path, auth: { token, as: 'customer' }, relogin: false, retry: false });
      const status = ex.response?.status;
      if (status === undefined) problems.push(`could not log out a test session at the end: ${endpoint.method} ${endpoint.path} got no response (${ex.error?.code})`);
      else if (status >= 300 && status !== 401) problems.push(`could not log out a test session at the end: ${endpoint.method} ${endpoint.path} answered ${status}`);
    } catch (err) {
      problems.push(`could not log out a test session at the end: ${(err as Error).message}`);
    }
  }
  return problems;
}

export interface StoreInit {
  tokens: Partial<Record<Identity, string>>;
  /** credentials to log in again with, per customer */
  credentials?: Partial<Record<'customer' | 'customer2', LoginCredentials>>;
  /** why an identity is missing, for the skip reason ('customer login failed: …') */
  missing?: Partial<Record<Identity, string>>;
  /** performs a login (bound to a client, endpoint and conventions) */
  login?: (creds: LoginCredentials) => Promise<LoginOutcome>;
  /** told about every new token (redaction) */
  onToken?: (who: Identity, token: string) => void;
}

export interface MutableSessionStore extends SessionStore {
  why(who: Identity): string;
  set(who: Identity, token: string): void;
}

export function createSessionStore(init: StoreInit): MutableSessionStore {
  const tokens = { ...init.tokens };
  const pending = new Map<string, Promise<string>>();
  const defaults: Record<Identity, string> = {
    customer: 'no test customer session (set STOREFRONT_CUSTOMER_EMAIL and STOREFRONT_CUSTOMER_PASSWORD)',
    customer2: 'needs a second test customer (set STOREFRONT_CUSTOMER2_EMAIL and STOREFRONT_CUSTOMER2_PASSWORD)',
    service: 'needs a service identity token (set STOREFRONT_SERVICE_TOKEN)',
    expired: 'needs an expired customer token (set STOREFRONT_EXPIRED_TOKEN)',
  };
  return {
    token: (who) => tokens[who],
    why: (who) => init.missing?.[who] ?? defaults[who],
    set(who, token) {
      tokens[who] = token;
      init.onToken?.(who, token);
    },
    canRelogin: (who) => Boolean(init.login && init.credentials?.[who]),
    relogin(who) {
      const running = pending.get(who);
      if (running) return running;
      const creds = init.credentials?.[who];
      if (!init.login || !creds) return Promise.reject(new Error(`no credentials to log ${who} in again`));
      const p = init
        .login(creds)
        .then((outcome) => {
          if (!outcome.ok) throw new Error(outcome.message);
          tokens[who] = outcome.token;
          init.onToken?.(who, outcome.token);
          return outcome.token;
        })
        .finally(() => pending.delete(who));
      pending.set(who, p);
      return p;
    },
  };
}
