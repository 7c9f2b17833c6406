// The CLIENT-REFERENCE checks (src/checks/client-reference.ts), run by storefront-check through vitest.
import { runFamily } from '../src/engine/harness.js';

runFamily('CLIENT-REFERENCE');
