// The ENV family's checks (src/checks/environment.ts), run by storefront-check through vitest.
import { runFamily } from '../src/engine/harness.js';

runFamily('ENV');
