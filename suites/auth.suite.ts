// The AUTH family's checks (src/checks/auth.ts), run by storefront-check through vitest.
import { runFamily } from '../src/engine/harness.js';

runFamily('AUTH');
