// The HDR family's checks (src/checks/headers.ts), run by storefront-check through vitest.
import { runFamily } from '../src/engine/harness.js';

runFamily('HDR');
