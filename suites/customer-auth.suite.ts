import { runFamily } from '../src/engine/harness.js'; import { customerAuthChecks } from '../src/checks/customer-auth.js'; runFamily('V2-AUTH', customerAuthChecks);
