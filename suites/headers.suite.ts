import { runFamily } from '../src/engine/harness.js'; import { headerChecks } from '../src/checks/headers.js'; runFamily('HDR', headerChecks);
