// Capture layer (closest to the wire): records each attempt exactly as sent — URL, headers with
// the credential the session layer put on, body — so the evidence shows what the server got.

import type { Dispatcher } from 'undici';
import { headerRecord, stateOf } from './state.js';

function bodyText(body: Dispatcher.DispatchOptions['body']): string | undefined {
  if (body === undefined || body === null) return undefined;
  if (typeof body === 'string') return body;
  if (body instanceof Uint8Array) return Buffer.from(body).toString('utf8');
  return '[stream body]';
}

export function captureInterceptor(): Dispatcher.DispatcherComposeInterceptor {
  return (dispatch) =>
    function capture(opts, handler) {
      const state = stateOf(opts);
      if (state) {
        state.attempts++;
        const origin = typeof opts.origin === 'string' ? opts.origin : (opts.origin?.origin ?? '');
        state.sent = {
          method: opts.method,
          url: `${origin.replace(/\/$/, '')}${opts.path}`,
          headers: headerRecord(opts.headers),
          body: bodyText(opts.body),
        };
      }
      return dispatch(opts, handler);
    };
}
