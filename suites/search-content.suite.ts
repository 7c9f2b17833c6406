// The SEARCH family's checks (src/checks/search-content.ts), run by storefront-check through vitest.
import { runFamily } from '../src/engine/harness.js';

runFamily('SEARCH');
