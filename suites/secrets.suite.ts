// The SECRETS checks (src/checks/secrets.ts), run by storefront-check through vitest.
import { runFamily } from '../src/engine/harness.js';

runFamily('SECRETS');
