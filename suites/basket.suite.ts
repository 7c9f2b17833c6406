import { runFamily } from '../src/engine/harness.js'; import { basketChecks } from '../src/checks/basket.js'; runFamily('V2-BSK', basketChecks);
