import { runFamily } from '../src/engine/harness.js'; import { errorChecks } from '../src/checks/errors.js'; runFamily('ERR', errorChecks);
