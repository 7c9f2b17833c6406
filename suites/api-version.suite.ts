import { runFamily } from '../src/engine/harness.js'; import { apiVersionChecks } from '../src/checks/api-version.js'; runFamily('V2-VER', apiVersionChecks);
