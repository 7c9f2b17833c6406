// The CUSTOMER-AUTH checks (src/checks/customer-auth.ts), run by storefront-check through vitest.
import { runFamily } from '../src/engine/harness.js';

runFamily('CUSTOMER-AUTH');
