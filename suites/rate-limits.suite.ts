// The RL family's checks (src/checks/rate-limits.ts), run by storefront-check through vitest.
import { runFamily } from '../src/engine/harness.js';

runFamily('RL');
