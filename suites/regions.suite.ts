import { runFamily } from '../src/engine/harness.js'; import { regionChecks } from '../src/checks/regions.js'; runFamily('V2-HDR', regionChecks);
