// Session layer: puts the requested credential on the request in the form the contract pack
// names (conventions.auth.customer / .service: header and scheme, never a hard-coded header),
// and when a customer request answers 401 although it expects success (RequestSpec.relogin),
// logs that customer in again once and replays the request with the new token.

import type { Dispatcher } from 'undici';
import type { AuthScheme } from '../../contract/types.js';
import type { Credential } from '../types.js';
import { type ReplayPolicy, replayInterceptor } from './replay.js';
import { stateOf, withHeader } from './state.js';

export type Identity = 'customer' | 'customer2' | 'service' | 'expired';

/** Where the session layer gets tokens, and how it logs in again. */
export interface SessionStore {
  token(who: Identity): string | undefined;
  canRelogin(who: 'customer' | 'customer2'): boolean;
  /** log in again; resolves the new token, rejects when login fails */
  relogin(who: 'customer' | 'customer2'): Promise<string>;
}

export interface SessionAuth {
  customer: AuthScheme;
  service: AuthScheme;
}

export function authHeader(scheme: AuthScheme, token: string): [string, string] {
  return [scheme.header, scheme.scheme === 'bearer' ? `Bearer ${token}` : token];
}

/** The header a credential becomes, or undefined for 'none' / an identity without a token. */
export function credentialHeader(auth: SessionAuth, store: SessionStore, credential: Credential): [string, string] | undefined {
  if (credential === 'none') return undefined;
  if (typeof credential === 'object') return authHeader(credential.as === 'service' ? auth.service : auth.customer, credential.token);
  const token = store.token(credential);
  if (!token) return undefined;
  return authHeader(credential === 'service' ? auth.service : auth.customer, token);
}

function reloginIdentity(credential: Credential): 'customer' | 'customer2' | undefined {
  return credential === 'customer' || credential === 'customer2' ? credential : undefined;
}

export function sessionInterceptor(auth: SessionAuth, store: SessionStore): Dispatcher.DispatcherComposeInterceptor {
  const policy: ReplayPolicy = {
    wants(opts, status, _headers, attempt) {
      const state = stateOf(opts);
      if (!state || status !== 401 || attempt > 0 || !state.relogin) return false;
      const who = reloginIdentity(state.credential);
      return who !== undefined && store.canRelogin(who);
    },
    async prepare(opts) {
      const state = stateOf(opts)!;
      const who = reloginIdentity(state.credential)!;
      try {
        const token = await store.relogin(who);
        state.notes.push(`token of ${who} rejected with 401: re-logged in and retried once`);
        const [name, value] = authHeader(auth.customer, token);
        return withHeader(opts, name, value);
      } catch (err) {
        state.notes.push(`token of ${who} rejected with 401; re-login failed: ${(err as Error).message}`);
        return undefined;
      }
    },
  };
  const replay = replayInterceptor(policy);
  return (dispatch) => {
    const inner = replay(dispatch);
    return function session(opts, handler) {
      const state = stateOf(opts);
      const header = state ? credentialHeader(auth, store, state.credential) : undefined;
      return inner(header ? withHeader(opts, header[0], header[1]) : opts, handler);
    };
  };
}
