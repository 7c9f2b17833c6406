import { runFamily } from '../src/engine/harness.js'; import { clientReferenceChecks } from '../src/checks/client-reference.js'; runFamily('V2-IDM', clientReferenceChecks);
