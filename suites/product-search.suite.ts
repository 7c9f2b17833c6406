import { runFamily } from '../src/engine/harness.js'; import { productSearchChecks } from '../src/checks/product-search.js'; runFamily('V2-FLT', productSearchChecks);
