import { runFamily } from '../src/engine/harness.js'; import { authChecks } from '../src/checks/auth.js'; runFamily('AUTH', authChecks);
