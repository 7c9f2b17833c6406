// The FMT family's checks (src/checks/formats.ts), run by storefront-check through vitest.
import { runFamily } from '../src/engine/harness.js';

runFamily('FMT');
