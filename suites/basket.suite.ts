// The BASKET checks (src/checks/basket.ts), run by storefront-check through vitest.
import { runFamily } from '../src/engine/harness.js';

runFamily('BASKET');
