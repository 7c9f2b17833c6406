// The PRODUCT-SEARCH checks (src/checks/product-search.ts), run by storefront-check through vitest.
import { runFamily } from '../src/engine/harness.js';

runFamily('PRODUCT-SEARCH');
