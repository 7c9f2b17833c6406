import { runFamily } from '../src/engine/harness.js'; import { formatChecks } from '../src/checks/formats.js'; runFamily('FMT', formatChecks);
