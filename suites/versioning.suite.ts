import { runFamily } from '../src/engine/harness.js'; import { versioningChecks } from '../src/checks/versioning.js'; runFamily('VER', versioningChecks);
