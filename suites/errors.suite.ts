// The ERR family's checks (src/checks/errors.ts), run by storefront-check through vitest.
import { runFamily } from '../src/engine/harness.js';

runFamily('ERR');
