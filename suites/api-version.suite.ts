// The API-VERSION checks (src/checks/api-version.ts), run by storefront-check through vitest.
import { runFamily } from '../src/engine/harness.js';

runFamily('API-VERSION');
