import { runFamily } from '../src/engine/harness.js'; import { searchContentChecks } from '../src/checks/search-content.js'; runFamily('SEARCH', searchContentChecks);
