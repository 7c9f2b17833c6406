// Read-only guard (outermost layer): against production only GET and HEAD leave the tool, plus
// the login POST (ENV-02). Anything else is refused before it is sent, as a tool error.

import type { Dispatcher } from 'undici';
import { ProductionWriteRefused } from '../errors.js';
import { stateOf } from './state.js';

const SAFE = new Set(['GET', 'HEAD']);

export function readOnlyGuard(enabled: () => boolean): Dispatcher.DispatcherComposeInterceptor {
  return (dispatch) =>
    function guard(opts, handler) {
      const method = opts.method.toUpperCase();
      if (enabled() && !SAFE.has(method) && !stateOf(opts)?.isLogin) {
        throw new ProductionWriteRefused(method, opts.path);
      }
      return dispatch(opts, handler);
    };
}
