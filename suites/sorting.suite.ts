// The SRT family's checks (src/checks/sorting.ts), run by storefront-check through vitest.
import { runFamily } from '../src/engine/harness.js';

runFamily('SRT');
