// Production guard (outermost layer, ENV-02): against production only GET and HEAD leave the
// tool, plus exactly two kinds of write the run itself needs: the login of a configured test
// customer with the run's own credentials body, once per customer (no wrong passwords, made-up
// accounts or malformed bodies: an account-lockout risk), and one logout per session the run
// opened, at its end. Anything else is refused before it is sent, as a tool error.

import type { Dispatcher } from 'undici';
import type { Credential } from '../types.js';
import { ProductionWriteRefused, READ_ONLY } from '../errors.js';
import { stateOf } from './state.js';

const SAFE = new Set(['GET', 'HEAD']);

export interface GuardedRequest {
  method: string;
  path: string;
  body?: string;
  credential: Credential;
  kind: 'login' | 'logout' | 'other';
}

/** The run's one production policy, shared by every client of the run (logins are counted across them). */
export interface ProductionPolicy {
  readonly production: boolean;
  /** why this request may not leave the tool, or undefined when it may (a permitted login or logout is used up) */
  refusal(req: GuardedRequest): string | undefined;
  /** allow one logout carrying this token: the run ending a session it opened */
  permitLogout(token: string): void;
}

export interface PolicyOptions {
  production: boolean;
  /** the exact login request bodies of the run's configured customers (see loginBodyText in session.ts) */
  loginBodies?: readonly string[];
}

export function createProductionPolicy(opts: PolicyOptions): ProductionPolicy {
  const unusedLogins = new Set(opts.loginBodies ?? []);
  const usedLogins = new Set<string>();
  const logouts = new Set<string>();
  const ended = new Set<string>();
  return {
    production: opts.production,
    permitLogout(token) {
      if (!ended.has(token)) logouts.add(token);
    },
    refusal(req) {
      if (!opts.production || SAFE.has(req.method)) return undefined;
      if (req.kind === 'login') {
        const body = req.body ?? '';
        if (unusedLogins.delete(body)) {
          usedLogins.add(body);
          return undefined;
        }
        return usedLogins.has(body)
          ? 'the test customer is already logged in: production gets one login per customer per run'
          : "production gets only the login of a configured test customer with the run's own credentials (no wrong or made-up credentials, no malformed bodies)";
      }
      if (req.kind === 'logout' && typeof req.credential === 'object' && logouts.delete(req.credential.token)) {
        ended.add(req.credential.token);
        return undefined;
      }
      if (req.kind === 'logout') return 'production gets one logout per session the run opened, at its end';
      return READ_ONLY;
    },
  };
}

/** Refuses, before anything is sent, what the policy does not allow. */
export function guardInterceptor(policy: ProductionPolicy): Dispatcher.DispatcherComposeInterceptor {
  return (dispatch) =>
    function guard(opts, handler) {
      const state = stateOf(opts);
      const method = opts.method.toUpperCase();
      const body = typeof opts.body === 'string' ? opts.body : opts.body instanceof Uint8Array ? Buffer.from(opts.body).toString('utf8') : undefined;
      const kind = state?.isLogin ? 'login' : state?.isLogout ? 'logout' : 'other';
      const why = policy.refusal({ method, path: opts.path, body, credential: state?.credential ?? 'none', kind });
      if (why !== undefined) throw new ProductionWriteRefused(method, opts.path, why);
      return dispatch(opts, handler);
    };
}
