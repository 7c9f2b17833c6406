import { runFamily } from '../src/engine/harness.js'; import { idempotencyChecks } from '../src/checks/idempotency.js'; runFamily('IDM', idempotencyChecks);
