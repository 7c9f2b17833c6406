// The PAG family's checks (src/checks/pagination.ts), run by storefront-check through vitest.
import { runFamily } from '../src/engine/harness.js';

runFamily('PAG');
