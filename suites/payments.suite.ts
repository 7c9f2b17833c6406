// The PAYMENTS checks (src/checks/payments.ts), run by storefront-check through vitest.
import { runFamily } from '../src/engine/harness.js';

runFamily('PAYMENTS');
