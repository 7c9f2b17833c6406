// The IDM family's checks (src/checks/idempotency.ts), run by storefront-check through vitest.
import { runFamily } from '../src/engine/harness.js';

runFamily('IDM');
