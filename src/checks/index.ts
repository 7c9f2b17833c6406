// The registry of check families: the one place a family's name meets its checks. Suite files
// (suites/<family>.suite.ts) and the in-process driver both read it, so a run through vitest and a
// run in-process execute the same checks.

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
  ERR: errorChecks,
  FLT: filteringChecks,
  FMT: formatChecks,
  HDR: headerChecks,
  IDM: idempotencyChecks,
  PAG: paginationChecks,
  RL: rateLimitChecks,
  SEARCH: searchContentChecks,
  SRT: sortingChecks,
  VER: versioningChecks,
} as const satisfies Record<string, CheckDef[]>;

export type FamilyName = keyof typeof CHECK_FAMILIES;
