import { runFamily } from '../src/engine/harness.js'; import { paginationChecks } from '../src/checks/pagination.js'; runFamily('PAG', paginationChecks);
