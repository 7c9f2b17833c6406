// The CART family's checks (src/checks/cart.ts), run by storefront-check through vitest.
import { runFamily } from '../src/engine/harness.js';

runFamily('CART');
