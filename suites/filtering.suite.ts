import { runFamily } from '../src/engine/harness.js'; import { filteringChecks } from '../src/checks/filtering.js'; runFamily('FLT', filteringChecks);
