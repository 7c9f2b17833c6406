// The VER family's checks (src/checks/versioning.ts), run by storefront-check through vitest.
import { runFamily } from '../src/engine/harness.js';

runFamily('VER');
