// The registry of check families: the one place a family's name meets its checks (a check's
// clause family comes from its clause; the key names the suite file). Suite files
// (suites/<family>.suite.ts) and the in-process driver both read it, so a run through vitest and a
// run in-process execute the same checks.

import { apiVersionChecks } from './api-version.js';
import { basketChecks } from './basket.js';
import { clientReferenceChecks } from './client-reference.js';
import { customerAuthChecks } from './customer-auth.js';
import { documentedErrorChecks } from './documented-errors.js';
import { documentedErrorChecksV2 } from './documented-errors-v2.js';
import { paymentChecks } from './payments.js';
import { productSearchChecks } from './product-search.js';
import { regionChecks } from './regions.js';
import { secretChecks } from './secrets.js';
import { authChecks } from './auth.js';
import { cartChecks } from './cart.js';
import { environmentChecks } from './environment.js';
import { errorChecks } from './errors.js';
import { filteringChecks } from './filtering.js';
import { formatChecks } from './formats.js';
import { headerChecks } from './headers.js';
import { idempotencyChecks } from './idempotency.js';
import { paginationChecks } from './pagination.js';
import { rateLimitChecks } from './rate-limits.js';
import { searchContentChecks } from './search-content.js';
import { sortingChecks } from './sorting.js';
import type { CheckDef } from './types.js';
import { versioningChecks } from './versioning.js';

export const CHECK_FAMILIES = {
  AUTH: authChecks,
  CART: cartChecks,
  ENV: environmentChecks,
  ERR: [...errorChecks, ...documentedErrorChecks, ...documentedErrorChecksV2],
  FLT: filteringChecks,
  FMT: formatChecks,
  HDR: headerChecks,
  IDM: idempotencyChecks,
  PAG: paginationChecks,
  RL: rateLimitChecks,
  SEARCH: searchContentChecks,
  SRT: sortingChecks,
  VER: versioningChecks,
  // families only some packs have (each check's fitsPack says which); keyed by suite, not by clause
  'API-VERSION': apiVersionChecks,
  BASKET: basketChecks,
  'CLIENT-REFERENCE': clientReferenceChecks,
  'CUSTOMER-AUTH': customerAuthChecks,
  PAYMENTS: paymentChecks,
  'PRODUCT-SEARCH': productSearchChecks,
  REGIONS: regionChecks,
  SECRETS: secretChecks,
} as const satisfies Record<string, CheckDef[]>;

export type FamilyName = keyof typeof CHECK_FAMILIES;
