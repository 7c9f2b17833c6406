import { runFamily } from '../src/engine/harness.js'; import { cartChecks } from '../src/checks/cart.js'; runFamily('CART', cartChecks);
