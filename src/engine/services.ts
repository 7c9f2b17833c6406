// The one factory of a run's HTTP services: the redactor (which secrets, which keys), the session
// store (tokens, re-login) and the undici client with its observer (schema validation of every
// response). run.ts uses it for the logins, the CheckRuntime for the checks: both get the same
// redaction rules, so the two can never disagree about what is secret.

import type { ContractPack } from '../contract/types.js';
import { createHttpClient } from '../http/client.js';
import { createProductionPolicy, type ProductionPolicy } from '../http/interceptors/guard.js';
import type { RetryOptions } from '../http/interceptors/retry.js';
import type { Identity } from '../http/interceptors/session.js';
import { type NamedSecret, Redactor } from '../http/redact.js';
import { createSessionStore, login, type LoginCredentials, type MutableSessionStore } from '../http/session.js';
import type { Exchange, HttpClient } from '../http/types.js';
import type { Secret } from '../checks/secrets.js';
import { AnswerLog } from './answer-log.js';
import { ExchangeObserver } from './observe.js';

export interface ServicesInit {
  contract: ContractPack;
  baseUrl: string;
  production: boolean;
  /**
   * The run's one production policy (ENV-02), shared by the clients of one process; default: a policy
   * that lets no login through (in production only the main process logs in, once per customer).
   */
  policy?: ProductionPolicy;
  /** response bodies past this are cut and reported with their size (--max-body) */
  maxBodyBytes?: number;
  apiVersion: string;
  timeoutMs: number;
  retry?: Partial<RetryOptions>;
  /** secrets known up front (passwords, configured tokens); tokens learned later are added as they come */
  secrets?: NamedSecret[];
  tokens?: Partial<Record<Identity, string>>;
  credentials?: Partial<Record<'customer' | 'customer2', LoginCredentials>>;
  missing?: Partial<Record<Identity, string>>;
  /** the run's own secrets (passwords, the test card) the run-wide judges search every answer for (V2-AUTH-07) */
  runSecrets?: Secret[];
  /** every completed exchange, after the observer saw it */
  onExchange?: (ex: Exchange) => void;
}

export interface RunServices {
  redactor: Redactor;
  store: MutableSessionStore;
  client: HttpClient & { readonly requestCount: number };
  observer: ExchangeObserver;
  /** the run-wide judges of every answer (HDR, ERR, FMT), fed like the observer */
  answers: AnswerLog;
}

const TOKEN_VARIABLE: Partial<Record<Identity, string>> = { customer: 'STOREFRONT_TOKEN', customer2: 'STOREFRONT_TOKEN2' };

/** The redaction rules of a pack: its credential headers and its secret body keys. */
export function packRedactor(contract: ContractPack, secrets: NamedSecret[] = []): Redactor {
  const auth = contract.conventions.auth;
  return new Redactor({
    authHeaders: [
      { ...auth.customer, placeholder: 'STOREFRONT_TOKEN' },
      { ...auth.service, placeholder: 'STOREFRONT_SERVICE_TOKEN' },
    ],
    secrets,
    secretKeys: [auth.login.passwordField, auth.login.tokenPointer.split('/').pop() || 'accessToken', ...(auth.login.captchaField ? [auth.login.captchaField] : [])],
  });
}

export function createRunServices(init: ServicesInit): RunServices {
  const { contract } = init;
  const auth = contract.conventions.auth;
  const redactor = packRedactor(contract, init.secrets);
  const observer = new ExchangeObserver(contract, redactor);
  const answers = new AnswerLog(contract, init.runSecrets);
  const loginOp = contract.byId(auth.login.operationId);
  const logoutOp = auth.logout ? contract.byId(auth.logout.operationId) : undefined;
  let client: RunServices['client'] | undefined;
  const store = createSessionStore({
    tokens: init.tokens ?? {},
    credentials: init.credentials,
    missing: init.missing,
    login: (creds) => login(client!, loginOp, auth.login, creds),
    onToken: (who, token) => redactor.addSecret(token, TOKEN_VARIABLE[who] ?? 'STOREFRONT_TOKEN'),
  });
  client = createHttpClient({
    baseUrl: init.baseUrl,
    auth: { customer: auth.customer, service: auth.service },
    apiVersion: { header: contract.conventions.headers.apiVersion, value: init.apiVersion },
    correlationId: contract.conventions.headers.correlationId ? { header: contract.conventions.headers.correlationId } : undefined,
    timeoutMs: init.timeoutMs,
    store,
    policy: init.policy ?? createProductionPolicy({ production: init.production }),
    maxBodyBytes: init.maxBodyBytes,
    login: loginOp,
    logout: logoutOp,
    match: (method, path) => contract.match(method, path)?.operationId,
    retry: init.retry,
    onExchange: (ex) => {
      observer.observe(ex);
      answers.observe(ex);
      init.onExchange?.(ex);
    },
  });
  return { redactor, store, client, observer, answers };
}
