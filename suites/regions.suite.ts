// The REGIONS checks (src/checks/regions.ts), run by storefront-check through vitest.
import { runFamily } from '../src/engine/harness.js';

runFamily('REGIONS');
