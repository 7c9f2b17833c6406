import { runFamily } from '../src/engine/harness.js'; import { paymentChecks } from '../src/checks/payments.js'; runFamily('V2-PAY', paymentChecks);
