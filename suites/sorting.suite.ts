import { runFamily } from '../src/engine/harness.js'; import { sortingChecks } from '../src/checks/sorting.js'; runFamily('SRT', sortingChecks);
