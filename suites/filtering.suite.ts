// The FLT family's checks (src/checks/filtering.ts), run by storefront-check through vitest.
import { runFamily } from '../src/engine/harness.js';

runFamily('FLT');
