import { runFamily } from '../src/engine/harness.js'; import { secretChecks } from '../src/checks/secrets.js'; runFamily('V2-AUTH', secretChecks);
