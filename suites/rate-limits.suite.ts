import { runFamily } from '../src/engine/harness.js'; import { rateLimitChecks } from '../src/checks/rate-limits.js'; runFamily('RL', rateLimitChecks);
