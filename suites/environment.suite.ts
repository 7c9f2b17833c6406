import { runFamily } from '../src/engine/harness.js'; import { environmentChecks } from '../src/checks/environment.js'; runFamily('ENV', environmentChecks);
