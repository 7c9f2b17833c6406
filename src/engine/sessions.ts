// The run's identities and their sessions, settled in the main process before the suites start:
// which credentials and tokens the run has (the embedded server's, or the configuration's), one
// login per test customer, and — when a login fails — ONE setup error naming the variables to
// fix, with the reason every customer check will be skipped with.

import type { ResolvedConfig } from '../config/types.js';
import type { ContractPack } from '../contract/types.js';
import type { Identity } from '../http/interceptors/session.js';
import type { NamedSecret, Redactor } from '../http/redact.js';
import { login, type LoginCredentials } from '../http/session.js';
import type { HttpClient } from '../http/types.js';
import type { RunningServer } from '../server/types.js';

export interface Identities {
  credentials: Partial<Record<'customer' | 'customer2', LoginCredentials>>;
  serviceToken?: string;
  expiredToken?: string;
}

export async function identities(config: ResolvedConfig, server: RunningServer | undefined): Promise<Identities> {
  if (server) {
    const [c1, c2] = server.customers;
    return {
      credentials: {
        customer: { email: c1.email, password: c1.password, recaptchaToken: server.recaptchaToken },
        customer2: { email: c2.email, password: c2.password, recaptchaToken: server.recaptchaToken },
      },
      serviceToken: server.serviceToken,
      expiredToken: await server.mintExpiredToken(0),
    };
  }
  const s = config.secrets;
  const withCaptcha = (c?: { email: string; password: string }) => (c ? { ...c, recaptchaToken: s.recaptchaToken } : undefined);
  return {
    credentials: { customer: withCaptcha(s.customer), customer2: withCaptcha(s.customer2) },
    serviceToken: s.serviceToken,
    expiredToken: s.expiredToken,
  };
}

const VARS = {
  customer: 'STOREFRONT_CUSTOMER_EMAIL / STOREFRONT_CUSTOMER_PASSWORD / STOREFRONT_RECAPTCHA_TOKEN',
  customer2: 'STOREFRONT_CUSTOMER2_EMAIL / STOREFRONT_CUSTOMER2_PASSWORD / STOREFRONT_RECAPTCHA_TOKEN',
};

export function secretsOf(ids: Identities, tokens: Partial<Record<Identity, string>>): NamedSecret[] {
  const list: NamedSecret[] = [
    { value: tokens.customer ?? '', name: 'STOREFRONT_TOKEN' },
    { value: tokens.customer2 ?? '', name: 'STOREFRONT_TOKEN2' },
    { value: ids.serviceToken ?? '', name: 'STOREFRONT_SERVICE_TOKEN' },
    { value: ids.expiredToken ?? '', name: 'STOREFRONT_EXPIRED_TOKEN' },
    { value: ids.credentials.customer?.password ?? '', name: 'STOREFRONT_CUSTOMER_PASSWORD' },
    { value: ids.credentials.customer2?.password ?? '', name: 'STOREFRONT_CUSTOMER2_PASSWORD' },
    { value: ids.credentials.customer?.recaptchaToken ?? '', name: 'STOREFRONT_RECAPTCHA_TOKEN' },
  ];
  return list.filter((s) => s.value);
}


export interface Sessions {
  tokens: Partial<Record<Identity, string>>;
  /** skip reasons for identities the run lacks */
  missing: Partial<Record<Identity, string>>;
  ids: { customerId?: string; customer2Id?: string };
  problems: Array<{ level: 'error' | 'warning'; message: string }>;
}

/** Log each configured test customer in once; learn the tokens for redaction. */
export async function logIn(client: HttpClient, contract: ContractPack, ids: Identities, redactor: Redactor): Promise<Sessions> {
  const loginOp = contract.byId(contract.conventions.auth.login.operationId);
  const out: Sessions = { tokens: {}, missing: {}, ids: {}, problems: [] };
  const failures: string[] = [];
  for (const who of ['customer', 'customer2'] as const) {
    const creds = ids.credentials[who];
    if (!creds) continue;
    const name = who === 'customer' ? 'the test customer' : 'the second test customer';
    const outcome = await login(client, loginOp, contract.conventions.auth.login, creds);
    if (outcome.ok) {
      out.tokens[who] = outcome.token;
      redactor.addSecret(outcome.token, who === 'customer' ? 'STOREFRONT_TOKEN' : 'STOREFRONT_TOKEN2');
      out.ids[who === 'customer' ? 'customerId' : 'customer2Id'] = outcome.customerId;
    } else {
      const why = redactor.text(outcome.message);
      failures.push(`${name} (${why}): check ${VARS[who]}`);
      out.missing[who] = `skipped: ${name} could not log in (${why}); fix ${VARS[who]}`;
    }
  }
  if (failures.length) {
    out.problems.push({ level: 'error', message: `login failed for ${failures.join('; and for ')}. The checks that need a customer session are skipped.` });
  }
  if (!ids.credentials.customer) {
    out.missing.customer = 'skipped: no test customer configured (set STOREFRONT_CUSTOMER_EMAIL and STOREFRONT_CUSTOMER_PASSWORD)';
    out.problems.push({ level: 'warning', message: 'no test customer configured (STOREFRONT_CUSTOMER_EMAIL / STOREFRONT_CUSTOMER_PASSWORD): customer checks are skipped' });
  }
  if (ids.serviceToken) out.tokens.service = ids.serviceToken;
  if (ids.expiredToken) out.tokens.expired = ids.expiredToken;
  return out;
}
